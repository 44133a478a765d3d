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

export interface WorkspacePatch {
  readonly nodes: ListPatch<NodeView>;
  readonly edges: ListPatch<EdgeView>;
  /** Present only when a chain summary changed: most edits touch no chain. */
  readonly chains?: ListPatch<ChainSummary>;
  /** Present only when a wallet changed: a block changes the balances of the few wallets it pays. */
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

/** A view as the encoder remembers it: the view, and its other parts' JSON. */
export interface RememberedView {
  readonly view: WorkspaceView;
  readonly partJson: ReadonlyMap<string, string>;
}

const PART_KEYS = (view: WorkspaceView): (keyof Whole)[] =>
  (Object.keys(view) as (keyof WorkspaceView)[]).filter(
    (k): k is keyof Whole => !(LISTS as readonly string[]).includes(k),
  );

export function remember(view: WorkspaceView): RememberedView {
  const parts = new Map<string, string>();
  for (const key of PART_KEYS(view)) parts.set(key, JSON.stringify(view[key]));
  return { view, partJson: parts };
}

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

/** Items' JSON, computed once per object: a host that reuses unchanged items' objects is never asked. */
const itemJson = new WeakMap<object, string>();
function jsonOf(item: object): string {
  let json = itemJson.get(item);
  if (json === undefined) {
    json = JSON.stringify(item);
    itemJson.set(item, json);
  }
  return json;
}

/** A field's value unchanged: the same value, or another object with the same JSON. */
function sameValue(before: unknown, after: unknown): boolean {
  if (before === after) return true;
  return (
    typeof before === 'object' &&
    before !== null &&
    typeof after === 'object' &&
    after !== null &&
    jsonOf(before) === jsonOf(after)
  );
}

/** What changed from `before` to `after` (the same id), or undefined if nothing did. */
function itemChange(before: Keyed, after: Keyed): ItemChange | undefined {
  if (before === after) return undefined;
  const old = before as unknown as Readonly<Record<string, unknown>>;
  const next = after as unknown as Readonly<Record<string, unknown>>;
  const change: Record<string, unknown> = {};
  let fields = 0;
  for (const key of Object.keys(next)) {
    if (sameValue(old[key], next[key]) && Object.hasOwn(old, key)) continue;
    change[key] = next[key];
    fields++;
  }
  const drop = Object.keys(old).filter((key) => !Object.hasOwn(next, key));
  if (fields === 0 && drop.length === 0) return undefined;
  return { ...change, id: after.id, ...(drop.length > 0 ? { $drop: drop } : {}) };
}

function listPatch<T extends Keyed>(before: readonly T[], after: readonly T[]): ListPatch<T> {
  if (before === after) return { set: [], removed: [] };
  const changed: ItemChange[] = [];
  const withChanged = (patch: ListPatch<T>): ListPatch<T> => (changed.length > 0 ? { ...patch, changed } : patch);
  // The usual case, an edit that adds and removes nothing: the same ids in the same order. Most
  // items are the very same objects; only the others are read (items' shapes vary, so reading
  // a field of each is what made this loop cost).
  if (before.length === after.length) {
    let i = 0;
    for (; i < after.length; i++) {
      const item = after[i]!;
      const old = before[i]!;
      if (item === old) continue;
      if (item.id !== old.id) break;
      const change = itemChange(old, item);
      if (change) changed.push(change);
    }
    if (i === after.length) return withChanged({ set: [], removed: [] });
    changed.length = 0;
  }
  const set: T[] = [];
  for (const item of after) {
    const old = byId(before).get(item.id);
    if (!old) set.push(item);
    else {
      const change = itemChange(old, item);
      if (change) changed.push(change);
    }
  }
  const removed = before.filter((item) => !byId(after).has(item.id)).map((item) => item.id);
  const implied = impliedOrder(
    before.map((i) => i.id),
    set.map((i) => i.id),
    removed,
  );
  const order = after.map((i) => i.id);
  return withChanged(
    implied.length === order.length && implied.every((id, i) => id === order[i])
      ? { set, removed }
      : { set, removed, order },
  );
}

/** The order `applyList` gives without an explicit one: the old order less the removed, new ids appended. */
function impliedOrder(before: readonly string[], set: readonly string[], removed: readonly string[]): string[] {
  const gone = new Set(removed);
  const kept = before.filter((id) => !gone.has(id));
  const known = new Set(kept);
  return [...kept, ...set.filter((id) => !known.has(id))];
}

const isEmpty = (patch: ListPatch<Keyed>): boolean =>
  patch.set.length === 0 && patch.removed.length === 0 && !patch.order && !patch.changed;

/** The patch that turns the remembered view into `next`. */
export function diffViews(base: RememberedView, next: RememberedView): WorkspacePatch {
  const parts: Record<string, unknown> = {};
  for (const key of PART_KEYS(next.view))
    if (base.partJson.get(key) !== next.partJson.get(key)) parts[key] = next.view[key];
  for (const key of base.partJson.keys()) if (!next.partJson.has(key)) parts[key] = null;
  const chains = listPatch(base.view.chains, next.view.chains);
  const wallets = listPatch(base.view.wallets, next.view.wallets);
  return {
    nodes: listPatch(base.view.nodes, next.view.nodes),
    edges: listPatch(base.view.edges, next.view.edges),
    ...(isEmpty(chains) ? {} : { chains }),
    ...(isEmpty(wallets) ? {} : { wallets }),
    parts,
  };
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
  const next: Record<string, unknown> = {
    ...base,
    nodes: applyList(base.nodes, patch.nodes),
    edges: applyList(base.edges, patch.edges),
    chains: patch.chains ? applyList(base.chains, patch.chains) : base.chains,
    wallets: patch.wallets ? applyList(base.wallets, patch.wallets) : base.wallets,
  };
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
  private readonly recent = new Map<number, RememberedView>();

  /** `value` as it goes on the wire: an EncodedView if it is a workspace view and the caller decodes views (`knownView` given), else unchanged. */
  encode(value: unknown, knownView: number | undefined): unknown {
    if (knownView === undefined || !isWorkspaceViewValue(value)) return value;
    const next = remember(value);
    const id = ++this.serial;
    const base = this.recent.get(knownView);
    this.recent.set(id, next);
    for (const old of this.recent.keys()) {
      if (this.recent.size <= REMEMBERED) break;
      this.recent.delete(old);
    }
    return base ? { $view: id, base: knownView, patch: diffViews(base, next) } : { $view: id, full: value };
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
