/**
 * Issue 6: "decoderawtransaction of TxLab equals the node's for every transaction the built-ins
 * produce". Every path of every built-in lesson is played to its end; every transaction it made
 * (blocks, broadcasts, refused copies, lesson-task sandboxes, every draft state of the graph) is
 * decoded by the node and by TxLab's own decoderawtransaction, and the two JSON answers must be
 * identical (support/decoded.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDaemon } from '../../main/backends/localDaemon';
import { toAsm } from '../../shared/bitcoin/asm';
import { isCoinbase } from '../../shared/bitcoin/transaction';
import { BUILTINS } from '../../shared/lessons';
import {
  type BuiltinTx,
  type Collection,
  collectBuiltinTransactions,
  type Origin,
} from './support/builtinTransactions';
import { compareDecoded } from './support/decoded';
import { startNode } from './support/node';

describe('decoderawtransaction: the node vs TxLab on every transaction of the built-in lessons', () => {
  let node: LocalDaemon | undefined;
  let collection: Collection = { transactions: [], paths: new Map() };
  let mismatches: string[] = [];

  beforeAll(async () => {
    const started = Date.now();
    // The node first: without a daemon the suite fails before spending time on the lessons.
    node = await startNode();
    collection = await collectBuiltinTransactions();
    const played = Date.now();
    mismatches = await compareDecoded(
      node,
      collection.transactions.map((t) => t.tx),
    );
    const by = (origin: Origin) => collection.transactions.filter((t) => t.origin === origin).length;
    console.log(
      `decode (built-ins): ${collection.transactions.length} distinct transactions from ${collection.paths.size} lesson paths ` +
        `(${by('block')} first seen in blocks, ${by('offered')} offered to mempools, ${by('draft')} drafts only); ` +
        `${collection.transactions.length - mismatches.length} identical; lessons ${((played - started) / 1000).toFixed(1)} s, decoding ${((Date.now() - played) / 1000).toFixed(1)} s`,
    );
  });

  afterAll(async () => {
    await node?.stop();
  });

  const of = (predicate: (t: BuiltinTx) => boolean) => collection.transactions.filter(predicate);

  it('plays every path of every built-in and collects what each produced', () => {
    expect([...collection.paths.keys()]).toEqual(BUILTINS.flatMap((b) => b.paths.map((p) => `${b.name}/${p}`)));
    for (const [path, count] of collection.paths) expect(count, path).toBeGreaterThan(0);
    expect(of((t) => t.origin === 'block' && isCoinbase(t.tx)).length).toBeGreaterThan(100);
    expect(of((t) => t.origin === 'draft').length).toBeGreaterThan(0);
    // The lessons' scripts are all there: multisig, hash locks (HTLC, swap) and absolute timelocks.
    const redeemed = collection.transactions.flatMap((t) =>
      t.tx.ins.flatMap((i) => (i.witness.length > 1 ? [toAsm(i.witness.at(-1)!)] : [])),
    );
    for (const opcode of ['OP_CHECKMULTISIG', 'OP_CHECKLOCKTIMEVERIFY', 'OP_HASH160', 'OP_SHA256']) {
      expect(
        redeemed.some((asm) => asm.includes(opcode)),
        opcode,
      ).toBe(true);
    }
  });

  it('agrees with TxLab on ASM, ids, sizes and every other compared field', () => {
    expect(mismatches.sort()).toEqual([]);
  });
});
