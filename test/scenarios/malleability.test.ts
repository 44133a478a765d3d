/**
 * Mt.Gox: Mallory races malleated copies of her withdrawals to the pools. The exchange, which
 * tracks txids, pays again each time a copy is mined; the odds over many races follow what the
 * delays predict; each rule (and SegWit) closes its own holes.
 */
import { describe, expect, it } from 'vitest';
import { exportDocument } from '../../main/host/handlers/workspace';
import { gotoLessonPosition } from '../../main/host/lesson';
import { serializeScenario } from '../../shared/scenario/parse';
import { copyFirstOdds, raceOdds } from '../../shared/lessons/malleabilityMtgox/odds';
import { malleabilityMtgox } from '../../shared/lessons/malleabilityMtgox/lesson';
import { balance, COIN, fact, load, play, status } from './support';

const FEE = 10_000n;
const HOT_WALLET = 16n * COIN;

describe('malleability-mtgox', () => {
  it('2014: the copy wins a round, the exchange pays again and loses exactly one withdrawal', async () => {
    const { view, t } = await play('malleability-mtgox', 'attack-2014');
    const rounds = Number(fact(t, 'mtgox.summary', 'rounds'));
    expect(fact(t, 'mtgox.summary', 'successes')).toBe(1);
    // Read from the chain, not the ledger: Mallory received one withdrawal per round plus one.
    expect(balance(view, 'Mallory', 'btc')).toBe(BigInt(rounds + 1) * COIN);
    expect(balance(view, 'Exchange', 'btc')).toBe(HOT_WALLET - BigInt(rounds + 1) * (COIN + FEE));
    expect(status(view, `W${rounds}`)).toBe('conflicted');
    expect(status(view, `W${rounds}-copy`)).toBe('confirmed');
    expect(status(view, `W${rounds}-resend`)).toBe('confirmed');
  });

  it('one extra withdrawal lost per successful round (three wins)', async () => {
    const t = await load('malleability-mtgox', 'attack-2014');
    const steps = t.bench.doc.lesson!.paths['attack-2014']!;
    // The race step, asking for three wins and without its checks for one.
    const race = steps[2]!;
    const actions = race.actions
      .filter((a) => !('expect' in a))
      .map((a) => ('run' in a && a.run === 'mtgox-attack' ? { ...a, params: { ...a.params, untilSuccesses: 3 } } : a));
    // The lesson file so changed, opened as any file is.
    const changed = {
      ...exportDocument(t.bench, false),
      lesson: { ...t.bench.doc.lesson!, paths: { 'attack-2014': [steps[0]!, steps[1]!, { ...race, actions }] } },
    };
    await t.must('workspace.import', { json: serializeScenario(changed) });
    const r = await gotoLessonPosition(t.bench, t.handlers, 3);
    expect(r.ok).toBe(true);
    const view = await t.must('workspace.get', {});
    const rounds = Number(fact(t, 'mtgox.summary', 'rounds'));
    expect(fact(t, 'mtgox.summary', 'successes')).toBe(3);
    expect(fact(t, 'mtgox.summary', 'lossSat')).toBe(3 * Number(COIN));
    expect(balance(view, 'Mallory', 'btc')).toBe(BigInt(rounds + 3) * COIN);
  });

  it('the outcome over many races follows the race odds', () => {
    const config = malleabilityMtgox.chains[0]!;
    // Pools A and B (75% of the hash power) hear from Mallory; her copy beats a 10–20 s trip 45% of the time.
    expect(copyFirstOdds(10, 20)).toBeCloseTo(0.45, 10);
    const params = {
      races: 300,
      amount: '1000000',
      mutation: 'pushdata2' as const,
      exchangeNode: 'exchange',
      malloryNode: 'mallory',
      peers: ['pool-A', 'pool-B'],
    };
    let wins = 0;
    for (const seed of [11, 12, 13]) {
      const r = raceOdds(seed, config, params);
      expect(r.predicted).toBeCloseTo(0.3375, 10);
      const sigma = Math.sqrt((r.predicted * (1 - r.predicted)) / r.races);
      expect(Math.abs(r.wins / r.races - r.predicted)).toBeLessThan(3 * sigma);
      wins += r.wins;
    }
    expect(Math.abs(wins / 900 - 0.3375)).toBeLessThan(3 * Math.sqrt((0.3375 * 0.6625) / 900));
  });

  it('the rule table: each rule stops its own mutations, all of them stop every one, SegWit keeps the txid', async () => {
    const { t } = await play('malleability-mtgox', 'attack-2014');
    const works = (id: string) => fact(t, 'mtgox.matrixSummary', `works-${id}`);
    expect(works('none')).toBe(7);
    expect(works('dersig')).toBe(5); // der-padding, der-long-length
    expect(works('lowS')).toBe(4); // high-s, and the DER tricks: the low-S check reads strict DER first, as Core's does
    expect(works('minimalData')).toBe(5); // pushdata1, pushdata2
    expect(works('pushOnlyCleanStack')).toBe(5); // non-push, extra-push
    expect(works('all')).toBe(0);
    expect(works('segwit')).toBe(0);
    expect(fact(t, 'mtgox.matrixSummary', 'segwitTxidUnchanged')).toBe(true);
  });

  it('failure for Mallory: with the relay rules on, every copy is refused and nothing is paid twice', async () => {
    const { view, t } = await play('malleability-mtgox', 'rules-on');
    expect(fact(t, 'mtgox.summary', 'rounds')).toBe(3);
    expect(fact(t, 'mtgox.summary', 'successes')).toBe(0);
    expect(balance(view, 'Mallory', 'btc')).toBe(3n * COIN);
    expect(balance(view, 'Exchange', 'btc')).toBe(HOT_WALLET - 3n * (COIN + FEE));
    for (const w of ['W1', 'W2', 'W3']) expect(status(view, w)).toBe('confirmed');
  });

  it('failure for Mallory: an exchange that tracks what the chain did does not pay twice', async () => {
    const { view, t } = await play('malleability-mtgox', 'track-outputs');
    const rounds = Number(fact(t, 'mtgox.summary', 'rounds'));
    expect(fact(t, 'mtgox.summary', 'successes')).toBe(1);
    expect(fact(t, 'mtgox.summary', 'lossSat')).toBe(0);
    expect(balance(view, 'Mallory', 'btc')).toBe(BigInt(rounds) * COIN);
  });
});
