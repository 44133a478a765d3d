/**
 * The node's decoderawtransaction against TxLab's own (main/host/rpc/decode.ts, what the console
 * and `txlab rpc` answer), compared as whole JSON objects: every field either side prints — ids,
 * sizes, Core's ASM with sighash decoding, witnesses, amounts with eight decimals, script types,
 * reqSigs and addresses in the node's network and output style.
 */
import type { Transaction } from 'bitcoinjs-lib';
import { z } from 'zod';
import type { LocalDaemon } from '../../../main/backends/localDaemon';
import { type DecodeStyle, decodeTransaction } from '../../../main/host/rpc/decode';
import { stringifyRpc } from '../../../main/host/rpc/json';
import { type ChainProfile, PROFILES } from '../../../shared/chain/profiles';
import { txRecord } from '../../../shared/chain/txRecord';
import { rpc } from './node';
import { callBatch } from './rpcBatch';

export interface DecodeTarget {
  /** The node's chain: its addresses, and Litecoin's MWEB output types. */
  readonly chain: ChainProfile;
  readonly style: DecodeStyle;
}

/** The network and output style TxLab must use to speak like this node. */
export async function decodeTargetOf(node: LocalDaemon): Promise<DecodeTarget> {
  const { version } = await rpc(node, 'getnetworkinfo', [], z.object({ version: z.number() }));
  // Core 22 replaced reqSigs/addresses by one address; Litecoin Core 0.21 still prints the old shape.
  return {
    chain: PROFILES[node.kind === 'litecoind' ? 'ltc' : 'btc'],
    style: version >= 220_000 ? 'modern' : 'v0.21',
  };
}

/** TxLab's answer as the console prints it, read back as plain JSON. */
export function txlabDecoded(tx: Transaction, target: DecodeTarget): unknown {
  return JSON.parse(stringifyRpc(decodeTransaction(txRecord(tx), target.chain, target.style)));
}

/**
 * Litecoin Core 0.21.2 marks every input and output `"ismweb": false` (its MWEB extension blocks,
 * kept off here); Bitcoin Core and TxLab have no such field. Only that value is dropped: an MWEB
 * input or output would still show as a difference.
 */
export function withoutMwebFlags(decoded: unknown): unknown {
  if (Array.isArray(decoded)) return decoded.map(withoutMwebFlags);
  if (decoded === null || typeof decoded !== 'object') return decoded;
  return Object.fromEntries(
    Object.entries(decoded)
      .filter(([k, v]) => !(k === 'ismweb' && v === false))
      .map(([k, v]) => [k, withoutMwebFlags(v)]),
  );
}

/** Differences between two JSON values, as `path: node … ≠ txlab …`. */
export function jsonDifferences(node: unknown, txlab: unknown, path = ''): string[] {
  if (
    node !== null &&
    txlab !== null &&
    typeof node === 'object' &&
    typeof txlab === 'object' &&
    Array.isArray(node) === Array.isArray(txlab)
  ) {
    const a = node as Record<string, unknown>;
    const b = txlab as Record<string, unknown>;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) =>
      jsonDifferences(a[k], b[k], Array.isArray(node) ? `${path}[${k}]` : path ? `${path}.${k}` : k),
    );
  }
  return node === txlab ? [] : [`${path}: node ${JSON.stringify(node)} ≠ txlab ${JSON.stringify(txlab)}`];
}

/**
 * Decodes every transaction on the node (batches of `batch` calls, `inFlight` batches at once: the
 * node answers each batch on one of its RPC threads) and returns the mismatches, each with its
 * differences and hex.
 */
export async function compareDecoded(
  node: LocalDaemon,
  transactions: readonly Transaction[],
  batch = 200,
  inFlight = 2,
): Promise<string[]> {
  const target = await decodeTargetOf(node);
  const mismatches: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < transactions.length) {
      const part = transactions.slice(next, next + batch);
      next += part.length;
      const hexes = part.map((tx) => tx.toHex());
      const answers = await callBatch(
        node,
        'decoderawtransaction',
        hexes.map((hex) => [hex]),
      );
      answers.forEach((answer, i) => {
        const tx = part[i]!;
        const diff = answer.ok
          ? jsonDifferences(withoutMwebFlags(answer.result), txlabDecoded(tx, target))
          : [`the node could not decode it: ${answer.message} (RPC error ${answer.code})`];
        if (diff.length > 0) mismatches.push(`${tx.getId()}\n  ${diff.join('\n  ')}\n  tx: ${hexes[i]}`);
      });
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return mismatches;
}
