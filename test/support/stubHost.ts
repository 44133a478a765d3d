/**
 * A stand-in for the workbench host so the shell and both transports can be wired and tested
 * before the real host is plugged in. The real host replaces it behind the same `HostEndpoint`
 * interface; the transports never change.
 */
import { METHODS } from '../../shared/contract/methods';
import { err, ok, type Result } from '../../shared/contract/result';
import type { AppInfo } from '../../shared/contract/views';
import type { HostEndpoint } from '../../shared/contract/wire';

export function createStubHost(options: { readonly version: string; readonly mode: AppInfo['mode'] }): HostEndpoint {
  const info: AppInfo = Object.freeze({ name: 'TxLab', version: options.version, mode: options.mode });
  const answer = (method: string, params: unknown): Result<unknown> => {
    if (method !== 'app.info') return err('UNKNOWN_METHOD', `there is no method "${method}"`, { detail: method });
    // The contract's own schema, so the stub answers exactly as the real host will. Missing params mean {}.
    if (!METHODS['app.info'].request.safeParse(params ?? {}).success) {
      return err('BAD_REQUEST', 'app.info takes no parameters', { path: 'params' });
    }
    return ok(info);
  };
  return {
    invoke(method: string, params: unknown): Promise<Result<unknown>> {
      return Promise.resolve(answer(method, params));
    },
    // The stub has nothing to report; the real host pushes chain and workspace events here.
    subscribe() {
      return () => {};
    },
  };
}
