/**
 * Classes 4 and 9: files the schema alone would let through that break a rule across fields
 * (a path not among the paths, a network that cannot mine, a node nobody has), and the
 * validation gaps (duplicates, positions past the end, unknown keys, sizes in bytes).
 */
import {
  actionPath,
  base,
  clone,
  drafts,
  insertAction,
  objectsWithin,
  QUICK_BASES,
  REFUSAL_BASES,
  serialize,
  type DraftDoc,
  type JsonObject,
  type ScenarioDoc,
  type StepDoc,
} from './doc';
import type { Sink } from './sink';
import { BUDGET } from './types';

/** Every action of the lesson with its path, for finding one of a kind. */
function actionsOf(doc: ScenarioDoc): { at: string; action: JsonObject }[] {
  const found: { at: string; action: JsonObject }[] = [];
  for (const [path, steps] of Object.entries(doc.lesson.paths)) {
    steps.forEach((step, s) => step.actions.forEach((action, a) => found.push({ at: actionPath(path, s, a), action })));
  }
  return found;
}

/** A copy of the base's first draft under a new id, appended to the graph; returns its index. */
function extraDraft(doc: ScenarioDoc, id: string): { index: number; node: DraftDoc } {
  const node: DraftDoc = { ...clone(drafts(doc)[0]!), id, label: id };
  doc.graph.nodes.push(node);
  return { index: doc.graph.nodes.length - 1, node };
}

export function class4(sink: Sink): void {
  const { rng } = sink;
  const refuse = (description: string, doc: ScenarioDoc, field: string): void =>
    sink.file({
      cls: 4,
      description: `${doc.name}: ${description}`,
      text: serialize(doc),
      expect: { accept: ['refused'], field },
      budget: BUDGET.refused,
    });
  /** Either refused naming the field, or handled: played, or a step failing with an ordinary error. */
  const handled = (description: string, doc: ScenarioDoc, field: string): void =>
    sink.file({
      cls: 4,
      description: `${doc.name}: ${description}`,
      text: serialize(doc),
      expect: { accept: ['refused', 'played', 'failed'], field },
      budget: BUDGET.played,
    });

  for (const name of [rng.word(), rng.pick(['toString', 'valueOf', 'length'])]) {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    doc.lesson.path = name;
    refuse(`lesson.path "${name}" is not one of the paths`, doc, 'lesson.path');
  }
  {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    doc.lesson.paths = {};
    refuse('lesson.paths is empty', doc, 'lesson.paths');
  }
  {
    const doc = base(sink.bases, rng.pick(['p2pkh-basics', 'segwit', 'multihop'] as const));
    const n = rng.int(2, 6);
    doc.chains[0]!.nodes = Array.from({ length: n }, (_, i): { name: string; hashShare?: number } =>
      rng.next() < 0.5 ? { name: `peer-${i}` } : { name: `peer-${i}`, hashShare: 0 },
    );
    refuse(`a ${n}-node network whose hash shares are all 0 (or left out)`, doc, 'chains[0].nodes');
  }
  {
    const doc = base(sink.bases, 'malleability-mtgox');
    for (const node of doc.chains[0]!.nodes!) node.hashShare = 0;
    refuse('the Mt.Gox network with every hash share set to 0', doc, 'chains[0].nodes');
  }
  {
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    doc.chains[0]!.nodes = [{ name: 'solo', hashShare: 0 }];
    handled('a one-node network whose only node has hash share 0', doc, 'chains[0].nodes');
  }
  {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    const i = doc.history.findIndex((h) => h['op'] === 'broadcast');
    doc.history[i]!['via'] = rng.word();
    refuse('a history broadcast via a node the network does not have', doc, `history[${i}].via`);
  }
  {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    const i = doc.history.findIndex((h) => h['op'] === 'mine');
    doc.history[i]!['miner'] = rng.word();
    refuse('a history mine by an unknown miner', doc, `history[${i}].miner`);
  }
  {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    const broadcasts = actionsOf(doc).filter((a) => a.action['call'] === 'tx.broadcast');
    const { at, action } = rng.pick(broadcasts);
    (action['params'] as JsonObject)['via'] = rng.word();
    refuse('a lesson broadcast via an unknown node', doc, `${at}.params.via`);
  }
  {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    const at = insertAction(doc, rng, {
      run: 'mine-at',
      params: { chain: doc.chains[0]!.id, miner: rng.word(), count: rng.int(1, 100) },
    });
    refuse('a mine-at task by an unknown miner', doc, `${at}.params.miner`);
  }
  for (const key of rng.sample(['exchangeNode', 'malloryNode', 'peers'] as const, 2)) {
    const doc = base(sink.bases, 'malleability-mtgox');
    const { at, action } = rng.pick(
      actionsOf(doc).filter((a) => a.action['run'] === 'mtgox-attack' || a.action['run'] === 'malleability-odds'),
    );
    const params = action['params'] as JsonObject & { peers: string[] };
    let field = `${at}.params.${key}`;
    if (key === 'peers') {
      const k = rng.int(0, params.peers.length - 1);
      params.peers[k] = rng.word();
      field = `${at}.params.peers[${k}]`;
    } else {
      params[key] = rng.word();
    }
    const run = action['run'] === 'mtgox-attack' ? 'mtgox-attack' : 'malleability-odds';
    refuse(`a ${run} task naming an unknown node as ${key}`, doc, field);
  }
  {
    const doc = base(sink.bases, 'malleability-mtgox');
    const { at, action } = rng.pick(actionsOf(doc).filter((a) => a.action['run'] === 'mtgox-attack'));
    (action['params'] as JsonObject)['peers'] = ['exchange', 'mallory'];
    refuse('an mtgox-attack whose peers include no miner', doc, `${at}.params.peers`);
  }
  {
    const doc = base(sink.bases, rng.pick(['p2pkh-basics', 'segwit'] as const));
    const at = insertAction(doc, rng, {
      run: 'malleability-odds',
      params: {
        races: 10,
        amount: '100000',
        mutation: 'high-s',
        exchangeNode: 'node',
        malloryNode: 'node',
        peers: ['node'],
      },
    });
    refuse('a malleability-odds task on a one-node chain', doc, `${at}.params`);
  }
  {
    const doc = base(sink.bases, rng.pick(['p2pkh-basics', 'segwit', 'multihop'] as const));
    const i = rng.int(0, doc.history.length);
    doc.history.splice(i, 0, { op: 'settle', chain: 'ltc' });
    refuse('a history action on the ltc chain of a btc-only file', doc, `history[${i}].chain`);
  }
  {
    const doc = base(sink.bases, rng.pick(['p2pkh-basics', 'segwit', 'multihop'] as const));
    const i = rng.int(0, doc.graph.nodes.length - 1);
    doc.graph.nodes[i]!.chain = 'ltc';
    refuse('a graph node on the ltc chain of a btc-only file', doc, `graph.nodes[${i}].chain`);
  }
  {
    const doc = base(sink.bases, rng.pick(['p2pkh-basics', 'segwit', 'multihop'] as const));
    const at = insertAction(doc, rng, { call: 'chain.mine', params: { chain: 'ltc', count: 1 } });
    refuse('a lesson mining the ltc chain of a btc-only file', doc, `${at}.params.chain`);
  }

  // Amounts the schema allows but a sandbox's coins cannot pay: an ordinary failure, never a crash.
  for (const run of ['malleability-odds', 'mtgox-attack'] as const) {
    const doc = base(sink.bases, 'malleability-mtgox');
    const { at, action } = rng.pick(actionsOf(doc).filter((a) => a.action['run'] === run));
    (action['params'] as JsonObject)['amount'] = rng.pick([
      '9999999999999999',
      String(rng.int(6_000_000_000, 9_000_000_000)),
    ]);
    sink.file({
      cls: 4,
      description: `${doc.name}: a ${run} task paying more than the sandbox's coins hold`,
      text: serialize(doc),
      expect: { accept: ['refused', 'failed'], field: `${at}.params.amount` },
      budget: BUDGET.heavy,
    });
  }

  // Probes: refused naming the field, or played around without a crash.
  {
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    const { index, node } = extraDraft(doc, `Ghost-${rng.word()}`);
    node.tx.inputs[0]!['prevout'] = { node: `Nowhere-${rng.word()}`, output: 0 };
    handled(
      'an extra draft spending an output of a node that does not exist',
      doc,
      `graph.nodes[${index}].tx.inputs[0].prevout`,
    );
  }
  {
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    const first = doc.graph.nodes[0]!.id;
    const { index, node } = extraDraft(doc, `Far-${rng.word()}`);
    node.tx.inputs[0]!['prevout'] = { node: first, output: rng.int(500, 10_000) };
    handled(
      'an extra draft spending an output index far past the end',
      doc,
      `graph.nodes[${index}].tx.inputs[0].prevout`,
    );
  }
  {
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    const a = extraDraft(doc, `Loop-a-${rng.word()}`);
    const b = extraDraft(doc, `Loop-b-${rng.word()}`);
    a.node.tx.inputs[0]!['prevout'] = { node: String(b.node['id']), output: 0 };
    b.node.tx.inputs[0]!['prevout'] = { node: String(a.node['id']), output: 0 };
    handled('two extra drafts spending each other (a cycle)', doc, `graph.nodes[${a.index}].tx.inputs[0].prevout`);
  }
  {
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    const self = extraDraft(doc, `Self-${rng.word()}`);
    self.node.tx.inputs[0]!['prevout'] = { node: String(self.node['id']), output: 0 };
    handled('an extra draft spending itself', doc, `graph.nodes[${self.index}].tx.inputs[0].prevout`);
  }
  {
    const doc = base(sink.bases, 'htlc');
    const handovers = doc['handovers'] as JsonObject[];
    const i = rng.int(0, Math.max(0, handovers.length - 1));
    const handover = handovers[i] ?? {
      keyLabel: 'k',
      publicKey: doc.wallets[0]!.keys[0]!['publicKey'] as string,
      from: 'Alice',
      to: 'Bob',
      reason: 'r',
    };
    handovers[i] = { ...handover, from: `Nobody-${rng.word()}` };
    handled('a handover from a wallet the file does not have', doc, `handovers[${i}]`);
  }
  const runtime: [string, (doc: ScenarioDoc) => JsonObject][] = [
    [
      'tx.sign of a node the graph does not have',
      (doc) => ({ call: 'tx.sign', params: { node: `Missing-${rng.word()}`, wallet: doc.wallets[0]!.name } }),
    ],
    [
      'tx.sign with a wallet the file does not have',
      (doc) => ({ call: 'tx.sign', params: { node: drafts(doc)[0]!.id, wallet: `Nobody-${rng.word()}` } }),
    ],
    ['a trace of input 500 of a draft', (doc) => ({ run: 'trace', params: { node: drafts(doc)[0]!.id, input: 500 } })],
    [
      'compare-sizes of nodes that do not exist',
      () => ({ run: 'compare-sizes', params: { key: 'k', nodes: [`Missing-${rng.word()}`] } }),
    ],
    [
      'a balance check on the ltc chain of a btc-only file',
      (doc) => ({ expect: { balances: { [doc.wallets[0]!.name]: { ltc: { value: '1' } } } } }),
    ],
    [
      'a data check of a key no task wrote',
      () => ({ expect: { data: [{ key: rng.word(), path: 'facts.x.y', equals: 1 }] } }),
    ],
  ];
  for (const [what, make] of rng.sample(runtime, 4)) {
    const doc = base(sink.bases, rng.pick(['p2pkh-basics', 'segwit', 'multihop'] as const));
    const at = insertAction(doc, rng, make(doc), { currentPath: true });
    handled(what, doc, at);
  }
}

export function class9(sink: Sink): void {
  const { rng } = sink;
  const refuse = (
    description: string,
    doc: ScenarioDoc | JsonObject,
    field: string | null,
    name = (doc as ScenarioDoc).name,
  ): void =>
    sink.file({
      cls: 9,
      description: `${name}: ${description}`,
      text: serialize(doc),
      expect: { accept: ['refused'], field },
      budget: BUDGET.refused,
    });

  for (let k = 0; k < 2; k++) {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    const j = rng.int(0, doc.graph.nodes.length - 1);
    const at = rng.int(j + 1, doc.graph.nodes.length);
    doc.graph.nodes.splice(at, 0, { ...clone(doc.graph.nodes[j]!), label: 'twin' });
    refuse(`a second graph node with the id "${doc.graph.nodes[j]!.id}"`, doc, `graph.nodes[${at}].id`);
  }
  {
    const doc = base(sink.bases, rng.pick(['p2pkh-basics', 'segwit', 'multihop'] as const));
    doc.chains.push(clone(doc.chains[0]!));
    refuse('the btc chain listed twice', doc, 'chains[1].id');
  }
  {
    const doc = base(sink.bases, 'atomic-swap');
    doc.chains[1]!.id = 'btc';
    refuse('two chains with the id "btc" (the ltc one renamed)', doc, 'chains[1].id');
  }
  {
    const doc = base(sink.bases, 'malleability-mtgox');
    const nodes = doc.chains[0]!.nodes!;
    const [i, j] = rng.sample([0, 1, 2, 3, 4], 2).sort();
    nodes[j!]!.name = nodes[i!]!.name;
    refuse(`two network nodes named "${nodes[i!]!.name}"`, doc, `chains[0].nodes[${j}].name`);
  }
  for (const over of [1, rng.int(2, 150)]) {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    const steps = doc.lesson.paths[doc.lesson.path]!.length;
    doc.lesson.position = Math.min(200, steps + over);
    refuse(`lesson.position ${doc.lesson.position} past the end of a ${steps}-step path`, doc, 'lesson.position');
  }
  {
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    doc.lesson.position = doc.lesson.paths[doc.lesson.path]!.length;
    sink.file({
      cls: 9,
      description: `${doc.name}: lesson.position at the end (every step played): nothing left to play`,
      text: serialize(doc),
      expect: { accept: ['played'] },
      budget: BUDGET.played,
    });
  }
  for (let k = 0; k < 6; k++) {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    const { path, object } = rng.pick(objectsWithin(doc.graph as unknown as JsonObject, 'graph'));
    const key = rng.pick([rng.word(), 'binary', 'cookieFile', 'extra', 'comment', '$schema']);
    object[key] = rng.pick<JsonObject[keyof JsonObject]>([rng.word(), 1, true, null, { nested: rng.word() }]);
    refuse(`an unknown key "${key}" in ${path}`, doc, `${path}.${key}`);
  }
  const elsewhere: [string, (doc: ScenarioDoc) => string][] = [
    [
      'a wallet key',
      (doc) => {
        const w = rng.int(0, doc.wallets.length - 1);
        doc.wallets[w]!.keys[0]!['note'] = rng.word();
        return `wallets[${w}].keys[0].note`;
      },
    ],
    [
      'a step title',
      (doc) => {
        const path = rng.pick(Object.keys(doc.lesson.paths));
        (doc.lesson.paths[path]![0]!.title as unknown as JsonObject)['fr'] = 'Bonjour';
        return `lesson.paths.${path}[0].title.fr`;
      },
    ],
    [
      "a sign call's params",
      (doc) => {
        const sign = actionsOf(doc).find((a) => a.action['call'] === 'tx.sign')!;
        (sign.action['params'] as JsonObject)['force'] = true;
        return `${sign.at}.params.force`;
      },
    ],
    [
      'a check',
      (doc) => {
        const check = actionsOf(doc).find((a) => 'expect' in a.action)!;
        (check.action['expect'] as JsonObject)['eventually'] = true;
        return `${check.at}.expect.eventually`;
      },
    ],
  ];
  for (const [what, smuggle] of elsewhere) {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    const field = smuggle(doc);
    refuse(`an unknown key in ${what}`, doc, field);
  }
  {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    const w = rng.int(1, doc.wallets.length - 1);
    doc.wallets[w]!.name = doc.wallets[rng.int(0, w - 1)]!.name.toUpperCase();
    refuse('two wallets whose names differ only in case', doc, `wallets[${w}].name`);
  }
  {
    const doc = base(sink.bases, 'malleability-mtgox');
    doc.chains[0]!['txDelay'] = { min: rng.int(30, 60), max: rng.int(1, 29) };
    refuse('a message delay whose min is above its max', doc, 'chains[0].txDelay.min');
  }
  for (const [what, version] of [
    ['version 2', 2],
    ['version -1', -1],
    ['version "1" (a string)', '1'],
    ['version 0.5', 0.5],
  ] as const) {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES)) as ScenarioDoc & JsonObject;
    doc['version'] = version;
    refuse(what, doc, 'version');
  }
  {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    const n = 200_001 - doc.history.length;
    for (let i = 0; i < n; i++) doc.history.push({ op: 'settle', chain: doc.chains[0]!.id });
    sink.file({
      cls: 9,
      description: `${doc.name}: 200,001 history actions (one over the schema's limit)`,
      text: JSON.stringify(doc),
      expect: { accept: ['refused'], field: 'history' },
      budget: BUDGET.large,
    });
  }
  {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    const path = rng.pick(Object.keys(doc.lesson.paths));
    const steps = doc.lesson.paths[path]!;
    while (steps.length < 201) steps.push({ ...clone(steps[0]!), actions: [] });
    refuse('a lesson path of 201 steps', doc, `lesson.paths.${path}`);
  }

  // Numbers JSON can write but a scenario cannot hold exactly.
  {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    const text = serialize(doc).replace(/"seed": \d+/, '"seed": 1e400');
    sink.file({
      cls: 9,
      description: `${doc.name}: seed 1e400 (Infinity once parsed)`,
      text,
      expect: { accept: ['refused'], field: 'seed' },
      budget: BUDGET.refused,
    });
  }
  {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    const i = rng.int(0, doc.graph.nodes.length - 1);
    (doc.graph.nodes[i]!['position'] as JsonObject)['x'] = 2 ** 60;
    refuse('a node position of 2^60 (beyond exact integers)', doc, `graph.nodes[${i}].position.x`);
  }

  sizeCases(sink);
}

/** Texts for padding a schema-valid file: each step's narration at its 4,000-character limit. */
function padSteps(doc: ScenarioDoc, unit: string, unitsPerText: number, bytes: number, rngWord: () => string): void {
  const text = unit.repeat(unitsPerText);
  const perStep = Buffer.byteLength(text, 'utf8') * 2;
  let total = Buffer.byteLength(serialize(doc), 'utf8');
  while (total < bytes) {
    const steps: StepDoc[] = [];
    while (steps.length < 200 && total < bytes) {
      steps.push({ title: { en: 'padding', zh: 'padding' }, narration: { en: text, zh: text }, actions: [] });
      total += perStep + 120;
    }
    doc.lesson.paths[`pad-${rngWord()}`] = steps;
  }
}

function sizeCases(sink: Sink): void {
  const { rng } = sink;
  const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;
  {
    // 3-byte characters: about 7 million characters, more than 20 MB.
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    padSteps(doc, '中', 4_000, 20_300_000, () => rng.word());
    const text = serialize(doc);
    sink.file({
      cls: 9,
      description: `${doc.name}: ${text.length.toLocaleString('en')} characters but ${mb(Buffer.byteLength(text))} (CJK narration), otherwise valid`,
      text,
      expect: { accept: ['refused'], field: null },
      budget: BUDGET.large,
    });
  }
  {
    // 4-byte characters: two UTF-16 units each.
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    padSteps(doc, '😀', 2_000, 20_100_000, () => rng.word());
    const text = serialize(doc);
    sink.file({
      cls: 9,
      description: `${doc.name}: ${text.length.toLocaleString('en')} UTF-16 units but ${mb(Buffer.byteLength(text))} (emoji narration), otherwise valid`,
      text,
      expect: { accept: ['refused'], field: null },
      budget: BUDGET.large,
    });
  }
  {
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    const body = serialize(doc);
    const text = body + ' '.repeat(20_000_001 - Buffer.byteLength(body));
    sink.file({
      cls: 9,
      description: `${doc.name}: padded with spaces to 20,000,001 bytes, otherwise valid`,
      text,
      expect: { accept: ['refused'], field: null },
      budget: BUDGET.large,
    });
  }
  {
    // Just under the limit and valid: must be played, within the large-file budget.
    const doc = base(sink.bases, 'p2pkh-basics');
    padSteps(doc, '中', 4_000, 19_600_000, () => rng.word());
    const text = serialize(doc);
    sink.file({
      cls: 9,
      description: `${doc.name}: ${mb(Buffer.byteLength(text))} of valid CJK narration, under the limit`,
      text,
      expect: { accept: ['played'] },
      budget: BUDGET.large,
    });
  }
}
