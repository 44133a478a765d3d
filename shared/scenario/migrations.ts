/**
 * Ordered migrations of scenario files to the current version. Each takes the previous
 * version's object and returns the next one's, or an error naming what could not be converted.
 */
import { ok, type Result } from '../contract/result';
import { refuse } from './refuse';
import { SCENARIO_VERSION } from './schema';

type Migration = (file: Record<string, unknown>) => Result<Record<string, unknown>>;

/**
 * Version 0 was the preview format: no lesson paths (a single `steps` list), amounts in BTC as
 * decimal strings in outputs, and no handovers list. Version 1 keys steps by path and stores
 * satoshis.
 */
const v0to1: Migration = (file) => {
  const { steps, graph, ...rest } = file;
  const next: Record<string, unknown> = { ...rest, version: 1, handovers: [] };
  if (graph && typeof graph === 'object' && Array.isArray((graph as { nodes?: unknown }).nodes)) {
    const nodes = (graph as { nodes: unknown[] }).nodes.map((node, i) => {
      if (!node || typeof node !== 'object' || (node as { kind?: unknown }).kind !== 'draft') return node;
      const tx = (node as { tx?: { outputs?: unknown[] } }).tx;
      if (!tx || !Array.isArray(tx.outputs)) return node;
      const outputs = tx.outputs.map((o, k) => {
        if (!o || typeof o !== 'object') return o;
        const value = (o as { value?: unknown }).value;
        if (typeof value !== 'string' || !/^\d+(\.\d{1,8})?$/.test(value))
          return { ...o, value: `invalid at graph.nodes[${i}].tx.outputs[${k}]` };
        const [whole, frac = ''] = value.split('.');
        return { ...o, value: (BigInt(whole!) * 100_000_000n + BigInt(frac.padEnd(8, '0'))).toString() };
      });
      return { ...node, tx: { ...tx, outputs } };
    });
    next['graph'] = { ...graph, nodes };
  } else if (graph !== undefined) {
    next['graph'] = graph;
  }
  if (Array.isArray(steps)) next['lesson'] = { paths: { main: steps }, path: 'main', position: 0 };
  return ok(next);
};

const MIGRATIONS: readonly Migration[] = [v0to1];

export function migrate(file: Record<string, unknown>): Result<Record<string, unknown>> {
  const version = file['version'];
  if (typeof version !== 'number' || !Number.isInteger(version)) return refuse('version', 'file.noVersion');
  if (version > SCENARIO_VERSION) return refuse('version', 'file.newerVersion', { version, max: SCENARIO_VERSION });
  if (version < 0) return refuse('version', 'file.badVersion', { version });
  let current = file;
  for (let v = version; v < SCENARIO_VERSION; v++) {
    const r = MIGRATIONS[v]!(current);
    if (!r.ok) return r;
    current = r.value;
  }
  return ok(current);
}
