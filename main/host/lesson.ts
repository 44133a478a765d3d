/**
 * Lesson playback. A step is a list of contract calls (what a person would click) and checks of
 * the outcome. Going back replays from the lesson's start, which is exact because everything is
 * seeded.
 */
import { type Handlers, dispatch } from '../../shared/contract/dispatch';
import { type ContractError, errText, errWithin, ok, type Result } from '../../shared/contract/result';
import type { WorkspaceView } from '../../shared/contract/views';
import { checkData } from '../../shared/scenario/lessonData';
import { isLessonMethod, type LessonAction } from '../../shared/scenario/schema';
import { walletsFor } from './handlers/workspace';
import { runLessonTask } from './lessonTasks';
import { Cancelled } from './work';
import type { Workbench } from './workbench';
import type { ChainId } from '../../shared/chain/profiles';

export interface StepReport {
  readonly step: number;
  readonly calls: readonly {
    readonly method: string;
    readonly ok: boolean;
    readonly detail?: string;
    readonly txid?: string;
  }[];
}

function check(
  bench: Workbench,
  expect: Extract<LessonAction, { expect: unknown }>['expect'],
  lastRejection: string | undefined,
): Result<true> {
  const view = bench.view();
  for (const [walletName, chains] of Object.entries(expect.balances ?? {})) {
    const wallet = view.wallets.find((w) => w.name === walletName);
    if (!wallet) return errText('INVALID_STATE', 'lesson.fail.noWallet', { wallet: walletName });
    for (const [chain, want] of Object.entries(chains)) {
      const b = wallet.balances[chain as ChainId];
      const total = BigInt(b.confirmed) + BigInt(b.unconfirmed) + BigInt(b.immature);
      const diff = total - BigInt(want.value);
      const tolerance = BigInt(want.tolerance);
      if (diff > tolerance || -diff > tolerance) {
        return errText(
          'INVALID_STATE',
          'lesson.fail.balance',
          { wallet: walletName, total: String(total), chain, value: want.value, tolerance: want.tolerance },
          { detail: 'balance' },
        );
      }
    }
  }
  for (const [nodeId, kind] of Object.entries(expect.status ?? {})) {
    const node = view.nodes.find((n) => n.id === nodeId);
    if (!node) return errText('INVALID_STATE', 'lesson.fail.noNode', { node: nodeId });
    if (node.status.kind !== kind) {
      // The status kinds (mempool, confirmed …) go as the file says them; the page words them (hostMessage).
      const said = { node: nodeId, status: node.status.kind, expectedStatus: kind };
      const extra = { detail: 'status' };
      if (node.status.kind === 'invalid')
        return errText('INVALID_STATE', 'lesson.fail.statusInvalid', { ...said, error: node.status.error }, extra);
      if (node.lastRejection)
        return errText(
          'INVALID_STATE',
          'lesson.fail.statusRefused',
          { ...said, reason: node.lastRejection.reason },
          extra,
        );
      return errText('INVALID_STATE', 'lesson.fail.status', said, extra);
    }
  }
  if (expect.rejected !== undefined && !(lastRejection ?? '').startsWith(expect.rejected)) {
    return lastRejection
      ? errText(
          'INVALID_STATE',
          'lesson.fail.otherRefusal',
          { reason: expect.rejected, got: lastRejection },
          { detail: 'rejected' },
        )
      : errText('INVALID_STATE', 'lesson.fail.accepted', { reason: expect.rejected }, { detail: 'rejected' });
  }
  for (const c of expect.data ?? []) {
    const r = checkData(bench.lessonData, c);
    if (!r.ok) return { ok: false, error: { ...r.error, detail: 'data' } };
  }
  return ok(true);
}

/**
 * An action's refusal, saying which step and action refused: the inner words stay the catalogue's
 * (an inner refusal that is itself wrapped, a task's "the exchange: …", stays English whole).
 */
function inAction(inner: ContractError, step: number, action: number, name: string): Result<never> {
  return errWithin(
    inner.code,
    { key: 'host.lessonAction', params: { step: step + 1, action: action + 1, name } },
    inner,
    inner.detail ? { detail: inner.detail } : {},
  );
}

async function runStep(
  bench: Workbench,
  handlers: Handlers,
  actions: readonly LessonAction[],
  index: number,
): Promise<Result<StepReport>> {
  const calls: { method: string; ok: boolean; detail?: string; txid?: string }[] = [];
  let lastRejection: string | undefined;
  for (const [a, action] of actions.entries()) {
    await bench.work.tick();
    if ('call' in action) {
      // The schema admits only lesson methods; a document that got here some other way is refused all the same.
      if (!isLessonMethod(action.call))
        return errText('BAD_REQUEST', 'lesson.fail.notLessonMethod', {
          step: index + 1,
          action: a + 1,
          method: String(action.call),
        });
      const r = await dispatch(handlers, action.call, action.params);
      if (!r.ok && r.error.code === 'CANCELLED') throw new Cancelled();
      if (!r.ok) return inAction(r.error, index, a, action.call);
      const broadcast = (r.value as { broadcast?: { accepted: boolean; txid: string; reason?: string } }).broadcast;
      lastRejection = broadcast && !broadcast.accepted ? broadcast.reason : broadcast ? undefined : lastRejection;
      calls.push({
        method: action.call,
        ok: true,
        ...(broadcast ? { txid: broadcast.txid, ...(broadcast.reason ? { detail: broadcast.reason } : {}) } : {}),
      });
    } else if ('run' in action) {
      const r = await runLessonTask(bench, handlers, action);
      if (!r.ok && r.error.code === 'CANCELLED') throw new Cancelled();
      if (!r.ok) return inAction(r.error, index, a, action.run);
      if (r.value.rejection !== undefined || r.value.txids) lastRejection = r.value.rejection;
      calls.push({
        method: `run:${action.run}`,
        ok: true,
        ...(r.value.txids?.length ? { txid: r.value.txids.at(-1)! } : {}),
        ...(r.value.detail ? { detail: r.value.detail } : {}),
      });
    } else {
      const r = check(bench, action.expect, lastRejection);
      if (!r.ok)
        return errWithin(
          r.error.code,
          { key: 'lesson.fail.check', params: { step: index + 1, check: a + 1 } },
          r.error,
          r.error.detail ? { detail: r.error.detail } : {},
        );
    }
  }
  return ok({ step: index, calls });
}

/**
 * Plays or rewinds the lesson to `target` steps played. Cancelled part-way, the lesson goes back
 * to where it stood (replayed from its start), so no step is ever left half played; a lesson
 * saved part-way has no start to replay from, and keeps what the step did so far.
 */
export async function gotoLessonPosition(
  bench: Workbench,
  handlers: Handlers,
  target: number,
  reports?: StepReport[],
): Promise<Result<WorkspaceView>> {
  const start = bench.doc.lesson?.position ?? 0;
  try {
    return await playTo(bench, handlers, target, reports);
  } catch (e) {
    if (!(e instanceof Cancelled)) throw e;
    if (!bench.base) {
      bench.changed();
      return errText('CANCELLED', 'host.lessonCancelledPartway', { step: (bench.doc.lesson?.position ?? 0) + 1 });
    }
    bench.work = bench.work.successor();
    const back = await playTo(bench, handlers, start);
    if (!back.ok) return back;
    return errText('CANCELLED', 'host.lessonCancelled', { step: start });
  }
}

async function playTo(
  bench: Workbench,
  handlers: Handlers,
  target: number,
  reports?: StepReport[],
): Promise<Result<WorkspaceView>> {
  const lesson = bench.doc.lesson;
  if (!lesson) return errText('INVALID_STATE', 'host.noLesson');
  const steps = lesson.paths[lesson.path] ?? [];
  if (target > steps.length)
    return errText('BAD_REQUEST', 'host.lessonSteps', { n: steps.length }, { path: 'position' });
  if (target < lesson.position) {
    if (!bench.base) return errText('INVALID_STATE', 'host.lessonSavedPartway');
    const base = bench.base;
    const store = await walletsFor(bench, base);
    if (!store.ok) return store;
    const switched = await bench.switchTo(base, store.value, base);
    if (!switched.ok) return switched;
  }
  for (let i = bench.doc.lesson!.position; i < target; i++) {
    const before = bench.stage.before(bench);
    const r = await runStep(bench, handlers, steps[i]!.actions, i);
    if (!r.ok) {
      bench.changed();
      return r;
    }
    reports?.push(r.value);
    bench.setLessonPosition(i + 1);
    bench.stage.after(bench, i, before);
  }
  bench.changed();
  return ok(bench.view());
}
