/**
 * `maxfeerate` of testmempoolaccept and sendrawtransaction (Core's rpc/rawtransaction.cpp; the
 * default DEFAULT_MAX_RAW_TX_FEE_RATE = 0.10 per kvB, node/transaction.h:20). The RPC methods run
 * against a chain node from the chain tests' harness; the workbench around it is only its chain.
 */
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../shared/bitcoin/bytes';
import type { TxRecord } from '../../../shared/chain/txRecord';
import { RpcError } from '../../../main/host/rpc/errors';
import { type RpcContext, RPC_METHODS } from '../../../main/host/rpc/methods';
import type { Workbench } from '../../../main/host/workbench';
import { Harness } from './harness';

function context(h: Harness): RpcContext {
  const bench = { chains: new Map([['btc', { primary: h.node }]]) } as unknown as Workbench;
  return { bench, chain: 'btc', style: 'modern' };
}

/** A spend of block 1's coinbase paying exactly `feeFor(vsize)`: rebuilt until the signature's length settles. */
function spendPaying(h: Harness, feeFor: (vsize: number) => bigint): TxRecord {
  const coin = h.coinbase(1);
  let tx = h.spend([coin], [coin.value - feeFor(110)]);
  for (let i = 0; i < 5; i++) {
    const next = h.spend([coin], [coin.value - feeFor(tx.vsize)]);
    if (next.vsize === tx.vsize) return next;
    tx = next;
  }
  throw new Error('the size did not settle');
}

const hex = (t: TxRecord) => toHex(t.tx.toBuffer());
type Verdict = { allowed: boolean; 'reject-reason'?: string };

describe('maxfeerate', () => {
  it('testmempoolaccept allows a fee of exactly 0.10 per kvB and refuses one satoshi more with max-fee-exceeded', async () => {
    const h = new Harness();
    const ctx = context(h);
    const at = spendPaying(h, (vsize) => 10_000n * BigInt(vsize)); // 10,000,000 sat per 1,000 vB
    const over = spendPaying(h, (vsize) => 10_000n * BigInt(vsize) + 1n);
    const [a] = (await RPC_METHODS['testmempoolaccept']!(ctx, [[hex(at)]])) as Verdict[];
    const [b] = (await RPC_METHODS['testmempoolaccept']!(ctx, [[hex(over)]])) as Verdict[];
    expect(a).toMatchObject({ allowed: true });
    expect(b).toMatchObject({ allowed: false, 'reject-reason': 'max-fee-exceeded' });
    // A higher limit, as a string or a number, lets it through; 0 means no limit.
    for (const rate of ['0.2', 0.2, 0]) {
      const [c] = (await RPC_METHODS['testmempoolaccept']!(ctx, [[hex(over)], rate])) as Verdict[];
      expect(c).toMatchObject({ allowed: true });
    }
  });

  it('sendrawtransaction refuses the absurd fee with Core’s error, before the mempool sees it', async () => {
    const h = new Harness();
    const over = spendPaying(h, (vsize) => 10_000n * BigInt(vsize) + 1n);
    const sent = RPC_METHODS['sendrawtransaction']!(context(h), [hex(over)]);
    await expect(sent).rejects.toBeInstanceOf(RpcError);
    await expect(sent).rejects.toMatchObject({
      code: -25,
      message: 'Fee exceeds maximum configured by user (e.g. -maxtxfee, maxfeerate)',
    });
    expect(h.node.mempool.has(over.txid)).toBe(false);
  });

  it('refuses a maxfeerate that is not an amount', async () => {
    const h = new Harness();
    const tx = spendPaying(h, () => 1_000n);
    await expect(
      Promise.resolve().then(() => RPC_METHODS['testmempoolaccept']!(context(h), [[hex(tx)], 'lots'])),
    ).rejects.toMatchObject({ code: -3, message: 'Invalid amount' });
  });

  it('reads maxfeerate as AmountFromValue does, after the transaction decodes', async () => {
    const h = new Harness();
    const ctx = context(h);
    const tx = spendPaying(h, () => 1_000n);
    const call = (method: string, params: unknown[]) => Promise.resolve().then(() => RPC_METHODS[method]!(ctx, params));
    // The Bitcoin chain's MAX_MONEY (amount.h:25) bounds it; negative is out of range too.
    for (const rate of [-0.0001, '21000000.00000001', 21_000_001])
      await expect(call('testmempoolaccept', [[hex(tx)], rate])).rejects.toMatchObject({
        code: -3,
        message: 'Amount out of range',
      });
    // A ninth decimal is not a rate of zero (no limit) but an invalid amount.
    await expect(call('sendrawtransaction', [hex(tx), 1e-9])).rejects.toMatchObject({
      code: -3,
      message: 'Invalid amount',
    });
    // A transaction that does not decode is the first complaint (rpc/rawtransaction.cpp:851, :932).
    const decodeFailed = { code: -22, message: 'TX decode failed. Make sure the tx has at least one input.' };
    await expect(call('sendrawtransaction', ['00', -1])).rejects.toMatchObject(decodeFailed);
    await expect(call('testmempoolaccept', [['00'], -1])).rejects.toMatchObject(decodeFailed);
    await expect(call('decoderawtransaction', ['00'])).rejects.toMatchObject({
      code: -22,
      message: 'TX decode failed',
    });
    const [at] = (await call('testmempoolaccept', [[hex(tx)], '21000000'])) as Verdict[];
    expect(at).toMatchObject({ allowed: true });
    expect(h.node.mempool.has(tx.txid)).toBe(false);
  });
});
