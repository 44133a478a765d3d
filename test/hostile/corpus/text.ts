/**
 * What a file's text can do when shown (classes 6 and 11: control characters and bidi controls
 * in titles, names and labels; parse errors quoting the file), names that are also Object's
 * prototype members (class 5 in a file), and values nested 100,000 deep (class 10 in a file).
 */
import {
  base,
  clone,
  drafts,
  pickStep,
  QUICK_BASES,
  REFUSAL_BASES,
  renameEverywhere,
  serialize,
  type JsonObject,
  type ScenarioDoc,
} from './doc';
import type { Sink } from './sink';
import { BUDGET, type Expect } from './types';

/** Terminal escapes a title can carry: set the window title, clear the screen, hide text, C1 CSI. */
const CONTROL_SEQUENCES = [
  '\u001b]0;pwned\u0007',
  '\u001b[2J\u001b[H',
  '\u001b[8m',
  '\u001b[31;1m',
  '\u009b2J',
  '\r\u001b[2K',
  '\u0007\u0008\u0008',
];

/** The visible marker of each bidi control in the page, as the issue names them (‹RLO›). */
const BIDI: readonly [string, string][] = [
  ['\u202e', 'RLO'],
  ['\u202d', 'LRO'],
  ['\u202b', 'RLE'],
  ['\u202a', 'LRE'],
  ['\u202c', 'PDF'],
  ['\u2066', 'LRI'],
  ['\u2067', 'RLI'],
  ['\u2068', 'FSI'],
  ['\u2069', 'PDI'],
  ['\u200f', 'RLM'],
  ['\u200e', 'LRM'],
  ['\u061c', 'ALM'],
];

/** How a terminal-safe writer shows a character: \x1b for C0, \u202e for the rest. */
function terminalEscape(c: string): string {
  const code = c.codePointAt(0)!;
  return code < 0x20 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** A wallet of the lesson whose name the CLI prints (in the balances), with a short name so a suffix fits in 40 characters. */
function someWallet(doc: ScenarioDoc, pick: <T>(items: readonly T[]) => T): string {
  return pick(doc.wallets.filter((w) => w.name.length <= 10)).name;
}

export function class6(sink: Sink): void {
  const { rng } = sink;
  const played = (description: string, doc: ScenarioDoc, view: string[], terminal: string[]): void =>
    sink.file({
      cls: 6,
      description: `${doc.name}: ${description}`,
      text: serialize(doc),
      expect: { accept: ['played'], shows: { view, terminal } },
      budget: BUDGET.played,
    });
  const esc = (): string => rng.pick(CONTROL_SEQUENCES.filter((s) => s.includes('\u001b')));

  {
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    doc.title = { en: `${doc.title.en}${esc()}${esc()}`, zh: `${esc()}${doc.title.zh}` };
    played('the title carries escape sequences (window title, clear screen)', doc, ['\u241b'], ['\\x1b']);
  }
  {
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    const ref = pickStep(doc, rng, { currentPath: true });
    ref.doc.title = { en: `${ref.doc.title.en}${esc()}\u009b2J\u0007`, zh: ref.doc.title.zh };
    played('a step title carries ESC, C1 CSI and BEL', doc, ['\u241b'], ['\\x1b', '\\u009b', '\\x07']);
  }
  {
    // A wallet's keys derive from the seed and its name, so the name is a new wallet's (without keys).
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    const name = `${someWallet(doc, (items) => rng.pick(items))}${esc()}`.slice(0, 40);
    doc.wallets.push({ name, keys: [] });
    sink.file({
      cls: 6,
      description: `${doc.name}: a wallet whose name carries an escape sequence (refused, or shown escaped)`,
      text: serialize(doc),
      expect: {
        accept: ['refused', 'played'],
        field: `wallets[${doc.wallets.length - 1}]`,
        shows: { view: ['\u241b'], terminal: [['\\x1b', '\u241b']] },
      },
      budget: BUDGET.played,
    });
  }
  {
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    doc.name = `${doc.name}\r\u001b[2K${rng.word()}`.slice(0, 60);
    played('the scenario name carries CR and erase-line', doc, ['\u241b', '\u240d'], ['\\x1b', '\\x0d']);
  }
  {
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    const from = doc.lesson.path;
    const to = `${from}\u001b[5m`;
    doc.lesson.paths = Object.fromEntries(Object.entries(doc.lesson.paths).map(([k, v]) => [k === from ? to : k, v]));
    doc.lesson.path = to;
    played("the lesson path's name carries an escape sequence", doc, ['\u241b'], ['\\x1b']);
  }

  // Refusals and failures whose one line quotes the file.
  const syntax: [string, (text: string) => string][] = [
    ['an escape sequence right after the opening brace', (t) => `{${esc()}${t.slice(1)}`],
    ['raw ESC and BEL inside a string value', (t) => t.replace(/"en": "/, `"en": "${esc()}\u0007`)],
    [
      'a file cut short inside a string that ends in an escape sequence',
      (t) => `${t.slice(0, rng.int(100, t.length - 100))}"${esc()}`,
    ],
  ];
  for (const [what, corrupt] of syntax) {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    sink.file({
      cls: 6,
      description: `${doc.name}: not JSON: ${what}`,
      text: corrupt(serialize(doc)),
      expect: { accept: ['refused'], field: null },
      budget: BUDGET.refused,
    });
  }
  {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    (doc as JsonObject)[`\u001b]0;${rng.word()}\u0007`] = 1;
    sink.file({
      cls: 6,
      description: `${doc.name}: an unknown top-level key whose name is an escape sequence`,
      text: serialize(doc),
      expect: { accept: ['refused'], field: null },
      budget: BUDGET.refused,
    });
  }
  {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    const name = `${esc()}${rng.word()}`;
    doc.wallets[0]!.name = name;
    doc.wallets[1]!.name = name.toUpperCase();
    sink.file({
      cls: 6,
      description: `${doc.name}: two wallets named by escape sequences that differ in case`,
      text: serialize(doc),
      expect: { accept: ['refused'], field: 'wallets[1].name' },
      budget: BUDGET.refused,
    });
  }
  {
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    const ref = pickStep(doc, rng, { currentPath: true });
    ref.doc.actions.push({ expect: { balances: { [`${esc()}${rng.word()}`]: { btc: { value: '1' } } } } });
    sink.file({
      cls: 6,
      description: `${doc.name}: a balance check of a missing wallet whose name is an escape sequence`,
      text: serialize(doc),
      expect: { accept: ['failed'], shows: { view: [], terminal: ['\\x1b'] } },
      budget: BUDGET.played,
    });
  }
}

export function class11(sink: Sink): void {
  const { rng } = sink;
  const played = (description: string, doc: ScenarioDoc, view: string[], terminal: (string | string[])[]): void =>
    sink.file({
      cls: 11,
      description: `${doc.name}: ${description}`,
      text: serialize(doc),
      expect: { accept: ['played'], shows: { view, terminal } },
      budget: BUDGET.played,
    });
  const bidi = (): [string, string] => rng.pick(BIDI);

  {
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    const i = rng.int(0, doc.graph.nodes.length - 1);
    doc.graph.nodes[i]!.label = 'Bob\u202eexe.txt';
    played('a node label "Bob" + RLO + "exe.txt" (shows as Bobtxt.exe)', doc, ['‹RLO›'], []);
  }
  {
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    const wallet = someWallet(doc, (items) => rng.pick(items));
    const [c, name] = bidi();
    doc.wallets.push({ name: `${wallet}${c}gpj.exe`, keys: [] });
    played(`a wallet "${wallet}" + ${name} + "gpj.exe"`, doc, [`‹${name}›`], [[terminalEscape(c), `‹${name}›`]]);
  }
  {
    // A wallet's first receive key comes with the wallet (and its own label): label a key derived after it.
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    const keys = doc.wallets.flatMap((w) => w.keys.filter((k) => k['purpose'] !== 'receive' || k['index'] !== 0));
    rng.pick(keys).label = `\u2066${rng.word()}\u2069 key`;
    played('a key label wrapped in LRI … PDI', doc, ['‹LRI›', '‹PDI›'], []);
  }
  {
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    const draft = rng.pick(drafts(doc));
    const o = rng.int(0, draft.tx.outputs.length - 1);
    draft.tx.outputs[o]!['label'] = `\u202bto \u202cBob\u202e`;
    played('an output label with RLE, PDF and RLO', doc, ['‹RLE›', '‹PDF›', '‹RLO›'], []);
  }
  {
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    const [c, name] = bidi();
    doc.title = { en: `${doc.title.en} ${c}evil`, zh: doc.title.zh };
    const ref = pickStep(doc, rng, { currentPath: true });
    ref.doc.title = { en: `\u061c${ref.doc.title.en}\u200f`, zh: ref.doc.title.zh };
    played(
      `the title with ${name}, a step title with ALM and RLM`,
      doc,
      [`‹${name}›`, '‹ALM›', '‹RLM›'],
      [terminalEscape(c), '\\u061c', '\\u200f'],
    );
  }
  {
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    const from = doc.lesson.path;
    const to = `${from}\u202e${rng.word()}`;
    doc.lesson.paths = Object.fromEntries(Object.entries(doc.lesson.paths).map(([k, v]) => [k === from ? to : k, v]));
    doc.lesson.path = to;
    played("the lesson path's name with RLO", doc, ['‹RLO›'], ['\\u202e']);
  }
  {
    const doc = base(sink.bases, 'htlc');
    const handOvers = doc.lesson.paths[doc.lesson.path]!.flatMap((step) =>
      step.actions.filter((a) => a['call'] === 'wallet.handOver'),
    );
    for (const call of handOvers) (call['params'] as JsonObject)['reason'] = `\u2068${rng.word()}\u2069 settled`;
    doc.name = `htlc\u2067${rng.word()}`;
    played(
      `the scenario name with RLI, ${handOvers.length} handover reasons with FSI … PDI`,
      doc,
      ['‹RLI›', ...(handOvers.length > 0 ? ['‹FSI›', '‹PDI›'] : [])],
      ['\\u2067'],
    );
  }
  {
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    const wallet = someWallet(doc, (items) => rng.pick(items));
    doc.wallets.push({ name: `${wallet}\u200e`, keys: [] });
    played(
      `a second wallet "${wallet}" + LRM, distinct from ${wallet} only by the mark`,
      doc,
      ['‹LRM›'],
      [['\\u200e', '‹LRM›']],
    );
  }
}

export function class5Files(sink: Sink): void {
  const { rng } = sink;
  /** JSON text with a key no JavaScript object literal can hold as an own property. */
  const withKey = (doc: ScenarioDoc, placeholder: string, key: string): string =>
    serialize(doc).replace(`"${placeholder}"`, JSON.stringify(key));
  {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    const key = rng.pick(['__proto__', 'constructor', 'prototype']);
    doc.lesson.paths['@KEY@'] = clone(doc.lesson.paths[doc.lesson.path]!);
    sink.file({
      cls: 5,
      description: `${doc.name}: a lesson path named "${key}"`,
      text: withKey(doc, '@KEY@', key),
      expect: { accept: ['refused'], field: `lesson.paths.${key}` },
      budget: BUDGET.refused,
    });
  }
  {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    const key = rng.pick(['__proto__', 'constructor']);
    const ref = pickStep(doc, rng);
    ref.doc.actions.push({ expect: { status: { '@KEY@': 'draft' } } });
    const at = `lesson.paths.${ref.path}[${ref.step}].actions[${ref.doc.actions.length - 1}].expect.status.${key}`;
    sink.file({
      cls: 5,
      description: `${doc.name}: a status check keyed "${key}"`,
      text: withKey(doc, '@KEY@', key),
      expect: { accept: ['refused'], field: at },
      budget: BUDGET.refused,
    });
  }
  {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    doc['@KEY@'] = { polluted: true };
    sink.file({
      cls: 5,
      description: `${doc.name}: a top-level "__proto__" object`,
      text: withKey(doc, '@KEY@', '__proto__'),
      expect: { accept: ['refused'], field: '__proto__' },
      budget: BUDGET.refused,
    });
  }
  {
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    const name = rng.pick(['toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf']);
    doc.lesson.paths = Object.fromEntries(
      Object.entries(doc.lesson.paths).map(([k, v]) => [k === doc.lesson.path ? name : k, v]),
    );
    doc.lesson.path = name;
    sink.file({
      cls: 5,
      description: `${doc.name}: the lesson path named "${name}" (played)`,
      text: serialize(doc),
      expect: { accept: ['played'] },
      budget: BUDGET.played,
    });
  }
  {
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    const name = rng.pick(['hasOwnProperty', 'toString', 'valueOf']);
    doc.wallets.push({ name, keys: [] });
    const steps = doc.lesson.paths[doc.lesson.path]!;
    steps[steps.length - 1]!.actions.push({ expect: { balances: { [name]: { btc: { value: '0' } } } } });
    sink.file({
      cls: 5,
      description: `${doc.name}: a wallet named "${name}", its balance checked (played)`,
      text: serialize(doc),
      expect: { accept: ['played'] },
      budget: BUDGET.played,
    });
  }
  {
    // A draft whose id is never part of a longer string (a data check's path may hold `facts.<id>-…`).
    const eligible = (d: ScenarioDoc): string[] => {
      const text = serialize(d);
      return drafts(d)
        .filter((n) => text.split(n.id).length === text.split(`"${n.id}"`).length)
        .map((n) => n.id);
    };
    let doc = base(sink.bases, rng.pick(QUICK_BASES.filter((b) => eligible(sink.bases[b]).length > 0)));
    const node = rng.pick(eligible(doc));
    const name = rng.pick(['toString', 'valueOf', 'hasOwnProperty', 'toLocaleString']);
    doc = renameEverywhere(doc, node, name) as ScenarioDoc;
    sink.file({
      cls: 5,
      description: `${doc.name}: the draft ${node} renamed "${name}" (its id, in every call and check)`,
      text: serialize(doc),
      expect: { accept: ['played'] },
      budget: BUDGET.played,
    });
  }
}

/** Nested `depth` levels: objects, arrays, or both in turn. */
export function nested(depth: number, kind: 'objects' | 'arrays' | 'mixed'): string {
  if (kind === 'objects') return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  if (kind === 'arrays') return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
  const half = Math.floor(depth / 2);
  return `${'[{"a":'.repeat(half)}1${'}]'.repeat(half)}`;
}

export function class10Files(sink: Sink): void {
  const { rng } = sink;
  const places: [string, (doc: ScenarioDoc) => string][] = [
    ['graph.nodes[0].position', (doc) => ((doc.graph.nodes[0]!['position'] = '@NEST@'), 'graph.nodes[0].position')],
    ['an unknown top-level key', (doc) => ((doc['extra'] = '@NEST@'), 'extra')],
    ['description.en', (doc) => ((doc['description'] = { en: '@NEST@', zh: '' }), 'description.en')],
    [
      "a step action's params",
      (doc) => {
        const ref = pickStep(doc, rng);
        ref.doc.actions.push({ call: 'graph.renameNode', params: '@NEST@' });
        return `lesson.paths.${ref.path}[${ref.step}].actions[${ref.doc.actions.length - 1}].params`;
      },
    ],
  ];
  for (const [what, place] of places) {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    const field = place(doc);
    const kind = rng.pick(['objects', 'arrays', 'mixed'] as const);
    const depth = rng.pick([100_000, 100_000, 1_000_000]);
    const text = serialize(doc).replace('"@NEST@"', nested(depth, kind));
    const expect: Expect = { accept: ['refused'], field };
    sink.file({
      cls: 10,
      description: `${doc.name}: ${what} nested ${depth.toLocaleString('en')} deep (${kind})`,
      text,
      expect,
      budget: BUDGET.refused,
    });
  }
}
