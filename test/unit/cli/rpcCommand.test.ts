import { describe, expect, it } from 'vitest';
import { txlab } from './run';

describe('txlab rpc', () => {
  it('answers bitcoin-cli lines with Core’s fields, one JSON value per line', () => {
    const r = txlab(
      ['rpc', '--chain', 'btc'],
      [
        'getblockcount',
        'getblockhash 0',
        '-rpcwallet=Alice getbalance',
        '-rpcwallet=Alice sendtoaddress bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080 1.5',
        'getrawmempool',
        'generatetoaddress 1 bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080',
        'getrawmempool',
        'nosuchmethod',
        'getblockhash 999',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(9);
    expect(JSON.parse(lines[0]!)).toBe(101);
    // The real regtest genesis block.
    expect(JSON.parse(lines[1]!)).toBe('0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206');
    // After 101 blocks to Alice, Core's wallet counts one coinbase as mature (it waits 101 confirmations).
    expect(lines[2]).toBe('50.00000000');
    const txid = JSON.parse(lines[3]!) as string;
    expect(JSON.parse(lines[4]!)).toEqual([txid]);
    expect(JSON.parse(lines[6]!)).toEqual([]);
    expect((JSON.parse(lines[7]!) as { error: { code: number } }).error.code).toBe(-32601);
    expect((JSON.parse(lines[8]!) as { error: unknown }).error).toEqual({
      code: -8,
      message: 'Block height out of range',
    });
  });

  it('decodes a transaction as decoderawtransaction does', () => {
    // Block 1's coinbase of the new workspace, fetched and decoded.
    const r = txlab(['rpc'], 'getblockhash 1\n');
    const hash = JSON.parse(r.stdout.trim()) as string;
    const block = JSON.parse(txlab(['rpc'], `getblock ${hash} 2\n`).stdout.trim()) as {
      tx: {
        vin: { coinbase?: string }[];
        vout: { value: number; scriptPubKey: { type: string; address: string } }[];
      }[];
    };
    const coinbase = block.tx[0]!;
    expect(coinbase.vin[0]!.coinbase).toMatch(/^51/); // BIP34: height 1 as OP_1
    expect(coinbase.vout[0]!.value).toBe(50);
    expect(coinbase.vout[0]!.scriptPubKey.type).toBe('witness_v0_keyhash');
    expect(coinbase.vout[0]!.scriptPubKey.address).toMatch(/^bcrt1q/);
  });
});
