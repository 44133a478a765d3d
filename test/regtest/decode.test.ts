/**
 * The node's decoderawtransaction against TxLab: Core's ASM from the engine (`toAsm`, sighash
 * decoding for scriptSigs), and txid, wtxid, size, vsize, weight, version, locktime, sequences,
 * witnesses and values from bitcoinjs-lib. The transactions are the differential test's spends
 * (unfunded: decoding needs no chain), outputs paying to every script type, random scripts and
 * hand-picked corners of ScriptToAsmStr.
 */
import type { Transaction } from 'bitcoinjs-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LocalDaemon } from '../../main/backends/localDaemon';
import { toAsm } from '../../shared/bitcoin/asm';
import { hashToHex, toHex, utf8 } from '../../shared/bitcoin/bytes';
import { sha256 } from '../../shared/bitcoin/hashes';
import { SeededRng } from '../../shared/rng';
import { buildSpend, generateCases } from './generators/cases';
import { cornerCaseTransactions, fundingLikeTransactions, randomScriptTransactions } from './generators/decodeExtras';
import { makeKey } from './generators/keys';
import { rpc, startNode, toSats } from './support/node';

const SEED = 7_031_921;
const CHAIN = { height: 1_000, medianTime: 1_700_000_000 };

const Decoded = z.object({
  txid: z.string(),
  hash: z.string(),
  version: z.number(),
  size: z.number(),
  vsize: z.number(),
  weight: z.number(),
  locktime: z.number(),
  vin: z.array(
    z.object({
      txid: z.string(),
      vout: z.number(),
      scriptSig: z.object({ asm: z.string(), hex: z.string() }),
      txinwitness: z.array(z.string()).optional(),
      sequence: z.number(),
    }),
  ),
  vout: z.array(z.object({ value: z.number(), n: z.number(), scriptPubKey: z.object({ asm: z.string(), hex: z.string() }) })),
});
type Decoded = z.infer<typeof Decoded>;

/** The fields as TxLab computes them, in the node's shape. */
function txlabView(tx: Transaction): Decoded {
  return {
    txid: tx.getId(),
    hash: hashToHex(tx.getHash(true)),
    version: tx.version,
    size: tx.byteLength(),
    vsize: tx.virtualSize(),
    weight: tx.weight(),
    locktime: tx.locktime,
    vin: tx.ins.map((input) => ({
      txid: hashToHex(input.hash),
      vout: input.index,
      scriptSig: { asm: toAsm(input.script, true), hex: toHex(input.script) },
      ...(input.witness.length > 0 ? { txinwitness: input.witness.map(toHex) } : {}),
      sequence: input.sequence,
    })),
    vout: tx.outs.map((out, n) => ({ value: Number(out.value) / 1e8, n, scriptPubKey: { asm: toAsm(out.script), hex: toHex(out.script) } })),
  };
}

/** Field-by-field differences, as `path: node ≠ txlab`. */
function differences(node: Decoded, txlab: Decoded): string[] {
  const out: string[] = [];
  const check = (path: string, a: unknown, b: unknown): void => {
    if (a !== b) out.push(`${path}: node ${JSON.stringify(a)} ≠ txlab ${JSON.stringify(b)}`);
  };
  for (const key of ['txid', 'hash', 'version', 'size', 'vsize', 'weight', 'locktime'] as const) check(key, node[key], txlab[key]);
  check('vin.length', node.vin.length, txlab.vin.length);
  node.vin.forEach((vin, i) => {
    const mine = txlab.vin[i];
    if (!mine) return;
    check(`vin[${i}].txid`, vin.txid, mine.txid);
    check(`vin[${i}].vout`, vin.vout, mine.vout);
    check(`vin[${i}].scriptSig.asm`, vin.scriptSig.asm, mine.scriptSig.asm);
    check(`vin[${i}].scriptSig.hex`, vin.scriptSig.hex, mine.scriptSig.hex);
    check(`vin[${i}].txinwitness`, JSON.stringify(vin.txinwitness ?? []), JSON.stringify(mine.txinwitness ?? []));
    check(`vin[${i}].sequence`, vin.sequence, mine.sequence);
  });
  check('vout.length', node.vout.length, txlab.vout.length);
  node.vout.forEach((vout, i) => {
    const mine = txlab.vout[i];
    if (!mine) return;
    check(`vout[${i}].value`, toSats(vout.value), toSats(mine.value));
    check(`vout[${i}].scriptPubKey.asm`, vout.scriptPubKey.asm, mine.scriptPubKey.asm);
    check(`vout[${i}].scriptPubKey.hex`, vout.scriptPubKey.hex, mine.scriptPubKey.hex);
  });
  return out;
}

describe('decoderawtransaction: the node vs TxLab', () => {
  let node: LocalDaemon | undefined;
  const transactions: Transaction[] = [];
  const mismatches: string[] = [];

  beforeAll(async () => {
    const started = Date.now();
    node = await startNode();
    const rng = new SeededRng(SEED);
    const sink = makeKey(rng, 'sink');
    const cases = generateCases(rng.nextU32(), CHAIN);
    // Decoding needs no chain: made-up outpoints stand in for the funding.
    const fake = (label: string) => ({ hash: sha256(utf8(label)), index: 0 });
    for (const spec of cases) transactions.push(buildSpend(spec, CHAIN, { case: fake(spec.id), helper: fake(`${spec.id} helper`) }, sink).tx);
    transactions.push(...fundingLikeTransactions(cases, rng), ...randomScriptTransactions(150, rng), ...cornerCaseTransactions(rng));
    for (const tx of transactions) {
      const hex = tx.toHex();
      const decoded = await rpc(node, 'decoderawtransaction', [hex], Decoded);
      const diff = differences(decoded, txlabView(tx));
      if (diff.length > 0) mismatches.push(`${tx.getId()}\n  ${diff.join('\n  ')}\n  tx: ${hex}`);
    }
    console.log(`decode: ${transactions.length} transactions, ${transactions.length - mismatches.length} identical, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  afterAll(async () => {
    await node?.stop();
  });

  it('decodes at least 200 transactions, with scriptSigs that carry signatures and ones that end in [error]', () => {
    expect(transactions.length).toBeGreaterThanOrEqual(200);
    const asms = transactions.flatMap((tx) => tx.ins.map((i) => toAsm(i.script, true)));
    expect(asms.some((a) => a.includes('[ALL]'))).toBe(true);
    expect(asms.some((a) => a.includes('[SINGLE|ANYONECANPAY]'))).toBe(true);
    expect(asms.some((a) => a.endsWith('[error]'))).toBe(true);
  });

  it('agrees with TxLab on ASM, ids, sizes and every other compared field', () => {
    expect(mismatches).toEqual([]);
  });
});
