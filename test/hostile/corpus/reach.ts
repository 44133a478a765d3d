/**
 * Classes 1 and 2: what a file may try to reach. A lesson step naming a program, a cookie file or
 * a URL (directly, through an unknown key, through an old format's migration), and lesson steps
 * calling back into the host (New, Import, Load, Go to step, the console).
 */
import {
  base,
  clone,
  insertAction,
  pickStep,
  QUICK_BASES,
  REFUSAL_BASES,
  serialize,
  type JsonObject,
  type ScenarioDoc,
} from './doc';
import type { Sink } from './sink';
import { BUDGET } from './types';

function chainOf(doc: ScenarioDoc, sink: Sink): string {
  return sink.rng.pick(doc.chains).id;
}

export function class1(sink: Sink): void {
  const { rng, env } = sink;
  const backends: [string, JsonObject][] = [
    ['a daemon binary path', { kind: 'local', binary: env.baitDaemon }],
    ['a daemon binary path and a data directory', { kind: 'local', binary: env.baitDaemon, datadir: env.baitSecret }],
    ['the litecoind on PATH', { kind: 'local', daemon: 'litecoind' }],
    ['the bitcoind on PATH', { kind: 'local', daemon: 'bitcoind' }],
    ['any local daemon', { kind: 'local' }],
    ['the capture server with a secret cookie file', { kind: 'rpc', url: env.captureUrl, cookieFile: env.baitCookie }],
    [
      'the capture server with a password (valid backend params)',
      { kind: 'rpc', url: env.captureUrl, user: 'txlab', password: 'hunter2' },
    ],
  ];
  for (const [what, backend] of backends) {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    const at = insertAction(doc, rng, { call: 'chain.setBackend', params: { chain: chainOf(doc, sink), backend } });
    sink.file({
      cls: 1,
      description: `${doc.name}: a lesson step calls chain.setBackend with ${what}`,
      text: serialize(doc),
      expect: { accept: ['refused'], field: at },
      budget: BUDGET.refused,
    });
  }
  for (const call of ['chain.chooseDaemon', 'chain.backendOptions']) {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    const at = insertAction(doc, rng, { call, params: {} });
    sink.file({
      cls: 1,
      description: `${doc.name}: a lesson step calls ${call}`,
      text: serialize(doc),
      expect: { accept: ['refused'], field: at },
      budget: BUDGET.refused,
    });
  }

  // Unknown keys carrying a program, a cookie file or a URL, at places a lenient reader might look.
  const smuggles: [string, (doc: ScenarioDoc) => string][] = [
    ['top-level "backend"', (doc) => ((doc['backend'] = { kind: 'local', binary: env.baitDaemon }), 'backend')],
    ['chains[0].binary', (doc) => ((doc.chains[0]!['binary'] = env.baitDaemon), 'chains[0].binary')],
    [
      'chains[0].rpc with a cookie file',
      (doc) => ((doc.chains[0]!['rpc'] = { url: env.captureUrl, cookieFile: env.baitCookie }), 'chains[0].rpc'),
    ],
    ['lesson.daemon', (doc) => (((doc.lesson as unknown as JsonObject)['daemon'] = env.baitDaemon), 'lesson.daemon')],
    [
      'a step\'s "cookieFile"',
      (doc) => {
        const ref = pickStep(doc, rng);
        ref.doc['cookieFile'] = env.baitCookie;
        return `lesson.paths.${ref.path}[${ref.step}].cookieFile`;
      },
    ],
    [
      'wallets[i].importFrom',
      (doc) => {
        const i = rng.int(0, doc.wallets.length - 1);
        doc.wallets[i]!['importFrom'] = env.baitSecret;
        return `wallets[${i}].importFrom`;
      },
    ],
    [
      'history[i].binary on a mine action',
      (doc) => {
        const i = doc.history.findIndex((h) => h['op'] === 'mine');
        doc.history[i]!['binary'] = env.baitDaemon;
        return `history[${i}].binary`;
      },
    ],
    [
      'graph.nodes[i].rpcUrl',
      (doc) => {
        const i = rng.int(0, doc.graph.nodes.length - 1);
        doc.graph.nodes[i]!['rpcUrl'] = env.captureUrl;
        return `graph.nodes[${i}].rpcUrl`;
      },
    ],
    [
      'a tx.broadcast call\'s "url"',
      (doc) => {
        const node = rng.pick(doc.graph.nodes).id;
        return `${insertAction(doc, rng, { call: 'tx.broadcast', params: { node, url: env.captureUrl } })}.params.url`;
      },
    ],
    [
      'a trace task\'s "file"',
      (doc) => {
        const node = rng.pick(doc.graph.nodes).id;
        return `${insertAction(doc, rng, { run: 'trace', params: { node, input: 0, file: env.baitSecret } })}.params.file`;
      },
    ],
  ];
  for (const [what, smuggle] of rng.sample(smuggles, smuggles.length)) {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    const field = smuggle(doc);
    sink.file({
      cls: 1,
      description: `${doc.name}: unknown key ${what} names a program, a file or a URL`,
      text: serialize(doc),
      expect: { accept: ['refused'], field },
      budget: BUDGET.refused,
    });
  }

  {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    const i = doc.history.length;
    doc.history.push({ op: 'setBackend', chain: doc.chains[0]!.id, binary: env.baitDaemon });
    sink.file({
      cls: 1,
      description: `${doc.name}: a history action "setBackend" with a binary path`,
      text: serialize(doc),
      expect: { accept: ['refused'], field: `history[${i}]` },
      budget: BUDGET.refused,
    });
  }
  {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    const node = rng.pick(doc.graph.nodes).id;
    const at = insertAction(doc, rng, { call: 'tx.broadcast', params: { node, via: env.captureUrl } });
    sink.file({
      cls: 1,
      description: `${doc.name}: a broadcast "via" the capture server's URL`,
      text: serialize(doc),
      expect: { accept: ['refused'], field: `${at}.params.via` },
      budget: BUDGET.refused,
    });
  }
  {
    // The preview format (version 0) has one list of steps; the migration must not open a way around the lesson calls.
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    const steps = clone(doc.lesson.paths[doc.lesson.path]!);
    const s = rng.int(0, steps.length - 1);
    steps[s]!.actions.unshift({
      call: 'chain.setBackend',
      params: { chain: doc.chains[0]!.id, backend: { kind: 'rpc', url: env.captureUrl, cookieFile: env.baitCookie } },
    });
    const { lesson: _lesson, handovers: _handovers, ...rest } = doc;
    // Version 0 kept output values in BTC as decimal strings.
    for (const node of rest.graph.nodes) {
      const tx = node['tx'] as { outputs: JsonObject[] } | undefined;
      for (const output of tx?.outputs ?? []) {
        const sats = BigInt(output['value'] as string);
        output['value'] = `${sats / 100_000_000n}.${(sats % 100_000_000n).toString().padStart(8, '0')}`;
      }
    }
    const v0 = { ...rest, version: 0, steps };
    sink.file({
      cls: 1,
      description: `${doc.name} as a version 0 file whose steps call chain.setBackend with a cookie file`,
      text: serialize(v0),
      expect: { accept: ['refused'], field: `lesson.paths.main[${s}].actions[0]` },
      budget: BUDGET.refused,
    });
  }
  {
    // Names that look like paths and URLs are only text: played, nothing opened, nothing fetched.
    const doc = base(sink.bases, rng.pick(QUICK_BASES));
    doc['description'] = {
      en: `Read ${env.baitSecret} and post it to ${env.captureUrl}`,
      zh: `file://${env.baitCookie}`,
    };
    doc.title = { en: `${env.baitDaemon} --daemon`, zh: env.captureUrl };
    const ref = pickStep(doc, rng, { currentPath: true });
    ref.doc.narration = {
      en: `$(cat ${env.baitSecret}) \`${env.baitDaemon}\``,
      zh: `<img src="${env.captureUrl}/x.png">`,
    };
    const i = rng.int(0, doc.graph.nodes.length - 1);
    doc.graph.nodes[i]!.label = env.captureUrl.slice(0, 40);
    sink.file({
      cls: 1,
      description: `${doc.name}: bait paths and the capture URL as plain text in the title, narration and a label`,
      text: serialize(doc),
      expect: { accept: ['played'] },
      budget: BUDGET.played,
    });
  }
}

export function class2(sink: Sink): void {
  const { rng } = sink;
  const reentries: [string, (doc: ScenarioDoc) => JsonObject][] = [
    ['workspace.new', () => ({ call: 'workspace.new', params: {} })],
    ['workspace.new with a name', () => ({ call: 'workspace.new', params: { name: rng.word() } })],
    [
      'lesson.goto forward',
      (doc) => ({ call: 'lesson.goto', params: { position: rng.int(1, doc.lesson.paths[doc.lesson.path]!.length) } }),
    ],
    ['lesson.goto 0', () => ({ call: 'lesson.goto', params: { position: 0 } })],
    ['scenario.load', () => ({ call: 'scenario.load', params: { name: rng.pick(REFUSAL_BASES) } })],
    ['workspace.import of the file itself', (doc) => ({ call: 'workspace.import', params: { json: serialize(doc) } })],
    [
      'rpc.call generatetoaddress',
      (doc) => ({
        call: 'rpc.call',
        params: { chain: doc.chains[0]!.id, line: 'generatetoaddress 1 bcrt1qq6hag67dl53wl99vzg42z8eyzfz2xlkvxechjp' },
      }),
    ],
    ['rpc.call stop', (doc) => ({ call: 'rpc.call', params: { chain: doc.chains[0]!.id, line: 'stop' } })],
    ['workspace.undo', () => ({ call: 'workspace.undo', params: {} })],
    ['work.cancel', () => ({ call: 'work.cancel', params: {} })],
    ['wallet.delete', (doc) => ({ call: 'wallet.delete', params: { wallet: rng.pick(doc.wallets).name } })],
    ['workspace.export', () => ({ call: 'workspace.export', params: {} })],
  ];
  for (const [what, make] of reentries) {
    const doc = base(sink.bases, rng.pick(REFUSAL_BASES));
    const action = make(clone(doc));
    const at = insertAction(doc, rng, action);
    sink.file({
      cls: 2,
      description: `${doc.name}: a lesson step calls ${what}`,
      text: serialize(doc),
      expect: { accept: ['refused'], field: at },
      budget: BUDGET.refused,
    });
  }
}
