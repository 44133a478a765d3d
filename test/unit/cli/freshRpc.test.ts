/**
 * `txlab rpc --fresh`: a chain as a newly started regtest node has it, and the verbs a
 * differential test needs. Expected values are Core's (its RPC sources, cited beside each) or
 * computed by hand; test/regtest/freshRpc.test.ts compares the same verbs with litecoind.
 */
import { describe, expect, it } from 'vitest';
import { scriptToAddress } from '../../../shared/bitcoin/address';
import { concat, hexToHash } from '../../../shared/bitcoin/bytes';
import { sha256 } from '../../../shared/bitcoin/hashes';
import { Transaction, txid } from '../../../shared/bitcoin/transaction';
import { PROFILES } from '../../../shared/chain/profiles';
import { txlab } from './run';

const OP_TRUE = Uint8Array.of(0x51);
const PAY = concat(Uint8Array.of(0x00, 0x20), sha256(OP_TRUE));
const ADDRESS = scriptToAddress(PAY, PROFILES.btc.network)!;
const T = 1_700_000_000;
const NO_WALLET = {
  code: -18,
  message:
    'No wallet is loaded. Load a wallet using loadwallet or create a new one with createwallet. (Note: A default wallet is no longer automatically created)',
};

/** Runs lines through `txlab rpc` and returns one parsed answer per line. */
function rpc(args: string[], lines: readonly string[]): unknown[] {
  const r = txlab(['rpc', ...args], lines.join('\n') + '\n');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as unknown);
}

function spend(from: string, vout: number, value: bigint, sequence = 0xfffffffd): Transaction {
  const tx = new Transaction();
  tx.version = 2;
  tx.addInput(hexToHash(from), vout, sequence);
  tx.addOutput(PAY, value);
  tx.setWitness(0, [OP_TRUE]);
  return tx;
}

describe('txlab rpc --fresh', () => {
  it('starts at the genesis block with no wallets and an empty mempool', () => {
    const [count, genesis, info, pool, verbose, unspent, balance] = rpc(
      ['--fresh'],
      [
        'getblockcount',
        'getblockhash 0',
        'getmempoolinfo',
        'getrawmempool',
        'getrawmempool true',
        'listunspent',
        'getbalance',
      ],
    );
    expect(count).toBe(0);
    expect(genesis).toBe('0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206');
    // MempoolInfoToJSON (rpc/blockchain.cpp:1663) of an empty pool with Core's defaults.
    expect(info).toEqual({
      loaded: true,
      size: 0,
      bytes: 0,
      usage: 0,
      maxmempool: 300_000_000,
      mempoolminfee: 0.00001,
      minrelaytxfee: 0.00001,
      unbroadcastcount: 0,
    });
    expect(pool).toEqual([]);
    expect(verbose).toEqual({});
    // GetWalletForJSONRPCRequest (wallet/rpcwallet.cpp:98) with no wallet loaded.
    expect(unspent).toEqual({ error: NO_WALLET });
    expect(balance).toEqual({ error: NO_WALLET });
  });

  it('starts the Litecoin chain at its own genesis', () => {
    const [genesis] = rpc(['--fresh', '--chain', 'ltc'], ['getblockhash 0']);
    expect(genesis).toBe('530827f38f93b43ed12af0b3ad25a288dc02ed74d6d7857862df51fc56c416f9');
  });

  it('refuses --fresh with --workspace', () => {
    const r = txlab(['rpc', '--fresh', '--workspace', 'x.json'], '');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('txlab: --fresh and --workspace are two starting points: give one');
  });
});

describe('setmocktime', () => {
  it('stops the clock: blocks take max(mock time, MTP + 1), as Core’s UpdateTime', () => {
    const answers = rpc(
      ['--fresh'],
      [
        'setmocktime -1',
        `setmocktime ${T}`,
        `generatetoaddress 3 ${ADDRESS}`,
        'getblockchaininfo',
        `setmocktime ${T - 1}`,
      ],
    );
    expect(answers[0]).toEqual({ error: { code: -8, message: 'Mocktime can not be negative: -1.' } });
    expect(answers[1]).toBeNull();
    expect(answers[2]).toHaveLength(3);
    // Block 1: T. Block 2: MTP of (genesis, T) is T, so T + 1. Block 3: MTP of three is T, so T + 1.
    expect((answers[3] as { mediantime: number }).mediantime).toBe(T + 1);
    expect(answers[4]).toEqual({
      error: { code: -8, message: `TxLab's chain clock only moves forward: it is at ${T}, after ${T - 1}` },
    });
  });

  it('dates the blocks it mines from the mock time', () => {
    const script = [
      `setmocktime ${T}`,
      `generatetoaddress 3 ${ADDRESS}`,
      'getblockhash 1',
      'getblockhash 2',
      'getblockhash 3',
    ];
    const hashes = rpc(['--fresh'], script).slice(2) as string[];
    const blocks = rpc(['--fresh'], [...script, ...hashes.map((h) => `getblock ${h}`)]).slice(5) as { time: number }[];
    expect(blocks.map((b) => b.time)).toEqual([T, T + 1, T + 1]);
  });
});

describe('gettxout and the mempool verbs', () => {
  // 101 blocks to OP_TRUE; block 1's coinbase is then mature and is spent.
  const setup = [`setmocktime ${T}`, `generatetoaddress 101 ${ADDRESS}`, 'getblockhash 1'];
  const first = rpc(['--fresh'], setup);
  const block1 = first[2] as string;
  const coinbaseTxid = (rpc(['--fresh'], [...setup, `getblock ${block1}`])[3] as { tx: string[] }).tx[0]!;
  const parent = spend(coinbaseTxid, 0, 4_999_990_000n);
  const child = spend(txid(parent), 0, 4_999_980_000n);

  it('gettxout: confirmations, coinbase, null for a missing or mempool-spent coin', () => {
    const [, , , coin, missing, outOfRange, , spent, confirmedView, unconfirmed] = rpc(
      ['--fresh', '--style', 'v0.21'],
      [
        ...setup,
        `gettxout ${coinbaseTxid} 0`,
        `gettxout ${'00'.repeat(32)} 0`,
        `gettxout ${coinbaseTxid} 7`,
        `sendrawtransaction ${parent.toHex()}`,
        `gettxout ${coinbaseTxid} 0`,
        `gettxout ${coinbaseTxid} 0 false`,
        `gettxout ${txid(parent)} 0`,
      ],
    );
    expect(coin).toMatchObject({ confirmations: 101, value: 50, coinbase: true });
    expect((coin as { scriptPubKey: unknown }).scriptPubKey).toEqual({
      asm: `0 ${Buffer.from(PAY.slice(2)).toString('hex')}`,
      hex: Buffer.from(PAY).toString('hex'),
      reqSigs: 1,
      type: 'witness_v0_scripthash',
      addresses: [ADDRESS],
    });
    expect(missing).toBeNull();
    expect(outOfRange).toBeNull();
    expect(spent).toBeNull();
    expect(confirmedView).toMatchObject({ confirmations: 101, coinbase: true });
    expect(unconfirmed).toMatchObject({ confirmations: 0, value: 49.9999, coinbase: false });
  });

  it('getmempoolentry, getrawmempool and getmempoolinfo describe a parent and its child', () => {
    const answers = rpc(
      ['--fresh', '--style', 'v0.21'],
      [
        ...setup,
        `sendrawtransaction ${parent.toHex()}`,
        `-named sendrawtransaction hexstring=${child.toHex()} maxfeerate=0`,
        'getrawmempool',
        `getmempoolentry ${txid(parent)}`,
        `-named getmempoolentry txid=${txid(child)}`,
        'getmempoolinfo',
        '-named getrawmempool verbose=true',
      ],
    );
    const [sent, sentChild, ids, parentEntry, childEntry, info, verbose] = answers.slice(3);
    expect([sent, sentChild]).toEqual([txid(parent), txid(child)]);
    expect(ids).toEqual([txid(parent), txid(child)].sort());
    // One input, one P2WSH output, a one-byte witness: 94 bytes without the witness, 99 with
    // it, so 94 × 3 + 99 = 381 weight units, 96 vbytes.
    expect(parentEntry).toMatchObject({
      vsize: 96,
      weight: 381,
      time: T,
      height: 101,
      fee: 0.0001,
      descendantcount: 2,
      descendantsize: 192,
      descendantfees: 20_000,
      ancestorcount: 1,
      fees: { base: 0.0001, modified: 0.0001, ancestor: 0.0001, descendant: 0.0002 },
      depends: [],
      spentby: [txid(child)],
      'bip125-replaceable': true,
      unbroadcast: true,
    });
    expect(childEntry).toMatchObject({ ancestorcount: 2, ancestorfees: 20_000, depends: [txid(parent)] });
    expect(info).toMatchObject({ size: 2, bytes: 192, unbroadcastcount: 2 });
    expect(Object.keys(verbose as object).sort()).toEqual([txid(parent), txid(child)].sort());
  });

  it('--style modern drops the fee fields Core 0.21 still printed, and adds testmempoolaccept’s wtxid', () => {
    const [modernEntry, modernAccept] = rpc(
      ['--fresh'],
      [
        ...setup,
        `sendrawtransaction ${parent.toHex()}`,
        `getmempoolentry ${txid(parent)}`,
        `testmempoolaccept '["${child.toHex()}"]'`,
      ],
    ).slice(4);
    expect(modernEntry).not.toHaveProperty('fee');
    expect(modernEntry).not.toHaveProperty('ancestorfees');
    expect((modernAccept as { wtxid?: string }[])[0]!.wtxid).toMatch(/^[0-9a-f]{64}$/);
    const [oldAccept] = rpc(
      ['--fresh', '--style', 'v0.21'],
      [...setup, `sendrawtransaction ${parent.toHex()}`, `testmempoolaccept '["${child.toHex()}"]'`],
    ).slice(4);
    expect(oldAccept).toEqual([{ txid: txid(child), allowed: true, vsize: 96, fees: { base: 0.0001 } }]);
  });

  it('--style v0.21 takes exactly one transaction in testmempoolaccept, as Core 0.21 does', () => {
    const [two, none] = rpc(
      ['--fresh', '--style', 'v0.21'],
      [`testmempoolaccept '["${parent.toHex()}","${child.toHex()}"]'`, `testmempoolaccept '[]'`],
    );
    // rpc/rawtransaction.cpp:927 (Litecoin 0.21.5.5 and Bitcoin 0.21).
    const refusal = { error: { code: -8, message: 'Array must contain exactly one raw transaction for now' } };
    expect(two).toEqual(refusal);
    expect(none).toEqual(refusal);
  });
});

describe('-named arguments', () => {
  it('puts names in their places and refuses names the method does not have', () => {
    const [hash, unknown, noEquals, holes] = rpc(
      ['--fresh'],
      [
        '-named getblockhash height=0',
        '-named getrawmempool verbos=true',
        '-named getblockhash 0',
        '-named getrawmempool mempool_sequence=false',
      ],
    );
    expect(hash).toBe('0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206');
    // CRPCTable's transformNamedArguments (rpc/server.cpp:429).
    expect(unknown).toEqual({ error: { code: -8, message: 'Unknown named parameter verbos' } });
    // RPCConvertNamedValues (rpc/client.cpp:264).
    expect((noEquals as { error: { message: string } }).error.message).toBe(
      "No '=' in named argument '0', this needs to be present for every argument (even if it is empty)",
    );
    // verbose is left out: a null fills its place, and the answer is the plain list.
    expect(holes).toEqual([]);
  });
});

describe('listunspent with a wallet', () => {
  it('lists the mature coinbase of the new workspace’s wallet', () => {
    const [coins] = rpc([], ['-rpcwallet=Alice listunspent']);
    // A new workspace mines 101 blocks to Alice: only block 1's coinbase has matured (101 confirmations).
    expect(coins).toEqual([
      expect.objectContaining({ vout: 0, amount: 50, confirmations: 101, spendable: true, solvable: true, safe: true }),
    ]);
  });
});
