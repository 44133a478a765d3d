/**
 * A scenario file is data (issue 9): lesson steps call only lesson methods, every object is
 * strict, the rules across fields hold, and the work it asks for is within budget — checked on
 * every entry path before anything runs, each refusal naming the field.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryWalletProvider } from '../../main/host/walletProviders';
import { ACTION_BUDGET_MS, FILE_BUDGET_MS, checkWorkBudget } from '../../shared/scenario/budget';
import { MAX_FILE_BYTES, parseScenarioJson, readScenarioValue } from '../../shared/scenario/parse';
import { BUILTINS } from '../../shared/lessons';
import { catalog } from './support';

// Hostile files are built by hand, field by field, against the schema on purpose: plain JSON
// reached by path, and a path that is not there fails the test.
type Json = Record<string, unknown>;
const files = new Map<string, Json>();

function valueAt(root: Json, path: readonly (string | number)[]): unknown {
  let value: unknown = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) throw new Error(`nothing at ${path.join('.')}`);
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** The object at a path. */
function at(root: Json, ...path: (string | number)[]): Json {
  const value = valueAt(root, path);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`no object at ${path.join('.')}`);
  return value as Json;
}

/** The array at a path. */
function list(root: Json, ...path: (string | number)[]): unknown[] {
  const value = valueAt(root, path);
  if (!Array.isArray(value)) throw new Error(`no array at ${path.join('.')}`);
  return value;
}

/** The array of objects at a path. */
function objects(root: Json, ...path: (string | number)[]): Json[] {
  return list(root, ...path).map((_, i) => at(root, ...path, i));
}

/** The string at a path. */
function text(root: Json, ...path: (string | number)[]): string {
  const value = valueAt(root, path);
  if (typeof value !== 'string') throw new Error(`no string at ${path.join('.')}`);
  return value;
}

beforeAll(async () => {
  for (const name of ['p2pkh-basics', 'malleability-mtgox', 'rsmc-channel']) {
    const built = await catalog.build(name, undefined, { wallets: await new MemoryWalletProvider().fresh() });
    if (!built.ok) throw new Error(built.error.message);
    files.set(name, JSON.parse(JSON.stringify(built.value)) as Json);
  }
});

const file = (name = 'p2pkh-basics'): Json => JSON.parse(JSON.stringify(files.get(name))) as Json;

function refusal(value: unknown): { path?: string; message: string; detail?: string } {
  const r = readScenarioValue(value);
  expect(r.ok, 'the file should have been refused').toBe(false);
  return r.ok ? { message: '' } : r.error;
}

describe('lesson steps call only the lesson vocabulary', () => {
  const firstActions = (f: Json) => list(f, 'lesson', 'paths', text(f, 'lesson', 'path'), 0, 'actions');
  it.each([
    ['chain.setBackend', { chain: 'btc', backend: { kind: 'local', binary: '/tmp/evil' } }],
    [
      'chain.setBackend',
      { chain: 'btc', backend: { kind: 'rpc', url: 'http://127.0.0.1:1/', cookieFile: '/etc/passwd' } },
    ],
    ['workspace.new', {}],
    ['workspace.import', { json: '{}' }],
    ['scenario.load', { name: 'segwit' }],
    ['lesson.goto', { position: 0 }],
    ['rpc.call', { chain: 'btc', line: 'getblockcount' }],
    ['wallet.delete', { wallet: 'Alice' }],
  ])('refuses a step calling %s', (call, params) => {
    const f = file();
    firstActions(f).push({ call, params });
    const e = refusal(f);
    expect(e.path).toMatch(/^lesson\.paths\.pay\[0\]\.actions\[\d+\]/);
  });

  it("checks a lesson call's parameters on import, with the path of the bad one", () => {
    const f = file();
    firstActions(f).push({
      call: 'chain.mine',
      params: { chain: 'btc', count: 1, to: { wallet: 'Alice' }, binary: '/bin/sh' },
    });
    expect(refusal(f).path).toMatch(/^lesson\.paths\.pay\[0\]\.actions\[\d+\]\.params\.binary$/);
  });
});

describe('strict objects everywhere', () => {
  it.each([
    [
      'a graph node',
      (f: Json) => (at(f, 'graph', 'nodes', 1)['cookieFile'] = '/etc/passwd'),
      'graph.nodes[1].cookieFile',
    ],
    [
      'a draft input',
      (f: Json) => (at(f, 'graph', 'nodes', 1, 'tx', 'inputs', 0)['script'] = 'x'),
      'graph.nodes[1].tx.inputs[0].script',
    ],
    ['a position', (f: Json) => (at(f, 'graph', 'nodes', 0, 'position')['z'] = 1), 'graph.nodes[0].position.z'],
    ['a chain config', (f: Json) => (at(f, 'chains', 0)['binary'] = '/usr/bin/litecoind'), 'chains[0].binary'],
    ['a history action', (f: Json) => (at(f, 'history', 0)['url'] = 'http://127.0.0.1:9/'), 'history[0].url'],
  ])('refuses an unknown key in %s, at its own path', (_what, edit, path) => {
    const f = file();
    edit(f);
    expect(refusal(f).path).toBe(path);
  });
});

describe('rules across fields', () => {
  it.each([
    ['a lesson path that is not a path', (f: Json) => (at(f, 'lesson')['path'] = 'nowhere'), 'lesson.path'],
    ['no lesson paths at all', (f: Json) => (at(f, 'lesson')['paths'] = {}), 'lesson.paths'],
    [
      'a position past the end',
      (f: Json) => (at(f, 'lesson')['position'] = list(f, 'lesson', 'paths', text(f, 'lesson', 'path')).length + 1),
      'lesson.position',
    ],
    [
      'two nodes with one id',
      (f: Json) => list(f, 'graph', 'nodes').push({ ...at(f, 'graph', 'nodes', 1) }),
      /^graph\.nodes\[\d+\]\.id$/,
    ],
    ['two chains with one id', (f: Json) => list(f, 'chains').push({ ...at(f, 'chains', 0) }), 'chains[1].id'],
    [
      'two wallets with one name',
      (f: Json) =>
        list(f, 'wallets').push({ ...at(f, 'wallets', 0), name: text(f, 'wallets', 0, 'name').toUpperCase() }),
      `wallets[${0}].name`,
    ],
    [
      'a node on a chain the file does not have',
      (f: Json) => (at(f, 'graph', 'nodes', 1)['chain'] = 'ltc'),
      'graph.nodes[1].chain',
    ],
    [
      'a broadcast via an unknown node',
      (f: Json) => list(f, 'history').push({ op: 'broadcast', chain: 'btc', hex: '00', via: 'nobody' }),
      /^history\[\d+\]\.via$/,
    ],
    [
      'blocks mined by an unknown miner',
      (f: Json) => list(f, 'history').push({ op: 'mine', chain: 'btc', count: 1, script: '51', miner: 'nobody' }),
      /^history\[\d+\]\.miner$/,
    ],
  ])('refuses %s', (_what, edit, path) => {
    const f = file();
    edit(f);
    const e = refusal(f);
    if (typeof path === 'string' && path.startsWith('wallets')) expect(e.path).toMatch(/^wallets\[\d+\]\.name$/);
    else if (typeof path === 'string') expect(e.path).toBe(path);
    else expect(e.path).toMatch(path);
  });

  it('refuses a network none of whose nodes mines', () => {
    const f = file('malleability-mtgox');
    for (const n of objects(f, 'chains', 0, 'nodes')) n['hashShare'] = 0;
    expect(refusal(f).path).toBe('chains[0].nodes');
  });

  it('refuses tasks naming nodes the network does not have', () => {
    const f = file('malleability-mtgox');
    const isAttack = (a: Json) => a['run'] === 'mtgox-attack';
    const step = objects(f, 'lesson', 'paths', 'attack-2014').find((s) => objects(s, 'actions').some(isAttack));
    const attack = objects(step!, 'actions').find(isAttack)!;
    at(attack, 'params')['peers'] = ['pool-Z'];
    expect(refusal(f).path).toMatch(/^lesson\.paths\.attack-2014\[\d+\]\.actions\[\d+\]\.params\.peers\[0\]$/);
  });
});

describe('the work budget', () => {
  it('admits every built-in lesson, each with room to spare', async () => {
    for (const spec of BUILTINS) {
      const built = await catalog.build(spec.name, undefined, { wallets: await new MemoryWalletProvider().fresh() });
      if (!built.ok) throw new Error(built.error.message);
      const estimate = checkWorkBudget(built.value);
      expect(estimate.ok, `${spec.name}: ${estimate.ok ? '' : estimate.error.message}`).toBe(true);
      if (estimate.ok) expect(estimate.value.ms).toBeLessThan(FILE_BUDGET_MS * 0.75);
    }
  });

  it('refuses one history action that asks for too many blocks, naming it', () => {
    const f = file('malleability-mtgox');
    list(f, 'history').push({ op: 'mine', chain: 'btc', count: 100_000, script: '51' });
    const e = refusal(f);
    expect(e.detail).toBe('WORK_BUDGET');
    expect(e.path).toBe(`history[${list(f, 'history').length - 1}]`);
  });

  it('refuses lesson tasks at their schema maxima, naming the action', () => {
    for (const [run, params] of [
      ['throughput', { arrivalTps: 20, blocks: 12, backlog: 20_000, feeRates: [1, 2] }],
      ['reorg-stats', { runs: 2000, blocksPerRun: 2000, miners: [0.5, 0.5], delay: { min: 1, max: 10 } }],
    ] as const) {
      const f = file();
      list(f, 'lesson', 'paths', 'pay', 0, 'actions').push({ run, params });
      const e = refusal(f);
      expect(e.detail, run).toBe('WORK_BUDGET');
      expect(e.path, run).toMatch(/^lesson\.paths\.pay\[0\]\.actions\[\d+\]$/);
    }
  });

  it('refuses many actions each within budget that together are over the file budget', () => {
    const f = file();
    const perAction = ACTION_BUDGET_MS * 0.9;
    const count = Math.ceil(FILE_BUDGET_MS / perAction) + 1;
    // 1 simulated node: mining costs about COST_MS.blockPerNode each; stay under one action's budget.
    for (let i = 0; i < count; i++)
      list(f, 'history').push({ op: 'mine', chain: 'btc', count: Math.floor(perAction / 0.25), script: '51' });
    const e = refusal(f);
    expect(e.detail).toBe('WORK_BUDGET');
    expect(e.path).toBe('history');
  });
});

describe('sizes in bytes', () => {
  it("counts a file's bytes, not its characters", () => {
    // Three bytes per character in UTF-8: under the limit in characters, over it in bytes.
    const text = `{"format":"txlab-scenario","version":1,"name":"${'界'.repeat(Math.ceil(MAX_FILE_BYTES / 3) + 10)}"}`;
    expect(text.length).toBeLessThan(MAX_FILE_BYTES);
    const r = parseScenarioJson(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.detail).toBe('TOO_LARGE');
  });
});
