/**
 * Taproot spends built here and run through the interpreter: the key path with and without an
 * annex, tapscript leaves (CHECKSIG, CHECKSIGADD, OP_CODESEPARATOR) and each BIP341/342 rule that
 * fails a spend with Core's error name. The trace shows the tapscript phase and its weight budget.
 */
import * as secp from 'tiny-secp256k1';
import { describe, expect, it } from 'vitest';
import { type Bytes, concat, toHex } from '../../../shared/bitcoin/bytes';
import { PrecomputedTx } from '../../../shared/bitcoin/checker';
import { CONSENSUS_FLAGS, ERRORS_AS_CORE_0_21, F } from '../../../shared/bitcoin/flags';
import { sha256 } from '../../../shared/bitcoin/hashes';
import { OP } from '../../../shared/bitcoin/opcodes';
import { compileScript } from '../../../shared/bitcoin/script';
import { type TaprootSpendData, taprootSighash } from '../../../shared/bitcoin/sighash';
import { type TapLeaf, taprootOutput, taptweakHash } from '../../../shared/bitcoin/taproot';
import { TraceRecorder } from '../../../shared/bitcoin/trace';
import { Transaction, verifyInput } from '../../../shared/bitcoin/transaction';
import type { Prevout } from '../../../shared/bitcoin/txTypes';

const FLAGS = CONSENSUS_FLAGS | F.TAPROOT;
const AUX = new Uint8Array(32);
const secret = (n: number): Bytes => new Uint8Array(32).fill(n);
const xonly = (sk: Bytes): Bytes => secp.xOnlyPointFromScalar(sk);

const internalSecret = secret(1);
const alice = secret(2);
const bob = secret(3);

const leaves = {
  alice: { script: compileScript([xonly(alice), OP.OP_CHECKSIG]), leafVersion: 0xc0 },
  both: {
    script: compileScript([xonly(alice), OP.OP_CHECKSIG, xonly(bob), OP.OP_CHECKSIGADD, { num: 2 }, OP.OP_NUMEQUAL]),
    leafVersion: 0xc0,
  },
  codesep: { script: compileScript([OP.OP_CODESEPARATOR, xonly(alice), OP.OP_CHECKSIG]), leafVersion: 0xc0 },
  multisig: { script: compileScript([{ num: 1 }, xonly(alice), { num: 1 }, OP.OP_CHECKMULTISIG]), leafVersion: 0xc0 },
  minimalIf: { script: compileScript([OP.OP_IF, OP.OP_1, OP.OP_ELSE, OP.OP_0, OP.OP_ENDIF]), leafVersion: 0xc0 },
  opSuccess: { script: Uint8Array.of(OP.OP_0, 0x50), leafVersion: 0xc0 },
  future: { script: Uint8Array.of(OP.OP_RETURN), leafVersion: 0xc2 },
} satisfies Record<string, TapLeaf>;
const leafList = Object.values(leaves);
const output = taprootOutput(xonly(internalSecret), [
  [
    [leaves.alice, leaves.both],
    [leaves.codesep, leaves.multisig],
  ],
  [[leaves.minimalIf, leaves.opSuccess], leaves.future],
])!;
const prevout: Prevout = { scriptPubKey: output.scriptPubKey, amount: 50_000n };

function spendingTx(): Transaction {
  const tx = new Transaction();
  tx.version = 2;
  tx.addInput(new Uint8Array(32).fill(7), 1);
  tx.addOutput(Uint8Array.of(OP.OP_1, 32, ...new Uint8Array(32).fill(5)), 49_000n);
  return tx;
}

function spendOf(leaf: TapLeaf) {
  return output.leaves[leafList.indexOf(leaf)]!;
}

function scriptPathSig(tx: Transaction, leaf: TapLeaf, sk: Bytes, hashType = 0, codeSeparatorPos = 0xffffffff): Bytes {
  const spend: TaprootSpendData = { annexHash: undefined, tapleafHash: spendOf(leaf).leafHash, codeSeparatorPos };
  const digest = taprootSighash(tx, 0, [prevout], hashType, 'TAPSCRIPT', spend)!.digest;
  const sig = secp.signSchnorr(digest, sk, AUX);
  return hashType === 0 ? sig : concat(sig, Uint8Array.of(hashType));
}

function verifyScriptPath(tx: Transaction, leaf: TapLeaf, inputs: Bytes[], flags = FLAGS, trace?: TraceRecorder) {
  tx.setWitness(0, [...inputs, leaf.script, spendOf(leaf).controlBlock]);
  const v = verifyInput(tx, 0, prevout, flags, trace ? { trace } : {});
  return v.ok ? 'OK' : v.error.code;
}

const tweakedSecret = (() => {
  const odd = secp.pointFromScalar(internalSecret, true)![0] === 3;
  return secp.privateAdd(odd ? secp.privateNegate(internalSecret) : internalSecret, output.tweak)!;
})();

function keyPathSig(tx: Transaction, hashType: number, annexHash?: Bytes): Bytes {
  const digest = taprootSighash(tx, 0, [prevout], hashType, 'TAPROOT', { annexHash })!.digest;
  const sig = secp.signSchnorr(digest, tweakedSecret, AUX);
  return hashType === 0 ? sig : concat(sig, Uint8Array.of(hashType));
}

function verifyKeyPath(tx: Transaction, witness: Bytes[], flags = FLAGS) {
  tx.setWitness(0, witness);
  const v = verifyInput(tx, 0, prevout, flags);
  return v.ok ? 'OK' : v.error.code;
}

describe('the output', () => {
  it('commits to the tree: the tweak is TapTweak(internal key, Merkle root)', () => {
    expect(toHex(output.tweak)).toBe(toHex(taptweakHash(xonly(internalSecret), output.merkleRoot)));
    expect(output.leaves).toHaveLength(leafList.length);
  });
});

describe('key path', () => {
  it('a DEFAULT (64-byte) and an ALL signature verify; the same signature with 0x00 appended does not', () => {
    const tx = spendingTx();
    expect(verifyKeyPath(tx, [keyPathSig(tx, 0)])).toBe('OK');
    expect(verifyKeyPath(tx, [keyPathSig(tx, 1)])).toBe('OK');
    expect(verifyKeyPath(tx, [concat(keyPathSig(tx, 0), Uint8Array.of(0))])).toBe('SCHNORR_SIG_HASHTYPE');
    expect(verifyKeyPath(tx, [keyPathSig(tx, 0).subarray(0, 63)])).toBe('SCHNORR_SIG_SIZE');
    expect(verifyKeyPath(tx, [concat(keyPathSig(tx, 0), Uint8Array.of(4))])).toBe('SCHNORR_SIG_HASHTYPE');
    expect(verifyKeyPath(tx, [])).toBe('WITNESS_PROGRAM_WITNESS_EMPTY');
  });

  it('a signature commits to the annex: signed with it, it verifies; signed without, it does not', () => {
    const tx = spendingTx();
    const annex = Uint8Array.of(0x50, 1, 2, 3);
    const annexHash = sha256(concat(Uint8Array.of(annex.length), annex));
    expect(verifyKeyPath(tx, [keyPathSig(tx, 0, annexHash), annex])).toBe('OK');
    expect(verifyKeyPath(tx, [keyPathSig(tx, 0), annex])).toBe('SCHNORR_SIG');
  });

  it('without TAPROOT the output is anyone-can-spend, as before the soft fork', () => {
    const tx = spendingTx();
    expect(verifyKeyPath(tx, [new Uint8Array(64)], CONSENSUS_FLAGS)).toBe('OK');
    expect(verifyKeyPath(tx, [new Uint8Array(64)])).toBe('SCHNORR_SIG');
  });

  it('needs every spent output: with one of two missing, TxLab says so', () => {
    const tx = spendingTx();
    tx.addInput(new Uint8Array(32).fill(8), 0);
    tx.setWitness(0, [new Uint8Array(64)]);
    const v = verifyInput(tx, 0, prevout, FLAGS);
    expect(v.ok ? 'OK' : v.error.code).toBe('TAPROOT_SPENT_OUTPUTS_MISSING');
    const other: Prevout = { scriptPubKey: Uint8Array.of(OP.OP_1), amount: 1n };
    const precomputed = new PrecomputedTx(tx, [prevout, other]);
    const withAll = verifyInput(tx, 0, prevout, FLAGS, { precomputed });
    expect(withAll.ok ? 'OK' : withAll.error.code).toBe('SCHNORR_SIG');
  });
});

describe('script path (tapscript)', () => {
  it('a one-key leaf verifies; the trace shows the tapscript phase, the sigMsg and the budget spent', () => {
    const tx = spendingTx();
    const sig = scriptPathSig(tx, leaves.alice, alice);
    const trace = new TraceRecorder();
    expect(verifyScriptPath(tx, leaves.alice, [sig], FLAGS, trace)).toBe('OK');
    const phases = trace.result().phases;
    expect(phases.map((p) => p.role)).toEqual(['scriptSig', 'scriptPubKey', 'tapscript']);
    const phase = phases[2];
    expect(phase!.initialStack.map(toHex)).toEqual([toHex(sig)]);
    const [push, checksig] = phase!.steps;
    // Budget: the witness's serialized size + 50; a signature check spends 50.
    const witnessSize = 1 + 1 + 64 + 1 + leaves.alice.script.length + 1 + spendOf(leaves.alice).controlBlock.length;
    expect(push!.validationWeightLeft).toBe(witnessSize + 50);
    expect(checksig!.validationWeightLeft).toBe(witnessSize);
    const check = checksig!.signatureChecks![0]!;
    expect(check.sigVersion).toBe('TAPSCRIPT');
    expect(check.valid).toBe(true);
    const expected = taprootSighash(tx, 0, [prevout], 0, 'TAPSCRIPT', {
      annexHash: undefined,
      tapleafHash: spendOf(leaves.alice).leafHash,
      codeSeparatorPos: 0xffffffff,
    })!;
    expect(toHex(check.preimage!)).toBe(toHex(expected.preimage!));
    expect(toHex(check.digest!)).toBe(toHex(expected.digest));
  });

  it('the wrong key, an empty signature (a soft failure) and a bad one (a hard failure)', () => {
    const tx = spendingTx();
    expect(verifyScriptPath(tx, leaves.alice, [scriptPathSig(tx, leaves.alice, bob)])).toBe('SCHNORR_SIG');
    expect(verifyScriptPath(tx, leaves.alice, [new Uint8Array(0)])).toBe('EVAL_FALSE');
    expect(verifyScriptPath(tx, leaves.alice, [Uint8Array.of(1, 2, 3)])).toBe('SCHNORR_SIG_SIZE');
  });

  it('CHECKSIGADD counts valid signatures; an empty one adds nothing', () => {
    const tx = spendingTx();
    const a = scriptPathSig(tx, leaves.both, alice, 0x83);
    const b = scriptPathSig(tx, leaves.both, bob, 0x01);
    // The witness's last item is the first consumed: Alice's signature for the first CHECKSIG.
    expect(verifyScriptPath(tx, leaves.both, [b, a])).toBe('OK');
    expect(verifyScriptPath(tx, leaves.both, [new Uint8Array(0), a])).toBe('EVAL_FALSE');
  });

  it('OP_CODESEPARATOR: the signature commits to its opcode position', () => {
    const tx = spendingTx();
    expect(verifyScriptPath(tx, leaves.codesep, [scriptPathSig(tx, leaves.codesep, alice, 0, 0)])).toBe('OK');
    expect(verifyScriptPath(tx, leaves.codesep, [scriptPathSig(tx, leaves.codesep, alice)])).toBe('SCHNORR_SIG');
  });

  it('CHECKMULTISIG is disabled; IF takes only empty or 0x01', () => {
    const tx = spendingTx();
    const sig = scriptPathSig(tx, leaves.multisig, alice);
    expect(verifyScriptPath(tx, leaves.multisig, [new Uint8Array(0), sig])).toBe('TAPSCRIPT_CHECKMULTISIG');
    expect(verifyScriptPath(tx, leaves.minimalIf, [Uint8Array.of(1)])).toBe('OK');
    expect(verifyScriptPath(tx, leaves.minimalIf, [Uint8Array.of(2)])).toBe('TAPSCRIPT_MINIMALIF');
  });

  it('OP_SUCCESSx and unknown leaf versions succeed unless policy discourages them', () => {
    const tx = spendingTx();
    expect(verifyScriptPath(tx, leaves.opSuccess, [])).toBe('OK');
    expect(verifyScriptPath(tx, leaves.opSuccess, [], FLAGS | F.DISCOURAGE_OP_SUCCESS)).toBe('DISCOURAGE_OP_SUCCESS');
    expect(verifyScriptPath(tx, leaves.future, [])).toBe('OK');
    expect(verifyScriptPath(tx, leaves.future, [], FLAGS | F.DISCOURAGE_UPGRADABLE_TAPROOT_VERSION)).toBe(
      'DISCOURAGE_UPGRADABLE_TAPROOT_VERSION',
    );
  });

  it('a control block of the wrong size, or for another leaf, fails the commitment', () => {
    const tx = spendingTx();
    const sig = scriptPathSig(tx, leaves.alice, alice);
    const control = spendOf(leaves.alice).controlBlock;
    tx.setWitness(0, [sig, leaves.alice.script, concat(control, Uint8Array.of(0))]);
    const tooLong = verifyInput(tx, 0, prevout, FLAGS);
    expect(tooLong.ok ? 'OK' : tooLong.error.code).toBe('TAPROOT_WRONG_CONTROL_SIZE');
    tx.setWitness(0, [sig, leaves.alice.script, spendOf(leaves.both).controlBlock]);
    const wrongLeaf = verifyInput(tx, 0, prevout, FLAGS);
    expect(wrongLeaf.ok ? 'OK' : wrongLeaf.error.code).toBe('WITNESS_PROGRAM_MISMATCH');
  });

  it('an empty key fails the script, named as Core names it today or as Core 0.21 did', () => {
    const tx = spendingTx();
    const leaf: TapLeaf = { script: Uint8Array.of(OP.OP_0, OP.OP_CHECKSIG), leafVersion: 0xc0 };
    const single = taprootOutput(xonly(internalSecret), leaf)!;
    const spent: Prevout = { scriptPubKey: single.scriptPubKey, amount: 1n };
    tx.setWitness(0, [new Uint8Array(0), leaf.script, single.leaves[0]!.controlBlock]);
    const today = verifyInput(tx, 0, spent, FLAGS);
    expect(today.ok ? 'OK' : today.error.code).toBe('TAPSCRIPT_EMPTY_PUBKEY');
    const old = verifyInput(tx, 0, spent, FLAGS | ERRORS_AS_CORE_0_21);
    expect(old.ok ? 'OK' : old.error.code).toBe('PUBKEYTYPE');
  });
});
