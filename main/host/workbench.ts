/**
 * The workbench service: one open workspace (graph, chains, wallets, lesson) behind the
 * contract. Transport-agnostic, Electron-free and Node-free (tsconfig.core.json): the Electron
 * host, browser mode, the CLI and the tests all drive this same class, each giving it its wallets
 * and real nodes.
 */
import { parseTransaction } from '../../shared/bitcoin/transaction';
import type { ChainId } from '../../shared/chain/profiles';
import { errText, errWithin, failedText, ok, type HostText, type Result } from '../../shared/contract/result';
import type { HistoryPolicy } from '../../shared/contract/methods';
import type { AppInfo, LessonDatum, ScenarioInfo, WorkspaceView } from '../../shared/contract/views';
import type { EventMessage } from '../../shared/contract/wire';
import type { ChainAction } from '../../shared/scenario/chainActions';
import { defaultChainConfigs } from '../../shared/scenario/chainActions';
import { SCENARIO_FORMAT, SCENARIO_VERSION, type ScenarioFile } from '../../shared/scenario/schema';
import type { AssembledDraft } from '../../shared/workspace/assemble';
import { type AssemblyStep, LiveAssembly } from '../../shared/workspace/liveAssembly';
import type { Graph } from '../../shared/workspace/model';
import {
  type BackendChoice,
  type BackendPlatform,
  type BackendSpec,
  type ConnectBackend,
  type DaemonOffers,
  resolveBackend,
  SIMULATOR_ONLY,
} from './backendChoice';
import { ChainSet } from './chainSet';
import type { ChainActionResult } from '../../shared/scenario/chainActions';
import { DEFAULT_WALLETS, walletEntropy } from './scenarioWallets';
import { LessonStage } from './lessonStage';
import { SandboxResults } from './lessonTasks/sandboxResults';
import { SwitchHistory } from './switchHistory';
import { newViewCaches, type ViewCaches } from './nodeViews';
import { NodeViewCache } from './nodeViewCache';
import { ChainChanges } from './chainChanges';
import { Cancelled, WorkContext } from './work';
import { ACTION_BUDGET_MS, chainActionMs, checkWorkBudget } from '../../shared/scenario/budget';
import { buildWorkspaceView } from './workspaceView';
import { en as uiEn } from '../../shared/ui/i18n/en';
import { zhCN } from '../../shared/ui/i18n/zh-CN';
import type { WalletStore, WalletStoreProvider } from './walletStore';

export interface ScenarioBuildContext {
  /** A fresh store to create the scenario's wallets in. */
  readonly wallets: WalletStore;
  /** Overrides the scenario's own seed (`txlab run --seed`). */
  readonly seed?: number;
  /** Chains to build on real nodes instead of the simulator. */
  readonly backends?: BackendChoice;
  /** Reaches those nodes (the workbench's platform's). */
  readonly connect?: ConnectBackend;
}

export interface ReplayOptions {
  /** Where each chain runs; the workbench's own choice unless given. */
  readonly backends?: BackendChoice;
  /** Chains whose node already holds the history: followed from where it is, not replayed. */
  readonly resuming?: ReadonlySet<ChainId>;
  /** The chains being replaced: whatever they hold must reach the new ones. */
  readonly previous?: ChainSet;
}

/** The chains of `backends` played on nodes at a URL: a built-in's setup there is not replayed a second time. */
export function urlChains(backends: BackendChoice): ReadonlySet<ChainId> {
  return new Set(Object.entries(backends).flatMap(([id, spec]) => (spec.kind === 'rpc' ? [id as ChainId] : [])));
}

export interface ScenarioCatalog {
  list(): readonly ScenarioInfo[];
  build(name: string, path: string | undefined, ctx: ScenarioBuildContext): Promise<Result<ScenarioFile>>;
}

export interface WorkbenchOptions {
  readonly wallets: WalletStoreProvider;
  readonly mode: AppInfo['mode'];
  readonly version: string;
  readonly emit?: (event: EventMessage) => void;
  readonly catalog?: ScenarioCatalog;
  /**
   * How a workspace switch replaces the wallets: `adopt` makes the new store the app's, and the
   * session saves the new document in the same commit (persistence/journal.ts). Absent, adopt alone.
   */
  readonly commitSwitch?: (
    doc: ScenarioFile,
    base: ScenarioFile | undefined,
    store: WalletStore,
    adopt: () => Promise<Result<unknown>>,
  ) => Promise<Result<unknown>>;
  /** Seed for a new workspace; random when absent. */
  readonly seed?: number;
  /** Real nodes: the programs on offer and how to reach a node (on Node: `nodePlatform()`); the simulator only when absent. */
  readonly backends?: BackendPlatform;
}

/** A seed for a new workspace, 0 to 2^31 - 1, from the platform's cryptographic RNG. */
function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]! >>> 1;
}

const MAX_UNDO = 200;

export interface Rejection {
  readonly reason: string;
  readonly message: string;
  /** `message` by catalogue key, for the page (the simulated chain's refusals). */
  readonly text?: HostText;
}

export interface WorkbenchMemory {
  readonly past: readonly Graph[];
  readonly lessonData: ReadonlyMap<string, LessonDatum>;
  readonly rejections: ReadonlyMap<string, Rejection>;
}
/** How long after a `merge` edit the next one of the same method and target joins its undo step. */
export const MERGE_WINDOW_MS = 1_500;

export class Workbench {
  /** The open document. Changed only through the methods below, so every change is announced and undoable as its method says. */
  private current!: ScenarioFile;
  private chainSet!: ChainSet;
  /** The lesson's starting point: `lesson.goto` replays from here. */
  private start: ScenarioFile | undefined;
  revision = 0;
  private readonly past: Graph[] = [];
  private readonly future: Graph[] = [];
  private readonly refusals = new Map<string, Rejection>();
  /** Charts and tables a lesson produced (throughput, reorg depths, malleability matrix). */
  private readonly data = new Map<string, LessonDatum>();
  /** What each played lesson step changed, and what the current one is about. */
  readonly stage = new LessonStage();
  /** Workspaces replaced by a new one, an import or a lesson load, for Undo; and whether this one was changed. */
  readonly switches = new SwitchHistory();
  /** The lessons' sandbox statistics, computed ahead in the background (lessonTasks/sandboxResults.ts). */
  readonly sandbox = new SandboxResults();

  private constructor(readonly options: WorkbenchOptions) {}

  get doc(): ScenarioFile {
    return this.current;
  }

  get chains(): ChainSet {
    return this.chainSet;
  }

  get base(): ScenarioFile | undefined {
    return this.start;
  }

  /** The last refusal of each node's broadcast, shown on the node until it is accepted. */
  get rejections(): ReadonlyMap<string, Rejection> {
    return this.refusals;
  }

  get lessonData(): ReadonlyMap<string, LessonDatum> {
    return this.data;
  }

  /** How many edits Undo can take back one by one. */
  get undoSteps(): number {
    return this.past.length;
  }

  get canUndoEdit(): boolean {
    return this.past.length > 0;
  }

  get canRedoEdit(): boolean {
    return this.future.length > 0;
  }

  /** Records how a node's broadcast went: a refusal is kept to show, an acceptance clears it. */
  noteBroadcast(node: string, refusal: Rejection | undefined): void {
    if (refusal) this.refusals.set(node, refusal);
    else this.refusals.delete(node);
  }

  /** A chart or table a lesson produced, shown in its panel. */
  showLessonData(key: string, datum: LessonDatum): void {
    this.data.set(key, datum);
  }

  /** The lesson has played `position` steps. */
  setLessonPosition(position: number): void {
    const lesson = this.current.lesson;
    if (lesson) this.current = { ...this.current, lesson: { ...lesson, position } };
  }

  /** Edits are not taken back one by one past this point (a lesson step, which Previous takes back). */
  forgetEdits(): void {
    this.past.length = 0;
    this.future.length = 0;
    this.lastMerge = undefined;
  }

  /** What a switch away keeps of this workspace besides its document, to bring it back as it was. */
  memory(): WorkbenchMemory {
    return { past: [...this.past], lessonData: new Map(this.data), rejections: new Map(this.refusals) };
  }

  /** Brings back what `memory` kept, after switching back to its document. */
  recall(memory: WorkbenchMemory): void {
    this.past.push(...memory.past);
    for (const [key, datum] of memory.lessonData) this.data.set(key, datum);
    for (const [key, rejection] of memory.rejections) this.refusals.set(key, rejection);
  }

  /** Opens the saved document (and the lesson start it was played from) if it replays, else a new workspace. */
  static async open(options: WorkbenchOptions, saved?: ScenarioFile, savedBase?: ScenarioFile): Promise<Workbench> {
    const bench = new Workbench(options);
    if (saved) {
      const restored = await bench.restore(saved);
      if (restored.ok) {
        bench.start = savedBase;
        return bench;
      }
    }
    const fresh = await bench.newWorkspace(options.seed);
    if (!fresh.ok) throw new Error(`could not create a workspace: ${fresh.error.message}`);
    return bench;
  }

  get wallets(): WalletStore {
    return this.options.wallets.current();
  }

  emit(event: string, payload: unknown): void {
    this.options.emit?.({ kind: 'event', event, payload });
  }

  /** Where each chain runs (simulated unless chosen otherwise; not saved: a real node is this machine's). */
  backends: BackendChoice = {};

  /** The request being served: its progress reports and its cancellation (work.ts). The session sets one per request. */
  work: WorkContext = new WorkContext((report) => this.emit('progress', report));

  /**
   * Builds the chains of a document and replays its history; nothing changes on failure. On a
   * real node the history must land as it did before: see `landed`.
   */
  async replay(doc: ScenarioFile, options: ReplayOptions = {}): Promise<Result<ChainSet>> {
    const backends = options.backends ?? this.backends;
    const resuming = options.resuming ?? new Set<ChainId>();
    const created = await ChainSet.create(
      doc.chains,
      doc.seed,
      (chain, e) => {
        if (e.type === 'block-connected') this.emit('chain.block', { chain, hash: e.hash, height: e.height });
        else if (e.type === 'reorg')
          this.emit('chain.reorg', { chain, depth: e.depth, oldTip: e.oldTip, newTip: e.newTip });
      },
      backends,
      resuming,
      this.platform.connect,
    );
    if (!created.ok) return created;
    const chains = created.value;
    const refusals = new Map<string, string>();
    const work = this.work;
    try {
      for (const [i, action] of doc.history.entries()) {
        if (resuming.has(action.chain)) continue;
        await work.tick();
        if (i % 20 === 0) work.progress({ task: 'replay', done: i, total: doc.history.length });
        const r = await chains.apply(
          action,
          (done, total) =>
            work.progress({ task: 'replay', done: i, total: doc.history.length, label: `${done}/${total}` }),
          work,
        );
        if (r.op === 'mine' && r.cancelled) throw new Cancelled();
        if (r.op === 'failed') {
          await chains.close();
          const where = { key: 'host.import.cannotReplay', params: { i, op: action.op } } as const;
          return errWithin('IMPORT_FAILED', where, r, { path: `history[${i}]` });
        }
        if (r.op === 'broadcast' && !r.outcome.ok) refusals.set(r.outcome.txid, r.outcome.rejection.reason);
      }
      work.progress({ task: 'replay', done: doc.history.length, total: doc.history.length });
    } catch (e) {
      await chains.close();
      if (e instanceof Cancelled) return errText('CANCELLED', 'host.cancelledNothingChanged');
      throw e;
    }
    for (const id of resuming) {
      const chain = chains.get(id);
      chain?.resumeAfter(doc.history.filter((a) => a.chain === id));
    }
    const landed = this.landed(doc, chains, refusals, options.previous);
    if (!landed.ok) await chains.close();
    return landed.ok ? ok(chains) : landed;
  }

  /**
   * A refused broadcast is part of a history (lessons show refusals), so replay does not stop at
   * one. But on a real node a history made on the simulator can diverge: it spends the
   * simulator's coinbases, which the node never mined. So every on-chain transaction the graph
   * shows, and everything the chains being replaced held, must be on the real node too.
   */
  private landed(
    doc: ScenarioFile,
    chains: ChainSet,
    refusals: ReadonlyMap<string, string>,
    previous?: ChainSet,
  ): Result<true> {
    for (const [i, node] of doc.graph.nodes.entries()) {
      if (node.kind !== 'chain' || chains.get(node.chain)?.kind !== 'real' || chains.findRecord(node.chain, node.txid))
        continue;
      return errText(
        'IMPORT_FAILED',
        'host.import.notOnRealNode',
        { node: node.label, txid: node.txid.slice(0, 16), chain: node.chain },
        { path: `graph.nodes[${i}]` },
      );
    }
    if (!previous) return ok(true);
    for (const [i, action] of doc.history.entries()) {
      if (action.op !== 'broadcast' || chains.get(action.chain)?.kind !== 'real') continue;
      const parsed = parseTransaction(action.hex);
      if (!parsed.ok) continue;
      const txid = parsed.value.getId();
      if (!previous.findRecord(action.chain, txid) || chains.findRecord(action.chain, txid)) continue;
      const why = refusals.get(txid);
      const params = { i, txid: txid.slice(0, 16), chain: action.chain };
      return why
        ? errText('IMPORT_FAILED', 'host.import.refusedByRealNode', { ...params, why }, { path: `history[${i}]` })
        : errText('IMPORT_FAILED', 'host.import.missingOnRealNode', params, { path: `history[${i}]` });
    }
    return ok(true);
  }

  /** Reopens a saved document with the wallets already in the store (autosave restore). */
  async restore(doc: ScenarioFile): Promise<Result<true>> {
    const chains = await this.replay(doc);
    if (!chains.ok) return chains;
    this.install(doc, chains.value);
    return ok(true);
  }

  /** Where real nodes come from: the programs on offer and how a node is reached. */
  get platform(): BackendPlatform {
    return this.options.backends ?? SIMULATOR_ONLY;
  }

  /** Node programs a local backend may start (found on PATH or chosen by the person). */
  get offers(): DaemonOffers {
    return this.platform.offers;
  }

  /** Moves one chain to another backend (one the page picked among the offers): the history is replayed there first. */
  async setBackend(chain: ChainId, spec: BackendSpec): Promise<Result<true>> {
    const backend = await resolveBackend(chain, spec, this.offers);
    if (!backend.ok) return backend;
    const choice: BackendChoice = { ...this.backends, [chain]: backend.value };
    const chains = await this.replay(this.doc, { backends: choice, previous: this.chains });
    if (!chains.ok) return chains;
    const old = this.chains;
    this.backends = choice;
    this.chainSet = chains.value;
    this.refusals.clear();
    await old.close();
    this.changed();
    return ok(true);
  }

  private install(doc: ScenarioFile, chains: ChainSet): void {
    const old = this.chainSet as ChainSet | undefined;
    if (old && old !== chains) void old.close();
    this.current = doc;
    this.chainSet = chains;
    this.past.length = 0;
    this.future.length = 0;
    this.refusals.clear();
    this.data.clear();
    this.changed();
  }

  /** Creates wallets for a document in a fresh store: from a mnemonic if exported, else from the seed. */
  async freshWallets(
    doc: Pick<ScenarioFile, 'seed' | 'wallets'>,
    names: readonly string[] = [],
  ): Promise<Result<WalletStore>> {
    const store = await this.options.wallets.fresh();
    const specs = doc.wallets.length > 0 ? doc.wallets : names.map((name) => ({ name, keys: [], private: undefined }));
    for (const [i, w] of specs.entries()) {
      const created = await store.createWallet(
        w.name,
        w.private ? { mnemonic: w.private.mnemonic } : { entropy: walletEntropy(doc.seed, w.name) },
      );
      if (!created.ok)
        return errWithin('IMPORT_FAILED', { key: 'host.import.walletAt', params: { i, name: w.name } }, created.error, {
          path: `wallets[${i}]`,
        });
      for (const [k, key] of w.keys.entries()) {
        // A new wallet already has its first receive key: reuse keys the wallet holds, derive the rest.
        const held = store
          .listWallets()
          .find((x) => x.id === created.value.id)
          ?.keys.find((x) => x.origin === 'derived' && x.purpose === key.purpose && x.index === key.index);
        const derived = held ? ok(held) : await store.deriveKey(created.value.id, key.purpose, key.label);
        if (!derived.ok) {
          const path = `wallets[${i}].keys[${k}]`;
          return errWithin('IMPORT_FAILED', { key: 'host.import.at', params: { path } }, derived.error, { path });
        }
        if (derived.value.publicKey !== key.publicKey) {
          return errText(
            'IMPORT_FAILED',
            'host.import.seedKeyDiffers',
            { i, k, label: key.label },
            { path: `wallets[${i}].keys[${k}].publicKey` },
          );
        }
      }
    }
    return ok(store);
  }

  async newWorkspace(seed = this.options.seed ?? randomSeed()): Promise<Result<WorkspaceView>> {
    const store = await this.freshWallets({ seed, wallets: [] }, DEFAULT_WALLETS);
    if (!store.ok) return store;
    const alice = store.value.listWallets().find((w) => w.name === 'Alice')!;
    const bob = store.value.listWallets().find((w) => w.name === 'Bob')!;
    const history: ChainAction[] = [];
    // A new workspace starts with spendable coins: 101 blocks so the first coinbase has matured.
    for (const [chain, wallet] of [
      ['btc', alice],
      ['ltc', bob],
    ] as const) {
      const key = await store.value.deriveKey(wallet.id, 'receive');
      if (!key.ok) return key;
      history.push({ op: 'mine', chain, count: 101, script: p2wpkhHex(key.value.pubKeyHash) });
    }
    const doc: ScenarioFile = {
      format: SCENARIO_FORMAT,
      version: SCENARIO_VERSION,
      name: 'untitled',
      title: { en: uiEn['app.untitled'], zh: zhCN['app.untitled'] },
      seed,
      wallets: [],
      handovers: [],
      chains: defaultChainConfigs(),
      history,
      graph: { nodes: [] },
    };
    const chains = await this.replay(doc);
    if (!chains.ok) return chains;
    const adopted = await this.adopt(doc, undefined, store.value);
    if (!adopted.ok) {
      await chains.value.close();
      return adopted;
    }
    this.start = undefined;
    this.install(doc, chains.value);
    return ok(this.view());
  }

  /**
   * Switches to a complete document (import, scenario load). Nothing changes unless it all works.
   * `resuming`: chains whose node already holds the history (a built-in set up on a node at a URL).
   */
  async switchTo(
    doc: ScenarioFile,
    store: WalletStore,
    base?: ScenarioFile,
    resuming?: ReadonlySet<ChainId>,
  ): Promise<Result<WorkspaceView>> {
    const chains = await this.replay(doc, resuming ? { resuming } : {});
    if (!chains.ok) return chains;
    const adopted = await this.adopt(doc, base, store);
    if (!adopted.ok) {
      await chains.value.close();
      return adopted;
    }
    this.start = base;
    this.install(doc, chains.value);
    return ok(this.view());
  }

  /** Makes `store` the app's wallets, committed together with `doc` where the session persists. */
  private adopt(doc: ScenarioFile, base: ScenarioFile | undefined, store: WalletStore): Promise<Result<unknown>> {
    const adopt = () => this.options.wallets.adopt(store);
    return this.options.commitSwitch ? this.options.commitSwitch(doc, base, store, adopt) : adopt();
  }

  /**
   * Applies a chain action, records it in the history, and reports the result. The action must
   * fit the work budget (shared/scenario/budget.ts) on its own and with the history before it,
   * so that whatever this workspace becomes can be exported and opened again anywhere. Mining
   * cancelled part-way keeps, and records, the blocks already found.
   */
  async applyChain(action: ChainAction, progressTask?: string): Promise<ChainActionResult> {
    const overBudget = this.budgetProblem(action);
    if (overBudget) return overBudget;
    const work = this.work;
    const result = await this.chains.apply(
      action,
      progressTask ? (done, total) => work.progress({ task: progressTask, done, total }) : undefined,
      work,
    );
    if (result.op === 'failed') return result;
    const recorded = result.op === 'mine' && result.cancelled ? { ...action, count: result.hashes.length } : action;
    if (recorded.op !== 'mine' || recorded.count > 0)
      this.current = { ...this.doc, history: [...this.doc.history, recorded] };
    return result;
  }

  /** Why `action` would take this workspace over its work budget, or undefined. */
  private budgetProblem(action: ChainAction): Extract<ChainActionResult, { op: 'failed' }> | undefined {
    if (action.op !== 'mine') return undefined;
    const nodes = Math.max(1, this.doc.chains.find((c) => c.id === action.chain)?.nodes?.length ?? 1);
    const ms = chainActionMs(action, nodes);
    if (ms > ACTION_BUDGET_MS) {
      const most = Math.floor(ACTION_BUDGET_MS / chainActionMs({ ...action, count: 1 }, nodes));
      return failedText('host.mineTooMuch', { count: action.count, nodes, most });
    }
    const total = checkWorkBudget({ ...this.doc, history: [...this.doc.history, action] });
    if (!total.ok) {
      const { needed = '?', limit = '?' } = total.error.text?.params ?? {};
      return failedText('host.historyTooLong', { needed, limit });
    }
    return undefined;
  }

  /** The last undo step a `merge` method made, and when: the same method on the same target soon after extends it. */
  private lastMerge: { readonly key: string; readonly at: number; readonly steps: number } | undefined;

  /**
   * Replaces the graph under a history policy (shared/contract/methods.ts): `record` keeps the
   * old graph as an undo step; `merge` does too, unless the previous step was the same `key`
   * less than MERGE_WINDOW_MS ago (one drag, one name being typed); `skip` keeps no step.
   */
  edit(graph: Graph, policy: HistoryPolicy, key = ''): void {
    const now = performance.now();
    const merging =
      policy === 'merge' &&
      this.lastMerge?.key === key &&
      now - this.lastMerge.at < MERGE_WINDOW_MS &&
      this.lastMerge.steps === this.past.length;
    if (policy !== 'skip' && !merging) {
      this.past.push(this.doc.graph);
      if (this.past.length > MAX_UNDO) this.past.shift();
    }
    if (policy !== 'skip') this.future.length = 0;
    this.lastMerge = policy === 'merge' ? { key, at: now, steps: this.past.length } : undefined;
    this.current = { ...this.doc, graph };
  }

  /** A graph edit recorded as one undo step (lesson tasks, rpc). */
  editGraph(graph: Graph): void {
    this.edit(graph, 'record');
  }

  /** Names the workspace (what an export is called). */
  rename(name: string): void {
    this.current = { ...this.doc, name };
  }

  undo(): boolean {
    this.lastMerge = undefined;
    const previous = this.past.pop();
    if (!previous) return false;
    this.future.push(this.doc.graph);
    this.current = { ...this.doc, graph: previous };
    return true;
  }

  redo(): boolean {
    this.lastMerge = undefined;
    const next = this.future.pop();
    if (!next) return false;
    this.past.push(this.doc.graph);
    this.current = { ...this.doc, graph: next };
    return true;
  }

  /** Call after every change: bumps the revision and tells the renderer (the session saves each request's changes). */
  changed(): void {
    this.revision++;
    // What Undo and Redo can do now, for the desktop menu, which has no view to read it from.
    this.emit('workspace.changed', {
      revision: this.revision,
      canUndo: this.canUndoEdit || this.switches.canUndo,
      canRedo: this.canRedoEdit || this.switches.canRedo,
    });
  }

  /** What node views reuse from one view to the next (see nodeViews.ts). */
  readonly viewCaches: ViewCaches = newViewCaches();
  /** The node views and edges of the last view, rebuilt where something changed (nodeViewCache.ts). */
  readonly nodeViews = new NodeViewCache();

  private readonly live = new LiveAssembly();
  private lastAssembly:
    | { readonly graph: Graph; readonly chains: ChainSet; readonly stamp: string; readonly step: AssemblyStep }
    | undefined;
  private readonly assemblyChainChanges = new ChainChanges();

  /**
   * Every draft assembled; the same map until the graph or a chain changes (a request asks
   * several times), and then only the drafts the change reaches are assembled again.
   */
  assembled(): ReadonlyMap<string, AssembledDraft> {
    return this.assemblyStep().drafts;
  }

  /** The assembly with how it differs from the one before (what the node views rebuild). */
  assemblyStep(): AssemblyStep {
    const graph = this.doc.graph;
    const stamp = this.chains.stamp();
    const last = this.lastAssembly;
    if (last && last.graph === graph && last.chains === this.chains && last.stamp === stamp) return last.step;
    if (last && last.chains !== this.chains) this.live.reset();
    const step = this.live.update(
      graph,
      (chain, txid, vout) => this.chains.lookupOutput(chain, txid, vout),
      this.assemblyChainChanges.read(this.chains),
    );
    this.lastAssembly = { graph, chains: this.chains, stamp, step };
    return step;
  }

  view(): WorkspaceView {
    return buildWorkspaceView(this);
  }

  appInfo(): AppInfo {
    return { name: 'TxLab', version: this.options.version, mode: this.options.mode };
  }

  hasChain(chain: ChainId): boolean {
    return this.chains.get(chain) !== undefined;
  }
}

export function p2wpkhHex(pubKeyHashHex: string): string {
  return '0014' + pubKeyHashHex;
}

export function p2pkhHex(pubKeyHashHex: string): string {
  return '76a914' + pubKeyHashHex + '88ac';
}
