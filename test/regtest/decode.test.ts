/**
 * The node's decoderawtransaction against TxLab's own, as whole JSON answers (support/decoded.ts).
 * The transactions are the differential test's spends (unfunded: decoding needs no chain), outputs
 * paying to every script type, random scripts and hand-picked corners of ScriptToAsmStr. The
 * built-in lessons' own transactions are compared in decodeBuiltins.test.ts.
 */
import type { Transaction } from 'bitcoinjs-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDaemon } from '../../main/backends/localDaemon';
import { toAsm } from '../../shared/bitcoin/asm';
import { utf8 } from '../../shared/bitcoin/bytes';
import { sha256 } from '../../shared/bitcoin/hashes';
import { SeededRng } from '../../shared/rng';
import { buildSpend, generateCases } from './generators/cases';
import {
  cornerCaseTransactions,
  fundingLikeTransactions,
  randomScriptTransactions,
  taprootTransactions,
} from './generators/decodeExtras';
import { makeKey } from './generators/keys';
import { compareDecoded } from './support/decoded';
import { startNode } from './support/node';

const SEED = 7_031_921;
const CHAIN = { height: 1_000, medianTime: 1_700_000_000 };

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
    for (const spec of cases)
      transactions.push(buildSpend(spec, CHAIN, { case: fake(spec.id), helper: fake(`${spec.id} helper`) }, sink).tx);
    transactions.push(
      ...fundingLikeTransactions(cases, rng),
      ...randomScriptTransactions(150, rng),
      ...cornerCaseTransactions(rng),
      ...taprootTransactions(rng),
    );
    mismatches.push(...(await compareDecoded(node, transactions)));
    console.log(
      `decode: ${transactions.length} transactions, ${transactions.length - mismatches.length} identical, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
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

  it('decodes Taproot: key- and script-path witnesses, P2TR outputs and the witness programs beside them', () => {
    const outputs = transactions.flatMap((tx) => tx.outs.map((o) => o.script));
    const p2tr = outputs.filter((s) => s.length === 34 && s[0] === 0x51 && s[1] === 32);
    expect(p2tr.length).toBeGreaterThanOrEqual(40);
    expect(outputs.some((s) => s[0]! >= 0x52 && s[0]! <= 0x60 && s[1] === s.length - 2)).toBe(true);
    const witnesses = transactions.flatMap((tx) => tx.ins.map((i) => i.witness));
    // A control block: 33 + 32·m bytes with a tapscript leaf version (0xc0/0xc1) first.
    expect(witnesses.some((w) => w.some((item) => item.length === 65 && (item[0]! & 0xfe) === 0xc0))).toBe(true);
    expect(witnesses.some((w) => w.length === 1 && w[0]!.length === 64)).toBe(true);
  });

  it('agrees with TxLab on ASM, ids, sizes and every other compared field', () => {
    expect(mismatches.sort()).toEqual([]);
  });
});
