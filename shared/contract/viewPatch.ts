/**
 * Workspace views on the wire, incrementally. The page says which view it holds (`knownView`, a
 * serial the host gave it); an answer that carries a WorkspaceView then goes out as a patch
 * against that view — nodes, edges, chain summaries and wallets added or removed by id, or
 * changed (then only their fields that changed), the other parts only when they changed — instead
 * of the whole view (3 MB at 2,000 transactions, for an edit that changed one). A page that holds
 * no view, or one the host no longer remembers, gets the whole view. Applying a patch gives
 * exactly the view the host built; unchanged items keep their objects, so the page re-renders
 * only what changed.
 */
import type { ChainSummary, EdgeView, NodeView, WalletView, WorkspaceView } from './views';

type Keyed = { readonly id: string };

/**
 * An item that changed, as only what did: its id, its fields new or different, and `$drop`, the
 * fields it no longer has. A block that confirms a payment changes its status, not its scripts.
 */
export type ItemChange = { readonly id: string; readonly $drop?: readonly string[] } & Readonly<
  Record<string, unknown>
>;

/** A keyed list's change: items new (in the new list's order), items changed, ids gone, and the order when not implied. */
export interface ListPatch<T extends Keyed> {
  readonly set: readonly T[];
  readonly changed?: readonly ItemChange[];
  readonly removed: readonly string[];
  /** The whole order, only when removing and appending does not give it. */
  readonly order?: readonly string[];
}

/** The view's lists of items with ids: patched item by item. */
const LISTS = ['nodes', 'edges', 'chains', 'wallets'] as const;
type ListKey = (typeof LISTS)[number];

type Whole = Omit<WorkspaceView, ListKey>;

/** Each list is present only when it changed: most edits change one node, most blocks no edge. */
export interface WorkspacePatch {
  readonly nodes?: ListPatch<NodeView>;
  readonly edges?: ListPatch<EdgeView>;
  readonly chains?: ListPatch<ChainSummary>;
  /** A block changes the balances of the few wallets it pays. */
  readonly wallets?: ListPatch<WalletView>;
  /** The other parts that changed; `lesson: null` says the lesson is gone. */
  readonly parts: { readonly [K in keyof Whole]?: Whole[K] | null };
}

/** What an answer carrying a workspace view becomes on the wire. */
export type EncodedView =
  | { readonly $view: number; readonly full: WorkspaceView }
  | { readonly $view: number; readonly base: number; readonly patch: WorkspacePatch };

function isEncodedView(value: unknown): value is EncodedView {
  return typeof value === 'object' && value !== null && typeof (value as { $view?: unknown }).$view === 'number';
}

function isWorkspaceViewValue(value: unknown): value is WorkspaceView {
  return (
    typeof value === 'object' &&
    value !== null &&
    'revision' in value &&
    'nodes' in value &&
    'edges' in value &&
    'chains' in value
  );
}

const LIST_KEYS: ReadonlySet<string> = new Set(LISTS);

/** A list's items by id, made once per list and only when items were added, removed or reordered. */
const indexes = new WeakMap<readonly Keyed[], ReadonlyMap<string, Keyed>>();
function byId<T extends Keyed>(list: readonly T[]): ReadonlyMap<string, T> {
  let index = indexes.get(list);
  if (!index) {
    index = new Map(list.map((item) => [item.id, item]));
    indexes.set(list, index);
  }
  return index as ReadonlyMap<string, T>;
}

/**
 * A field's value unchanged: equal as JSON would print it (key order aside). Also for a host
 * that keeps an unchanged item's object (workspaceView.ts), so this check then costs nothing. Walked, not
 * printed: a rebuilt item's fields are mostly equal, and comparing costs no strings.
 */
export function sameValue(before: unknown, after: unknown): boolean {
  if (before === after) return true;
  if (typeof before !== 'object' || typeof after !== 'object' || before === null || after === null) return false;
  if (Array.isArray(before)) {
    if (!Array.isArray(after) || before.length !== after.length) return false;
    for (let i = 0; i < before.length; i++) if (!sameValue(before[i], after[i])) return false;
    return true;
  }
  if (Array.isArray(after)) return false;
  const old = before as Readonly<Record<string, unknown>>;
  const next = after as Readonly<Record<string, unknown>>;
  let keys = 0;
  for (const key in next) {
    if (!Object.hasOwn(old, key) || !sameValue(old[key], next[key])) return false;
    keys++;
  }
  for (const key in old) if (Object.hasOwn(old, key)) keys--;
  return keys === 0;
}

/** What changed from `before` to `after` (the same id), or undefined if nothing did. */
function itemChange(before: Keyed, after: Keyed): ItemChange | undefined {
  if (before === after) return undefined;
  const old = before as unknown as Readonly<Record<string, unknown>>;
  const next = after as unknown as Readonly<Record<string, unknown>>;
  let change: Record<string, unknown> | undefined;
  for (const key in next) {
    if (Object.hasOwn(old, key) && sameValue(old[key], next[key])) continue;
    (change ??= { id: after.id })[key] = next[key];
  }
  let drop: string[] | undefined;
  for (const key in old) if (!Object.hasOwn(next, key)) (drop ??= []).push(key);
  if (drop) (change ??= { id: after.id }).$drop = drop;
  return change as ItemChange | undefined;
}

/** The changes of a list whose items keep their ids and order (the usual edit), or undefined if they do not. */
function changesInPlace(before: readonly Keyed[], after: readonly Keyed[]): ItemChange[] | undefined {
  if (before.length !== after.length) return undefined;
  const changed: ItemChange[] = [];
  for (let i = 0; i < after.length; i++) {
    const item = after[i]!;
    const old = before[i]!;
    // Most items are the very same objects; only the others are read.
    if (item === old) continue;
    if (item.id !== old.id) return undefined;
    const change = itemChange(old, item);
    if (change) changed.push(change);
  }
  return changed;
}

function listPatch<T extends Keyed>(before: readonly T[], after: readonly T[]): ListPatch<T> {
  if (before === after) return NO_CHANGE;
  const inPlace = changesInPlace(before, after);
  if (inPlace) return inPlace.length > 0 ? { set: [], removed: [], changed: inPlace } : NO_CHANGE;
  const changed: ItemChange[] = [];
  const set: T[] = [];
  const old = byId(before);
  for (const item of after) {
    const was = old.get(item.id);
    if (!was) set.push(item);
    else {
      const change = itemChange(was, item);
      if (change) changed.push(change);
    }
  }
  const kept = byId(after);
  const removed = before.filter((item) => !kept.has(item.id)).map((item) => item.id);
  const implied = impliedOrder(
    before.map((i) => i.id),
    set.map((i) => i.id),
    removed,
  );
  const sameOrder = implied.length === after.length && implied.every((id, i) => id === after[i]!.id);
  return {
    set,
    removed,
    ...(changed.length > 0 ? { changed } : {}),
    ...(sameOrder ? {} : { order: after.map((i) => i.id) }),
  };
}

/** The order `applyList` gives without an explicit one: the old order less the removed, new ids appended. */
function impliedOrder(before: readonly string[], set: readonly string[], removed: readonly string[]): string[] {
  const gone = new Set(removed);
  const kept = before.filter((id) => !gone.has(id));
  const known = new Set(kept);
  return [...kept, ...set.filter((id) => !known.has(id))];
}

const NO_CHANGE: ListPatch<never> = { set: [], removed: [] };

const isEmpty = (patch: ListPatch<Keyed>): boolean =>
  patch.set.length === 0 && patch.removed.length === 0 && !patch.order && !patch.changed;

/** The patch that turns `base` into `next`. */
export function diffViews(base: WorkspaceView, next: WorkspaceView): WorkspacePatch {
  const before = base as unknown as Readonly<Record<string, unknown>>;
  const after = next as unknown as Readonly<Record<string, unknown>>;
  const parts: Record<string, unknown> = {};
  for (const key in after)
    if (!LIST_KEYS.has(key) && !(Object.hasOwn(before, key) && sameValue(before[key], after[key])))
      parts[key] = after[key];
  for (const key in before) if (!LIST_KEYS.has(key) && !Object.hasOwn(after, key)) parts[key] = null;
  const patch: { -readonly [K in ListKey]?: ListPatch<Keyed> } & Pick<WorkspacePatch, 'parts'> = { parts };
  for (const key of LISTS) {
    const list = listPatch<Keyed>(base[key], next[key]);
    if (!isEmpty(list)) patch[key] = list;
  }
  return patch as WorkspacePatch;
}

/** Where each id sits in a list the page holds; a list patched in place shares its list's. */
const positions = new WeakMap<readonly Keyed[], ReadonlyMap<string, number>>();

function positionsOf(list: readonly Keyed[]): ReadonlyMap<string, number> {
  let at = positions.get(list);
  if (!at) {
    at = new Map(list.map((item, i) => [item.id, i]));
    positions.set(list, at);
  }
  return at;
}

/** `item` with `change` applied: its fields replaced or added, `$drop`'s removed. */
function merged<T extends Keyed>(item: T, change: ItemChange): T {
  const { $drop, ...fields } = change;
  const next: Record<string, unknown> = { ...item, ...fields };
  for (const key of $drop ?? []) delete next[key];
  return next as unknown as T;
}

function applyList<T extends Keyed>(before: readonly T[], patch: ListPatch<T>): T[] {
  const changed = patch.changed ?? [];
  // The usual patch changes items in place: replace them where they are, found by id without
  // reading every item's.
  if (patch.removed.length === 0 && !patch.order && patch.set.length === 0) {
    const at = positionsOf(before);
    const after = before.slice();
    if (changed.every((change) => at.has(change.id))) {
      for (const change of changed) {
        const i = at.get(change.id)!;
        after[i] = merged(after[i]!, change);
      }
      positions.set(after, at);
      return after;
    }
  }
  const byId = new Map(before.map((item) => [item.id, item]));
  for (const id of patch.removed) byId.delete(id);
  for (const change of changed) {
    const item = byId.get(change.id);
    if (!item) throw new Error(`the view patch changes ${change.id}, which the view does not have`);
    byId.set(change.id, merged(item, change));
  }
  for (const item of patch.set) byId.set(item.id, item);
  const order =
    patch.order ??
    impliedOrder(
      before.map((i) => i.id),
      patch.set.map((i) => i.id),
      patch.removed,
    );
  return order.map((id) => {
    const item = byId.get(id);
    if (!item) throw new Error(`the view patch names ${id}, which neither the view nor the patch has`);
    return item;
  });
}

/** The view the host built, from the one the page holds and the patch. */
export function applyPatch(base: WorkspaceView, patch: WorkspacePatch): WorkspaceView {
  const next: Record<string, unknown> = { ...base };
  // An unchanged list keeps its array, so the page's memoised views of it stay valid.
  for (const key of LISTS) {
    const list = patch[key];
    if (list) next[key] = applyList<Keyed>(base[key], list);
  }
  for (const [key, value] of Object.entries(patch.parts)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next as unknown as WorkspaceView;
}

/** How many views each side keeps to patch against: answers to concurrent calls may cross. */
const REMEMBERED = 8;

/** The host's side: numbers the views it sends and patches against the one the page holds. */
export class ViewEncoder {
  private serial = 0;
  private readonly recent = new Map<number, WorkspaceView>();

  /** `value` as it goes on the wire: an EncodedView if it is a workspace view and the caller decodes views (`knownView` given), else unchanged. */
  encode(value: unknown, knownView: number | undefined): unknown {
    if (knownView === undefined || !isWorkspaceViewValue(value)) return value;
    const id = ++this.serial;
    const base = this.recent.get(knownView);
    this.recent.set(id, value);
    for (const old of this.recent.keys()) {
      if (this.recent.size <= REMEMBERED) break;
      this.recent.delete(old);
    }
    return base ? { $view: id, base: knownView, patch: diffViews(base, value) } : { $view: id, full: value };
  }
}

/** The page's side: turns what arrives back into whole views and says which one it holds. */
export class ViewDecoder {
  private readonly recent = new Map<number, WorkspaceView>();
  private newest: { readonly id: number; readonly revision: number } | undefined;

  /** The view to name in the next call: the newest revision held, 0 for none. */
  get known(): number {
    return this.newest?.id ?? 0;
  }

  /** Forgets every view (a new connection: the host may be another process). */
  reset(): void {
    this.recent.clear();
    this.newest = undefined;
  }

  /**
   * The value an answer carries, decoded; `undefined` for a patch against a view no longer held
   * (the caller then asks for the whole view).
   */
  decode(value: unknown): { readonly value: unknown } | undefined {
    if (!isEncodedView(value)) return { value };
    let view: WorkspaceView;
    if ('full' in value) {
      view = value.full;
    } else {
      const base = this.recent.get(value.base);
      if (!base) return undefined;
      view = applyPatch(base, value.patch);
    }
    this.recent.set(value.$view, view);
    for (const old of this.recent.keys()) {
      if (this.recent.size <= REMEMBERED) break;
      this.recent.delete(old);
    }
    if (!this.newest || view.revision >= this.newest.revision)
      this.newest = { id: value.$view, revision: view.revision };
    return { value: view };
  }
}
