/**
 * The `txlab rpc` methods, with Bitcoin Core's names, parameters and result fields, answered from
 * a workspace's simulated chain. Errors carry Core's codes and messages.
 */
import { DEFAULT_MAX_RAW_TX_FEE_RATE } from '../../../shared/chain/draftWarnings';
import { addressToScript } from '../../../shared/bitcoin/address';
import { fromHex, isHex, toHex } from '../../../shared/bitcoin/bytes';
import { parseTransaction } from '../../../shared/bitcoin/transaction';
import type { ChainNode } from '../../../shared/chain/chainNode';
import type { BlockIndexEntry } from '../../../shared/chain/blockTree';
import { serializeBlock } from '../../../shared/chain/blocks';
import { PROFILES, type ChainId } from '../../../shared/chain/profiles';
import { coinFromMempool } from '../../../shared/chain/chainView';
import { outpointKey, txRecord } from '../../../shared/chain/txRecord';
import type { Workbench } from '../workbench';
import {
  decodeScriptObject,
  decodeTransaction,
  type DecodeStyle,
  scriptPubKeyObject,
  validateAddressObject,
} from './decode';
import { RPC, rpcFail } from './errors';
import { Amount, amountFromValue } from './json';
import { walletRpc } from './walletMethods';

export interface RpcContext {
  readonly bench: Workbench;
  readonly chain: ChainId;
  readonly wallet?: string;
  readonly style: DecodeStyle;
}

/** An RPC method's result, or a promise of it. */
type Method = (ctx: RpcContext, params: readonly unknown[]) => unknown;

function nodeOf(ctx: RpcContext): ChainNode {
  const chain = ctx.bench.chains.get(ctx.chain);
  if (!chain) rpcFail(RPC.MISC_ERROR, `this workspace has no ${ctx.chain} chain`);
  return chain.primary;
}

function str(params: readonly unknown[], i: number, name: string): string {
  const v = params[i];
  if (typeof v !== 'string')
    rpcFail(RPC.TYPE_ERROR, `Expected type string for ${name}, got ${v === undefined ? 'nothing' : typeof v}`);
  return v;
}

function num(params: readonly unknown[], i: number, name: string, fallback?: number): number {
  const v = params[i] ?? fallback;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v !== 'number' || !Number.isInteger(v)) rpcFail(RPC.TYPE_ERROR, `Expected type number for ${name}`);
  return v;
}

function hash(params: readonly unknown[], i: number, name: string): string {
  const v = str(params, i, name);
  if (!/^[0-9a-fA-F]{64}$/.test(v))
    rpcFail(RPC.INVALID_PARAMETER, `${name} must be of length 64 (not ${v.length}, for '${v}')`);
  return v.toLowerCase();
}

/**
 * The `maxfeerate` argument in satoshis per kvB, 0 meaning no limit: CFeeRate(AmountFromValue(v))
 * (rpc/rawtransaction.cpp:858 and :940) takes the amount as it is, so a rate finer than 1 sat/kvB
 * cannot be written and any other below MAX_MONEY is kept.
 */
function maxFeeRate(ctx: RpcContext, params: readonly unknown[], i: number): bigint {
  const v = params[i];
  if (v === undefined || v === null) return DEFAULT_MAX_RAW_TX_FEE_RATE;
  return amountFromValue(v, PROFILES[ctx.chain].rules.maxMoney);
}

/** CFeeRate::GetFee: the fee at `ratePerKvB` for `vsize` vbytes (rounded down, at least 1 sat). */
function feeAtRate(ratePerKvB: bigint, vsize: number): bigint {
  const fee = (ratePerKvB * BigInt(vsize)) / 1000n;
  return fee === 0n && vsize > 0 && ratePerKvB > 0n ? 1n : fee;
}

/**
 * sendrawtransaction and testmempoolaccept add a hint to the message (rpc/rawtransaction.cpp:852,
 * :933); decoderawtransaction does not (:519).
 */
const SUBMIT_DECODE_FAILED = 'TX decode failed. Make sure the tx has at least one input.';

function decodeHex(hex: string, failure = 'TX decode failed') {
  const parsed = parseTransaction(hex);
  if (!parsed.ok) rpcFail(RPC.DESERIALIZATION_ERROR, failure);
  return txRecord(parsed.value);
}

const REGTEST_DIFFICULTY = 4.656542373906925e-10;

function blockHeaderObject(node: ChainNode, e: BlockIndexEntry): Record<string, unknown> {
  const active = node.isActive(e);
  const next = active ? node.blockAt(e.height + 1) : undefined;
  const h = e.block.header;
  return {
    hash: e.block.hash,
    confirmations: active ? node.height - e.height + 1 : -1,
    height: e.height,
    version: h.version,
    versionHex: (h.version >>> 0).toString(16).padStart(8, '0'),
    merkleroot: h.merkleRoot,
    time: h.time,
    mediantime: e.mtp,
    nonce: h.nonce,
    bits: h.bits.toString(16).padStart(8, '0'),
    difficulty: REGTEST_DIFFICULTY,
    chainwork: e.chainWork.toString(16).padStart(64, '0'),
    nTx: e.block.txs.length,
    ...(e.prev ? { previousblockhash: e.prev.block.hash } : {}),
    ...(next ? { nextblockhash: next.block.hash } : {}),
  };
}

/**
 * Whether a Core node would still hold the mempool's transactions as unbroadcast: submitted by
 * RPC and never requested by a peer. A simulated network of one node has no peer to ask.
 */
function unbroadcast(ctx: RpcContext): boolean {
  const simulated = ctx.bench.chains.simulated(ctx.chain);
  return simulated !== undefined && simulated.network.nodes.length === 1;
}

/** entryToJSON (rpc/blockchain.cpp:554); 'v0.21' adds the fee fields Core 0.21 still prints, and Litecoin's MWEB weights. */
function mempoolEntryObject(ctx: RpcContext, node: ChainNode, txid: string): Record<string, unknown> {
  const e = node.mempool.get(txid);
  if (!e) rpcFail(RPC.INVALID_ADDRESS_OR_KEY, 'Transaction not in mempool');
  const ancestors = node.mempool.ancestors(txid);
  const descendants = node.mempool.descendants(txid);
  const sum = (ids: Iterable<string>) => {
    let fee = e.fee;
    let vsize = e.record.vsize;
    for (const id of ids) {
      const x = node.mempool.get(id)!;
      fee += x.fee;
      vsize += x.record.vsize;
    }
    return { fee, vsize };
  };
  const anc = sum(ancestors);
  const desc = sum(descendants);
  const litecoin = ctx.chain === 'ltc';
  const v021 =
    ctx.style === 'v0.21'
      ? {
          fee: new Amount(e.fee),
          modifiedfee: new Amount(e.fee),
          descendantfees: Number(desc.fee),
          ancestorfees: Number(anc.fee),
          ...(litecoin ? { mwebweight: 0, descendantmwebweight: 0, ancestormwebweight: 0 } : {}),
        }
      : {};
  return {
    ...v021,
    vsize: e.record.vsize,
    weight: e.record.weight,
    time: e.time,
    height: e.height,
    descendantcount: descendants.size + 1,
    descendantsize: desc.vsize,
    ancestorcount: ancestors.size + 1,
    ancestorsize: anc.vsize,
    wtxid: e.record.wtxid,
    fees: {
      base: new Amount(e.fee),
      modified: new Amount(e.fee),
      ancestor: new Amount(anc.fee),
      descendant: new Amount(desc.fee),
    },
    depends: [...e.parents].sort(),
    spentby: [...e.children].sort(),
    'bip125-replaceable':
      e.record.tx.ins.some((i) => i.sequence < 0xfffffffe) ||
      [...ancestors].some((id) => node.mempool.get(id)!.record.tx.ins.some((i) => i.sequence < 0xfffffffe)),
    unbroadcast: unbroadcast(ctx),
  };
}

/** A satoshis-per-vbyte rate as Core prints a fee rate: coins per kvB. */
const perKvB = (satPerVb: number) => new Amount(BigInt(Math.ceil(satPerVb * 1000)));

/** DEFAULT_MAX_MEMPOOL_SIZE (policy/policy.h:32), in bytes as getmempoolinfo prints it. */
const MAX_MEMPOOL_BYTES = 300_000_000;

async function acceptResult(ctx: RpcContext, hex: string, testOnly: boolean) {
  const record = decodeHex(hex);
  const node = nodeOf(ctx);
  if (testOnly) return { record, outcome: node.acceptToMempool(record, { testOnly: true }) };
  const result = await ctx.bench.applyChain({ op: 'broadcast', chain: ctx.chain, hex: toHex(record.tx.toBuffer()) });
  if (result.op !== 'broadcast') rpcFail(RPC.MISC_ERROR, result.op === 'failed' ? result.message : 'broadcast failed');
  ctx.bench.changed();
  return { record, outcome: result.outcome };
}

export const RPC_METHODS: Readonly<Record<string, Method>> = {
  getblockchaininfo: (ctx) => {
    const node = nodeOf(ctx);
    return {
      chain: 'regtest',
      blocks: node.height,
      headers: node.height,
      bestblockhash: node.tip.block.hash,
      difficulty: REGTEST_DIFFICULTY,
      mediantime: node.tip.mtp,
      verificationprogress: 1,
      initialblockdownload: false,
      chainwork: node.tip.chainWork.toString(16).padStart(64, '0'),
      size_on_disk: 0,
      pruned: false,
      warnings: '',
    };
  },
  getblockcount: (ctx) => nodeOf(ctx).height,
  getbestblockhash: (ctx) => nodeOf(ctx).tip.block.hash,
  getblockhash: (ctx, p) => {
    const node = nodeOf(ctx);
    const height = num(p, 0, 'height');
    if (height < 0 || height > node.height) rpcFail(RPC.INVALID_PARAMETER, 'Block height out of range');
    return node.blockAt(height)!.block.hash;
  },
  getblock: (ctx, p) => {
    const node = nodeOf(ctx);
    const entry = node.tree.get(hash(p, 0, 'blockhash'));
    if (!entry) rpcFail(RPC.INVALID_ADDRESS_OR_KEY, 'Block not found');
    const verbosity = num(p, 1, 'verbosity', 1);
    if (verbosity === 0) return toHex(serializeBlock(entry.block));
    return {
      ...blockHeaderObject(node, entry),
      strippedsize: entry.block.strippedSize,
      size: entry.block.size,
      weight: entry.block.weight,
      tx:
        verbosity >= 2
          ? entry.block.txs.map((t) => decodeTransaction(t, PROFILES[ctx.chain], ctx.style))
          : entry.block.txs.map((t) => t.txid),
    };
  },
  getrawtransaction: (ctx, p) => {
    const node = nodeOf(ctx);
    const txid = hash(p, 0, 'txid');
    const verbose = p[1] === true || p[1] === 1;
    const loc = node.locateTx(txid);
    const record = loc ? node.blockAt(loc.height)!.block.txs[loc.position]! : node.mempool.get(txid)?.record;
    if (!record)
      rpcFail(
        RPC.INVALID_ADDRESS_OR_KEY,
        'No such mempool or blockchain transaction. Use gettransaction for wallet transactions.',
      );
    const hex = toHex(record.tx.toBuffer());
    if (!verbose) return hex;
    const block = loc ? node.blockAt(loc.height)!.block : undefined;
    return {
      ...decodeTransaction(record, PROFILES[ctx.chain], ctx.style),
      hex,
      ...(block
        ? {
            blockhash: block.hash,
            confirmations: node.height - loc!.height + 1,
            time: block.header.time,
            blocktime: block.header.time,
          }
        : {}),
    };
  },
  decoderawtransaction: (ctx, p) => {
    const hex = str(p, 0, 'hexstring');
    if (!isHex(hex)) rpcFail(RPC.DESERIALIZATION_ERROR, 'TX decode failed');
    return decodeTransaction(decodeHex(hex), PROFILES[ctx.chain], ctx.style);
  },
  decodescript: (ctx, p) => {
    const hex = str(p, 0, 'hexstring');
    // An empty script is valid; anything else must be whole hex bytes (ParseHexV).
    if (hex.length > 0 && !isHex(hex))
      rpcFail(RPC.INVALID_PARAMETER, `argument must be hexadecimal string (not '${hex}')`);
    return decodeScriptObject(fromHex(hex), PROFILES[ctx.chain], ctx.style);
  },
  validateaddress: (ctx, p) => validateAddressObject(str(p, 0, 'address'), PROFILES[ctx.chain], ctx.style),
  sendrawtransaction: async (ctx, p) => {
    const hex = str(p, 0, 'hexstring');
    // Core decodes the transaction before it reads maxfeerate (rpc/rawtransaction.cpp:851, :858).
    decodeHex(hex, SUBMIT_DECODE_FAILED);
    const rate = maxFeeRate(ctx, p, 1);
    if (rate > 0n) {
      // BroadcastTransaction (node/transaction.cpp): a test accept first; an absurd fee never reaches the mempool.
      const { record, outcome } = await acceptResult(ctx, hex, true);
      if (outcome.ok && outcome.fee > feeAtRate(rate, record.vsize))
        rpcFail(RPC.VERIFY_ERROR, 'Fee exceeds maximum configured by user (e.g. -maxtxfee, maxfeerate)');
    }
    const { record, outcome } = await acceptResult(ctx, hex, false);
    if (outcome.ok) return record.txid;
    const reason = outcome.rejection.reason;
    if (reason === 'missing-inputs') rpcFail(RPC.VERIFY_ERROR, 'bad-txns-inputs-missingorspent');
    if (reason === 'txn-already-known') rpcFail(RPC.VERIFY_ALREADY_IN_CHAIN, 'Transaction already in block chain');
    if (reason === 'txn-already-in-mempool') return record.txid;
    rpcFail(RPC.VERIFY_REJECTED, reason);
  },
  testmempoolaccept: async (ctx, p) => {
    const rawtxs = p[0];
    if (!Array.isArray(rawtxs) || rawtxs.some((t) => typeof t !== 'string'))
      rpcFail(RPC.TYPE_ERROR, 'Expected type array of strings for rawtxs');
    // Core 0.21 takes one transaction (rpc/rawtransaction.cpp:927); packages came with Core 22.
    if (ctx.style === 'v0.21' && rawtxs.length !== 1)
      rpcFail(RPC.INVALID_PARAMETER, 'Array must contain exactly one raw transaction for now');
    for (const hex of rawtxs as string[]) decodeHex(hex, SUBMIT_DECODE_FAILED);
    const rate = maxFeeRate(ctx, p, 1);
    const results: unknown[] = [];
    for (const hex of rawtxs as string[]) {
      const { record, outcome } = await acceptResult(ctx, hex, true);
      // Core 0.21 answers without the wtxid (rpc/rawtransaction.cpp:950); Core 22 added it.
      const ids = ctx.style === 'v0.21' ? { txid: record.txid } : { txid: record.txid, wtxid: record.wtxid };
      if (outcome.ok && rate > 0n && outcome.fee > feeAtRate(rate, record.vsize)) {
        results.push({ ...ids, allowed: false, 'reject-reason': 'max-fee-exceeded' });
        continue;
      }
      results.push(
        outcome.ok
          ? { ...ids, allowed: true, vsize: record.vsize, fees: { base: new Amount(outcome.fee) } }
          : { ...ids, allowed: false, 'reject-reason': outcome.rejection.reason },
      );
    }
    return results;
  },
  getrawmempool: (ctx, p) => {
    const node = nodeOf(ctx);
    const ids = [...node.mempool.all()].map((e) => e.record.txid).sort();
    if (p[0] !== true && p[0] !== 1) return ids;
    return Object.fromEntries(ids.map((id) => [id, mempoolEntryObject(ctx, node, id)]));
  },
  getmempoolentry: (ctx, p) => mempoolEntryObject(ctx, nodeOf(ctx), hash(p, 0, 'txid')),
  /** MempoolInfoToJSON (rpc/blockchain.cpp:1663). `usage` is the transactions' bytes: TxLab has no C++ heap to measure. */
  getmempoolinfo: (ctx) => {
    const node = nodeOf(ctx);
    const entries = [...node.mempool.all()];
    const minRelay = node.policy.minRelayFeeRate;
    return {
      loaded: true,
      size: entries.length,
      bytes: entries.reduce((n, e) => n + e.record.vsize, 0),
      usage: entries.reduce((n, e) => n + e.record.size, 0),
      maxmempool: MAX_MEMPOOL_BYTES,
      mempoolminfee: perKvB(Math.max(node.mempoolMinFeeRate(), minRelay)),
      minrelaytxfee: perKvB(minRelay),
      unbroadcastcount: unbroadcast(ctx) ? entries.length : 0,
    };
  },
  /** gettxout (rpc/blockchain.cpp:1265): null for a coin that does not exist, or is spent (in the mempool too, unless include_mempool is false). */
  gettxout: (ctx, p) => {
    const node = nodeOf(ctx);
    const txid = hash(p, 0, 'txid');
    const n = num(p, 1, 'n');
    const includeMempool = p[2] === undefined || p[2] === null ? true : p[2] === true;
    if (p[2] !== undefined && p[2] !== null && typeof p[2] !== 'boolean')
      rpcFail(RPC.TYPE_ERROR, 'JSON value is not a boolean as expected');
    if (n < 0 || n > 0xffffffff) return null;
    const outpoint = outpointKey(txid, n);
    const confirmed = node.coins.get(outpoint);
    const coin = includeMempool ? coinFromMempool(node, outpoint) : confirmed;
    if (!coin || (includeMempool && node.mempool.spenderOf(outpoint))) return null;
    return {
      bestblock: node.tip.block.hash,
      confirmations: confirmed ? node.height - coin.height + 1 : 0,
      value: new Amount(coin.output.value),
      scriptPubKey: scriptPubKeyObject(coin.output.script, PROFILES[ctx.chain], ctx.style),
      coinbase: coin.coinbase,
    };
  },
  /** setmocktime (rpc/misc.cpp:360): the chain's clock stands still at the timestamp until the next call. */
  setmocktime: (ctx, p) => {
    const time = num(p, 0, 'timestamp');
    if (time < 0) rpcFail(RPC.INVALID_PARAMETER, `Mocktime can not be negative: ${time}.`);
    const simulated = ctx.bench.chains.simulated(ctx.chain);
    if (!simulated) rpcFail(RPC.MISC_ERROR, `the ${ctx.chain} chain is played on a real node: set its time there`);
    if (time === 0)
      rpcFail(RPC.INVALID_PARAMETER, 'TxLab has no system time to go back to: its chains keep their own clock');
    if (!simulated.setMockTime(time))
      rpcFail(
        RPC.INVALID_PARAMETER,
        `TxLab's chain clock only moves forward: it is at ${simulated.clock.now()}, after ${time}`,
      );
    return null;
  },
  generatetoaddress: async (ctx, p) => {
    const count = num(p, 0, 'nblocks');
    if (count < 1 || count > 10_000) rpcFail(RPC.INVALID_PARAMETER, 'nblocks must be between 1 and 10000');
    const address = str(p, 1, 'address');
    const script = addressToScript(address, PROFILES[ctx.chain].network);
    if (!script.ok) rpcFail(RPC.INVALID_ADDRESS_OR_KEY, 'Error: Invalid address');
    const result = await ctx.bench.applyChain(
      { op: 'mine', chain: ctx.chain, count, script: toHex(script.value) },
      `mine-${ctx.chain}`,
    );
    if (result.op === 'failed') rpcFail(RPC.MISC_ERROR, result.message);
    if (result.op !== 'mine') rpcFail(RPC.MISC_ERROR, 'mining failed');
    ctx.bench.changed();
    return result.hashes;
  },
  ...walletRpc,
};

export const RPC_METHOD_NAMES = Object.keys(RPC_METHODS).sort();
