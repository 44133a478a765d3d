/**
 * Mutations of a valid spend: the malleations from the seed's Mt.Gox story (high S, BER encodings,
 * other push opcodes, extra pushes), broken hash types, witness changes, broken timelocks, a
 * non-zero CHECKMULTISIG dummy, uncompressed keys in SegWit and a wrong amount under BIP143.
 * Some keep the spend valid under some rules (the point of a differential test is to find out).
 */
import { concat, type Bytes } from '../../../shared/bitcoin/bytes';
import { OP } from '../../../shared/bitcoin/opcodes';
import { SIGHASH_ALL, SIGHASH_SINGLE } from '../../../shared/bitcoin/signatureEncoding';
import type { SeededRng } from '../../../shared/rng';
import type { ChainView, ContractOptions, Item, Timelock } from './contracts';
import type { SpendParts } from './spend';
import { longFormLength, padR, toHighS, withHashTypeByte } from './signing';

/** What a mutation needs to know about a spend to decide whether it applies. */
export interface CaseShape {
  readonly contractKind: 'p2pkh' | 'p2wpkh' | 'p2sh-p2wpkh' | 'script';
  readonly segwit: boolean;
  readonly supportsUncompressed: boolean;
  readonly timelock: Timelock | undefined;
  readonly scriptSigHasSig: boolean;
  readonly witnessLength: number;
  readonly hasSelector: boolean;
  readonly hasDummy: boolean;
  readonly hasPreimage: boolean;
}

export interface TxFields {
  readonly version: number;
  readonly locktime: number;
  readonly sequence: number;
}

export interface Mutation {
  readonly name: string;
  applies(shape: CaseShape): boolean;
  readonly contractOptions?: ContractOptions;
  /** Changes the transaction before signing, so signatures stay valid and only the lock fails. */
  tx?(fields: TxFields, lock: Timelock, chain: ChainView): TxFields;
  /** Changes the first signature after signing. */
  signature?(sig: Bytes, hashType: number): Bytes;
  /** The first signature is made with a key the script does not name. */
  readonly foreignKey?: boolean;
  /** Every signature signs this hash type instead of the case's. */
  readonly signHashType?: number;
  /**
   * Not a malleation: the case input at index 1 behind a helper input, with one output only, so
   * that SIGHASH_SINGLE has no matching output (legacy: Core's SIGHASH_SINGLE bug).
   */
  readonly singleWithoutOutput?: boolean;
  /** Every BIP143 signature commits to the amount plus this. */
  readonly amountDelta?: bigint;
  parts?(parts: SpendParts, rng: SeededRng): SpendParts;
}

const always = (): boolean => true;

/** Replaces the first item matching `match` in a list. */
function replaceFirst(items: readonly Item[], match: (i: Item) => boolean, by: (i: Item) => Item): Item[] {
  const at = items.findIndex(match);
  return at < 0 ? items.slice() : items.map((item, i) => (i === at ? by(item) : item));
}

const isSelector = (i: Item): boolean => i.kind === 'num' && i.role === 'selector';
const isSig = (i: Item): boolean => i.kind === 'sig';
const bytesOf = (i: Item): Bytes => (i.kind === 'num' ? Uint8Array.of() : i.bytes);

/** Changes the scriptSig when the items are there (legacy, P2SH), otherwise the witness. */
function inPlace(parts: SpendParts, segwit: boolean, f: (items: readonly Item[]) => Item[]): SpendParts {
  return segwit ? { ...parts, witness: f(parts.witness) } : { ...parts, scriptSig: f(parts.scriptSig) };
}

export const MUTATIONS: readonly Mutation[] = [
  { name: 'none', applies: always },
  { name: 'sighash-single-without-output', applies: always, signHashType: SIGHASH_SINGLE, singleWithoutOutput: true },
  { name: 'high-s', applies: always, signature: (sig) => toHighS(sig) },
  { name: 'der-padded-r', applies: always, signature: (sig) => padR(sig) },
  { name: 'der-long-form-length', applies: always, signature: (sig) => longFormLength(sig) },
  {
    name: 'wrong-sighash-byte',
    applies: always,
    signature: (sig, hashType) =>
      withHashTypeByte(sig, (hashType & 0x1f) === SIGHASH_ALL ? SIGHASH_SINGLE : SIGHASH_ALL),
  },
  { name: 'undefined-sighash-0x04', applies: always, signHashType: 0x04 },
  { name: 'undefined-sighash-0x00', applies: always, signHashType: 0x00 },
  { name: 'empty-signature', applies: always, signature: () => Uint8Array.of() },
  { name: 'foreign-key', applies: always, foreignKey: true },
  { name: 'wrong-amount-bip143', applies: (s) => s.segwit, amountDelta: 1_000n },
  {
    name: 'sig-pushdata1',
    applies: (s) => s.scriptSigHasSig,
    parts: (p) => ({
      ...p,
      scriptSig: replaceFirst(p.scriptSig, isSig, (i) =>
        raw(concat(Uint8Array.of(OP.OP_PUSHDATA1, bytesOf(i).length), bytesOf(i))),
      ),
    }),
  },
  {
    name: 'sig-pushdata2',
    applies: (s) => s.scriptSigHasSig,
    parts: (p) => ({
      ...p,
      scriptSig: replaceFirst(p.scriptSig, isSig, (i) =>
        raw(concat(Uint8Array.of(OP.OP_PUSHDATA2, bytesOf(i).length, 0), bytesOf(i))),
      ),
    }),
  },
  {
    name: 'op1-as-data-push',
    applies: (s) => s.hasSelector && !s.segwit,
    parts: (p) => ({
      ...p,
      scriptSig: replaceFirst(p.scriptSig, isSelector, (i) => raw(Uint8Array.of(1, i.kind === 'num' ? i.value : 0))),
    }),
  },
  {
    // A number with a superfluous 0x00 byte: a minimal push of a non-minimal number.
    name: 'non-minimal-number',
    applies: (s) => s.hasSelector,
    parts: (p) =>
      inPlace(p, p.witness.length > 0, (items) =>
        replaceFirst(items, isSelector, (i) => ({
          kind: 'data',
          bytes: i.kind === 'num' && i.value === 1 ? Uint8Array.of(1, 0) : Uint8Array.of(0),
        })),
      ),
  },
  {
    name: 'extra-push-scriptsig',
    applies: always,
    parts: (p, rng) => ({ ...p, scriptSig: [{ kind: 'data', bytes: rng.bytes(3) }, ...p.scriptSig] }),
  },
  {
    name: 'non-push-scriptsig',
    applies: always,
    parts: (p) => ({ ...p, scriptSig: [raw(Uint8Array.of(OP.OP_NOP)), ...p.scriptSig] }),
  },
  {
    name: 'witness-extra-item',
    applies: (s) => s.segwit,
    parts: (p, rng) => ({ ...p, witness: [{ kind: 'data', bytes: rng.bytes(1 + rng.int(8)) }, ...p.witness] }),
  },
  {
    name: 'witness-swapped-items',
    applies: (s) => s.segwit && s.witnessLength >= 2,
    parts: (p) => ({ ...p, witness: [p.witness[1]!, p.witness[0]!, ...p.witness.slice(2)] }),
  },
  { name: 'witness-dropped-item', applies: (s) => s.segwit, parts: (p) => ({ ...p, witness: p.witness.slice(1) }) },
  {
    // Only the script, nothing for its IF to test: litecoind says UNBALANCED_CONDITIONAL, today's
    // Bitcoin Core INVALID_STACK_OPERATION (docs/litecoin-rules.md).
    name: 'if-on-empty-stack',
    applies: (s) => s.hasSelector,
    parts: (p) => {
      const scriptOnly = (items: readonly Item[]): Item[] =>
        items.filter((i) => i.kind === 'data' && i.role === 'script');
      return { ...p, scriptSig: scriptOnly(p.scriptSig), witness: scriptOnly(p.witness) };
    },
  },
  {
    name: 'nonzero-multisig-dummy',
    applies: (s) => s.hasDummy,
    parts: (p) => {
      const isDummy = (i: Item): boolean => i.kind === 'num' && i.role === 'dummy';
      const by = (): Item => ({ kind: 'num', value: 1, role: 'dummy' });
      return p.witness.some(isDummy)
        ? { ...p, witness: replaceFirst(p.witness, isDummy, by) }
        : { ...p, scriptSig: replaceFirst(p.scriptSig, isDummy, by) };
    },
  },
  {
    name: 'wrong-preimage',
    applies: (s) => s.hasPreimage,
    parts: (p) => {
      const isPre = (i: Item): boolean => i.kind === 'data' && i.role === 'preimage';
      const flip = (i: Item): Item => {
        const bytes = Uint8Array.from(bytesOf(i));
        bytes[bytes.length - 1]! ^= 1;
        return { kind: 'data', bytes, role: 'preimage' };
      };
      return p.witness.some(isPre)
        ? { ...p, witness: replaceFirst(p.witness, isPre, flip) }
        : { ...p, scriptSig: replaceFirst(p.scriptSig, isPre, flip) };
    },
  },
  {
    name: 'uncompressed-key-segwit',
    applies: (s) => s.segwit && s.supportsUncompressed,
    contractOptions: { uncompressed: true },
  },
  {
    name: 'csv-sequence-too-low',
    applies: (s) => s.timelock?.kind === 'csv',
    tx: (f) => ({ ...f, sequence: f.sequence - 1 }),
  },
  {
    name: 'csv-sequence-disabled',
    applies: (s) => s.timelock?.kind === 'csv',
    tx: (f) => ({ ...f, sequence: (f.sequence | 0x8000_0000) >>> 0 }),
  },
  { name: 'csv-tx-version-1', applies: (s) => s.timelock?.kind === 'csv', tx: (f) => ({ ...f, version: 1 }) },
  {
    name: 'cltv-locktime-too-low',
    applies: (s) => s.timelock?.kind === 'cltv',
    tx: (f) => ({ ...f, locktime: f.locktime - 1 }),
  },
  {
    name: 'cltv-final-sequence',
    applies: (s) => s.timelock?.kind === 'cltv',
    tx: (f) => ({ ...f, sequence: 0xffff_ffff }),
  },
  {
    name: 'cltv-locktime-other-kind',
    applies: (s) => s.timelock?.kind === 'cltv',
    // Height locks get a time, time locks a height: both final, neither comparable.
    tx: (f, _lock, chain) => ({
      ...f,
      locktime: f.locktime >= 500_000_000 ? chain.height - 1 : chain.medianTime - 100_000,
    }),
  },
];

function raw(bytes: Bytes): Item {
  return { kind: 'raw', bytes };
}
