/**
 * A headless workbench for the scenario commands: wallets in memory, the built-in catalog, and
 * chains on the simulator or, with `--backend`, on real regtest nodes.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { createHandlers } from '../host/handlers';
import { walletsFor } from '../host/handlers/workspace';
import { BuiltinCatalog } from '../host/catalog';
import { MemoryWalletProvider } from '../host/walletProviders';
import { Workbench } from '../host/workbench';
import { findBuiltin } from '../../shared/scenario/builtins';
import { parseScenarioJson } from '../../shared/scenario/parse';
import type { ScenarioFile } from '../../shared/scenario/schema';
import type { ChainId } from '../../shared/chain/profiles';
import type { Result } from '../../shared/contract/result';
import { type BackendChoice, rpcClientFor } from '../host/backends';
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
 * and replayed on fresh daemons, as loading it in the app does — except on a node at a URL, which
 * cannot be replayed a second time from its genesis: the workbench follows it as the setup left
 * it. The caller closes `bench.chains` to stop the daemons.
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
    await requireFreshNodes(bench.backends);
    const fresh = await bench.options.wallets.fresh();
    store = fresh;
    const built = await buildOrUsage(() => catalog.build(target, path, { wallets: fresh, backends: bench.backends, ...(seed !== undefined ? { seed } : {}) }));
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
    await requireFreshNodes(bench.backends);
    if (path !== undefined) {
      if (!Object.hasOwn(doc.lesson.paths, path)) usage(`${target} has no path "${path}" (paths: ${Object.keys(doc.lesson.paths).join(', ')})`);
      doc = { ...doc, lesson: { ...doc.lesson, path, position: 0 } };
    }
    const wallets = await walletsFor(bench, doc);
    if (!wallets.ok) usage(`${target}: ${wallets.error.message}`);
    store = wallets.value;
  }
  const base = doc.lesson?.position === 0 ? doc : undefined;
  const atUrl = new Set(Object.entries(bench.backends).flatMap(([id, spec]) => (builtin && spec.kind === 'rpc' ? [id] : [])));
  if (atUrl.size === 0) {
    const switched = await bench.switchTo(doc, store, base);
    if (!switched.ok) usage(`${target}: ${switched.error.message}`);
  } else {
    // The setup is on those nodes already: replay only the other chains, then resume their clocks.
    const switched = await bench.switchTo({ ...doc, history: doc.history.filter((a) => !atUrl.has(a.chain)) }, store, base);
    if (!switched.ok) usage(`${target}: ${switched.error.message}`);
    for (const id of atUrl) {
      const chain = bench.chains.get(id as ChainId);
      if (chain?.kind === 'real') chain.resumeAfter(doc.history.filter((a) => a.chain === id));
    }
    bench.doc = { ...bench.doc, history: doc.history };
  }
  if (!builtin) await requireHistoryOnNodes(bench, target);
  return { bench, handlers, doc };
}

/** The catalog throws on a setup step a node refused (a bug or a broken node): one line, not a stack. */
async function buildOrUsage(build: () => Promise<Result<ScenarioFile>>): Promise<Result<ScenarioFile>> {
  try {
    return await build();
  } catch (e) {
    usage(e instanceof Error ? e.message : String(e));
  }
}

/**
 * A workspace's history is played from the genesis block, so a node at a URL must not have
 * blocks yet (daemons TxLab starts always are fresh). Checked before anything is sent to it.
 */
async function requireFreshNodes(backends: BackendChoice): Promise<void> {
  for (const [id, spec] of Object.entries(backends)) {
    if (spec.kind !== 'rpc') continue;
    const client = rpcClientFor(spec);
    if (!client.ok) usage(`--backend ${spec.url}: ${client.error.message}`);
    const height = await client.value.call('getblockcount', [], z.number());
    client.value.close();
    if (!height.ok) usage(`--backend ${spec.url}: ${height.error.message}`);
    if (height.value > 0) {
      usage(`the node at ${spec.url} already has ${height.value} blocks; TxLab plays the ${id} chain from the genesis block, so it needs a fresh regtest node (a new -datadir)`);
    }
  }
}

/**
 * A refused broadcast is part of a history (lessons show refusals), so replay does not stop at
 * one; but when a coin the graph shows as on the chain never got there, the file cannot be played
 * on this node — typically a history made on the simulator, whose coinbases differ from a node's.
 */
async function requireHistoryOnNodes(bench: Workbench, target: string): Promise<void> {
  for (const node of bench.doc.graph.nodes) {
    if (node.kind !== 'chain' || bench.chains.get(node.chain)?.kind !== 'real') continue;
    if (!bench.chains.findRecord(node.chain, node.txid)) {
      await bench.chains.close();
      usage(
        `${target}: ${node.label} (${node.txid.slice(0, 16)}…) is not on the real ${node.chain} node after replaying the file's history — a history made on the simulator spends coinbases a real node never mined; play a built-in by name on a real node instead`,
      );
    }
  }
}
