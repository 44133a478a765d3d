/**
 * Mining without naming a wallet (issue 14 §3): the reward goes to the workspace's Miner, else
 * Alice, else its first wallet — never to a wallet the workspace does not have.
 */
import { describe, expect, it } from 'vitest';
import { defaultRewardWallet } from '../../../shared/contract/rewardWallet';
import { testBench } from './helpers';

const w = (name: string) => ({ id: `${name.toLowerCase()}-1`, name });

describe('the default reward wallet', () => {
  it('is the Miner, else Alice, else the first wallet, else none', () => {
    expect(defaultRewardWallet([w('Alice'), w('Miner'), w('Bob')])?.name).toBe('Miner');
    expect(defaultRewardWallet([w('Bob'), w('Alice')])?.name).toBe('Alice');
    expect(defaultRewardWallet([w('Exchange'), w('Mallory')])?.name).toBe('Exchange');
    expect(defaultRewardWallet([])).toBeUndefined();
  });

  it('is where chain.mine pays when no wallet is named, in a workspace without Alice', async () => {
    const t = await testBench();
    const before = await t.must('wallet.list', {});
    const alice = before.wallets.find((x) => x.name === 'Alice')!;
    const bob = before.wallets.find((x) => x.name === 'Bob')!;
    await t.must('wallet.delete', { wallet: alice.id });
    const first = (await t.must('wallet.list', {})).wallets[0]!;
    const immature = async (id: string): Promise<bigint> => {
      const list = await t.must('wallet.list', {});
      return BigInt(list.wallets.find((x) => x.id === id)!.balances.btc.immature);
    };
    const firstBefore = await immature(first.id);
    await t.must('chain.mine', { chain: 'btc', count: 1 });
    expect(await immature(first.id)).toBeGreaterThan(firstBefore);

    await t.must('wallet.rename', { wallet: bob.id, name: 'Miner' });
    const minerBefore = await immature(bob.id);
    await t.must('chain.mine', { chain: 'btc', count: 1 });
    expect(await immature(bob.id)).toBeGreaterThan(minerBefore);
  });

  it('is refused in words when the workspace has no wallet at all', async () => {
    const t = await testBench();
    for (const wallet of (await t.must('wallet.list', {})).wallets)
      await t.must('wallet.delete', { wallet: wallet.id });
    const mined = await t.call('chain.mine', { chain: 'btc', count: 1 });
    expect(mined.ok).toBe(false);
    if (!mined.ok) expect(mined.error.message).toMatch(/no wallet to take the block reward/);
  });
});
