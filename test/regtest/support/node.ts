/**
 * Test-side access to a local regtest node: start it (or fail loudly with the install hint), call
 * RPCs with the failure turned into a thrown test error, mine, fund outputs with our own keys.
 */
import { Transaction } from 'bitcoinjs-lib';
import { z } from 'zod';
import { startLocalDaemon, type LocalDaemon } from '../../../main/backends/localDaemon';
import type { Result } from '../../../shared/contract/result';
import { hash160 } from '../../../shared/bitcoin/hashes';
import { hexToHash, toHex, type Bytes } from '../../../shared/bitcoin/bytes';
import type { Outpoint } from '../generators/cases';
import type { TestKey } from '../generators/keys';
import { signInput } from '../generators/signing';
import { p2pkhScript, p2wpkhScript } from '../generators/spend';

/** A fixed clock for the node (setmocktime), so block times, and with them every case, replay exactly. */
export const MOCK_TIME = 1_700_000_000;

/**
 * Starts a node or throws: a missing daemon must fail the suite, never skip it. The binary comes
 * from TXLAB_REGTEST_DAEMON if set (e.g. a bitcoind), else litecoind or bitcoind on PATH.
 */
export async function startNode(extraArgs: readonly string[] = []): Promise<LocalDaemon> {
  const binary = process.env['TXLAB_REGTEST_DAEMON'];
  const node = await startLocalDaemon({ extraArgs, ...(binary ? { binary } : {}) });
  if (!node.ok)
    throw new Error(
      `regtest suite needs a node: ${node.error.message}${node.error.detail ? `\n${node.error.detail}` : ''}`,
    );
  return node.value;
}

export function unwrap<T>(result: Result<T>, what: string): T {
  if (!result.ok)
    throw new Error(`${what}: ${result.error.message}${result.error.detail ? ` [${result.error.detail}]` : ''}`);
  return result.value;
}

export async function rpc<T>(
  node: LocalDaemon,
  method: string,
  params: readonly unknown[],
  schema: z.ZodType<T>,
  timeoutMs?: number,
): Promise<T> {
  return unwrap(await node.rpc.call(method, params, schema, timeoutMs ? { timeoutMs } : {}), method);
}

const ChainInfo = z.object({ blocks: z.number(), mediantime: z.number() });

export async function chainView(node: LocalDaemon): Promise<{ height: number; medianTime: number }> {
  const info = await rpc(node, 'getblockchaininfo', [], ChainInfo);
  return { height: info.blocks, medianTime: info.mediantime };
}

/** Coins arrive as JSON numbers in whole coins; satoshis are exact for any amount the chain holds. */
export const toSats = (coins: number): bigint => BigInt(Math.round(coins * 1e8));

const CoinbaseBlock = z.object({
  tx: z.array(z.object({ txid: z.string(), vout: z.array(z.object({ value: z.number(), n: z.number() })) })).min(1),
});

/** A miner whose coinbases pay a P2WPKH of our own key, and who spends them to fund the cases. */
export class Miner {
  private readonly coinbases: { outpoint: Outpoint; amount: bigint }[] = [];
  private address = '';

  constructor(
    private readonly node: LocalDaemon,
    private readonly key: TestKey,
  ) {}

  /** The node's address for our P2WPKH (the node knows its network's encoding; we do not need to). */
  async payoutAddress(): Promise<string> {
    if (!this.address) {
      const descriptor = `wpkh(${toHex(this.key.publicKey)})`;
      const info = await rpc(this.node, 'getdescriptorinfo', [descriptor], z.object({ descriptor: z.string() }));
      const addresses = await rpc(this.node, 'deriveaddresses', [info.descriptor], z.array(z.string()).length(1));
      this.address = addresses[0] ?? '';
    }
    return this.address;
  }

  async mine(blocks: number): Promise<string[]> {
    return rpc(this.node, 'generatetoaddress', [blocks, await this.payoutAddress()], z.array(z.string()), 300_000);
  }

  /** Mines one block holding exactly `txHexes` (generateblock, Core 0.21+): the node's consensus verdict. */
  async generateBlock(txHexes: readonly string[]): Promise<Result<{ hash: string }>> {
    return this.node.rpc.call('generateblock', [await this.payoutAddress(), txHexes], z.object({ hash: z.string() }));
  }

  /** Mines `blocks` and remembers their coinbases (spendable 100 blocks later). */
  async mineAndCollect(blocks: number): Promise<void> {
    const hashes = await this.mine(blocks);
    for (const hash of hashes) {
      const block = await rpc(this.node, 'getblock', [hash, 2], CoinbaseBlock);
      const coinbase = block.tx[0]!;
      this.coinbases.push({
        outpoint: { hash: hexToHash(coinbase.txid), index: 0 },
        amount: toSats(coinbase.vout[0]!.value),
      });
    }
  }

  /**
   * Pays each output from one mature coinbase per chunk, signed by the engine's BIP143 sighash,
   * broadcasts, and returns the outpoints in the same order (not yet confirmed: mine afterwards).
   */
  async fund(outputs: readonly { scriptPubKey: Bytes; amount: bigint }[], chunk = 250): Promise<Outpoint[]> {
    const result: Outpoint[] = [];
    for (let start = 0; start < outputs.length; start += chunk) {
      const part = outputs.slice(start, start + chunk);
      const coin = this.coinbases.shift();
      if (!coin) throw new Error('no coinbase left to fund from: mine more blocks first');
      const tx = new Transaction();
      tx.version = 2;
      tx.addInput(coin.outpoint.hash, coin.outpoint.index, 0xffff_fffe);
      let total = 0n;
      for (const o of part) {
        tx.addOutput(o.scriptPubKey, o.amount);
        total += o.amount;
      }
      const change = coin.amount - total - 200_000n;
      if (change < 100_000n) throw new Error(`a coinbase of ${coin.amount} sat cannot fund ${total} sat`);
      tx.addOutput(p2wpkhScript(this.key.publicKey), change);
      const sig = signInput(this.key, {
        tx,
        inputIndex: 0,
        scriptCode: p2pkhScript(hash160(this.key.publicKey)),
        sigVersion: 'WITNESS_V0',
        amount: coin.amount,
        hashType: 0x01,
      });
      tx.setWitness(0, [sig, this.key.publicKey]);
      await rpc(this.node, 'sendrawtransaction', [tx.toHex()], z.string());
      const hash = tx.getHash();
      part.forEach((_, i) => result.push({ hash, index: i }));
    }
    return result;
  }
}

export const MempoolAccept = z
  .array(z.object({ txid: z.string(), allowed: z.boolean(), 'reject-reason': z.string().optional() }))
  .length(1);

export async function testMempoolAccept(
  node: LocalDaemon,
  txHex: string,
): Promise<{ allowed: boolean; reason: string | undefined }> {
  const answers = await rpc(node, 'testmempoolaccept', [[txHex]], MempoolAccept);
  const answer = answers[0]!;
  return { allowed: answer.allowed, reason: answer['reject-reason'] };
}

const SoftForks = z.object({
  softforks: z.record(z.string(), z.object({ height: z.number().optional() })),
});

/** Activation heights of the buried deployments and Taproot (BIP9, active: it has a height), as the node reports them. */
export async function forkHeights(
  node: LocalDaemon,
): Promise<{ segwit: number; bip66: number; bip65: number; csv: number; taproot: number }> {
  const { softforks } = await rpc(node, 'getblockchaininfo', [], SoftForks);
  const height = (name: string): number => {
    const h = softforks[name]?.height;
    if (h === undefined) throw new Error(`getblockchaininfo reports no activation height for ${name}`);
    return h;
  };
  return {
    segwit: height('segwit'),
    bip66: height('bip66'),
    bip65: height('bip65'),
    csv: height('csv'),
    taproot: height('taproot'),
  };
}
