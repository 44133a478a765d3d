/** The real-node backend: a shadow chain that follows litecoind, with broadcasts and mining through it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hexToHash, toHex } from '../../shared/bitcoin/bytes';
import { Transaction } from '../../shared/bitcoin/transaction';
import { BTC_REGTEST, LTC_REGTEST } from '../../shared/chain/profiles';
import { txRecord } from '../../shared/chain/txRecord';
import type { LocalDaemon } from '../../main/backends/localDaemon';
import { RealChain } from '../../main/backends/realChain';
import { p2pkhScript, p2wpkhScript, signSegwit, testKey } from '../helpers/keys';
import { startNode } from './support/node';

const KEY = testKey('real chain');
const SCRIPT = p2wpkhScript(KEY.publicKey);
let node: LocalDaemon;
let chain: RealChain;

beforeAll(async () => {
  node = await startNode();
  const profile = node.kind === 'litecoind' ? LTC_REGTEST : BTC_REGTEST;
  const connected = await RealChain.connect({ profile, rpc: node.rpc, startTime: 1_767_225_600, name: node.kind });
  if (!connected.ok) throw new Error(connected.error.message);
  chain = connected.value;
}, 120_000);

afterAll(async () => {
  await node?.stop();
});

function spend(txid: string, value: bigint, sequence = 0xfffffffd): Transaction {
  const tx = new Transaction();
  tx.version = 2;
  tx.addInput(hexToHash(txid), 0, sequence);
  tx.addOutput(SCRIPT, value - 10_000n);
  tx.setWitness(0, [signSegwit(KEY, tx, 0, p2pkhScript(KEY.publicKey), value), KEY.publicKey]);
  return tx;
}

describe('a chain on a real regtest node', () => {
  it('follows the node block by block, verifying each with TxLab’s engine', async () => {
    const r = await chain.apply({ op: 'mine', chain: chain.id, count: 105, script: toHex(SCRIPT) });
    expect(r.op).toBe('mine');
    expect(chain.primary.height).toBe(105);
    // Each block 10 (or 2.5) minutes after the last, as in the simulator.
    const spacing = chain.primary.profile.targetSpacing;
    expect(chain.primary.blockAt(105)!.block.header.time - chain.primary.blockAt(5)!.block.header.time).toBe(
      100 * spacing,
    );
  });

  it('broadcasts through the node and sees the result in the shadow chain', async () => {
    const coinbase = chain.primary.blockAt(1)!.block.txs[0]!;
    const tx = spend(coinbase.txid, coinbase.tx.outs[0]!.value);
    const sent = await chain.apply({ op: 'broadcast', chain: chain.id, hex: tx.toHex() });
    expect(sent.op === 'broadcast' && sent.outcome.ok).toBe(true);
    expect(chain.primary.mempool.has(txRecord(tx).txid)).toBe(true);
    await chain.apply({ op: 'mine', chain: chain.id, count: 1, script: toHex(SCRIPT) });
    expect(chain.primary.confirmations(txRecord(tx).txid)).toBe(1);
  });

  it('reports the node’s own reject reason', async () => {
    const coinbase = chain.primary.blockAt(1)!.block.txs[0]!;
    const doubleSpend = spend(coinbase.txid, coinbase.tx.outs[0]!.value, 0xfffffffe);
    const sent = await chain.apply({ op: 'broadcast', chain: chain.id, hex: doubleSpend.toHex() });
    expect(sent.op === 'broadcast' && !sent.outcome.ok && sent.outcome.rejection.reason).toMatch(
      /missingorspent|missing-inputs/,
    );
  });

  it('moves the node’s clock with advanceTime, and refuses policy switches', async () => {
    const before = chain.clock.now();
    await chain.apply({ op: 'advanceTime', chain: chain.id, seconds: 86_400 });
    await chain.apply({ op: 'mine', chain: chain.id, count: 1, script: toHex(SCRIPT) });
    expect(chain.primary.tip.block.header.time).toBeGreaterThanOrEqual(before + 86_400);
    const policy = await chain.apply({ op: 'setPolicy', chain: chain.id, era: '2014' });
    expect(policy.op).toBe('failed');
  });
});
