/**
 * A coinbase's wtxid is the hash of its whole serialization, as Core reports it (decoderawtransaction's
 * `hash`); only inside the BIP141 witness merkle tree does it count as zero.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashToHex } from '../../../shared/bitcoin/bytes';
import { wtxid } from '../../../shared/bitcoin/transaction';
import { buildCoinbase } from '../../../shared/chain/blocks';
import { txRecord } from '../../../shared/chain/txRecord';

const sha256d = (bytes: Uint8Array): Uint8Array =>
  createHash('sha256').update(createHash('sha256').update(bytes).digest()).digest();

describe('coinbase ids', () => {
  const coinbase = buildCoinbase(
    { height: 200, value: 25n * 100_000_000n, scriptPubKey: Uint8Array.of(0x51), minerTag: 'test', version: 2 },
    new Uint8Array(32).fill(7),
  );

  it('a modern coinbase carries a witness (the reserved value)', () => {
    expect(coinbase.hasWitnesses()).toBe(true);
  });

  it('has a wtxid that is the hash of its serialization, not zero', () => {
    const expected = hashToHex(sha256d(coinbase.toBuffer()));
    expect(expected).not.toBe('0'.repeat(64));
    expect(txRecord(coinbase).wtxid).toBe(expected);
    expect(wtxid(coinbase)).toBe(expected);
    expect(txRecord(coinbase).txid).not.toBe(expected);
  });
});
