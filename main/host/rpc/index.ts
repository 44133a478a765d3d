/** Runs one bitcoin-cli style line against a workspace chain: a result, or Core's error object. */
import type { ChainId } from '../../../shared/chain/profiles';
import { englishText, fail, type HostText, ok, type Result } from '../../../shared/contract/result';
import type { Workbench } from '../workbench';
import { namedToPositional, parseCommand } from './command';
import type { DecodeStyle } from './decode';
import { RPC, RpcError } from './errors';
import { RPC_METHOD_NAMES, RPC_METHODS } from './methods';

/** Core's JSON-RPC error object (`{ code: -32601, message }`), as bitcoin-cli prints it. */
export interface RpcErrorObject {
  readonly code: number;
  readonly message: string;
  /** TxLab's words for the page (a command line it cannot read); not part of what Core prints. */
  readonly text?: HostText;
}

export type RpcOutcome = Result<unknown, RpcErrorObject>;

export async function runRpcLine(
  bench: Workbench,
  chain: ChainId,
  line: string,
  style: DecodeStyle = 'modern',
): Promise<RpcOutcome> {
  const parsed = parseCommand(line);
  if (!parsed.ok) {
    const { message, text } = parsed.error;
    return fail({ code: RPC.INVALID_PARAMS, message, ...(text ? { text } : {}) });
  }
  const { method, wallet, named } = parsed.value;
  // Own properties only: a method named `constructor` or `__proto__` must not reach Object's prototype.
  const impl = Object.hasOwn(RPC_METHODS, method) ? RPC_METHODS[method] : undefined;
  if (!impl) {
    const text: HostText = { key: 'host.rpc.methodNotFound', params: { methods: RPC_METHOD_NAMES.join(', ') } };
    return fail({ code: RPC.METHOD_NOT_FOUND, message: englishText(text), text });
  }
  let params = parsed.value.params;
  if (named) {
    const placed = namedToPositional(method, named);
    if (!placed.ok) return fail({ code: RPC.INVALID_PARAMETER, message: placed.error });
    params = placed.value;
  }
  try {
    return ok(await impl({ bench, chain, style, ...(wallet ? { wallet } : {}) }, params));
  } catch (e) {
    if (e instanceof RpcError) return fail({ code: e.code, message: e.message });
    throw e;
  }
}
