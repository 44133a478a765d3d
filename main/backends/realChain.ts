/**
 * A chain played on a real regtest node (bitcoind or litecoind) over JSON-RPC. TxLab keeps a
 * shadow ChainNode that follows the node block by block — verifying each block with TxLab's own
 * engine as it goes — so every view, status and balance works exactly as with the simulator.
 * Wallet keys stay in TxLab's keystore: the node only ever sees signed transactions.
 *
 * Either coin's chain may be played by either daemon. Litecoin Core 0.21 is a fork of Bitcoin
 * Core 0.21 with the same script interpreter, standardness policy, coinbase maturity, subsidy and
 * regtest halving; only the genesis block, address prefixes and block spacing differ, and TxLab
 * never hands the node an address (raw transactions in, `generatetodescriptor raw(…)` to mine).
 * So the shadow chain starts from the node's own genesis and keeps the workspace's profile for
 * everything else (addresses, names, spacing), and its name says which coin's node plays it.
 */
import { Block, Transaction } from 'bitcoinjs-lib';
import { z } from 'zod';
import { fromHex, hashToHex } from '../../shared/bitcoin/bytes';
import { type BlockRecord, genesisBlock, withSizes } from '../../shared/chain/blocks';
import { ChainNode } from '../../shared/chain/chainNode';
import { type ChainPolicy, defaultPolicy } from '../../shared/chain/era';
import { CHAIN_IDS, type ChainId, type ChainProfile, PROFILES } from '../../shared/chain/profiles';
import { txRecord } from '../../shared/chain/txRecord';
import { err, failedText, ok, type Result } from '../../shared/contract/result';
import type { RealNodeName } from '../../shared/contract/views';
import type { ChainAction, ChainActionResult } from '../../shared/scenario/chainActions';
import type { ChainBackend, ChainPlace } from '../host/chainBackend';
import type { RpcClient } from './rpcClient';

/** The node's clock: setmocktime moves it; TxLab reads it back as the chain's time. */
class MockClock {
  constructor(private time: number) {}
  now(): number {
    return Math.floor(this.time);
  }
  exact(): number {
    return this.time;
  }
  set(time: number): void {
    this.time = time;
  }
}

const num = z.number();
const str = z.string();
const strings = z.array(z.string());

export interface RealChainOptions {
  readonly profile: ChainProfile;
  readonly rpc: RpcClient;
  /** Where the node's clock starts (setmocktime), so lessons' time locks play as in the simulator. */
  readonly startTime: number;
  /** A name for the node in the chain panel: the daemon, or the URL's host. */
  readonly name: string;
  /** A daemon TxLab started: the name ends with "(local)" (the chain panel reads it so). */
  readonly local?: boolean;
  /** Called when the node is no longer needed (a daemon TxLab started for this chain). */
  readonly onClose?: () => Promise<void>;
}

const REGTEST_NAME: Readonly<Record<ChainId, string>> = { btc: 'Bitcoin regtest', ltc: 'Litecoin regtest' };

/** The coin whose regtest genesis block has this hash (the only thing that tells the two nodes apart to TxLab). */
export function coinOfGenesis(hash: string): ChainId | undefined {
  return CHAIN_IDS.find((id) => genesisBlock(PROFILES[id]).hash === hash);
}

/**
 * The profile of the shadow chain: the workspace's own, with the genesis block and the rules of
 * the coin the node runs (blocks must link to the node's genesis, and the node, not the
 * workspace, decides its money range, dust and replacement).
 */
export function shadowProfile(profile: ChainProfile, nodeCoin: ChainId): ChainProfile {
  if (nodeCoin === profile.id) return profile;
  const node = PROFILES[nodeCoin];
  return Object.freeze({ ...profile, genesis: node.genesis, rules: node.rules });
}

export class RealChain implements ChainBackend {
  readonly kind = 'real' as const;
  readonly primary: ChainNode;
  readonly clock: MockClock;
  /** The chain's name in the panel and the CLI, e.g. "litecoind playing Bitcoin regtest (local)". */
  readonly name: string;
  /** The same in parts, for the page to say in its language. */
  private readonly parts: RealNodeName;
  /** Who mined the node's blocks, as the chain panel lists them. */
  private readonly miner: string;
  private sent = 0;
  private accepted = 0;

  private constructor(
    private readonly options: RealChainOptions,
    /** The coin whose regtest the node runs (from its genesis): the workspace's, or the other. */
    readonly nodeCoin: ChainId,
    policy: ChainPolicy,
  ) {
    this.clock = new MockClock(options.startTime);
    const playing = nodeCoin === options.profile.id ? '' : ` playing ${REGTEST_NAME[options.profile.id]}`;
    const local = options.local ? ' (local)' : '';
    this.name = `${options.name}${playing}${local}`;
    this.parts = {
      program: options.name,
      ...(playing ? { plays: REGTEST_NAME[options.profile.id] } : {}),
      local: options.local === true,
    };
    this.miner = `${options.name}${local}`;
    this.primary = new ChainNode({
      profile: shadowProfile(options.profile, nodeCoin),
      clock: this.clock,
      policy,
      name: this.name,
    });
  }

  describe(): ChainPlace {
    return {
      realNode: this.local ? 'local' : 'rpc',
      nodes: [{ name: this.name, node: this.primary, real: this.parts }],
    };
  }

  /** A daemon TxLab started for this chain (else a node at a URL). */
  get local(): boolean {
    return this.options.local === true;
  }

  get id() {
    return this.options.profile.id;
  }

  /** Transactions handed to the node (sendrawtransaction) since connecting, and how many it took. */
  get broadcasts(): { readonly sent: number; readonly accepted: number } {
    return { sent: this.sent, accepted: this.accepted };
  }

  private async call<T>(method: string, params: readonly unknown[], schema: z.ZodType<T>): Promise<Result<T>> {
    return this.options.rpc.call(method, params, schema);
  }

  /** Connects, checks it is a Bitcoin or Litecoin regtest node (by its genesis), and catches up with it. */
  static async connect(options: RealChainOptions): Promise<Result<RealChain>> {
    const genesis = await options.rpc.call('getblockhash', [0], str);
    if (!genesis.ok) return genesis;
    const nodeCoin = coinOfGenesis(genesis.value);
    if (!nodeCoin) {
      return err(
        'BACKEND_UNAVAILABLE',
        `the node at ${options.rpc.url} is neither a Bitcoin nor a Litecoin regtest node (its genesis block is ${genesis.value.slice(0, 16)}…); TxLab plays ${options.profile.name} only on a regtest node`,
      );
    }
    const chain = new RealChain(options, nodeCoin, defaultPolicy('modern', PROFILES[nodeCoin].rules.replacement));
    const height = await chain.call('getblockcount', [], num);
    if (!height.ok) return height;
    if (height.value === 0) {
      const mocked = await chain.call('setmocktime', [options.startTime], z.null());
      if (!mocked.ok) return mocked;
    } else {
      const info = await chain.call('getblockchaininfo', [], z.object({ mediantime: num }));
      if (!info.ok) return info;
      chain.clock.set(Math.max(options.startTime, info.value.mediantime));
    }
    const synced = await chain.sync();
    return synced.ok ? ok(chain) : synced;
  }

  private async fetchBlock(hash: string): Promise<Result<BlockRecord>> {
    const raw = await this.call('getblock', [hash, 0], str);
    if (!raw.ok) return raw;
    const block = Block.fromHex(raw.value);
    const txs = (block.transactions ?? []).map(txRecord);
    return ok(
      withSizes({
        hash: block.getId(),
        header: {
          version: block.version,
          prevHash: hashToHex(block.prevHash!),
          merkleRoot: hashToHex(block.merkleRoot!),
          time: block.timestamp,
          bits: block.bits,
          nonce: block.nonce,
        },
        txs,
        minedBy: this.miner,
      }),
    );
  }

  /** Follows the node: new blocks (through reorganisations), then its mempool. */
  async sync(): Promise<Result<true>> {
    const height = await this.call('getblockcount', [], num);
    if (!height.ok) return height;
    // Walk back to the last block both agree on (a reorg on the node moves it back).
    let common = Math.min(this.primary.height, height.value);
    for (; common > 0; common--) {
      const h = await this.call('getblockhash', [common], str);
      if (!h.ok) return h;
      if (h.value === this.primary.blockAt(common)!.block.hash) break;
    }
    for (let h = common + 1; h <= height.value; h++) {
      const hash = await this.call('getblockhash', [h], str);
      if (!hash.ok) return hash;
      if (this.primary.tree.get(hash.value)) continue;
      const block = await this.fetchBlock(hash.value);
      if (!block.ok) return block;
      const processed = this.primary.processBlock(block.value);
      if (!processed.ok) {
        return err(
          'INTERNAL',
          `the node accepted block ${h} (${hash.value.slice(0, 16)}…) but TxLab's engine refused it: ${processed.error.reason}`,
          { detail: 'DISAGREEMENT' },
        );
      }
    }
    const mempool = await this.call('getrawmempool', [], strings);
    if (!mempool.ok) return mempool;
    let missing = mempool.value.filter((txid) => !this.primary.mempool.has(txid));
    // Parents before children: retry until nothing more goes in.
    for (let round = 0; missing.length > 0 && round < 25; round++) {
      const next: string[] = [];
      for (const txid of missing) {
        const hex = await this.call('getrawtransaction', [txid], str);
        if (!hex.ok) continue; // mined or evicted meanwhile
        const outcome = this.primary.acceptToMempool(txRecord(parseRaw(hex.value)), { bypassLimits: true });
        if (!outcome.ok && outcome.rejection.orphan) next.push(txid);
      }
      if (next.length === missing.length) break;
      missing = next;
    }
    return ok(true);
  }

  /**
   * Takes over from a node that has just played `actions` from its genesis block: a built-in's
   * setup, done on a node at a URL, which cannot be replayed there a second time. The shadow has
   * caught up with the node's blocks on connecting; the clock is recomputed from the actions as
   * `apply` moved it, since Core has no RPC that reads its mock time back.
   */
  resumeAfter(actions: readonly ChainAction[]): void {
    let time = this.options.startTime;
    for (const action of actions) {
      if (action.op === 'mine') time += action.count * this.primary.profile.targetSpacing;
      else if (action.op === 'advanceTime') time += action.seconds;
    }
    this.clock.set(Math.max(this.clock.exact(), time));
  }

  async apply(
    action: ChainAction,
    onProgress?: (done: number, total: number) => void,
    work?: { readonly cancelled: boolean },
  ): Promise<ChainActionResult> {
    const spacing = this.primary.profile.targetSpacing;
    switch (action.op) {
      case 'mine': {
        const hashes: string[] = [];
        for (let i = 0; i < action.count; i++) {
          if (work?.cancelled) {
            const synced = await this.sync();
            return synced.ok
              ? { op: 'mine', hashes, cancelled: true }
              : { op: 'failed', message: synced.error.message };
          }
          // One block at a time, each `targetSpacing` later, as the simulator does: time locks
          // that count in seconds (the swap's 24 h, the HTLC's three days) open at the same block.
          this.clock.set(this.clock.exact() + spacing);
          const mocked = await this.call('setmocktime', [this.clock.now()], z.null());
          if (!mocked.ok) return { op: 'failed', message: mocked.error.message };
          const mined = await this.call('generatetodescriptor', [1, `raw(${action.script})`], strings);
          if (!mined.ok)
            return {
              op: 'failed',
              message: `${mined.error.message}${mined.error.detail ? `: ${mined.error.detail}` : ''}`,
            };
          hashes.push(...mined.value);
          if (onProgress && (i % 25 === 24 || i === action.count - 1)) onProgress(i + 1, action.count);
        }
        const synced = await this.sync();
        return synced.ok ? { op: 'mine', hashes } : { op: 'failed', message: synced.error.message };
      }
      case 'advanceTime': {
        this.clock.set(this.clock.exact() + action.seconds);
        const mocked = await this.call('setmocktime', [this.clock.now()], z.null());
        return mocked.ok ? { op: 'other' } : { op: 'failed', message: mocked.error.message };
      }
      case 'setPolicy':
        return failedText('host.realNodeRules', { node: this.name });
      case 'broadcast': {
        const record = txRecord(parseRaw(action.hex));
        // maxfeerate 0: the node would otherwise refuse lessons' deliberately large fees.
        const sent = await this.call('sendrawtransaction', [action.hex, 0], str);
        this.sent++;
        if (!sent.ok) {
          const said = sent.error.detail ?? sent.error.message;
          const reason = rejectReason(said);
          return {
            op: 'broadcast',
            outcome: {
              ok: false,
              txid: record.txid,
              wtxid: record.wtxid,
              rejection: { reason, message: `${this.name} refused it: ${said}` },
            },
          };
        }
        this.accepted++;
        const synced = await this.sync();
        if (!synced.ok) return { op: 'failed', message: synced.error.message };
        const entry = this.primary.mempool.get(record.txid);
        return {
          op: 'broadcast',
          outcome: {
            ok: true,
            txid: record.txid,
            wtxid: record.wtxid,
            fee: entry?.fee ?? 0n,
            vsize: record.vsize,
            replaced: [],
          },
        };
      }
      case 'settle': {
        const synced = await this.sync();
        return synced.ok ? { op: 'other' } : { op: 'failed', message: synced.error.message };
      }
    }
  }

  async close(): Promise<void> {
    this.options.rpc.close();
    await this.options.onClose?.();
  }
}

/**
 * The node's reject reason in TxLab's (and testmempoolaccept's) words. Core's sendrawtransaction
 * reports a spent or unknown input (TX_MISSING_INPUTS) as "bad-txns-inputs-missingorspent", where
 * testmempoolaccept — and the engine, and the lessons' expectations — say "missing-inputs";
 * every other reason is the same string in both.
 */
function rejectReason(said: string): string {
  return said === 'bad-txns-inputs-missingorspent' ? 'missing-inputs' : said;
}

/** A raw transaction from the node: it parses (the node serialised it). */
function parseRaw(hex: string): Transaction {
  return Transaction.fromBuffer(fromHex(hex));
}
