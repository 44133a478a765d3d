/** Expected failures are values, never exceptions across a transport. */

export const CONTRACT_ERROR_CODES = [
  'BAD_REQUEST', // the request did not pass its schema
  'UNKNOWN_METHOD',
  'NOT_FOUND', // a wallet, workspace, transaction, block … that does not exist
  'INVALID_STATE', // the request is well-formed but not possible now
  'REJECTED', // the chain refused a transaction (reason in message, Core-style)
  'SCRIPT_ERROR', // a script failed (Core's error name in `detail`)
  'KEYSTORE_LOCKED',
  'IMPORT_FAILED', // a scenario or file could not be imported (path says where)
  'BACKEND_UNAVAILABLE', // a real node could not be reached
  'CANCELLED',
  'INTERNAL', // a bug: the host caught an exception
] as const;

export type ContractErrorCode = (typeof CONTRACT_ERROR_CODES)[number];

export interface ContractError {
  readonly code: ContractErrorCode;
  /** A sentence a person understands. */
  readonly message: string;
  /** Where in the request or file the problem is (a JSON path such as `graph.nodes[3].fields.amount`). */
  readonly path?: string;
  /** Machine-readable detail, e.g. a Core reject reason or a script error name. */
  readonly detail?: string;
}

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ContractError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export function err(
  code: ContractErrorCode,
  message: string,
  extra: { path?: string; detail?: string } = {},
): Result<never> {
  return { ok: false, error: { code, message, ...extra } };
}
