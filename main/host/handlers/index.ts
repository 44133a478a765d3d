/** Every contract method, bound to one workbench. */
import type { Handlers } from '../../../shared/contract/dispatch';
import { err, errText, ok } from '../../../shared/contract/result';
import { type ActionHandlers, applyingActions, VIEW_ONLY } from '../actions';
import { gotoLessonPosition } from '../lesson';
import { runRpcLine } from '../rpc';
import { stringifyRpc } from '../rpc/json';
import { withSwitchHistory } from '../switchHistory';
import { urlChains, type Workbench } from '../workbench';
import { chainHandlers } from './chain';
import { graphHandlers } from './graph';
import { txHandlers } from './tx';
import { walletHandlers } from './wallet';
import { workspaceHandlers } from './workspace';

export function createHandlers(bench: Workbench): Handlers {
  const actions: ActionHandlers = {
    'app.info': () => ok(bench.appInfo()),
    ...workspaceHandlers(bench),
    ...graphHandlers(bench),
    ...txHandlers(bench),
    ...chainHandlers(bench),
    ...walletHandlers(bench),
    'rpc.call': async (p) => {
      if (!bench.hasChain(p.chain)) return errText('NOT_FOUND', 'host.noChain', { chain: p.chain });
      const r = await runRpcLine(bench, p.chain, p.line);
      if (!r.ok) {
        // A line TxLab cannot read has its words for the page; Core's errors stay as Core prints them.
        const { text: words, message } = r.error;
        const detail = String(r.error.code);
        return words ? errText('REJECTED', words.key, words.params, { detail }) : err('REJECTED', message, { detail });
      }
      // Plain JSON (no Amount objects or bigints) so it crosses every transport unchanged.
      const text = stringifyRpc(r.value ?? null, 2);
      return ok({ result: JSON.parse(text) as unknown, text });
    },
    'scenario.list': () => ok({ scenarios: bench.options.catalog?.list() ?? [] }),
    'scenario.load': async (p) => {
      const catalog = bench.options.catalog;
      if (!catalog) return errText('NOT_FOUND', 'host.noScenarios');
      const store = await bench.options.wallets.fresh();
      const built = await catalog.build(p.name, p.path, {
        wallets: store,
        backends: bench.backends,
        connect: bench.platform.connect,
      });
      if (!built.ok) return built;
      // A node at a URL holds the setup it just played: followed from there, not replayed.
      const switched = await bench.switchTo(built.value, store, built.value, urlChains(bench.backends));
      return switched.ok ? ok(VIEW_ONLY) : switched;
    },
    // A lesson's steps call the same handlers the page does: the same checks, history and events.
    'lesson.goto': async (p) => {
      const played = await gotoLessonPosition(bench, handlers, p.position);
      return played.ok ? ok(VIEW_ONLY) : played;
    },
    'work.cancel': () => {
      const cancelling = bench.work.busy;
      bench.work.cancel();
      return ok({ cancelling });
    },
  };
  const handlers = applyingActions(bench, actions);
  return withSwitchHistory(bench, handlers);
}
