/** Runs one bitcoin-cli style line against a workspace chain: a result, or Core's error object. */
import type { ChainId } from '../../../shared/chain/profiles';
import type { Workbench } from '../workbench';
import { parseCommand } from './command';
import type { DecodeStyle } from './decode';
import { RPC, RpcError } from './errors';
import { RPC_METHOD_NAMES, RPC_METHODS } from './methods';

export type RpcOutcome = { ok: true; result: unknown } | { ok: false; error: { code: number; message: string } };

export async function runRpcLine(
  bench: Workbench,
  chain: ChainId,
  line: string,
  style: DecodeStyle = 'modern',
): Promise<RpcOutcome> {
  const parsed = parseCommand(line);
  if (!parsed.ok) return { ok: false, error: { code: RPC.INVALID_PARAMS, message: parsed.error.message } };
  const { method, params, wallet } = parsed.value;
  // Own properties only: a method named `constructor` or `__proto__` must not reach Object's prototype.
  const impl = Object.hasOwn(RPC_METHODS, method) ? RPC_METHODS[method] : undefined;
  if (!impl)
    return {
      ok: false,
      error: {
        code: RPC.METHOD_NOT_FOUND,
        message: `Method not found (TxLab supports: ${RPC_METHOD_NAMES.join(', ')})`,
      },
    };
  try {
    return { ok: true, result: await impl({ bench, chain, style, ...(wallet ? { wallet } : {}) }, params) };
  } catch (e) {
    if (e instanceof RpcError) return { ok: false, error: { code: e.code, message: e.message } };
    throw e;
  }
}
