/**
 * The Mt.Gox malleability race on two litecoind nodes connected over loopback (SPEC §3.2, §6;
 * issue 6 §2). For every mutation Mallory can make without a key, below the BIP66 height (lax DER
 * is still consensus) and above it: what B's relay policy and B's miner say about her copy, what
 * each miner includes, which version ends on the common chain, and what the exchange makes of it.
 * The engine's verdicts on the same copies, and the lesson's table, must agree with the nodes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDaemon } from '../../main/backends/localDaemon';
import { fromHex } from '../../shared/bitcoin/bytes';
import type { ScriptErrorCode } from '../../shared/bitcoin/errors';
import { MUTATIONS, type MutationKind, mutate } from '../../shared/protocols/malleability';
import type { TableDatum } from '../../shared/scenario/lessonData';
import { SeededRng } from '../../shared/rng';
import { play } from '../scenarios/support';
import { makeKey } from './generators/keys';
import { startNetwork, waitForSameTip } from './support/network';
import { chainView, forkHeights, Miner } from './support/node';
import { caseLabel, type RaceCase, type RaceEnv, type RaceResult, runRace } from './support/race';
import { type ColumnSource, compareTable, lessonCells, raceSummary } from './support/raceTable';

const SEED = 20_140_210;
const BELOW = 'below BIP66';
const ABOVE = 'above BIP66';

/** A witness has no push opcodes: only these mutations apply to it (the others are the lesson's "n/a"). */
const WITNESS_KINDS: readonly MutationKind[] = ['high-s', 'der-padding', 'der-long-length', 'extra-push'];
/** A native SegWit input's scriptSig is empty; Mallory can still add to it. */
const SEGWIT_SCRIPTSIG_KINDS: readonly MutationKind[] = ['extra-push', 'non-push'];

const CASES: readonly RaceCase[] = [
  ...MUTATIONS.map((kind): RaceCase => ({ wrap: 'p2pkh', kind, area: 'scriptSig' })),
  ...WITNESS_KINDS.map((kind): RaceCase => ({ wrap: 'p2wpkh', kind, area: 'witness' })),
  ...SEGWIT_SCRIPTSIG_KINDS.map((kind): RaceCase => ({ wrap: 'p2wpkh', kind, area: 'scriptSig' })),
];

/**
 * Core's rules, as the notes (vectors/malleability-notes.md) give them: the consensus verdict on
 * each copy in a block below and above BIP66 ('mined' or the script error).
 */
const EXPECTED_CONSENSUS: Readonly<Record<string, readonly ['mined' | ScriptErrorCode, 'mined' | ScriptErrorCode]>> = {
  'p2pkh scriptSig high-s': ['mined', 'mined'],
  'p2pkh scriptSig der-padding': ['mined', 'SIG_DER'],
  'p2pkh scriptSig der-long-length': ['mined', 'SIG_DER'],
  'p2pkh scriptSig pushdata1': ['mined', 'mined'],
  'p2pkh scriptSig pushdata2': ['mined', 'mined'],
  'p2pkh scriptSig extra-push': ['mined', 'mined'],
  'p2pkh scriptSig non-push': ['mined', 'mined'],
  'p2wpkh witness high-s': ['mined', 'mined'],
  'p2wpkh witness der-padding': ['mined', 'SIG_DER'],
  'p2wpkh witness der-long-length': ['mined', 'SIG_DER'],
  'p2wpkh witness extra-push': ['WITNESS_PROGRAM_MISMATCH', 'WITNESS_PROGRAM_MISMATCH'],
  'p2wpkh scriptSig extra-push': ['WITNESS_MALLEATED', 'WITNESS_MALLEATED'],
  'p2wpkh scriptSig non-push': ['WITNESS_MALLEATED', 'WITNESS_MALLEATED'],
};

/** The real-node answer behind each column of the lesson's table that a real node can fill. */
const COLUMN_SOURCES: readonly ColumnSource[] = [
  // What a 2014 miner accepted is what consensus allowed before BIP66.
  { column: '2014: no rule', phase: BELOW, wrap: 'p2pkh', area: 'scriptSig', verdict: 'consensus' },
  { column: 'Strict DER (BIP66)', phase: ABOVE, wrap: 'p2pkh', area: 'scriptSig', verdict: 'consensus' },
  // Core's relay policy has every rule of the table on.
  { column: 'All of them', phase: BELOW, wrap: 'p2pkh', area: 'scriptSig', verdict: 'policy' },
  { column: 'All of them', phase: ABOVE, wrap: 'p2pkh', area: 'scriptSig', verdict: 'policy' },
  { column: 'SegWit (witness mutated)', phase: ABOVE, wrap: 'p2wpkh', area: 'witness', verdict: 'consensus' },
];

describe('the malleability race on two real nodes', () => {
  let nodes: LocalDaemon[] = [];
  const results: RaceResult[] = [];
  let lessonTable: TableDatum | undefined;
  let forks = { segwit: 0, bip66: 0, bip65: 0, csv: 0, taproot: 0 };

  beforeAll(async () => {
    const started = Date.now();
    // -par=1: a block that fails names its script error ("block-validation-failed" otherwise).
    nodes = await startNetwork(2, ['-par=1']);
    const [a, b] = nodes as [LocalDaemon, LocalDaemon];
    forks = await forkHeights(a);
    const rng = new SeededRng(SEED);
    const env: RaceEnv = {
      a,
      b,
      minerA: new Miner(a, makeKey(rng, 'miner A')),
      minerB: new Miner(b, makeKey(rng, 'miner B')),
      forks,
      mallory: makeKey(rng, 'Mallory'),
    };
    // One coinbase funds each race; 101 blocks make them spendable.
    await env.minerA.mineAndCollect(CASES.length * 2 + 2);
    await env.minerA.mine(101);
    await waitForSameTip(nodes);
    for (const c of CASES)
      results.push(await runRace(env, c, BELOW, makeKey(rng, `Exchange ${caseLabel(c)} ${BELOW}`)));
    const { height } = await chainView(a);
    if (height >= forks.bip66)
      throw new Error(`the first phase ran past the BIP66 height (${height} ≥ ${forks.bip66})`);
    await env.minerA.mine(Math.max(forks.bip66, forks.bip65) + 1 - height);
    await waitForSameTip(nodes, 120_000);
    for (const c of CASES)
      results.push(await runRace(env, c, ABOVE, makeKey(rng, `Exchange ${caseLabel(c)} ${ABOVE}`)));
    const lesson = await play('malleability-mtgox', 'attack-2014');
    const datum = lesson.t.bench.lessonData.get('mtgox.matrix');
    if (datum?.kind === 'table') lessonTable = datum;
    console.log(raceSummary(results));
    console.log(
      `race: ${results.length} races on 2 nodes (BIP66 at ${forks.bip66}), ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
  });

  const phase = (name: string) => results.filter((r) => r.phase === name);

  it('runs every case in both phases, on the right side of the BIP66 height', () => {
    expect(phase(BELOW).map((r) => r.label)).toEqual(CASES.map(caseLabel));
    expect(phase(ABOVE).map((r) => r.label)).toEqual(CASES.map(caseLabel));
    for (const r of phase(BELOW)) expect(r.raceHeight, r.label).toBeLessThan(forks.bip66);
    for (const r of phase(ABOVE))
      expect(r.raceHeight, r.label).toBeGreaterThanOrEqual(Math.max(forks.bip66, forks.bip65));
  });

  it('B’s relay policy refuses every copy, and sendrawtransaction gives the same reason', () => {
    const accepted = results.filter((r) => r.nodePolicy.kind === 'accepted' || r.nodePolicy.kind === 'other');
    expect(accepted.map((r) => `${r.label} (${r.phase}): ${r.policy.node}`)).toEqual([]);
    expect(results.filter((r) => !r.sendAgrees).map((r) => r.label)).toEqual([]);
  });

  it('B’s miner can mine exactly the copies consensus allows (Core’s rules, per phase)', () => {
    const observed = (r: RaceResult) =>
      r.nodeBlock.kind === 'accepted'
        ? 'mined'
        : r.nodeBlock.kind === 'script'
          ? (r.nodeBlock.code ?? r.nodeBlock.text)
          : r.consensus.node;
    for (const r of results) {
      const expected = EXPECTED_CONSENSUS[r.label]![r.phase === BELOW ? 0 : 1];
      expect(observed(r), `${r.label} (${r.phase})`).toBe(expected);
    }
  });

  it('each miner includes its own version: A the original, B the copy when it is valid', () => {
    for (const r of results) {
      expect(r.includedByA, `${r.label} (${r.phase}) A`).toEqual([r.original.wtxid]);
      expect(r.includedByB, `${r.label} (${r.phase}) B`).toEqual(r.nodeBlock.kind === 'accepted' ? [r.copy.wtxid] : []);
    }
  });

  it('both nodes end on one chain, and the copy wins wherever B mined it', () => {
    for (const r of results) {
      const what = `${r.label} (${r.phase})`;
      expect(r.confirmedOnA, what).toBeDefined();
      expect(r.confirmedOnB, what).toEqual(r.confirmedOnA);
      expect(r.winner, what).toBe(r.nodeBlock.kind === 'accepted' ? 'copy' : 'original');
      expect(r.originalInMempoolA, what).toBe(false);
    }
  });

  it('a legacy copy that wins has a new txid: the original’s never confirms, the txid-tracking exchange pays again', () => {
    const won = results.filter((r) => r.case.wrap === 'p2pkh' && r.winner === 'copy');
    expect(won.length).toBe(7 + 5);
    for (const r of won) {
      const what = `${r.label} (${r.phase})`;
      expect(r.decodedCopy.txid, what).toBe(r.copy.txid);
      expect(r.copy.txid, what).not.toBe(r.original.txid);
      expect(r.confirmedOnA!.txid, what).toBe(r.copy.txid);
      expect(r.originalTxidConfirmed, what).toBe(false);
      // Mt.Gox: the txid it sent is "missing", so it pays again — and the chain shows the loss.
      expect(r.byTxid.events, what).toEqual(['pay', 'stuck:no-confirmation', 'pay', 'confirmed']);
      expect(r.byTxid.lossSat, what).toBe(100_000_000n);
      // The fix: the exchange that reads what the chain did finds Mallory's copy and pays once.
      expect(r.byOutputs.status, what).toBe('confirmed');
      expect(r.byOutputs.paidBy, what).toBe(r.copy.txid);
      expect(r.byOutputs.lossSat, what).toBe(0n);
    }
  });

  it('a copy B cannot mine loses: the original confirms and the exchange pays once', () => {
    const lost = results.filter((r) => r.winner === 'original');
    expect(lost.length).toBeGreaterThan(0);
    for (const r of lost) {
      const what = `${r.label} (${r.phase})`;
      expect(r.originalTxidConfirmed, what).toBe(true);
      expect(r.byTxid.status, what).toBe('confirmed');
      expect(r.byTxid.paidBy, what).toBe(r.original.txid);
      expect(r.byTxid.lossSat, what).toBe(0n);
    }
  });

  it('SegWit: a mutated witness keeps the txid on the real node (another wtxid), so the exchange sees its txid confirm', () => {
    const witness = results.filter((r) => r.case.area === 'witness');
    expect(witness.length).toBe(WITNESS_KINDS.length * 2);
    for (const r of witness) {
      const what = `${r.label} (${r.phase})`;
      expect(r.decodedCopy.txid, what).toBe(r.original.txid);
      expect(r.decodedCopy.hash, what).toBe(r.copy.wtxid);
      expect(r.decodedCopy.hash, what).not.toBe(r.original.wtxid);
      expect(r.originalTxidConfirmed, what).toBe(true);
      expect(r.byTxid.events, what).toEqual(['pay', 'confirmed']);
      expect(r.byTxid.lossSat, what).toBe(0n);
    }
    const mined = witness.filter((r) => r.winner === 'copy');
    expect(mined.map((r) => `${r.label} (${r.phase})`)).toContain(`p2wpkh witness high-s (${ABOVE})`);
    for (const r of mined) expect(r.confirmedOnA, r.label).toMatchObject({ txid: r.original.txid, hash: r.copy.wtxid });
    // Push-opcode mutations have nothing to change in a witness.
    const sample = results.find((r) => r.case.area === 'witness')!;
    for (const kind of MUTATIONS.filter((k) => !WITNESS_KINDS.includes(k))) {
      const m = mutate(fromHex(sample.original.hex), 0, kind, 'witness');
      expect(m.ok ? 'applied' : m.error.code, kind).toBe('not-applicable');
    }
  });

  it('the engine agrees with the node on every copy: standard flags vs the mempool, block flags vs the miner', () => {
    const report = (which: 'policy' | 'consensus') =>
      results
        .filter((r) => !r[which].verdictAgrees || r[which].reasonAgrees === false)
        .map(
          (r) =>
            `[${which}] ${r.label} (${r.phase}, block ${r.raceHeight})\n  engine: ${r[which].engine}\n  node:   ${r[which].node}\n  tx: ${r.copy.hex}`,
        );
    expect(report('policy')).toEqual([]);
    expect(report('consensus')).toEqual([]);
  });

  it('the lesson’s table says what the real nodes do', () => {
    expect(lessonTable, 'the lesson left its table under mtgox.matrix').toBeDefined();
    const cells = lessonCells(lessonTable!);
    const { compared, disagreements } = compareTable(cells, results, COLUMN_SOURCES);
    expect(disagreements).toEqual([]);
    // 2014, BIP66 and all-rules columns for seven legacy mutations (the last in both phases), four SegWit rows.
    expect(compared).toBe(4 * MUTATIONS.length + WITNESS_KINDS.length);
    // Mutations without a witness race are "n/a" in the lesson's SegWit column.
    for (const kind of MUTATIONS.filter((k) => !WITNESS_KINDS.includes(k)))
      expect(cells.get('SegWit (witness mutated)')?.get(kind), kind).toMatch(/^n\/a/);
  });
});
