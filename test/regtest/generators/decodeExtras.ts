/**
 * Transactions for the decode comparison beyond the spends: outputs paying to every locking script
 * and to the bare contract scripts (so complex scripts appear as scriptPubKey ASM), scripts of
 * random bytes (truncated pushes, unknown opcodes, odd numbers) in both scriptSig and scriptPubKey,
 * and Taproot: key- and script-path spends, P2TR outputs and the witness programs around them.
 */
import { Transaction } from 'bitcoinjs-lib';
import { concat, type Bytes } from '../../../shared/bitcoin/bytes';
import { sha256 } from '../../../shared/bitcoin/hashes';
import { OP } from '../../../shared/bitcoin/opcodes';
import { pushData } from '../../../shared/bitcoin/script';
import { utf8 } from '../../../shared/bitcoin/bytes';
import type { SeededRng } from '../../../shared/rng';
import type { CaseSpec } from './cases';
import { keyPathSpecs, scriptPathSpecs } from './taproot';

/** One transaction per distinct output type, paying to its scriptPubKey and its bare scripts. */
export function fundingLikeTransactions(cases: readonly CaseSpec[], rng: SeededRng): Transaction[] {
  const byLabel = new Map<string, CaseSpec>();
  for (const c of cases) if (!byLabel.has(c.locking.label)) byLabel.set(c.locking.label, c);
  return [...byLabel.values()].map((c) => {
    const tx = new Transaction();
    tx.version = 2;
    tx.addInput(rng.bytes(32), rng.int(4), 0xffff_fffe, pushData(rng.bytes(71)));
    tx.addOutput(c.locking.scriptPubKey, c.amount);
    for (const script of [c.locking.redeemScript, c.locking.witnessScript]) if (script) tx.addOutput(script, 0n);
    return tx;
  });
}

/** Random bytes with a bias towards opcodes and push prefixes, so that parsing goes somewhere. */
function randomScript(rng: SeededRng): Bytes {
  const parts: Bytes[] = [];
  const length = rng.int(12);
  for (let i = 0; i < length; i++) {
    switch (rng.int(6)) {
      case 0:
        parts.push(Uint8Array.of(rng.int(256)));
        break;
      case 1:
        parts.push(Uint8Array.of(OP.OP_1NEGATE + rng.int(OP.OP_CHECKSIGADD - OP.OP_1NEGATE + 8)));
        break;
      case 2: {
        const n = 1 + rng.int(6); // 1–6 bytes: numbers up to 4 bytes print as decimals, longer as hex
        parts.push(concat(Uint8Array.of(n), rng.bytes(n)));
        break;
      }
      case 3: {
        const n = rng.int(80);
        parts.push(concat(Uint8Array.of(OP.OP_PUSHDATA1, n), rng.bytes(n)));
        break;
      }
      case 4:
        parts.push(Uint8Array.of(OP.OP_PUSHDATA2, rng.int(4), 0, ...rng.bytes(rng.int(4))));
        break;
      default:
        // A push that claims more bytes than follow: ASM ends in "[error]".
        parts.push(Uint8Array.of(1 + rng.int(75), ...rng.bytes(rng.int(3))));
    }
  }
  return concat(...parts);
}

export function randomScriptTransactions(count: number, rng: SeededRng): Transaction[] {
  const out: Transaction[] = [];
  for (let i = 0; i < count; i++) {
    const tx = new Transaction();
    tx.version = rng.pick([1, 2]);
    tx.locktime = rng.pick([0, rng.int(500_000_000), 500_000_000 + rng.int(1_000_000_000)]);
    const inputs = 1 + rng.int(2);
    for (let k = 0; k < inputs; k++)
      tx.addInput(rng.bytes(32), rng.int(3), rng.pick([0, 0xffff_fffe, 0xffff_ffff, rng.nextU32()]), randomScript(rng));
    for (let k = 0; k < 1 + rng.int(3); k++) tx.addOutput(randomScript(rng), BigInt(rng.int(1_000_000_000)));
    if (rng.int(3) === 0) tx.setWitness(0, [rng.bytes(rng.int(3)), rng.bytes(33)]);
    out.push(tx);
  }
  return out;
}

/** Hand-picked corners of Core's ScriptToAsmStr. */
export function cornerCaseTransactions(rng: SeededRng): Transaction[] {
  const sigLike = concat(Uint8Array.of(0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01), Uint8Array.of(0x01));
  const scripts: Bytes[] = [
    // An unspendable script is not sighash-decoded even in a scriptSig.
    concat(Uint8Array.of(OP.OP_RETURN), pushData(sigLike)),
    pushData(sigLike),
    Uint8Array.of(0x01, 0x80, 0x01, 0x00, 0x02, 0x00, 0x80, 0x04, 0xff, 0xff, 0xff, 0xff, 0x04, 0xff, 0xff, 0xff, 0x7f),
    Uint8Array.of(
      OP.OP_0,
      OP.OP_1NEGATE,
      OP.OP_16,
      OP.OP_NOP1,
      OP.OP_CHECKLOCKTIMEVERIFY,
      OP.OP_CHECKSEQUENCEVERIFY,
      OP.OP_NOP10,
    ),
    Uint8Array.of(OP.OP_CHECKSIGADD, 0xbb, 0xfe, OP.OP_INVALIDOPCODE, OP.OP_RESERVED, OP.OP_VER, OP.OP_VERIF),
    Uint8Array.of(OP.OP_PUSHDATA4, 0x03, 0x00, 0x00, 0x00, 0x01, 0x02, 0x03),
    Uint8Array.of(OP.OP_PUSHDATA2, 0x05),
    pushData(utf8('TxLab decode corner')),
    pushData(sha256(utf8('x'))),
  ];
  return scripts.map((script) => {
    const tx = new Transaction();
    tx.addInput(rng.bytes(32), 0, 0xffff_ffff, script);
    tx.addOutput(script, 1_000n);
    return tx;
  });
}

/**
 * Witness v1 as the node prints it: the taproot generator's key- and script-path spends (their
 * witnesses: 64/65-byte signatures, tapscripts, control blocks, annexes) with made-up outpoints,
 * each paying a P2TR output, and outputs of every witness program near P2TR: v1 of 32 bytes
 * (witness_v1_taproot, bech32m, whether or not the program is a curve point), v1 of other sizes
 * and v2–v16 (witness_unknown), and scripts that only look like programs (too long, a non-minimal push).
 */
export function taprootTransactions(rng: SeededRng): Transaction[] {
  const pay = Uint8Array.of(OP.OP_1, 32, ...rng.bytes(32));
  const specs = [...keyPathSpecs(rng, pay, 7), ...scriptPathSpecs(rng, pay, 2)];
  const spends = specs.map((spec) =>
    Transaction.fromHex(spec.spend({ hash: sha256(utf8(spec.id)), index: rng.int(3) }).hex),
  );
  const program = (version: number, size: number) =>
    Uint8Array.of(version === 0 ? OP.OP_0 : OP.OP_1 + version - 1, size, ...rng.bytes(size));
  const scripts: Bytes[] = [
    ...specs.slice(0, 4).map((spec) => spec.scriptPubKey),
    program(1, 32),
    Uint8Array.of(OP.OP_1, 32, ...new Uint8Array(32).fill(0xff)), // x ≥ p: no point, still P2TR to Solver
    program(1, 2),
    program(1, 20),
    program(1, 31),
    program(1, 33),
    program(1, 40),
    ...[2, 3, 8, 9, 15, 16].map((v) => program(v, 32)),
    program(16, 2),
    program(2, 40),
    program(1, 41), // longer than a witness program may be
    Uint8Array.of(OP.OP_1, OP.OP_PUSHDATA1, 32, ...rng.bytes(32)), // a program's bytes, pushed non-minimally
  ];
  const outputs = scripts.map((script) => {
    const tx = new Transaction();
    tx.version = 2;
    tx.addInput(rng.bytes(32), rng.int(4), 0xffff_fffd);
    tx.setWitness(0, [rng.bytes(64)]);
    tx.addOutput(script, 10_000n);
    tx.addOutput(pay, 5_000n);
    return tx;
  });
  return [...spends, ...outputs];
}
