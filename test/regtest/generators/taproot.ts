/**
 * Generated Taproot spends for the node and the engine to judge (test/regtest/taproot.test.ts):
 * key path and script path, every hash type, mutated signatures and control blocks, unknown leaf
 * versions and key types, OP_SUCCESSx, annexes, tapscript items around 80 bytes, non-minimal IF
 * arguments and P2TR dust. Each spec has its own P2TR output (its own tree), funded by the miner;
 * the spend is built once the outpoint is known. Signatures are BIP340 with all-zero aux_rand,
 * so the same seed gives the same transactions.
 */
import * as secp from 'tiny-secp256k1';
import { type Bytes, concat, toHex } from '../../../shared/bitcoin/bytes';
import { sha256 } from '../../../shared/bitcoin/hashes';
import { OP } from '../../../shared/bitcoin/opcodes';
import { compileScript } from '../../../shared/bitcoin/script';
import { taprootSighash } from '../../../shared/bitcoin/sighash';
import { type TapLeaf, taprootOutput, type TaprootOutput } from '../../../shared/bitcoin/taproot';
import { Transaction } from '../../../shared/bitcoin/transaction';
import type { Prevout } from '../../../shared/bitcoin/txTypes';
import type { SeededRng } from '../../../shared/rng';
import type { Outpoint } from './cases';
import type { PolicyCase, RuleId } from './policyRules';

export const TAPROOT_RULES = ['taproot-key-path', 'taproot-script-path', 'taproot-dust'] as const;

const AMOUNT = 1_000_000n;
const FEE = 20_000n;
const AUX = new Uint8Array(32);
const TAPSCRIPT = 0xc0;
/** Litecoin Core 0.21's P2TR dust: (43 + 67) bytes × 30 litoshi/vB (policy/policy.cpp:15, policy.h:52). */
const LTC_P2TR_DUST = 3_300n;
/** BIP342's OP_SUCCESSx opcodes. */
const OP_SUCCESS = [
  80,
  98,
  126,
  127,
  128,
  129,
  131,
  132,
  133,
  134,
  137,
  138,
  141,
  142,
  149,
  150,
  151,
  152,
  153,
  ...Array.from({ length: 254 - 187 + 1 }, (_, i) => 187 + i),
];
/** SIGHASH_DEFAULT, ALL, NONE, SINGLE and each with ANYONECANPAY. */
export const VALID_HASH_TYPES = [0x00, 0x01, 0x02, 0x03, 0x81, 0x82, 0x83];

export interface TaprootSpec {
  readonly id: string;
  readonly rule: RuleId;
  readonly scriptPubKey: Bytes;
  readonly amount: bigint;
  readonly spend: (outpoint: Outpoint) => PolicyCase;
}

function secretKey(rng: SeededRng): Bytes {
  let secret = rng.bytes(32);
  while (!secp.isPrivate(secret)) secret = rng.bytes(32);
  return secret;
}

const xonly = (sk: Bytes): Bytes => secp.xOnlyPointFromScalar(sk);
const annexHashOf = (annex: Bytes | undefined) =>
  annex ? sha256(concat(Uint8Array.of(annex.length), annex)) : undefined;

function tweakedSecret(internal: Bytes, output: TaprootOutput): Bytes {
  const odd = secp.pointFromScalar(internal, true)![0] === 3;
  return secp.privateAdd(odd ? secp.privateNegate(internal) : internal, output.tweak)!;
}

function withHashType(sig: Bytes, hashType: number): Bytes {
  return hashType === 0 ? sig : concat(sig, Uint8Array.of(hashType));
}

/** A spend of one P2TR coin to `pay` (plus, with `extra`, a second output first: the dust cases). */
function spendingTx(outpoint: Outpoint, pay: Bytes, extra?: { script: Bytes; value: bigint }): Transaction {
  const tx = new Transaction();
  tx.version = 2;
  tx.addInput(outpoint.hash, outpoint.index, 0xfffffffd);
  if (extra) tx.addOutput(extra.script, extra.value);
  tx.addOutput(pay, AMOUNT - FEE - (extra?.value ?? 0n));
  return tx;
}

function flipBit(rng: SeededRng, bytes: Bytes, from = 0): Bytes {
  const copy = Uint8Array.from(bytes);
  const at = from + rng.int(copy.length - from);
  copy[at] = copy[at]! ^ (1 << rng.int(8));
  return copy;
}

/** What a case does with its spend: the witness, given the transaction and a signer. */
interface Built {
  readonly what: string;
  readonly witness: Bytes[];
}

interface KeyPathSigner {
  sign(tx: Transaction, hashType: number, annex?: Bytes): Bytes;
}

interface LeafSigner {
  sign(tx: Transaction, leaf: number, hashType: number, signer: Bytes, annex?: Bytes): Bytes;
}

function spec(
  id: string,
  rule: RuleId,
  output: TaprootOutput,
  pay: Bytes,
  build: (tx: Transaction, prevouts: readonly Prevout[]) => Built,
  extra?: { script: Bytes; value: bigint },
): TaprootSpec {
  return {
    id,
    rule,
    scriptPubKey: output.scriptPubKey,
    amount: AMOUNT,
    spend: (outpoint) => {
      const prevouts = [{ scriptPubKey: output.scriptPubKey, amount: AMOUNT }];
      const tx = spendingTx(outpoint, pay, extra);
      const built = build(tx, prevouts);
      tx.setWitness(0, built.witness);
      return { rule, id: `${id}: ${built.what}`, hex: toHex(tx.toBuffer()), scriptBlock: prevouts };
    },
  };
}

function keyPathSigner(internal: Bytes, output: TaprootOutput): KeyPathSigner {
  const secret = tweakedSecret(internal, output);
  return {
    sign: (tx, hashType, annex) => {
      const prevouts = [{ scriptPubKey: output.scriptPubKey, amount: AMOUNT }];
      const digest = taprootSighash(tx, 0, prevouts, hashType, 'TAPROOT', { annexHash: annexHashOf(annex) })!.digest;
      return withHashType(secp.signSchnorr(digest, secret, AUX), hashType);
    },
  };
}

function leafSigner(output: TaprootOutput): LeafSigner {
  return {
    sign: (tx, leaf, hashType, signer, annex) => {
      const prevouts = [{ scriptPubKey: output.scriptPubKey, amount: AMOUNT }];
      const spendData = {
        annexHash: annexHashOf(annex),
        tapleafHash: output.leaves[leaf]!.leafHash,
        codeSeparatorPos: 0xffffffff,
      };
      const digest = taprootSighash(tx, 0, prevouts, hashType, 'TAPSCRIPT', spendData)!.digest;
      return withHashType(secp.signSchnorr(digest, signer, AUX), hashType);
    },
  };
}

/** The witness of a script-path spend of leaf `i`: its inputs, the script, the control block. */
function reveal(output: TaprootOutput, i: number, inputs: readonly Bytes[], annex?: Bytes): Bytes[] {
  const leaf = output.leaves[i]!;
  return [...inputs, leaf.leaf.script, leaf.controlBlock, ...(annex ? [annex] : [])];
}

/** A random annex: 0x50 and up to 40 more bytes. */
const randomAnnex = (rng: SeededRng): Bytes => concat(Uint8Array.of(0x50), rng.bytes(rng.int(41)));

/** `count` key-path cases of each kind, each on a key-only output or one with a one-leaf tree. */
export function keyPathSpecs(rng: SeededRng, pay: Bytes, count: number): TaprootSpec[] {
  const kinds = ['valid', 'bad-signature', 'bad-hash-type', 'bad-size', 'annex'] as const;
  const specs: TaprootSpec[] = [];
  for (let n = 0; n < count; n++) {
    for (const kind of kinds) {
      const internal = secretKey(rng);
      const tree: TapLeaf | undefined = rng.int(2)
        ? { script: compileScript([xonly(secretKey(rng)), OP.OP_CHECKSIG]), leafVersion: TAPSCRIPT }
        : undefined;
      const output = taprootOutput(xonly(internal), tree)!;
      const signer = keyPathSigner(internal, output);
      const id = `taproot-key-path #${String(n).padStart(2, '0')} ${kind}${tree ? ' (with a tree)' : ''}`;
      specs.push(
        spec(id, 'taproot-key-path', output, pay, (tx) => {
          // Case n of a kind signs with hash type n mod 7: COUNT ≥ 7 covers each one.
          const hashType = VALID_HASH_TYPES[n % VALID_HASH_TYPES.length]!;
          switch (kind) {
            case 'valid':
              return { what: `hash type ${hashType}`, witness: [signer.sign(tx, hashType)] };
            case 'bad-signature':
              return { what: 'a flipped bit', witness: [flipBit(rng, signer.sign(tx, hashType).subarray(0, 64))] };
            case 'bad-hash-type': {
              // An explicit 0x00 byte, or a byte that names no hash type.
              const invalid = rng.int(4) === 0 ? 0 : rng.pick([0x04, 0x40, 0x80, 0x84, 0xc1, 0xff]);
              const sig = signer.sign(tx, 0);
              return { what: `hash type byte ${invalid}`, witness: [concat(sig, Uint8Array.of(invalid))] };
            }
            case 'bad-size': {
              const size = rng.pick([0, 1, 32, 63, 66, 72]);
              const sig = concat(signer.sign(tx, 1), rng.bytes(8)).subarray(0, size);
              return { what: `a ${size}-byte signature`, witness: [sig] };
            }
            case 'annex': {
              const annex = randomAnnex(rng);
              return { what: `an annex of ${annex.length} bytes`, witness: [signer.sign(tx, hashType, annex), annex] };
            }
          }
        }),
      );
    }
  }
  return specs;
}

/** `count` script-path cases of each kind; each output's tree puts the leaf under test beside a CHECKSIG leaf. */
export function scriptPathSpecs(rng: SeededRng, pay: Bytes, count: number): TaprootSpec[] {
  const kinds = [
    'checksig',
    'checksig-bad-signature',
    'checksigadd',
    'op-success',
    'unknown-leaf-version',
    'stack-item-size',
    'unknown-pubkey-type',
    'annex',
    'bad-control-block',
    'minimal-if',
  ] as const;
  const specs: TaprootSpec[] = [];
  for (let n = 0; n < count; n++) {
    for (const kind of kinds) {
      const internal = secretKey(rng);
      const a = secretKey(rng);
      const b = secretKey(rng);
      const checksig: TapLeaf = { script: compileScript([xonly(a), OP.OP_CHECKSIG]), leafVersion: TAPSCRIPT };
      let leaf: TapLeaf;
      let what = '';
      let itemSize = 0;
      switch (kind) {
        case 'checksig':
        case 'checksig-bad-signature':
        case 'annex':
        case 'bad-control-block':
          leaf = checksig;
          break;
        case 'checksigadd':
          leaf = {
            script: compileScript([xonly(a), OP.OP_CHECKSIG, xonly(b), OP.OP_CHECKSIGADD, { num: 2 }, OP.OP_NUMEQUAL]),
            leafVersion: TAPSCRIPT,
          };
          break;
        case 'op-success': {
          const op = rng.pick(OP_SUCCESS);
          what = `OP_SUCCESS${op}`;
          leaf = { script: Uint8Array.of(OP.OP_1, op), leafVersion: TAPSCRIPT };
          break;
        }
        case 'unknown-leaf-version': {
          // Even versions other than 0xc0 (the low bit is the parity); 0x50 would read as an annex.
          let version = 2 * rng.int(128);
          while (version === TAPSCRIPT || version === 0x50) version = 2 * rng.int(128);
          what = `leaf version 0x${version.toString(16)}`;
          leaf = { script: Uint8Array.of(OP.OP_1), leafVersion: version };
          break;
        }
        case 'stack-item-size':
          itemSize = 79 + (n % 4); // 79 and 80 are standard, 81 and 82 are not
          what = `a ${itemSize}-byte item`;
          leaf = {
            script: compileScript([OP.OP_SIZE, { num: itemSize }, OP.OP_EQUAL, OP.OP_NIP]),
            leafVersion: TAPSCRIPT,
          };
          break;
        case 'unknown-pubkey-type': {
          // Empty: PUBKEYTYPE on Litecoin Core 0.21 (TAPSCRIPT_EMPTY_PUBKEY today), a consensus failure.
          const pubKeySize = [1, 0, 33, 65][n % 4]!;
          what = `a ${pubKeySize}-byte key`;
          leaf = {
            script: compileScript([pubKeySize === 0 ? OP.OP_0 : rng.bytes(pubKeySize), OP.OP_CHECKSIG]),
            leafVersion: TAPSCRIPT,
          };
          break;
        }
        case 'minimal-if': {
          const arg = rng.pick([Uint8Array.of(2), Uint8Array.of(1, 0), Uint8Array.of(0x81), Uint8Array.of(0)]);
          what = `IF argument ${toHex(arg) || 'empty'}`;
          leaf = {
            script: compileScript([OP.OP_IF, OP.OP_1, OP.OP_ELSE, OP.OP_1, OP.OP_ENDIF]),
            leafVersion: TAPSCRIPT,
          };
          const output = taprootOutput(xonly(internal), [checksig, leaf])!;
          specs.push(
            spec(
              `taproot-script-path #${String(n).padStart(2, '0')} ${kind}`,
              'taproot-script-path',
              output,
              pay,
              () => ({
                what,
                witness: reveal(output, 1, [arg]),
              }),
            ),
          );
          continue;
        }
      }
      const underTest = leaf === checksig ? 0 : 1;
      const output = taprootOutput(
        xonly(internal),
        leaf === checksig ? [checksig, { script: Uint8Array.of(OP.OP_1), leafVersion: TAPSCRIPT }] : [checksig, leaf],
      )!;
      const signer = leafSigner(output);
      const id = `taproot-script-path #${String(n).padStart(2, '0')} ${kind}`;
      specs.push(
        spec(id, 'taproot-script-path', output, pay, (tx) => {
          // Case n of a kind signs with hash type n mod 7: COUNT ≥ 7 covers each one.
          const hashType = VALID_HASH_TYPES[n % VALID_HASH_TYPES.length]!;
          switch (kind) {
            case 'checksig':
              return {
                what: `hash type ${hashType}`,
                witness: reveal(output, underTest, [signer.sign(tx, 0, hashType, a)]),
              };
            case 'checksig-bad-signature': {
              const sig = flipBit(rng, signer.sign(tx, 0, hashType, a).subarray(0, 64));
              return { what: 'a flipped bit', witness: reveal(output, underTest, [sig]) };
            }
            case 'checksigadd':
              // The stack is read top first: b's signature is deepest, a's on top.
              return {
                what: `hash type ${hashType}`,
                witness: reveal(output, underTest, [signer.sign(tx, 1, hashType, b), signer.sign(tx, 1, hashType, a)]),
              };
            case 'op-success':
            case 'unknown-leaf-version':
              return { what, witness: reveal(output, underTest, []) };
            case 'stack-item-size':
              return { what, witness: reveal(output, underTest, [rng.bytes(itemSize)]) };
            case 'unknown-pubkey-type':
              return { what, witness: reveal(output, underTest, [rng.bytes(64)]) };
            case 'annex': {
              const annex = randomAnnex(rng);
              const sig = signer.sign(tx, 0, hashType, a, annex);
              return { what: `an annex of ${annex.length} bytes`, witness: reveal(output, underTest, [sig], annex) };
            }
            case 'bad-control-block': {
              const w = reveal(output, underTest, [signer.sign(tx, 0, hashType, a)]);
              const control = w[2]!;
              // A flipped bit past the leaf version byte (a wrong key or path), or a control block of a wrong size.
              const broken =
                n % 3 === 2 ? control.subarray(0, control.length - 1 - rng.int(3)) : flipBit(rng, control, 1);
              return { what: `a control block of ${broken.length} bytes`, witness: [w[0]!, w[1]!, broken] };
            }
          }
        }),
      );
    }
  }
  return specs;
}

/** P2TR outputs just below and at Litecoin's dust threshold, paid by a key-path spend. */
export function dustSpecs(rng: SeededRng, pay: Bytes, count: number): TaprootSpec[] {
  const specs: TaprootSpec[] = [];
  for (let n = 0; n < count; n++) {
    const internal = secretKey(rng);
    const output = taprootOutput(xonly(internal))!;
    const signer = keyPathSigner(internal, output);
    const value = LTC_P2TR_DUST + [-2n, -1n, 0n, 1n][n % 4]!;
    const payee = taprootOutput(xonly(secretKey(rng)))!;
    specs.push(
      spec(
        `taproot-dust #${String(n).padStart(2, '0')}`,
        'taproot-dust',
        output,
        pay,
        (tx) => ({ what: `a P2TR output of ${value} litoshi`, witness: [signer.sign(tx, 0)] }),
        { script: payee.scriptPubKey, value },
      ),
    );
  }
  return specs;
}
