/**
 * A headless workbench for the scenario commands: wallets in memory, the built-in catalog, and
 * chains on the simulator or, with `--backend`, on real regtest nodes.
 */
import { readFile } from 'node:fs/promises';
import { createHandlers } from '../host/handlers';
import { walletsFor } from '../host/handlers/workspace';
import { BuiltinCatalog } from '../host/catalog';
import { MemoryWalletProvider } from '../host/walletProviders';
import { urlChains, Workbench } from '../host/workbench';
import { findBuiltin } from '../../shared/scenario/builtins';
import { parseScenarioJson } from '../../shared/scenario/parse';
import type { ScenarioFile } from '../../shared/scenario/schema';
import { type BackendOption, resolveBackends } from './flags';
import { usage } from './io';

export const catalog = new BuiltinCatalog();

export async function openBench(): Promise<{ bench: Workbench; handlers: ReturnType<typeof createHandlers> }> {
  const bench = await Workbench.open({ wallets: new MemoryWalletProvider(), mode: 'headless', version: '0.1.0', seed: 1, catalog });
  return { bench, handlers: createHandlers(bench) };
}

/** `--seed N`: a whole number a scenario seed can be. */
export function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seed = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(seed) || seed > 0xffffffff) usage(`--seed must be a whole number from 0 to 4294967295, not "${text}"`);
  return seed;
}

/**
 * Opens a built-in (by name) or a scenario file (by path) on the lesson path asked for, with
 * its starting point kept so the lesson can be played. Bad input is a usage error. With real
 * backends, a built-in is set up on the nodes themselves (their own coinbases fund the lesson)
 * and replayed on fresh daemons, as loading it in the app does; a node at a URL, which cannot be
 * replayed a second time from its genesis, is followed as the setup left it. The caller closes
 * `bench.chains` to stop the daemons.
 */
export async function openScenario(
  target: string,
  path: string | undefined,
  seed: number | undefined,
  backend?: BackendOption,
): Promise<{ bench: Workbench; handlers: ReturnType<typeof createHandlers>; doc: ScenarioFile }> {
  const { bench, handlers } = await openBench();
  let doc: ScenarioFile;
  let store;
  const builtin = findBuiltin(target);
  if (builtin) {
    bench.backends = resolveBackends(backend, builtin.name, builtin.chains);
    const fresh = await bench.options.wallets.fresh();
    store = fresh;
    const built = await catalog.build(target, path, { wallets: fresh, backends: bench.backends, ...(seed !== undefined ? { seed } : {}) });
    if (!built.ok) usage(built.error.message);
    doc = built.value;
  } else {
    if (seed !== undefined) usage('--seed applies to built-in scenarios; a scenario file carries its own seed');
    let text: string;
    try {
      text = await readFile(target, 'utf8');
    } catch {
      usage(`"${target}" is neither a built-in scenario (see txlab scenarios) nor a readable file`);
    }
    const parsed = parseScenarioJson(text);
    if (!parsed.ok) usage(`${target}: ${parsed.error.message}`);
    doc = parsed.value;
    if (!doc.lesson) usage(`${target} has no lesson to play`);
    bench.backends = resolveBackends(backend, target, doc.chains);
    if (path !== undefined) {
      if (!Object.hasOwn(doc.lesson.paths, path)) usage(`${target} has no path "${path}" (paths: ${Object.keys(doc.lesson.paths).join(', ')})`);
      doc = { ...doc, lesson: { ...doc.lesson, path, position: 0 } };
    }
    const wallets = await walletsFor(bench, doc);
    if (!wallets.ok) usage(`${target}: ${wallets.error.message}`);
    store = wallets.value;
  }
  const base = doc.lesson?.position === 0 ? doc : undefined;
  const switched = await bench.switchTo(doc, store, base, builtin ? urlChains(bench.backends) : undefined);
  if (!switched.ok) usage(`${target}: ${switched.error.message}`);
  return { bench, handlers, doc };
}
