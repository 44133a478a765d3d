/**
 * The lesson stage as the host computes it: what a step changed (node views compared), the
 * step's focus (its own or, in files without one, what it changed), the figures beside the
 * narration, and the transactions not introduced yet.
 */
import { describe, expect, it } from 'vitest';
import { BuiltinCatalog } from '../../../main/host/catalog';
import { stepChanges } from '../../../main/host/lessonStage';
import type { NodeStatus, NodeView, OutputView } from '../../../shared/contract/views';
import { parseScenarioJson, serializeScenario } from '../../../shared/scenario/parse';
import type { ScenarioFile } from '../../../shared/scenario/schema';
import { scenarioFile, testBench } from './helpers';

const catalog = new BuiltinCatalog();

function output(index: number, spentBy?: { node?: string; txid?: string }): OutputView {
  return {
    index,
    value: '1000',
    scriptPubKeyHex: '51',
    scriptPubKeyAsm: 'OP_1',
    type: 'nonstandard',
    ...(spentBy ? { spentBy } : {}),
  };
}

function node(id: string, status: NodeStatus, extra: Partial<NodeView> = {}): NodeView {
  return {
    id,
    kind: 'draft',
    label: id,
    chain: 'btc',
    template: 'custom',
    position: { x: 0, y: 0 },
    version: 2,
    locktime: 0,
    txid: '00'.repeat(32),
    wtxid: '00'.repeat(32),
    size: 100,
    vsize: 100,
    weight: 400,
    inputs: [],
    outputs: [output(0), output(1)],
    status,
    timelocks: [],
    ...extra,
  };
}

const confirmed = (blockHash: string): NodeStatus => ({ kind: 'confirmed', height: 10, blockHash });

describe('what a step changed', () => {
  it('marks new transactions, status moves, refusals and outputs spent on a chain', () => {
    const refusal = { reason: 'non-final', message: 'locked' };
    const before = [
      node('A', { kind: 'draft' }),
      node('B', { kind: 'signed' }),
      node('C', { kind: 'mempool' }),
      node('D', confirmed('aa')),
      node('E', { kind: 'signed' }, { lastRejection: refusal }),
      node('F', { kind: 'partly-signed', signed: 1, total: 3 }),
      node('G', { kind: 'signed' }),
    ];
    const after = [
      node('A', { kind: 'partly-signed', signed: 1, total: 2 }),
      node('B', { kind: 'mempool' }),
      node('C', confirmed('bb')),
      // Blocks on top are not news; an output spent on the chain is.
      node('D', confirmed('aa'), { outputs: [output(0), output(1, { node: 'C', txid: 'cc' })] }),
      // The same reason again, but a new refusal: the host records each as a new object.
      node('E', { kind: 'signed' }, { lastRejection: { ...refusal } }),
      node('F', { kind: 'partly-signed', signed: 2, total: 3 }),
      node('G', { kind: 'conflicted', by: 'ff', byConfirmed: true }),
      node('H', { kind: 'draft' }),
    ];
    expect(stepChanges(before, after)).toEqual([
      { node: 'A', marks: ['signed'], spentOutputs: [] },
      { node: 'B', marks: ['broadcast'], spentOutputs: [] },
      { node: 'C', marks: ['confirmed'], spentOutputs: [] },
      { node: 'D', marks: ['spent'], spentOutputs: [1] },
      { node: 'E', marks: ['refused'], spentOutputs: [] },
      { node: 'F', marks: ['signed'], spentOutputs: [] },
      { node: 'G', marks: ['conflicted'], spentOutputs: [] },
      { node: 'H', marks: ['new'], spentOutputs: [] },
    ]);
  });

  it('reports nothing for a step that changed nothing, and no refusal already seen', () => {
    const refusal = { reason: 'missing-inputs', message: 'gone' };
    const views = [
      node('A', { kind: 'signed' }, { lastRejection: refusal }),
      node('B', confirmed('aa'), { outputs: [output(0, { node: 'X' })] }),
    ];
    // A draft wired to an output is not a spend on the chain.
    expect(
      stepChanges(
        views,
        views.map((v) => ({ ...v })),
      ),
    ).toEqual([]);
  });

  it('a transaction that appears already on the chain is new and confirmed; another branch confirms again', () => {
    expect(stepChanges([], [node('W1', confirmed('aa'))])).toEqual([
      { node: 'W1', marks: ['new', 'confirmed'], spentOutputs: [] },
    ]);
    expect(stepChanges([node('X', confirmed('aa'))], [node('X', confirmed('bb'))])).toEqual([
      { node: 'X', marks: ['confirmed'], spentOutputs: [] },
    ]);
  });
});

/** The built-in exported as a file, its steps' `focus` taken out: a v1 file from before the field. */
async function withoutFocus(name: string, path: string): Promise<string> {
  const t = await testBench({ catalog });
  await t.must('scenario.load', { name, path });
  const file = JSON.parse((await t.must('workspace.export', {})).json) as ScenarioFile;
  const paths = Object.fromEntries(
    Object.entries(file.lesson!.paths).map(([p, steps]) => [p, steps.map(({ focus: _focus, ...rest }) => rest)]),
  );
  return JSON.stringify({ ...file, lesson: { ...file.lesson!, paths } });
}

describe('the stage of a lesson', () => {
  it('a file without focus: each step frames what it changed, reveals it, and shows the figures it produced', async () => {
    const json = await withoutFocus('p2pkh-basics', 'pay');
    expect(json).not.toContain('"focus"');
    const t = await testBench({ catalog });
    const start = await t.must('workspace.import', { json });
    // Before the first step only the coins on the chain show; the lesson's drafts wait their turn.
    expect(start.lesson!.stage).toMatchObject({ focus: [], changes: [], figures: [], defaultFocus: true });
    expect([...start.lesson!.stage.hidden].sort()).toEqual(['Forgery', 'Payment']);

    const intro = await t.must('lesson.goto', { position: 1 });
    expect(intro.lesson!.stage.focus).toEqual([]);

    const signed = await t.must('lesson.goto', { position: 2 });
    expect(signed.lesson!.stage).toMatchObject({
      focus: ['Payment'],
      defaultFocus: true,
      changes: [{ node: 'Payment', marks: ['signed'], spentOutputs: [] }],
    });
    expect(signed.lesson!.stage.hidden).toEqual(['Forgery']);
    // The step's task left a table: it goes beside the narration.
    expect(signed.lesson!.stage.figures.length).toBeGreaterThan(0);
    for (const key of signed.lesson!.stage.figures) expect(signed.lesson!.data?.[key]).toBeDefined();

    const mined = await t.must('lesson.goto', { position: 4 });
    const byNode = new Map(mined.lesson!.stage.changes.map((c) => [c.node, c]));
    expect(byNode.get('Payment')?.marks).toEqual(['confirmed']);
    expect(byNode.get('Coins')).toMatchObject({ marks: ['spent'], spentOutputs: [0] });
    expect(byNode.get('Forgery')?.marks).toEqual(['conflicted']);
    expect(mined.lesson!.stage.focusOutputs).toEqual([{ node: 'Coins', output: 0 }]);
  });

  it('going back replays the steps and recomputes the stage', async () => {
    const t = await testBench({ catalog });
    await t.must('workspace.import', { json: await withoutFocus('p2pkh-basics', 'pay') });
    await t.must('lesson.goto', { position: 4 });
    const back = await t.must('lesson.goto', { position: 2 });
    expect(back.lesson!.stage.changes).toEqual([{ node: 'Payment', marks: ['signed'], spentOutputs: [] }]);
    expect(back.lesson!.stage.hidden).toEqual(['Forgery']);
  });

  it('a step’s own focus wins, and survives export and import', async () => {
    const t = await testBench({ catalog });
    await t.must('scenario.load', { name: 'p2pkh-basics', path: 'pay' });
    const file = JSON.parse((await t.must('workspace.export', {})).json) as ScenarioFile;
    const steps = file.lesson!.paths['pay']!;
    steps[1] = {
      ...steps[1]!,
      focus: { nodes: ['Payment', 'Coins'], outputs: [{ node: 'Coins', output: 0 }], figures: [] },
    };
    const json = serializeScenario(file);
    const parsed = parseScenarioJson(json);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value.lesson!.paths['pay']![1]!.focus).toEqual({
      nodes: ['Payment', 'Coins'],
      outputs: [{ node: 'Coins', output: 0 }],
      figures: [],
    });
    expect(serializeScenario(parsed.value)).toBe(json);

    await t.must('workspace.import', { json });
    const view = await t.must('lesson.goto', { position: 2 });
    expect(view.lesson!.stage).toMatchObject({
      focus: ['Payment', 'Coins'],
      focusOutputs: [{ node: 'Coins', output: 0 }],
      figures: [],
      defaultFocus: false,
    });
    // What the step did is still marked.
    expect(view.lesson!.stage.changes.map((c) => c.node)).toEqual(['Payment']);
  });

  it('refuses a focus that is not one', () => {
    const bad = (focus: unknown) => {
      const file = scenarioFile({
        lesson: {
          paths: { main: [{ title: { en: 'a', zh: 'a' }, narration: { en: 'b', zh: 'b' }, actions: [], focus }] },
          path: 'main',
        },
      });
      return parseScenarioJson(JSON.stringify(file));
    };
    const unknownKey = bad({ nodes: ['A'], camera: 'zoom' });
    expect(unknownKey.ok).toBe(false);
    if (!unknownKey.ok) expect(unknownKey.error.path).toBe('lesson.paths.main[0].focus.camera');
    const badId = bad({ nodes: ['no spaces'] });
    expect(badId.ok).toBe(false);
    if (!badId.ok) expect(badId.error.path).toBe('lesson.paths.main[0].focus.nodes[0]');
    expect(bad({ outputs: [{ node: 'A', output: -1 }] }).ok).toBe(false);
    expect(bad({ nodes: [], figures: ['throughput.summary'] }).ok).toBe(true);
  });
});
