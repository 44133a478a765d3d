/**
 * Class 3: work without bounds inside the schema. Single actions at their schema maxima (the
 * issue measured minutes and gigabytes for these), many actions that each fit but sum past a
 * file's worth, and graphs that are expensive to show. Where the right answer depends on how fast
 * the engine is, a case accepts either ending: refused naming the action, or played within the
 * heavy budget — bounded work either way.
 */
import type { Rng } from '../rng';
import {
  actionPath,
  base,
  clone,
  drafts,
  insertAction,
  QUICK_BASES,
  serialize,
  type DraftDoc,
  type JsonObject,
  type ScenarioDoc,
} from './doc';
import type { Sink } from './sink';
import { BUDGET, type Expect } from './types';

const refused = (field: string): Expect => ({ accept: ['refused'], field });
/** Refused naming the action, or run within the heavy budget (to the end, or to a step whose check no longer holds). */
const bounded = (field: string): Expect => ({ accept: ['refused', 'played', 'failed'], field });
/** The same, for a whole file's work: the refusal may name the graph or a lesson path it weighs on. */
const boundedEither = (fields: readonly string[]): Expect => ({
  accept: ['refused', 'played', 'failed'],
  field: fields,
});

function mineScript(doc: ScenarioDoc): string {
  return doc.history.find((h) => h['op'] === 'mine')!['script'] as string;
}

function lessonActions(doc: ScenarioDoc, run: string): { at: string; params: JsonObject }[] {
  const found: { at: string; params: JsonObject }[] = [];
  for (const [path, steps] of Object.entries(doc.lesson.paths)) {
    steps.forEach((step, s) =>
      step.actions.forEach(
        (a, i) => a['run'] === run && found.push({ at: actionPath(path, s, i), params: a['params'] as JsonObject }),
      ),
    );
  }
  return found;
}

/** A path to play: the lesson's own, with `count` steps of `make()` appended, played from position 0. */
function longPath(doc: ScenarioDoc, rng: Rng, count: number, actionsPerStep: number, make: () => JsonObject): string {
  const name = `long-${rng.word()}`;
  const step = doc.lesson.paths[doc.lesson.path]![0]!;
  doc.lesson.paths[name] = Array.from({ length: count }, () => ({
    ...clone(step),
    actions: Array.from({ length: actionsPerStep }, make),
  }));
  doc.lesson.path = name;
  return `lesson.paths.${name}`;
}

export function class3(sink: Sink): void {
  const { rng } = sink;
  const add = (description: string, doc: ScenarioDoc, expect: Expect, text = serialize(doc)): void =>
    sink.file({
      cls: 3,
      description: `${doc.name}: ${description}`,
      text,
      expect,
      budget: expect.accept.includes('played') ? BUDGET.heavy : BUDGET.refused,
    });

  {
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    const i = rng.int(0, doc.history.length);
    doc.history.splice(i, 0, { op: 'mine', chain: 'btc', count: 100_000, script: mineScript(doc) });
    add('a history action mining 100,000 blocks (the schema maximum)', doc, refused(`history[${i}]`));
  }
  {
    const doc = base(sink.bases, 'malleability-mtgox');
    const count = rng.int(30_000, 99_999);
    doc.history.push({ op: 'mine', chain: 'btc', count, script: mineScript(doc), miner: 'pool-A' });
    add(
      `a history action mining ${count.toLocaleString('en')} blocks on a 5-node network`,
      doc,
      bounded(`history[${doc.history.length - 1}]`),
    );
  }
  {
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    const count = rng.int(60, 100);
    for (let k = 0; k < count; k++)
      doc.history.push({ op: 'mine', chain: 'btc', count: rng.int(40_000, 55_000), script: mineScript(doc) });
    add(`${count} history actions mining 40,000–55,000 blocks each`, doc, refused('history'));
  }
  {
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    const n = 200_000 - doc.history.length;
    for (let i = 0; i < n; i++) doc.history.push({ op: 'settle', chain: 'btc' });
    add('200,000 history actions (the schema maximum) of one line each', doc, bounded('history'), JSON.stringify(doc));
  }
  {
    // At the end of the path played, after its checks, paying a wallet the file has.
    const doc = base(sink.bases, 'malleability-mtgox');
    const steps = doc.lesson.paths[doc.lesson.path]!;
    const last = steps[steps.length - 1]!;
    last.actions.push({
      call: 'chain.mine',
      params: { chain: 'btc', count: 10_000, to: { wallet: rng.pick(doc.wallets).name } },
    });
    add(
      'a lesson call mining 10,000 blocks (the maximum) on a 5-node network',
      doc,
      bounded(actionPath(doc.lesson.path, steps.length - 1, last.actions.length - 1)),
    );
  }
  {
    const doc = base(sink.bases, 'malleability-mtgox');
    doc.chains[0]!.nodes = Array.from({ length: 16 }, (_, i) => ({
      name: i < 5 ? doc.chains[0]!.nodes![i]!.name : `pool-${i}`,
      hashShare: i < 2 ? 0 : 0.07,
    }));
    const at = insertAction(doc, rng, {
      call: 'chain.mine',
      params: { chain: 'btc', count: rng.int(8_000, 10_000), to: { wallet: rng.pick(doc.wallets).name } },
    });
    add('a lesson call mining 8,000–10,000 blocks on a 16-node network', doc, refused(at));
  }
  {
    const doc = base(sink.bases, 'throughput-finality');
    const at = insertAction(doc, rng, {
      run: 'throughput',
      params: {
        arrivalTps: 20,
        blocks: 12,
        backlog: 20_000,
        feeRates: Array.from({ length: 12 }, () => rng.int(1, 1000)),
      },
    });
    add('a throughput task at its maxima (20 tx/s, 12 blocks, backlog 20,000)', doc, refused(at));
  }
  {
    const doc = base(sink.bases, 'throughput-finality');
    const { at, params } = rng.pick(lessonActions(doc, 'throughput'));
    const raised = { arrivalTps: rng.int(12, 20), blocks: rng.int(8, 12) };
    Object.assign(params, raised);
    add(
      `the lesson's throughput task raised to ${raised.arrivalTps} tx/s over ${raised.blocks} blocks`,
      doc,
      bounded(at),
    );
  }
  {
    const doc = base(sink.bases, 'throughput-finality');
    const at = insertAction(doc, rng, {
      run: 'reorg-stats',
      params: {
        runs: 2000,
        blocksPerRun: 2000,
        miners: Array.from({ length: 8 }, () => 0.125),
        delay: { min: 0, max: 600 },
        maxDepth: 12,
      },
    });
    add('a reorg-stats task at its maxima (2,000 runs × 2,000 blocks × 8 miners)', doc, refused(at));
  }
  {
    const doc = base(sink.bases, 'throughput-finality');
    const { at, params } = rng.pick(lessonActions(doc, 'reorg-stats'));
    const raised = { runs: rng.int(300, 2000), blocksPerRun: rng.int(100, 400) };
    Object.assign(params, raised);
    add(`the lesson's reorg-stats raised to ${raised.runs} runs of ${raised.blocksPerRun} blocks`, doc, bounded(at));
  }
  {
    const doc = base(sink.bases, 'malleability-mtgox');
    const { at, params } = rng.pick(lessonActions(doc, 'malleability-odds'));
    params['races'] = 2_000;
    add("the lesson's malleability-odds at 2,000 races (the maximum)", doc, bounded(at));
  }
  {
    const doc = base(sink.bases, 'malleability-mtgox');
    const { at, params } = rng.pick(lessonActions(doc, 'mtgox-attack'));
    Object.assign(params, { maxRounds: 50, untilSuccesses: 0 });
    add("the lesson's mtgox-attack at 50 rounds (the maximum), never stopping early", doc, bounded(at));
  }
  {
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    const wallet = rng.pick(doc.wallets).name;
    const path = longPath(doc, rng, 200, 1, () => ({
      call: 'chain.mine',
      params: { chain: 'btc', count: rng.int(5_000, 10_000), to: { wallet } },
    }));
    add('200 steps each mining 5,000–10,000 blocks (each fits, the sum does not)', doc, refused(path));
  }
  {
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    const node = doc.graph.nodes[0]!.id;
    const path = longPath(doc, rng, 200, 200, () => ({
      call: 'graph.renameNode',
      params: { id: node, label: rng.word() },
    }));
    add('200 steps of 200 renames each (40,000 cheap calls)', doc, refused(path));
  }
  {
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    const n = 5_000 - doc.graph.nodes.length;
    for (let i = 0; i < n; i++) {
      const txid = Array.from({ length: 32 }, () => rng.int(0, 255).toString(16).padStart(2, '0')).join('');
      doc.graph.nodes.push({
        kind: 'chain',
        id: `C${i}`,
        label: `coin ${i}`,
        chain: 'btc',
        txid,
        position: { x: (i % 70) * 300, y: Math.floor(i / 70) * 200 },
      });
    }
    add('5,000 graph nodes (the maximum), the lesson played on top', doc, boundedEither(['graph', 'lesson.paths']));
  }
  {
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    const drafts = doc.graph.nodes.filter((n) => n.kind === 'draft');
    for (let i = doc.graph.nodes.length; i < 2_500; i++)
      doc.graph.nodes.push({ ...clone(rng.pick(drafts)), id: `D${i}`, label: `draft ${i}` });
    add("2,500 drafts, copies of the lesson's own", doc, boundedEither(['graph', 'lesson.paths']));
  }
  sigopGraph(sink, add);
}

/**
 * Drafts whose scripts make the view check many signatures: a draft with 130 outputs locked by
 * a script of 100 OP_CHECKSIGs, and drafts spending all of them, each input pushing 100 distinct
 * well-formed signatures (none cached). Inside the schema and under the draft size limit.
 */
function sigopGraph(sink: Sink, add: (description: string, doc: ScenarioDoc, expect: Expect) => void): void {
  const { rng } = sink;
  const doc = base(sink.bases, 'p2pkh-basics');
  const pubKey = doc.wallets[0]!.keys[0]!['publicKey'] as string;
  const hexBytes = (n: number, top = 0x7f): string =>
    [rng.int(1, top), ...Array.from({ length: n - 1 }, () => rng.int(0, 255))]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('');
  const der = (): string => {
    const r = hexBytes(31);
    const s = hexBytes(31);
    const body = `021f${r}021f${s}`;
    return `30${(body.length / 2).toString(16)}${body}01`;
  };
  const checks = 100;
  const lock = `${`21${pubKey}ac75`.repeat(checks)}51`;
  const outputs = 130;
  const source: DraftDoc = { ...clone(drafts(doc)[0]!), id: 'SigopSource', label: 'sigop source' };
  source.tx.outputs = Array.from({ length: outputs }, () => ({ value: '1000', scriptPubKey: lock }));
  doc.graph.nodes.push(source);
  const spenders = 8;
  for (let d = 0; d < spenders; d++) {
    const inputs = Array.from({ length: outputs }, (_, k) => ({
      prevout: { node: 'SigopSource', output: k },
      sequence: 0xffffffff,
      unlock: {
        scriptSig: [
          {
            kind: 'raw',
            hex: Array.from({ length: checks }, () => {
              const sig = der();
              return `${(sig.length / 2).toString(16)}${sig}`;
            }).join(''),
          },
        ],
        witness: [],
        scriptCode: '',
        sigVersion: 'BASE',
      },
    }));
    doc.graph.nodes.push({
      ...clone(source),
      id: `Sigop${d}`,
      label: `sigop ${d}`,
      tx: { version: 1, locktime: 0, inputs, outputs: [{ value: '1000', scriptPubKey: '51' }] },
    });
  }
  add(
    `${spenders} drafts of ${outputs} inputs, each input making the view check ${checks} distinct signatures`,
    doc,
    boundedEither(['graph', 'lesson.paths']),
  );
}
