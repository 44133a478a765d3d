/**
 * A lesson step that fails, or a lesson task that refuses, is said in catalogue words: the English
 * sentence as it always was, and the page's 简体中文, the step and check (or action) said first.
 */
import { describe, expect, it } from 'vitest';
import { BuiltinCatalog } from '../../../main/host/catalog';
import { gotoLessonPosition } from '../../../main/host/lesson';
import { lessonHost } from '../../../main/host/lessonHost';
import { runLessonTask } from '../../../main/host/lessonTasks';
import type { Result } from '../../../shared/contract/result';
import { oddsTask } from '../../../shared/lessons/malleabilityMtgox/odds';
import { checkData } from '../../../shared/scenario/lessonData';
import type { LessonTaskAction } from '../../../shared/scenario/lessonTasks';
import type { LessonAction, LessonStep, ScenarioFile } from '../../../shared/scenario/schema';
import { hostMessage } from '../../../renderer/src/i18n/hostMessage';
import { expectBilingual, inEnglish } from '../contract/bilingual';
import { testBench, type TestBench } from './helpers';

const catalog = new BuiltinCatalog();

/** p2pkh-basics as a file whose one path is `steps` (built from the lesson's own actions), opened at its start. */
async function lessonOf(build: (pay: readonly LessonStep[]) => LessonAction[][]): Promise<TestBench> {
  const t = await testBench({ catalog });
  await t.must('scenario.load', { name: 'p2pkh-basics', path: 'pay' });
  const file = JSON.parse((await t.must('workspace.export', {})).json) as ScenarioFile;
  const pay = file.lesson!.paths['pay']!;
  const steps = build(pay).map((actions, i) => ({ ...pay[i % pay.length]!, actions }));
  const json = JSON.stringify({ ...file, lesson: { ...file.lesson!, paths: { pay: steps }, position: 0 } });
  await t.must('workspace.import', { json });
  return t;
}

/** The actions of p2pkh-basics' pay path: 1 signs Payment, 2 traces it, 3 broadcasts it. */
const signPayment = (pay: readonly LessonStep[]) => pay[1]!.actions[0]!;
const tracePayment = (pay: readonly LessonStep[]) => pay[2]!.actions[0]!;
const broadcastPayment = (pay: readonly LessonStep[]) => pay[3]!.actions[0]!;

describe('a lesson step whose check fails', () => {
  it('says the node’s status and the one expected, after the step and check', async () => {
    const t = await lessonOf((pay) => [
      [signPayment(pay), broadcastPayment(pay), { expect: { status: { Payment: 'confirmed' } } }],
    ]);
    const r = await t.call('lesson.goto', { position: 1 });
    const chinese = expectBilingual(r, 'lesson.fail.status', 'step 1, check 3: Payment is mempool; expected confirmed');
    expect(!r.ok && r.error).toMatchObject({
      code: 'INVALID_STATE',
      detail: 'status',
      where: { key: 'lesson.fail.check', params: { step: 1, check: 3 } },
    });
    // The node is the canvas's "付款"; the status kinds are the file's words, said in Chinese.
    expect(chinese).toBe('第 1 步第 3 项检查：“付款”的状态是“在内存池中”，应为“已确认”');
    // On an English page the sentence is the message, word for word.
    if (!r.ok) expect(hostMessage(inEnglish, r.error)).toBe(r.error.message);
  });

  it('says a figure the lesson computed that is not the one expected', async () => {
    const t = await lessonOf((pay) => [
      [
        signPayment(pay),
        tracePayment(pay),
        { expect: { data: [{ key: 'trace.Payment.result', path: 'facts.finalStack', equals: '00' }] } },
      ],
    ]);
    const r = await t.call('lesson.goto', { position: 1 });
    const chinese = expectBilingual(
      r,
      'lesson.fail.notEqual',
      'step 1, check 3: trace.Payment.result.facts.finalStack is "01"; expected "00"',
    );
    expect(!r.ok && r.error.detail).toBe('data');
    expect(chinese).toBe('第 1 步第 3 项检查：trace.Payment.result.facts.finalStack 是 "01"；应为 "00"');
  });

  it('says a wallet the check names that the workspace does not have', async () => {
    const t = await lessonOf(() => [[{ expect: { balances: { Carol: { btc: { value: '1', tolerance: '0' } } } } }]]);
    const r = await t.call('lesson.goto', { position: 1 });
    expect(expectBilingual(r, 'lesson.fail.noWallet', 'step 1, check 1: expected a wallet named Carol')).toBe(
      '第 1 步第 1 项检查：应有名为“Carol”的钱包',
    );
  });

  it('a lesson may not call a method outside the lesson vocabulary, however the file got in', async () => {
    const t = await lessonOf(() => [[{ expect: {} }]]);
    // The schema refuses such a file on import; the step refuses it all the same.
    const tampered = { call: 'workspace.new', params: {} } as unknown as LessonAction;
    t.bench.doc.lesson!.paths['pay']![0]!.actions.push(tampered);
    const r = await gotoLessonPosition(t.bench, t.handlers, 1);
    const chinese = expectBilingual(
      r,
      'lesson.fail.notLessonMethod',
      'step 1, action 2: a lesson may not call workspace.new',
    );
    expect(!r.ok && r.error.code).toBe('BAD_REQUEST');
    expect(chinese).toBe('第 1 步第 2 个动作：课程不能调用 workspace.new');
  });
});

describe('a figure checked against its bounds', () => {
  const data = new Map<string, unknown>([['odds', { facts: { share: 0.25, won: true } }]]);
  const check = (bounds: { min?: number; max?: number; equals?: string | number | boolean }, path = 'facts.share') =>
    checkData(data, { key: 'odds', path, ...bounds });

  it('below its minimum', () => {
    const chinese = expectBilingual(
      check({ min: 0.5 }),
      'lesson.fail.tooSmall',
      'odds.facts.share is 0.25; expected at least 0.5',
    );
    expect(chinese).toBe('odds.facts.share 是 0.25；应至少为 0.5');
  });

  it('above its maximum', () => {
    expect(
      expectBilingual(check({ max: 0.125 }), 'lesson.fail.tooBig', 'odds.facts.share is 0.25; expected at most 0.125'),
    ).toBe('odds.facts.share 是 0.25；应至多为 0.125');
  });

  it('equal to another value, not a number, or not there at all', () => {
    expectBilingual(check({ equals: 0.5 }), 'lesson.fail.notEqual', 'odds.facts.share is 0.25; expected 0.5');
    expectBilingual(
      check({ min: 0 }, 'facts.won'),
      'lesson.fail.notNumber',
      'odds.facts.won is true; expected a number',
    );
    expectBilingual(
      check({ equals: 1 }, 'facts.lost'),
      'lesson.fail.notEqual',
      'odds.facts.lost is undefined; expected 1',
    );
    expect(
      expectBilingual(
        checkData(data, { key: 'reorgs', path: '', min: 1 }),
        'lesson.fail.noData',
        'the lesson has produced no data "reorgs" yet',
      ),
    ).toBe('课程还没有产生数据“reorgs”');
    expect(check({ min: 0.25, max: 0.25, equals: 0.25 })).toEqual({ ok: true, value: true });
  });
});

describe('a lesson task that refuses', () => {
  it('a generic task names the node it cannot find, after the step and action', async () => {
    const t = await lessonOf(() => [[{ run: 'compare-sizes', params: { key: 'sizes', nodes: ['Nowhere'] } }]]);
    const r = await t.call('lesson.goto', { position: 1 });
    const chinese = expectBilingual(r, 'host.noNode', 'step 1, action 1 (compare-sizes): there is no node "Nowhere"');
    expect(!r.ok && r.error.where).toEqual({
      key: 'host.lessonAction',
      params: { step: 1, action: 1, name: 'compare-sizes' },
    });
    expect(chinese).toBe('第 1 步第 1 个动作（compare-sizes）：没有节点“Nowhere”');
  });

  it('a generic task names the draft it cannot read a secret from', async () => {
    const t = await lessonOf(() => [
      [
        {
          run: 'extract-secret',
          params: { from: 'Nowhere', into: 'Payment', label: 'X', hash: '00'.repeat(32), hashFunction: 'sha256' },
        },
      ],
    ]);
    const r = await t.call('lesson.goto', { position: 1 });
    expect(
      expectBilingual(r, 'lesson.task.noDraft', 'step 1, action 1 (extract-secret): there is no draft "Nowhere"'),
    ).toBe('第 1 步第 1 个动作（extract-secret）：没有草稿“Nowhere”');
  });

  it('the malleability odds need the lesson’s network', async () => {
    const t = await testBench({ catalog });
    await t.must('scenario.load', { name: 'p2pkh-basics', path: 'pay' });
    const r: Result<unknown> = await oddsTask(lessonHost(t.bench, t.handlers), {
      races: 10,
      amount: '100000',
      mutation: 'high-s',
      exchangeNode: 'exchange',
      malloryNode: 'mallory',
      peers: ['pool'],
    });
    expect(expectBilingual(r, 'lesson.task.oddsNeedNetwork', 'the odds need the lesson’s multi-node btc network')).toBe(
      '计算概率需要本课程的多节点 btc 网络',
    );
  });

  it('a sandbox that cannot go on refuses in its own words', async () => {
    const t = await testBench({ catalog });
    await t.must('scenario.load', { name: 'malleability-mtgox', path: 'attack-2014' });
    const odds = Object.values(t.bench.doc.lesson!.paths)
      .flat()
      .flatMap((s) => s.actions)
      .find(
        (a): a is Extract<LessonTaskAction, { run: 'malleability-odds' }> =>
          'run' in a && a.run === 'malleability-odds',
      );
    if (!odds) throw new Error('the lesson has no malleability-odds task');
    // 10 races of 60 BTC each cannot be paid from the one 50 BTC coinbase the sandbox starts with.
    const r = await runLessonTask(t.bench, t.handlers, {
      run: 'malleability-odds',
      params: { ...odds.params, races: 10, amount: '6000000000' },
    });
    expect(
      expectBilingual(
        r,
        'lesson.task.oddsCoinTooSmall',
        'the odds sandbox pays every race from one 50 BTC coin: 10 races of 6000000000 sat do not fit in it; run fewer races or pay less',
      ),
    ).toBe(
      '概率沙盒的每一轮竞速都从同一枚 50 BTC 的币中支付：10 轮、每轮 6000000000 sat，这枚币不够；请减少轮数或降低金额',
    );
  });
});
