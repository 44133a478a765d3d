/**
 * A host session: the workbench with its wallets and its journal, answering contract calls in
 * this thread. The worker runs one (so the window never waits on mining); the CLI and tests run
 * one directly.
 *
 * Requests are served one at a time, each with its own WorkContext (work.ts): its progress goes
 * to the page and `work.cancel` stops it. While one works, the calls that only read (or cancel)
 * are answered at once. A request's changes are in the journal before its answer leaves.
 */
import { createHash } from 'node:crypto';
import { dispatch, type Handlers } from '../../shared/contract/dispatch';
import type { DaemonOffer, MethodName } from '../../shared/contract/methods';
import { ok, type Result } from '../../shared/contract/result';
import type { AppInfo } from '../../shared/contract/views';
import type { EventMessage, HostEndpoint } from '../../shared/contract/wire';
import { readScenarioValue, serializeScenario } from '../../shared/scenario/parse';
import type { ScenarioFile } from '../../shared/scenario/schema';
import { join } from 'node:path';
import { Keystore, KEYSTORE_FILE } from '../keystore/keystore';
import { BackendOffers } from './backendOffers';
import { nodePlatform } from './backends';
import { createHandlers } from './handlers';
import { exportDocument } from './handlers/workspace';
import { WorkspaceJournal } from './persistence/journal';
import { MemoryWalletProvider, PersistentWalletProvider } from './walletProviders';
import type { WalletStore } from './walletStore';
import { WorkContext } from './work';
import { type ScenarioCatalog, Workbench } from './workbench';

/** Fold the journal's log into a snapshot after this long without a request. */
const COMPACT_AFTER_IDLE_MS = 2_000;

/** Answered at once, even while a long request works: they read, or stop the work. */
const CONCURRENT: ReadonlySet<string> = new Set<MethodName>([
  'app.info',
  'workspace.get',
  'work.cancel',
  'scenario.list',
  'graph.templates',
]);

export interface SessionOptions {
  /** The app's data folder; without it nothing is persisted (headless use). */
  readonly dataDir?: string;
  readonly passphrase?: string;
  readonly mode: AppInfo['mode'];
  readonly version: string;
  readonly seed?: number;
  readonly catalog?: ScenarioCatalog;
  readonly log?: (line: string) => void;
  /** Node programs the person named when starting TxLab (`--daemon PATH`). */
  readonly daemons?: readonly string[];
  /** The desktop app: the main process answers chain.chooseDaemon with a file dialog. */
  readonly canChooseDaemon?: boolean;
}

export interface HostSession extends HostEndpoint {
  readonly bench: Workbench;
  readonly handlers: Handlers;
  /** Writes the workspace's snapshot now. */
  flush(): Promise<void>;
  /** On quit, after `flush`: stops the node programs the chains started (a clean RPC stop each). */
  stopNodes(): Promise<void>;
  /**
   * The workspace as a scenario file WITH the wallets' mnemonics. Only the main process calls
   * this (File ▸ Export with keys, after the user confirmed); it is not part of the contract.
   */
  exportWithKeysDangerously(): string;
  /** A node program the person chose in the main process's file dialog: it joins the offers. Not part of the contract. */
  offerDaemon(path: string): Promise<Result<DaemonOffer>>;
}

/**
 * Which wallets a document belongs to: each wallet's id and first receive key, which a wallet
 * keeps for life (renames and new keys do not change it; a switch to other wallets does).
 */
export function walletsFingerprint(store: WalletStore): string {
  const parts = store
    .listWallets()
    .map(
      (w) =>
        `${w.id}:${w.keys.find((k) => k.origin === 'derived' && k.purpose === 'receive' && k.index === 0)?.publicKey ?? ''}`,
    )
    .sort();
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
}

/** The saved document and base, through the same checks as any file; undefined (and set aside) when they fail. */
async function readSaved(
  dir: string,
  journal: { document: unknown; base?: unknown } | undefined,
  log: (line: string) => void,
): Promise<{ document: ScenarioFile; base?: ScenarioFile } | undefined> {
  if (!journal) return undefined;
  const document = readScenarioValue(journal.document);
  if (!document.ok) {
    await WorkspaceJournal.keepUnreadable(dir, log, document.error.message);
    return undefined;
  }
  const base = journal.base === undefined ? undefined : readScenarioValue(journal.base);
  return { document: document.value, ...(base?.ok ? { base: base.value } : {}) };
}

export async function openHostSession(options: SessionOptions): Promise<Result<HostSession>> {
  const log = options.log ?? (() => {});
  const listeners = new Set<(e: EventMessage) => void>();
  const emit = (e: EventMessage): void => {
    for (const l of listeners) l(e);
  };
  let provider: PersistentWalletProvider | MemoryWalletProvider = new MemoryWalletProvider();
  let journal: WorkspaceJournal | undefined;
  let saved: Awaited<ReturnType<typeof readSaved>>;
  /** Set while a request is served: its first keystore write keeps the keystore as it was (journal.ts). */
  let request: { seq: number; keptKeystore: boolean } | undefined;
  if (options.dataDir) {
    const dir = options.dataDir;
    const passphrase = options.passphrase ? { passphrase: options.passphrase } : {};
    await WorkspaceJournal.settleKeystore(
      dir,
      join(dir, KEYSTORE_FILE),
      async () => {
        const now = await Keystore.open({ dir, ...passphrase });
        return now.ok ? walletsFingerprint(now.value) : undefined;
      },
      log,
    );
    const keystore = await Keystore.open({
      dir,
      ...passphrase,
      beforeWrite: async () => {
        if (!request || request.keptKeystore || !journal) return;
        request.keptKeystore = true;
        await journal.saveKeystoreRollback(join(dir, KEYSTORE_FILE), request.seq);
      },
    });
    if (!keystore.ok) return keystore;
    provider = new PersistentWalletProvider(keystore.value);
    const opened = await WorkspaceJournal.open(options.dataDir, walletsFingerprint(keystore.value), log);
    journal = opened.journal;
    saved = await readSaved(options.dataDir, opened.saved, log);
  }

  const offers = new BackendOffers(options.canChooseDaemon ?? false);
  const bench = await Workbench.open(
    {
      wallets: provider,
      backends: nodePlatform(offers),
      mode: options.mode,
      version: options.version,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.catalog ? { catalog: options.catalog } : {}),
      emit,
      ...(journal
        ? {
            commitSwitch: (doc, base, store, adopt) =>
              journal.commitSwitch(doc, base, walletsFingerprint(store), adopt),
          }
        : {}),
    },
    saved?.document,
    saved?.base,
  );
  for (const path of options.daemons ?? []) {
    const offered = await offers.choose(path);
    if (!offered.ok) log(`--daemon ${path}: ${offered.error.message}`);
  }
  const handlers = createHandlers(bench);

  let idle: ReturnType<typeof setTimeout> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let dirty = false;
  const snapshot = async (): Promise<void> => {
    if (!journal || !dirty) return;
    dirty = false;
    await journal
      .snapshot(bench.doc, bench.base, walletsFingerprint(bench.wallets))
      .catch((e: unknown) => log(`saving the workspace failed: ${String(e)}`));
  };
  const serve = async (method: string, params: unknown): Promise<Result<unknown>> => {
    const before = bench.doc;
    const work = new WorkContext((report) => emit({ kind: 'event', event: 'progress', payload: report }));
    work.busy = true;
    bench.work = work;
    const current = journal ? { seq: journal.committed + 1, keptKeystore: false } : undefined;
    request = current;
    const result = await dispatch(handlers, method, params, (e) =>
      log(`bug in ${method}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
    );
    work.busy = false;
    request = undefined;
    if (journal && (bench.doc !== before || current?.keptKeystore)) {
      try {
        await journal.record(before, bench.doc, bench.base, () => walletsFingerprint(bench.wallets));
        if (current?.keptKeystore) await journal.commitKeystoreChange(current.seq);
        dirty = true;
      } catch (e) {
        log(`saving the workspace failed: ${String(e)}`);
      }
      if (idle) clearTimeout(idle);
      idle = setTimeout(() => void enqueue(snapshot), COMPACT_AFTER_IDLE_MS);
    }
    return result;
  };
  // One request at a time: a handler that waits (a real node, the keystore) must not see the
  // workspace change under it, e.g. a block mined while chain.setBackend replays the history.
  const enqueue = <T>(run: () => Promise<T>): Promise<T> => {
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  };

  const session: HostSession = {
    bench,
    handlers,
    invoke: (method, params) =>
      CONCURRENT.has(method) ? dispatch(handlers, method, params) : enqueue(() => serve(method, params)),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async flush() {
      if (idle) clearTimeout(idle);
      await enqueue(snapshot);
      journal?.close();
    },
    stopNodes: () => bench.chains.close(),
    exportWithKeysDangerously: () => serializeScenario(exportDocument(bench, true)),
    offerDaemon: (path) => offers.choose(path),
  };
  return ok(session);
}
