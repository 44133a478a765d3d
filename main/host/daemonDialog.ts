/**
 * In the desktop app, "Choose a node program…" is answered by the main process: it shows a file
 * dialog, and only a path the person picked there joins the host's offers. The page asks; it never
 * names the path. Everything else passes through unchanged.
 */
import type { DaemonOffer } from '../../shared/contract/methods';
import { ok, type Result } from '../../shared/contract/result';
import type { HostEndpoint } from '../../shared/contract/wire';

export interface OfferingHost extends HostEndpoint {
  offerDaemon(path: string): Promise<Result<DaemonOffer>>;
}

/** `pick` shows the dialog and resolves to the chosen path, or undefined when the person cancelled. */
export function withDaemonDialog(host: OfferingHost, pick: () => Promise<string | undefined>): HostEndpoint {
  return {
    subscribe: (listener) => host.subscribe(listener),
    // The options carry the view the page holds: without them every answer would be a full view.
    invoke: async (method, params, options) => {
      if (method !== 'chain.chooseDaemon') return host.invoke(method, params, options);
      const path = await pick();
      if (path === undefined) return ok({});
      const offered = await host.offerDaemon(path);
      return offered.ok ? ok({ daemon: offered.value }) : offered;
    },
  };
}
