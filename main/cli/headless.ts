/**
 * A headless workbench for the scenario commands: wallets in memory, the built-in catalog, and
 * chains on the simulator or, with `--backend`, on real regtest nodes.
 */
import { createHandlers } from '../host/handlers';
import { walletsFor } from '../host/handlers/workspace';
import { BuiltinCatalog } from '../host/catalog';
import { MemoryWalletProvider } from '../host/walletProviders';
import { urlChains, Workbench } from '../host/workbench';
import { findBuiltin } from '../../shared/lessons';
import { MAX_FILE_BYTES, parseScenarioJson } from '../../shared/scenario/parse';
import type { ScenarioFile } from '../../shared/scenario/schema';
import type { ChainId } from '../../shared/chain/profiles';
import type { BackendChoice } from '../host/backendChoice';
import { BackendOffers } from '../host/backendOffers';
import { nodePlatform } from '../host/backends';
import { type BackendOption, type CliBackendChoice, resolveBackends } from './flags';
import { readBounded, usage, utf8 } from './io';

export const catalog = new BuiltinCatalog();

async function openBench(): Promise<{
  bench: Workbench;
  handlers: ReturnType<typeof createHandlers>;
  offers: BackendOffers;
}> {
  const offers = new BackendOffers();
  const bench = await Workbench.open({
    wallets: new MemoryWalletProvider(),
    mode: 'headless',
    version: '0.1.0',
    seed: 1,
    catalog,
    backends: nodePlatform(offers),
  });
  return { bench, handlers: createHandlers(bench), offers };
}

/**
 * The command line's backends as the host uses them: a local daemon is the program of
 * `--daemon PATH` when given, else the one on PATH (the chain's own coin's first).
 */
async function toBackendChoice(
  choice: CliBackendChoice,
  offers: BackendOffers,
  daemonPath: string | undefined,
): Promise<BackendChoice> {
  let chosen: string | undefined;
  if (daemonPath !== undefined) {
    const offer = await offers.choose(daemonPath);
    if (!offer.ok) usage(`--daemon: ${offer.error.message}`);
    chosen = offer.value.id;
  }
  const resolved: BackendChoice = {};
  for (const [chain, spec] of Object.entries(choice) as [ChainId, CliBackendChoice[ChainId] & object][]) {
    if (spec.kind !== 'local') {
      resolved[chain] = spec;
      continue;
    }
    const binary = await offers.binaryFor(chain, spec.daemon ?? chosen);
    if (!binary.ok) usage(binary.error.message);
    resolved[chain] = { kind: 'local', binary: binary.value };
  }
  return resolved;
}

/** `--seed N`: a whole number a scenario seed can be. */
export function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seed = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(seed) || seed > 0xffffffff)
    usage(`--seed must be a whole number from 0 to 4294967295, not "${text}"`);
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
  daemonPath?: string,
): Promise<{ bench: Workbench; handlers: ReturnType<typeof createHandlers>; doc: ScenarioFile }> {
  const { bench, handlers, offers } = await openBench();
  let doc: ScenarioFile;
  let store;
  const builtin = findBuiltin(target);
  if (builtin) {
    bench.backends = await toBackendChoice(resolveBackends(backend, builtin.name, builtin.chains), offers, daemonPath);
    const fresh = await bench.options.wallets.fresh();
    store = fresh;
    const built = await catalog.build(target, path, {
      wallets: fresh,
      backends: bench.backends,
      connect: bench.platform.connect,
      ...(seed !== undefined ? { seed } : {}),
    });
    if (!built.ok) usage(built.error.message);
    doc = built.value;
  } else {
    if (seed !== undefined) usage('--seed applies to built-in scenarios; a scenario file carries its own seed');
    const read = await readBounded(target, MAX_FILE_BYTES);
    if (!read.ok)
      usage(`"${target}" is not a built-in scenario (see txlab scenarios), and as a file it is ${read.error.message}`);
    const text = utf8(read.value);
    if (text === undefined) usage(`${target}: the file is not UTF-8 text`);
    const parsed = parseScenarioJson(text);
    if (!parsed.ok) usage(`${target}: ${parsed.error.message}`);
    doc = parsed.value;
    if (!doc.lesson) usage(`${target} has no lesson to play`);
    bench.backends = await toBackendChoice(resolveBackends(backend, target, doc.chains), offers, daemonPath);
    if (path !== undefined) {
      if (!Object.hasOwn(doc.lesson.paths, path))
        usage(`${target} has no path "${path}" (paths: ${Object.keys(doc.lesson.paths).join(', ')})`);
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
