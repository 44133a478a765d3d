/**
 * Workspace views arrive as patches (shared/contract/viewPatch.ts): this wraps a transport so that
 * each call names the view the page holds, and each answer's view is whole again before anyone
 * sees it. Unchanged nodes keep their objects, so React re-renders only what changed. A patch
 * against a view no longer held (it cannot happen in order, but answers may cross) is answered by
 * asking for the whole view.
 */
import { err, type Result } from '../../../shared/contract/result';
import { ViewDecoder } from '../../../shared/contract/viewPatch';
import type { RendererTransport } from './types';

export function withViewPatches(transport: RendererTransport): RendererTransport {
  const decoder = new ViewDecoder();
  // A new connection may reach another host process, whose view numbers mean other views.
  transport.onConnectionChange(() => decoder.reset());

  const call = async (method: string, params: unknown, knownView: number): Promise<Result<unknown>> => {
    const r = await transport.invoke(method, params, { knownView });
    if (!r.ok) return r;
    const decoded = decoder.decode(r.value);
    if (decoded) return { ok: true, value: decoded.value };
    // The base is gone: the whole view, fetched now, stands for the answer's (revisions order them).
    const whole = await transport.invoke('workspace.get', {}, { knownView: 0 });
    if (!whole.ok) return whole;
    const fetched = decoder.decode(whole.value);
    return fetched
      ? { ok: true, value: fetched.value }
      : err('INTERNAL', `the workspace view for ${method} could not be read`);
  };

  return {
    ...transport,
    invoke: (method, params) => call(method, params, decoder.known),
  };
}
