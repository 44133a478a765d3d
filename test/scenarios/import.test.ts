/**
 * Importing scenario files: strict, named refusals (problem and JSON path) for malformed, hostile
 * and oversized files, with the open workspace untouched; older versions migrate.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryWalletProvider } from '../../main/host/walletProviders';
import { parseScenarioJson } from '../../shared/scenario/parse';
import { scenarioJsonSchema } from '../../shared/scenario/jsonSchema';
import { testBench } from '../unit/host/helpers';
import { catalog } from './support';

type Json = Record<string, unknown>;
let base: Json;

beforeAll(async () => {
  const built = await catalog.build('p2pkh-basics', undefined, { wallets: await new MemoryWalletProvider().fresh() });
  if (!built.ok) throw new Error(built.error.message);
  base = JSON.parse(JSON.stringify(built.value)) as Json;
});

const clone = (): Json => JSON.parse(JSON.stringify(base)) as Json;

/** Hostile or broken files as text, with the JSON path the refusal must name. */
const CASES: readonly { name: string; text: () => string; path?: string }[] = [
  { name: 'malformed JSON', text: () => '{"format": "txlab-scenario", "version": 1,' },
  { name: 'not an object', text: () => '[1, 2, 3]' },
  { name: 'not a scenario', text: () => JSON.stringify({ ...clone(), format: 'something-else' }), path: 'format' },
  { name: 'a newer version', text: () => JSON.stringify({ ...clone(), version: 2 }), path: 'version' },
  { name: 'a version that is not a number', text: () => JSON.stringify({ ...clone(), version: '1' }), path: 'version' },
  {
    name: '__proto__ at the top',
    text: () => JSON.stringify(clone()).replace('{', '{"__proto__": {"polluted": true},'),
    path: '__proto__',
  },
  {
    name: 'constructor deep inside',
    text: () => {
      const f = clone();
      (f['graph'] as { nodes: Json[] }).nodes[1]!['tx'] = { constructor: { prototype: { polluted: true } } };
      return JSON.stringify(f);
    },
    path: 'graph.nodes[1].tx.constructor',
  },
  {
    name: 'a number too large to be exact (1e400)',
    text: () => JSON.stringify(clone()).replace(/"seed":\s*\d+/, '"seed": 1e400'),
    path: 'seed',
  },
  {
    name: 'an unsafe integer',
    text: () => JSON.stringify(clone()).replace(/"seed":\s*\d+/, '"seed": 9007199254740993'),
    path: 'seed',
  },
  {
    name: 'nesting 1000 levels deep',
    text: () =>
      JSON.stringify({ ...clone(), description: 0 }).replace(
        '"description":0',
        `"description":${'['.repeat(1000)}${']'.repeat(1000)}`,
      ),
    path: `description${'[0]'.repeat(40)}`,
  },
  { name: 'an unknown key', text: () => JSON.stringify({ ...clone(), extra: true }), path: 'extra' },
  {
    name: 'a contract method that does not exist',
    text: () => {
      const f = clone();
      const lesson = f['lesson'] as { paths: Record<string, { actions: Json[] }[]> };
      lesson.paths['pay']![1]!.actions[0] = { call: 'wallet.stealKeys', params: {} };
      return JSON.stringify(f);
    },
    path: 'lesson.paths.pay[1].actions[0].call',
  },
  {
    name: 'a lesson task with a parameter out of range',
    text: () => {
      const f = clone();
      const lesson = f['lesson'] as { paths: Record<string, { actions: Json[] }[]> };
      lesson.paths['pay']![1]!.actions[0] = {
        run: 'reorg-stats',
        params: { runs: 1e9, blocksPerRun: 10, miners: [0.5, 0.5], delay: { min: 1, max: 2 }, maxDepth: 3 },
      };
      return JSON.stringify(f);
    },
    path: 'lesson.paths.pay[1].actions[0].params.runs',
  },
  {
    name: 'an amount that is not satoshis',
    text: () => {
      const f = clone();
      const node = (f['graph'] as { nodes: { tx?: { outputs: Json[] } }[] }).nodes[1]!;
      node.tx!.outputs[0]!['value'] = '0.3';
      return JSON.stringify(f);
    },
    path: 'graph.nodes[1].tx.outputs[0].value',
  },
  {
    name: 'an output above MAX_MONEY (21,000,000 BTC and one satoshi)',
    text: () => {
      const f = clone();
      const node = (f['graph'] as { nodes: { tx?: { outputs: Json[] } }[] }).nodes[1]!;
      node.tx!.outputs[0]!['value'] = '2100000000000001';
      return JSON.stringify(f);
    },
    path: 'graph.nodes[1].tx.outputs[0].value',
  },
  {
    name: 'outputs that each fit but add up to more than MAX_MONEY',
    text: () => {
      const f = clone();
      const node = (f['graph'] as { nodes: { tx?: { outputs: Json[] } }[] }).nodes[1]!;
      const first = node.tx!.outputs[0]!;
      node.tx!.outputs = [
        { ...first, value: '2000000000000000' },
        { ...first, value: '200000000000000' },
      ];
      return JSON.stringify(f);
    },
    path: 'graph.nodes[1].tx.outputs[1].value',
  },
  {
    name: 'a wallet key that the seed does not derive',
    text: () => {
      const f = clone();
      const wallet = (f['wallets'] as { keys: Json[] }[])[0]!;
      wallet.keys[0]!['publicKey'] = '02' + '11'.repeat(32);
      return JSON.stringify(f);
    },
    path: 'wallets[0].keys[0].publicKey',
  },
  {
    name: 'history that does not replay',
    text: () => {
      const f = clone();
      (f['history'] as Json[]).splice(1, 0, { op: 'broadcast', chain: 'btc', hex: '0100' });
      return JSON.stringify(f);
    },
    path: 'history[1]',
  },
];

describe('import refuses bad files by name and JSON path, and keeps the open workspace', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const t = await testBench({ catalog });
      await t.must('scenario.load', { name: 'segwit' });
      await t.must('lesson.goto', { position: 2 });
      const before = (await t.must('workspace.export', {})).json;
      const r = await t.call('workspace.import', { json: c.text() });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('IMPORT_FAILED');
      if (c.path !== undefined) expect(r.error.path).toBe(c.path);
      expect(r.error.message.length).toBeGreaterThan(10);
      expect((await t.must('workspace.export', {})).json).toBe(before);
      expect((await t.must('workspace.get', {})).lesson?.position).toBe(2);
    });
  }

  it('a 25 MB file: refused before parsing, by the file reader and by the contract', async () => {
    const huge = JSON.stringify({ ...clone(), description: { en: 'x'.repeat(25_000_000), zh: '' } });
    const parsed = parseScenarioJson(huge);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.code).toBe('IMPORT_FAILED');
    const t = await testBench({ catalog });
    const before = (await t.must('workspace.export', {})).json;
    const r = await t.call('workspace.import', { json: huge });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.path).toBe('json');
    expect((await t.must('workspace.export', {})).json).toBe(before);
  });
});

describe('versions', () => {
  it('a version 0 file (one steps list, BTC amounts, no handovers) migrates to version 1', async () => {
    const v1 = clone();
    const lesson = v1['lesson'] as { paths: Record<string, unknown[]>; path: string };
    const btc = (sats: string) =>
      `${BigInt(sats) / 100_000_000n}.${(BigInt(sats) % 100_000_000n).toString().padStart(8, '0')}`;
    const { lesson: _l, handovers: _h, ...rest } = v1;
    const graph = v1['graph'] as { nodes: { kind: string; tx?: { outputs: { value: string }[] } }[] };
    const v0 = {
      ...rest,
      version: 0,
      steps: lesson.paths[lesson.path],
      graph: {
        nodes: graph.nodes.map((n) =>
          n.kind === 'draft'
            ? { ...n, tx: { ...n.tx!, outputs: n.tx!.outputs.map((o) => ({ ...o, value: btc(o.value) })) } }
            : n,
        ),
      },
    };
    const parsed = parseScenarioJson(JSON.stringify(v0));
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value.version).toBe(1);
    expect(parsed.value.graph).toEqual(base['graph']);
    expect(parsed.value.lesson?.paths['main']).toEqual(lesson.paths[lesson.path]);
    const t = await testBench({ catalog });
    const r = await t.call('workspace.import', { json: JSON.stringify(v0) });
    expect(r.ok).toBe(true);
  });

  it('a version 0 amount that cannot be converted is refused at its path', () => {
    const v0 = { ...clone(), version: 0 } as Json;
    delete v0['lesson'];
    const graph = v0['graph'] as { nodes: { tx?: { outputs: { value: string }[] } }[] };
    graph.nodes[1]!.tx!.outputs[0]!.value = 'a lot';
    const r = parseScenarioJson(JSON.stringify(v0));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.path).toBe('graph.nodes[1].tx.outputs[0].value');
  });
});

describe('the published JSON Schema', () => {
  it('is the one generated from the zod schema (run npm run schema after changing it)', () => {
    const committed = readFileSync(new URL('../../docs/scenario-file.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(scenarioJsonSchema());
  });
});
