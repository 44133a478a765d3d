/**
 * A host session: the workbench with its wallets and autosave, answering contract calls in this
 * thread. The worker runs one (so the window never waits on mining); the CLI and tests run one
 * directly.
 */
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { dispatch, type Handlers } from '../../shared/contract/dispatch';
import type { Result } from '../../shared/contract/result';
import type { AppInfo } from '../../shared/contract/views';
import type { EventMessage, HostEndpoint } from '../../shared/contract/wire';
import { type ScenarioFile, scenarioFileSchema } from '../../shared/scenario/schema';
import { Keystore } from '../keystore/keystore';
import { writeFileAtomic } from '../storage/atomicFile';
import { createHandlers } from './handlers';
import { exportDocument } from './handlers/workspace';
import { serializeScenario } from '../../shared/scenario/parse';
import { MemoryWalletProvider, PersistentWalletProvider } from './walletProviders';
import { type ScenarioCatalog, Workbench } from './workbench';

export const AUTOSAVE_FILE = 'workspace.json';
const AUTOSAVE_DELAY_MS = 400;

export interface SessionOptions {
  /** The app's data folder; without it nothing is persisted (headless use). */
  readonly dataDir?: string;
  readonly passphrase?: string;
  readonly mode: AppInfo['mode'];
  readonly version: string;
  readonly seed?: number;
  readonly catalog?: ScenarioCatalog;
  readonly log?: (line: string) => void;
}

export interface HostSession extends HostEndpoint {
  readonly bench: Workbench;
  readonly handlers: Handlers;
  /** Writes a pending autosave now (on quit). */
  flush(): Promise<void>;
  /**
   * The workspace as a scenario file WITH the wallets' mnemonics. Only the main process calls
   * this (File ▸ Export with keys, after the user confirmed); it is not part of the contract.
   */
  exportWithKeysDangerously(): string;
}

interface AutosaveFile {
  readonly format: 'txlab-autosave';
  readonly version: 1;
  readonly document: unknown;
  readonly base?: unknown;
}

async function readAutosave(dir: string, log: (line: string) => void): Promise<{ document: ScenarioFile; base?: ScenarioFile } | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, AUTOSAVE_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const raw = JSON.parse(text) as AutosaveFile;
    const document = scenarioFileSchema.safeParse(raw.document);
    if (!document.success) throw new Error(document.error.issues[0]?.message);
    const base = raw.base === undefined ? undefined : scenarioFileSchema.safeParse(raw.base);
    return { document: document.data, ...(base?.success ? { base: base.data } : {}) };
  } catch (e) {
    log(`the autosaved workspace could not be read (${e instanceof Error ? e.message : String(e)}); starting a new one`);
    return undefined;
  }
}

export async function openHostSession(options: SessionOptions): Promise<Result<HostSession>> {
  const log = options.log ?? (() => {});
  const listeners = new Set<(e: EventMessage) => void>();
  let provider: PersistentWalletProvider | MemoryWalletProvider = new MemoryWalletProvider();
  let saved: Awaited<ReturnType<typeof readAutosave>>;
  if (options.dataDir) {
    const keystore = await Keystore.open({ dir: options.dataDir, ...(options.passphrase ? { passphrase: options.passphrase } : {}) });
    if (!keystore.ok) return keystore;
    provider = new PersistentWalletProvider(keystore.value);
    saved = await readAutosave(options.dataDir, log);
  }

  let pending: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();
  let latest: ScenarioFile | undefined;
  let bench: Workbench | undefined;
  const write = async (): Promise<void> => {
    pending = undefined;
    if (!options.dataDir || !latest) return;
    const file: AutosaveFile = { format: 'txlab-autosave', version: 1, document: latest, ...(bench?.base ? { base: bench.base } : {}) };
    const bytes = new TextEncoder().encode(JSON.stringify(file));
    writing = writing.then(() => writeFileAtomic(join(options.dataDir!, AUTOSAVE_FILE), bytes)).catch((e: unknown) => log(`autosave failed: ${String(e)}`));
    await writing;
  };

  bench = await Workbench.open(
    {
      wallets: provider,
      mode: options.mode,
      version: options.version,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.catalog ? { catalog: options.catalog } : {}),
      emit: (e) => {
        for (const l of listeners) l(e);
      },
      autosave: (doc) => {
        latest = doc;
        if (options.dataDir && !pending) pending = setTimeout(() => void write(), AUTOSAVE_DELAY_MS);
      },
    },
    saved?.document,
  );
  if (saved?.base) bench.base = saved.base;
  const handlers = createHandlers(bench);
  // One request at a time: a handler that waits (a real node, the keystore) must not see the
  // workspace change under it, e.g. a block mined while chain.setBackend replays the history.
  let queue: Promise<unknown> = Promise.resolve();
  const session: HostSession = {
    bench,
    handlers,
    invoke: (method, params) => {
      const run = () => dispatch(handlers, method, params, (e) => log(`bug in ${method}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
      const result = queue.then(run, run);
      queue = result;
      return result;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async flush() {
      if (pending) clearTimeout(pending);
      await write();
    },
    exportWithKeysDangerously: () => serializeScenario(exportDocument(bench, true)),
  };
  return { ok: true, value: session };
}

