/**
 * Actions: the one place a method's effect on the workspace is applied (issue 11 §1). A handler
 * of a method that answers with the view does not touch the history or build the view: it
 * returns what it did — the new graph if it edited one, whether anything else changed, and its
 * answer's own fields. This layer then applies the method's declared history policy (record,
 * merge, skip; shared/contract/methods.ts), tells the page once, and builds the view once.
 */
import { handlerTable, type Handlers } from '../../shared/contract/dispatch';
import {
  METHODS,
  type MethodName,
  type MethodResponses,
  type ParsedRequest,
  type ViewMethod,
} from '../../shared/contract/methods';
import { ok, type Result } from '../../shared/contract/result';
import type { WorkspaceView } from '../../shared/contract/views';
import type { Graph } from '../../shared/workspace/model';
import type { Workbench } from './workbench';

/** What a view method's handler did. */
export type Edit<X = object> = {
  /** The graph after the edit; the method's history policy decides what undo keeps. */
  readonly graph?: Graph;
  /** What a `merge` method edited: the same method on the same target within a moment is one undo step. */
  readonly target?: string;
  /** Something besides the graph changed (a chain, the wallets, a rejection, the lesson). */
  readonly changed?: boolean;
} & (object extends X ? { readonly extra?: X } : { readonly extra: X });

/** An answer's fields besides the view (`created`, `hashes`, `broadcast`…). */
export type ViewExtra<M extends ViewMethod> = Omit<MethodResponses[M], keyof WorkspaceView>;

type Awaitable<T> = T | Promise<T>;

/** One handler per method: view methods return an Edit, the others their answer. */
export type ActionHandlers = {
  [M in MethodName]: (
    params: ParsedRequest<M>,
  ) => Awaitable<Result<M extends ViewMethod ? Edit<ViewExtra<M>> : MethodResponses[M]>>;
};

/** Nothing but the view: for handlers whose work the workbench already announced (a switch, a replay). */
export const VIEW_ONLY: Edit = {};
/** Something besides the graph changed: a chain, the wallets, a rejection. */
export const CHANGED: Edit = { changed: true };

/** The contract's handlers, with each view method's Edit applied to the workbench. */
export function applyingActions(bench: Workbench, actions: ActionHandlers): Handlers {
  return handlerTable((method) => {
    const run = actions[method] as (params: unknown) => Awaitable<Result<unknown>>;
    const row = METHODS[method];
    if (!row.answers.view) return async (params) => run(params);
    return async (params) => {
      const r = await run(params);
      if (!r.ok) return r;
      const edit = r.value as Edit<Record<string, unknown>>;
      if (edit.graph) bench.edit(edit.graph, row.history, `${method}\u0000${edit.target ?? ''}`);
      if (edit.graph || edit.changed) bench.changed();
      return ok({ ...bench.view(), ...edit.extra });
    };
  });
}
