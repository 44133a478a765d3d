/**
 * The console's wallet RPCs see the coins the Wallets panel counts: P2PKH, P2WPKH, P2SH-P2WPKH,
 * P2TR (BIP86) and bare P2PK outputs to a wallet's keys are listed by listunspent, add up to
 * getbalance, and sendtoaddress can spend them all in one transaction the chain accepts.
 */
import { describe, expect, it } from 'vitest';
import { PAY_TYPES } from '../../../shared/workspace/payTypes';
import { testBench } from './helpers';

const COIN = 100_000_000n;

describe('the console wallet and every kind of coin', () => {
  it('lists, counts and spends P2PKH, P2WPKH, P2SH-P2WPKH, P2TR and P2PK coins alike', async () => {
    const t = await testBench({ seed: 41 });
    const rpc = async (line: string): Promise<unknown> =>
      (await t.must('rpc.call', { chain: 'btc', line: `-rpcwallet=Alice ${line}` })).result;
    const coinbase = (await t.must('wallet.utxos', { wallet: 'Alice', chain: 'btc' })).utxos.find((u) => u.mature)!;
    const src = await t.must('graph.addChainTx', { chain: 'btc', txid: coinbase.txid, position: { x: 0, y: 0 } });
    const fund = await t.must('graph.addNode', { template: 'custom', chain: 'btc', position: { x: 300, y: 0 } });
    await t.must('graph.connect', {
      from: { node: src.created, output: coinbase.vout },
      to: { node: fund.created, input: 0 },
    });
    await t.must('graph.setOutput', {
      node: fund.created,
      output: 0,
      value: COIN.toString(),
      payTo: { wallet: 'Alice', type: PAY_TYPES[0] },
    });
    for (const type of PAY_TYPES.slice(1))
      await t.must('graph.addOutput', { node: fund.created, value: COIN.toString(), payTo: { wallet: 'Alice', type } });
    const alice = (await t.must('workspace.get', {})).wallets.find((w) => w.name === 'Alice')!;
    const receive = alice.keys.find((k) => k.purpose === 'receive')!;
    // A bare P2PK output: 33-byte key, OP_CHECKSIG (as the first coinbases paid).
    await t.must('graph.addOutput', { node: fund.created, value: COIN.toString(), payTo: { wallet: 'Alice' } });
    await t.must('graph.setOutput', {
      node: fund.created,
      output: PAY_TYPES.length,
      scriptPubKeyAsm: `${receive.publicKey} OP_CHECKSIG`,
    });
    const rest = BigInt(coinbase.value) - 5n * COIN - 20_000n;
    await t.must('graph.addOutput', { node: fund.created, value: rest.toString(), payTo: { wallet: 'Carol' } });
    await t.must('tx.sign', { node: fund.created, wallet: 'Alice' });
    expect((await t.must('tx.broadcast', { node: fund.created })).broadcast.accepted).toBe(true);
    const mined = await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Carol' } });
    const fundTxid = mined.nodes.find((n) => n.id === fund.created)!.txid;

    const listed = (await rpc('listunspent')) as {
      txid: string;
      vout: number;
      scriptPubKey: string;
      address?: string;
    }[];
    const ours = listed.filter((c) => c.txid === fundTxid).sort((a, b) => a.vout - b.vout);
    // Script kinds by their leading bytes: P2PKH, P2WPKH, P2SH, witness v1, and a 33-byte push.
    expect(ours.map((c) => c.scriptPubKey.slice(0, 4))).toEqual([
      '76a9',
      '0014',
      'a914',
      '5120',
      `21${receive.publicKey.slice(0, 2)}`,
    ]);
    expect(ours.slice(0, 4).every((c) => c.address !== undefined)).toBe(true);
    expect(ours[4]!.address).toBeUndefined(); // P2PK has no address; Core leaves the field out
    const balance = Math.round(((await rpc('getbalance')) as number) * 1e8);
    const listedTotal = listed.reduce(
      (sum, c) => sum + Math.round((c as unknown as { amount: number }).amount * 1e8),
      0,
    );
    expect(balance).toBe(listedTotal);

    // Send all but a little: every coin is needed, each signed as its script asks.
    const amount = (listedTotal - 100_000) / 1e8;
    const txid = (await rpc(
      `sendtoaddress bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080 ${amount.toFixed(8)}`,
    )) as string;
    const mempool = await t.must('chain.mempool', { chain: 'btc' });
    expect(mempool.entries.map((e) => e.txid)).toEqual([txid]);
    expect((await rpc('listunspent')) as unknown[]).toEqual([]);
  });
});
