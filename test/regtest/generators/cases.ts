/**
 * The differential cases: every contract × wrapping × spending path × applicable mutation, with a
 * seeded RNG choosing keys, secrets, locks, amounts, hash types and helper inputs. `generateCases`
 * needs only the chain's height and median time; `buildSpend` turns a case and its funded
 * outpoints into the spending transaction.
 */
import { Transaction } from 'bitcoinjs-lib';
import type { Bytes } from '../../../shared/bitcoin/bytes';
import { SEQUENCE_FINAL } from '../../../shared/bitcoin/checker';
import type { Prevout } from '../../../shared/bitcoin/txTypes';
import { SeededRng } from '../../../shared/rng';
import {
  type ChainView,
  type Contract,
  type ContractOptions,
  decredSwapContract,
  htlcContract,
  keyHashContract,
  multisigContract,
  rsmcContract,
  rsmcSeedContract,
  type Sign,
  type SpendPath,
  type Timelock,
  tierNolanSwapContract,
} from './contracts';
import { makeKey, type TestKey } from './keys';
import { type CaseShape, MUTATIONS, type Mutation, type TxFields } from './mutations';
import { signInput } from './signing';
import {
  encodeScriptSig,
  encodeWitness,
  type Locking,
  locking,
  p2pkhScript,
  p2wpkhScript,
  placeItems,
  type Wrap,
  WRAPS,
} from './spend';
import { hash160 } from '../../../shared/bitcoin/hashes';

interface CatalogueEntry {
  make(rng: SeededRng, chain: ChainView, o: ContractOptions): Contract;
  readonly wraps: readonly (Wrap | undefined)[];
  readonly supportsUncompressed: boolean;
}

const NO_WRAP = [undefined] as const;

const CATALOGUE: readonly CatalogueEntry[] = [
  { make: (r, _c, o) => keyHashContract('p2pkh', r, o), wraps: NO_WRAP, supportsUncompressed: false },
  { make: (r) => keyHashContract('p2pkh', r, { uncompressed: true }), wraps: NO_WRAP, supportsUncompressed: false },
  { make: (r, _c, o) => keyHashContract('p2wpkh', r, o), wraps: NO_WRAP, supportsUncompressed: true },
  { make: (r, _c, o) => keyHashContract('p2sh-p2wpkh', r, o), wraps: NO_WRAP, supportsUncompressed: true },
  { make: (r, _c, o) => multisigContract(2, 2, r, o), wraps: WRAPS, supportsUncompressed: true },
  { make: (r, _c, o) => multisigContract(2, 3, r, o), wraps: WRAPS, supportsUncompressed: true },
  {
    make: (r, c, o) => htlcContract({ kind: 'cltv-height' }, 'sha256', c, r, o),
    wraps: WRAPS,
    supportsUncompressed: true,
  },
  {
    make: (r, c, o) => htlcContract({ kind: 'cltv-time' }, 'hash160', c, r, o),
    wraps: WRAPS,
    supportsUncompressed: true,
  },
  {
    make: (r, c, o) => htlcContract({ kind: 'csv-height' }, 'hash160', c, r, o),
    wraps: WRAPS,
    supportsUncompressed: true,
  },
  {
    make: (r, c, o) => htlcContract({ kind: 'csv-time' }, 'sha256', c, r, o),
    wraps: WRAPS,
    supportsUncompressed: true,
  },
  { make: (r, c) => decredSwapContract(c, r), wraps: WRAPS, supportsUncompressed: false },
  { make: (r, c) => tierNolanSwapContract(c, r), wraps: WRAPS, supportsUncompressed: false },
  { make: (r, _c, o) => rsmcContract(r, o), wraps: WRAPS, supportsUncompressed: true },
  { make: (r) => rsmcSeedContract(r), wraps: WRAPS, supportsUncompressed: false },
];

/** Hash types for valid signatures (SIGHASH_ALL most often, as wallets do). */
const HASH_TYPES = [0x01, 0x01, 0x01, 0x02, 0x03, 0x81, 0x82, 0x83] as const;

export interface HelperInput {
  readonly key: TestKey;
  readonly amount: bigint;
  /** Where the helper input sits: the case input is the other one. */
  readonly position: 0 | 1;
  /**
   * No output for the helper: a SIGHASH_SINGLE case input at index 1 then has no matching output
   * (legacy signs the digest 1, Core's "SIGHASH_SINGLE bug"; BIP143 signs no outputs).
   */
  readonly noOwnOutput: boolean;
}

export interface CaseSpec {
  readonly id: string;
  readonly contract: Contract;
  readonly locking: Locking;
  readonly path: SpendPath;
  readonly mutation: Mutation;
  readonly hashType: number;
  readonly amount: bigint;
  readonly helper: HelperInput | undefined;
  /** Seeds what `buildSpend` draws (extra pushes, foreign keys, sequences). */
  readonly seed: number;
}

const PLACEHOLDER_SIG = new Uint8Array(72).fill(0x30);

function shapeOf(contract: Contract, l: Locking, path: SpendPath, supportsUncompressed: boolean): CaseShape {
  const parts = placeItems(
    l,
    path.unlock(() => PLACEHOLDER_SIG),
  );
  return {
    contractKind: contract.kind,
    segwit: l.sigVersion === 'WITNESS_V0',
    supportsUncompressed,
    timelock: path.timelock,
    scriptSigHasSig: parts.scriptSig.some((i) => i.kind === 'sig'),
    witnessLength: parts.witness.length,
    hasSelector: [...parts.scriptSig, ...parts.witness].some((i) => i.kind === 'num' && i.role === 'selector'),
    hasDummy: [...parts.scriptSig, ...parts.witness].some((i) => i.kind === 'num' && i.role === 'dummy'),
    hasPreimage: [...parts.scriptSig, ...parts.witness].some((i) => i.kind === 'data' && i.role === 'preimage'),
  };
}

export function generateCases(seed: number, chain: ChainView): CaseSpec[] {
  const rng = new SeededRng(seed);
  const cases: CaseSpec[] = [];
  CATALOGUE.forEach((entry, entryIndex) => {
    for (const wrap of entry.wraps) {
      // One RNG per contract, so adding a mutation does not change every other case's keys.
      const contractSeed = rng.nextU32();
      const make = (o: ContractOptions): Contract => entry.make(new SeededRng(contractSeed), chain, o);
      const contracts = {
        plain: make({}),
        uncompressed: entry.supportsUncompressed ? make({ uncompressed: true }) : undefined,
      };
      for (const mutation of MUTATIONS) {
        const contract = mutation.contractOptions?.uncompressed ? contracts.uncompressed : contracts.plain;
        if (!contract) continue;
        const l = locking(contract, wrap);
        contract.paths.forEach((path) => {
          if (!mutation.applies(shapeOf(contract, l, path, entry.supportsUncompressed))) return;
          const hashType = rng.pick(HASH_TYPES);
          const helper = mutation.singleWithoutOutput
            ? { key: makeKey(rng, 'helper'), amount: 600_000n, position: 0 as const, noOwnOutput: true }
            : rng.nextFloat() < 0.3
              ? makeHelper(rng, hashType)
              : undefined;
          cases.push({
            id: `${String(cases.length).padStart(3, '0')} ${l.label}/${path.name}/${mutation.name}`,
            contract,
            locking: l,
            path,
            mutation,
            hashType,
            amount: 1_000_000n + BigInt(rng.int(1_000_000)),
            helper,
            seed: rng.nextU32() + entryIndex,
          });
        });
      }
    }
  });
  return cases;
}

function makeHelper(rng: SeededRng, hashType: number): HelperInput {
  const position = rng.int(2) as 0 | 1;
  const single = (hashType & 0x1f) === 0x03;
  return {
    key: makeKey(rng, 'helper'),
    amount: 600_000n + BigInt(rng.int(400_000)),
    position,
    noOwnOutput: position === 0 && single && rng.nextFloat() < 0.6,
  };
}

export interface Outpoint {
  /** txid in internal byte order (as bitcoinjs' addInput takes it). */
  readonly hash: Bytes;
  readonly index: number;
}

export interface BuiltSpend {
  readonly tx: Transaction;
  /** Prevouts in input order. */
  readonly prevouts: readonly Prevout[];
  readonly caseInput: number;
}

export const FEE = 20_000n;

function baseFields(lock: Timelock | undefined, rng: SeededRng): TxFields {
  switch (lock?.kind) {
    case 'cltv':
      return { version: 2, locktime: lock.locktime, sequence: rng.pick([0, 0xffff_fffe]) };
    case 'nlocktime':
      return { version: 2, locktime: lock.locktime, sequence: 0xffff_fffe };
    case 'csv':
    case 'bip68':
      return { version: 2, locktime: 0, sequence: lock.sequence };
    case undefined:
      return {
        version: rng.pick([1, 2]),
        locktime: 0,
        sequence: rng.pick([SEQUENCE_FINAL, 0xffff_fffe, 0xffff_fffd, 0]),
      };
  }
}

export function buildSpend(
  spec: CaseSpec,
  chain: ChainView,
  funding: { case: Outpoint; helper?: Outpoint },
  sink: TestKey,
): BuiltSpend {
  const rng = new SeededRng(spec.seed);
  const { mutation, path, locking: l } = spec;
  let fields = baseFields(path.timelock, rng);
  if (mutation.tx && path.timelock) fields = mutation.tx(fields, path.timelock, chain);

  const tx = new Transaction();
  tx.version = fields.version;
  tx.locktime = fields.locktime;
  const caseInput = spec.helper?.position === 0 ? 1 : 0;
  const helperPrevout: Prevout | undefined = spec.helper && {
    scriptPubKey: p2wpkhScript(spec.helper.key.publicKey),
    amount: spec.helper.amount,
  };
  const casePrevout: Prevout = { scriptPubKey: l.scriptPubKey, amount: spec.amount };
  const inputs: { outpoint: Outpoint; sequence: number; prevout: Prevout }[] = [
    { outpoint: funding.case, sequence: fields.sequence, prevout: casePrevout },
  ];
  if (spec.helper && helperPrevout && funding.helper) {
    const helper = { outpoint: funding.helper, sequence: SEQUENCE_FINAL - 1, prevout: helperPrevout };
    if (spec.helper.position === 0) inputs.unshift(helper);
    else inputs.push(helper);
  }
  for (const input of inputs) tx.addInput(input.outpoint.hash, input.outpoint.index, input.sequence);
  tx.addOutput(p2wpkhScript(sink.publicKey), spec.amount - FEE);
  if (spec.helper && !spec.helper.noOwnOutput)
    tx.addOutput(p2pkhScript(hash160(sink.publicKey)), spec.helper.amount - FEE);

  const stranger = makeKey(rng, 'stranger');
  let first = true;
  const sign: Sign = (key) => {
    const hashType = mutation.signHashType ?? spec.hashType;
    const signer = first && mutation.foreignKey ? stranger : key;
    const amount = spec.amount + (l.sigVersion === 'WITNESS_V0' ? (mutation.amountDelta ?? 0n) : 0n);
    let sig = signInput(signer, {
      tx,
      inputIndex: caseInput,
      scriptCode: l.scriptCode,
      sigVersion: l.sigVersion,
      amount,
      hashType,
    });
    if (first && mutation.signature) sig = mutation.signature(sig, hashType);
    first = false;
    return sig;
  };
  let parts = placeItems(l, path.unlock(sign));
  if (mutation.parts) parts = mutation.parts(parts, rng);
  tx.setInputScript(caseInput, encodeScriptSig(parts.scriptSig));
  tx.setWitness(caseInput, encodeWitness(parts.witness));

  if (spec.helper && helperPrevout) {
    const helperInput = 1 - caseInput;
    const key = spec.helper.key;
    const sig = signInput(key, {
      tx,
      inputIndex: helperInput,
      scriptCode: p2pkhScript(hash160(key.publicKey)),
      sigVersion: 'WITNESS_V0',
      amount: spec.helper.amount,
      hashType: 0x01,
    });
    tx.setWitness(helperInput, [sig, key.publicKey]);
  }
  return { tx, prevouts: inputs.map((i) => i.prevout), caseInput };
}
