/** Core's JSON-RPC error codes (rpc/protocol.h) for the methods TxLab implements. */
export const RPC = Object.freeze({
  MISC_ERROR: -1,
  TYPE_ERROR: -3,
  INVALID_ADDRESS_OR_KEY: -5,
  WALLET_INSUFFICIENT_FUNDS: -6,
  INVALID_PARAMETER: -8,
  DESERIALIZATION_ERROR: -22,
  VERIFY_ERROR: -25,
  VERIFY_REJECTED: -26,
  VERIFY_ALREADY_IN_CHAIN: -27,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  WALLET_NOT_SPECIFIED: -19,
  WALLET_NOT_FOUND: -18,
});

export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export function rpcFail(code: number, message: string): never {
  throw new RpcError(code, message);
}
