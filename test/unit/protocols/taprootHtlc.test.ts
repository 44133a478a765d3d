/**
 * The Taproot HTLC's builders: the leaves as hand-assembled script bytes, the output key as
 * BIP341 commits the MuSig2 aggregate to the two leaves, the three spends' unlocks, and the
 * terms they refuse.
 */
import * as secp from 'tiny-secp256k1';
import { describe, expect, it } from 'vitest';
import { concat, fromHex, toHex } from '../../../shared/bitcoin/bytes';
import { sha256 } from '../../../shared/bitcoin/hashes';
import { keyAgg, keySort } from '../../../shared/bitcoin/musig2';
import { signatureSlots, withMusig, withoutSignatures } from '../../../shared/workspace/assemble';
import { tapleafHash, taggedHash, verifyTaprootCommitment } from '../../../shared/bitcoin/taproot';
import {
  buildHashlockSpend,
  buildKeyPathSpend,
  buildRefundSpend,
  taprootHtlc,
  tamperedControlBlock,
} from '../../../shared/protocols/taprootHtlc';

const key = (n: number) => secp.pointFromScalar(sha256(Uint8Array.of(n)), true)!;
const payer = key(1);
const payee = key(2);
const hash = sha256(new Uint8Array(32).fill(7));
const terms = { payer, payee, hash, timeout: 1_700_000_000 };
const spend = {
  terms,
  value: 100_000n,
  fee: 1_000n,
  payout: 'p2wpkh' as const,
  htlcOutput: { node: 'Tx1', output: 0 },
};

describe('taprootHtlc', () => {
  const htlc = taprootHtlc(terms);
  if (!htlc.ok) throw new Error(htlc.error.message);
  const { output, hashlock, refund } = htlc.value;

  it('writes the leaves byte for byte', () => {
    // OP_SIZE 0x01 0x20 OP_EQUALVERIFY OP_SHA256 <32> OP_EQUALVERIFY <32> OP_CHECKSIG
    expect(toHex(hashlock.leaf.script)).toBe(`82012088a820${toHex(hash)}8820${toHex(payee.subarray(1))}ac`);
    // 1_700_000_000 = 0x6553f100, little-endian in a 4-byte push; OP_CLTV OP_DROP <32> OP_CHECKSIG
    expect(toHex(refund.leaf.script)).toBe(`0400f15365b17520${toHex(payer.subarray(1))}ac`);
    expect(hashlock.leaf.leafVersion).toBe(0xc0);
  });

  it('tweaks the MuSig2 aggregate of the sorted keys by the two leaves (BIP341, computed by hand)', () => {
    const internal = keyAgg(keySort([payer, payee])).q.subarray(1);
    const [a, b] = [tapleafHash(0xc0, hashlock.leaf.script), tapleafHash(0xc0, refund.leaf.script)];
    const root = toHex(a) < toHex(b) ? taggedHash('TapBranch', a, b) : taggedHash('TapBranch', b, a);
    const tweaked = secp.xOnlyPointAddTweak(internal, taggedHash('TapTweak', internal, root))!;
    expect(toHex(output.outputKey)).toBe(toHex(tweaked.xOnlyPubkey));
    expect(toHex(output.scriptPubKey)).toBe(`5120${toHex(tweaked.xOnlyPubkey)}`);
    // Each control block: leaf version | parity, the internal key, the other leaf's hash.
    expect(toHex(hashlock.controlBlock)).toBe(toHex(concat(Uint8Array.of(0xc0 | tweaked.parity), internal, b)));
    expect(verifyTaprootCommitment(hashlock.controlBlock, output.outputKey, hashlock.leaf.script)).toBeDefined();
    expect(
      verifyTaprootCommitment(tamperedControlBlock(hashlock), output.outputKey, hashlock.leaf.script),
    ).toBeUndefined();
  });

  it('builds the three spends: a MuSig2 key-path slot, the hashlock leaf with X, the refund leaf with its lock time', () => {
    const keyPath = buildKeyPathSpend({ ...spend, to: 'payee', label: 'Bob' });
    if (!keyPath.ok) throw new Error(keyPath.error.message);
    const slot = keyPath.value.inputs[0]!.unlock;
    expect(slot.sigVersion).toBe('TAPROOT');
    expect(slot.witness).toHaveLength(1);
    const item = slot.witness[0]!;
    expect(item.kind === 'sig' && item.musig?.keys).toEqual(keySort([payer, payee]).map(toHex));
    expect(item.kind === 'sig' && item.sighashType).toBe(0);

    const claim = buildHashlockSpend({ ...spend, secret: new Uint8Array(32).fill(7), label: 'Bob' });
    if (!claim.ok) throw new Error(claim.error.message);
    const w = claim.value.inputs[0]!.unlock.witness;
    expect(w.map((i) => i.kind)).toEqual(['sig', 'data', 'script', 'data']);
    expect(w[1]!.kind === 'data' && w[1]!.hex).toBe('07'.repeat(32));
    expect(claim.value.inputs[0]!.unlock.sigVersion).toBe('TAPSCRIPT');

    const back = buildRefundSpend({ ...spend, label: 'Alice' });
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value.locktime).toBe(1_700_000_000);
    expect(back.value.inputs[0]!.sequence).toBe(0xfffffffe);
    expect(back.value.outputs[0]!.value).toBe('99000');
  });

  it('keeps partial signatures in the MuSig2 slot until an edit clears them with the signature', () => {
    const keyPath = buildKeyPathSpend({ ...spend, to: 'payee', label: 'Bob' });
    if (!keyPath.ok) throw new Error(keyPath.error.message);
    const [slot] = signatureSlots(keyPath.value);
    expect(slot!.musig?.partials).toEqual([]);
    const partial = { pubKey: toHex(payer), psig: '11'.repeat(32) };
    const half = withMusig(keyPath.value, slot!, { ...slot!.musig!, partials: [partial] }, undefined);
    const [halfSlot] = signatureSlots(half);
    expect(halfSlot!.signed).toBe(false);
    expect(halfSlot!.musig!.partials).toEqual([partial]);
    const cleared = signatureSlots(withoutSignatures(half))[0]!;
    expect(cleared.musig!.partials).toEqual([]);
    expect(cleared.musig!.keys).toEqual(slot!.musig!.keys);
  });

  it('refuses one key for both sides, a hash that is not 32 bytes, and an X that is not 32 bytes', () => {
    expect(taprootHtlc({ ...terms, payee: payer }).ok).toBe(false);
    expect(taprootHtlc({ ...terms, hash: fromHex('00') }).ok).toBe(false);
    expect(buildHashlockSpend({ ...spend, secret: new Uint8Array(31), label: 'x' }).ok).toBe(false);
  });
});
