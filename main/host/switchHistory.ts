/**
 * Safe switching between workspaces. A new workspace, an import or a lesson load replaces the
 * open workspace; the replaced one is kept — its document and lesson start, its graph undo stack,
 * its lesson figures, and a copy of its wallets in a fresh store of the wallet provider — so Undo
 * brings it back, chains (replayed from its history) and wallets (adopted again) alike. The
 * wallets never leave the host. It also says whether the person changed the workspace since it
 * was opened, so the renderer can ask before replacing it.
 */
import { type AnyHandler, anyHandler, handlerTable, type Handlers } from '../../shared/contract/dispatch';
import type { MethodName } from '../../shared/contract/methods';
import { errText, ok, type Result } from '../../shared/contract/result';
import type { WorkspaceView } from '../../shared/contract/views';
import type { ScenarioFile } from '../../shared/scenario/schema';
import type { StageMemory } from './lessonStage';
import type { WalletStore } from './walletStore';
import type { Workbench, WorkbenchMemory } from './workbench';

/** Workspaces kept for Undo; each holds a whole document, so only a few. */
const MAX_KEPT = 3;

interface Kept {
  readonly doc: ScenarioFile;
  readonly base: ScenarioFile | undefined;
  /** A copy of the workspace's wallets in a store not yet adopted. */
  readonly wallets: WalletStore;
  /** Its undo steps, charts and refusals. */
  readonly memory: WorkbenchMemory;
  readonly stage: StageMemory;
  readonly modified: boolean;
}

/** Methods that open another workspace, replay one, or move in the undo history: not changes by the person. */
const NOT_EDITS: ReadonlySet<MethodName> = new Set<MethodName>([
  'workspace.new',
  'workspace.import',
  'scenario.load',
  'lesson.goto',
  'workspace.undo',
  'workspace.redo',
  'chain.setBackend',
]);
const SWITCHES: ReadonlySet<MethodName> = new Set<MethodName>(['workspace.new', 'workspace.import', 'scenario.load']);

export class SwitchHistory {
  /** Changed by the person since the last new, import or load. */
  modified = false;
  private readonly undos: Kept[] = [];
  private readonly redos: Kept[] = [];

  get canUndo(): boolean {
    return this.undos.length > 0;
  }

  get canRedo(): boolean {
    return this.redos.length > 0;
  }

  /** A workspace reopened from its autosave: changed unless it is an untouched new one or a lesson (which can be loaded again). */
  guessModified(bench: Workbench): void {
    this.modified =
      bench.doc.lesson === undefined && (bench.doc.graph.nodes.length > 0 || bench.doc.handovers.length > 0);
  }

  async keep(bench: Workbench): Promise<Result<Kept>> {
    const provider = bench.options.wallets;
    const wallets = await provider.copy(provider.current());
    if (!wallets.ok) return wallets;
    return ok({
      doc: bench.doc,
      base: bench.base,
      wallets: wallets.value,
      memory: bench.memory(),
      stage: bench.stage.remember(),
      modified: this.modified,
    });
  }

  /**
   * Before a switch: the replaced workspace can be brought back and the new one is unchanged (so
   * the switch's own answer says so). Returns what puts things back if the switch fails.
   */
  switching(kept: Kept): () => void {
    const before = { undos: [...this.undos], redos: [...this.redos], modified: this.modified };
    this.undos.push(kept);
    if (this.undos.length > MAX_KEPT) this.undos.shift();
    this.redos.length = 0;
    this.modified = false;
    return () => {
      this.undos.splice(0, this.undos.length, ...before.undos);
      this.redos.splice(0, this.redos.length, ...before.redos);
      this.modified = before.modified;
    };
  }

  /** The person changed the workspace: a switch undone can no longer be redone on top of it. */
  edited(): void {
    this.modified = true;
    this.redos.length = 0;
  }

  undo(bench: Workbench): Promise<Result<WorkspaceView>> {
    return this.move(bench, this.undos, this.redos);
  }

  redo(bench: Workbench): Promise<Result<WorkspaceView>> {
    return this.move(bench, this.redos, this.undos);
  }

  /** Reopens the last workspace of `from`, keeping the open one in `to`; nothing changes on failure. */
  private async move(bench: Workbench, from: Kept[], to: Kept[]): Promise<Result<WorkspaceView>> {
    const target = from.at(-1);
    if (!target) return errText('INVALID_STATE', 'host.nothingToUndo');
    const current = await this.keep(bench);
    if (!current.ok) return current;
    const switched = await bench.switchTo(target.doc, target.wallets, target.base);
    if (!switched.ok) return switched;
    from.pop();
    to.push(current.value);
    bench.recall(target.memory);
    bench.stage.recall(target.stage);
    this.modified = target.modified;
    bench.sandbox.prefetch(bench.doc);
    bench.changed();
    return ok(bench.view());
  }
}

/**
 * The handlers the transports serve, around the raw ones (which lesson playback keeps using, so
 * playing a lesson is not an edit): switches are kept for Undo, edits mark the workspace
 * modified, and Undo/Redo past the graph's own history move between workspaces.
 */
export function withSwitchHistory(bench: Workbench, raw: Handlers): Handlers {
  const history = bench.switches;
  history.guessModified(bench);
  bench.sandbox.prefetch(bench.doc);
  return handlerTable((name): AnyHandler => {
    const handler = anyHandler(raw, name);
    if (name === 'lesson.goto') {
      // A lesson step's signatures are not the person's edits to take back one by one (Previous
      // does that): after playing, Undo reaches the workspace the lesson replaced.
      return async (params) => {
        const r = await handler(params);
        if (!r.ok || !isView(r.value)) return r;
        bench.forgetEdits();
        return ok({ ...r.value, canUndo: history.canUndo, canRedo: history.canRedo });
      };
    }
    // Past the graph's own history, Undo and Redo move between workspaces.
    if (name === 'workspace.undo')
      return (params) => (!bench.canUndoEdit && history.canUndo ? history.undo(bench) : handler(params));
    if (name === 'workspace.redo')
      return (params) => (!bench.canRedoEdit && history.canRedo ? history.redo(bench) : handler(params));
    if (SWITCHES.has(name)) {
      return async (params) => {
        const kept = await history.keep(bench);
        if (!kept.ok) return kept;
        const restore = history.switching(kept.value);
        const r = await handler(params);
        if (!r.ok) restore();
        else bench.sandbox.prefetch(bench.doc);
        return r;
      };
    }
    if (NOT_EDITS.has(name)) return handler;
    return async (params) => {
      const revision = bench.revision;
      const r = await handler(params);
      if (r.ok && bench.revision !== revision) {
        history.edited();
        return isView(r.value) ? ok({ ...r.value, modified: true, canRedo: bench.canRedoEdit }) : r;
      }
      return r;
    };
  });
}

function isView(value: unknown): value is WorkspaceView {
  return typeof value === 'object' && value !== null && 'revision' in value && 'modified' in value;
}
