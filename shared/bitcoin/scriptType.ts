/** Output script classification with Core's type names (Solver / GetTxnOutputType). */
import type { Bytes } from './bytes';
import { OP } from './opcodes';
import { decodeScript, isPayToScriptHash, isPushOnly, witnessProgram } from './script';
import { hasValidPubKeyLength } from './signatureEncoding';

export type OutputType =
  | 'nonstandard'
  | 'pubkey'
  | 'pubkeyhash'
  | 'scripthash'
  | 'multisig'
  | 'nulldata'
  | 'witness_v0_keyhash'
  | 'witness_v0_scripthash'
  | 'witness_v1_taproot'
  | 'witness_unknown';

export type SolvedOutput =
  | { readonly type: 'nonstandard' | 'nulldata' }
  | { readonly type: 'pubkey'; readonly pubKey: Bytes }
  | { readonly type: 'pubkeyhash' | 'witness_v0_keyhash'; readonly hash: Bytes }
  | { readonly type: 'scripthash' | 'witness_v0_scripthash'; readonly hash: Bytes }
  | { readonly type: 'witness_v1_taproot'; readonly program: Bytes }
  | { readonly type: 'witness_unknown'; readonly version: number; readonly program: Bytes }
  | { readonly type: 'multisig'; readonly required: number; readonly pubKeys: readonly Bytes[] };

/** Core's nulldata limit: OP_RETURN and push-only data up to 83 bytes in all. */
export const MAX_OP_RETURN_RELAY = 83;

export function solve(script: Bytes): SolvedOutput {
  if (isPayToScriptHash(script)) return { type: 'scripthash', hash: script.subarray(2, 22) };
  const program = witnessProgram(script);
  if (program) {
    if (program.version === 0 && program.program.length === 20)
      return { type: 'witness_v0_keyhash', hash: program.program };
    if (program.version === 0 && program.program.length === 32)
      return { type: 'witness_v0_scripthash', hash: program.program };
    if (program.version === 1 && program.program.length === 32)
      return { type: 'witness_v1_taproot', program: program.program };
    if (program.version !== 0) return { type: 'witness_unknown', version: program.version, program: program.program };
    return { type: 'nonstandard' };
  }
  if (script.length >= 1 && script[0] === OP.OP_RETURN && isPushOnly(script.subarray(1))) return { type: 'nulldata' };
  if (
    (script.length === 35 && script[0] === 33 && script[34] === OP.OP_CHECKSIG) ||
    (script.length === 67 && script[0] === 65 && script[66] === OP.OP_CHECKSIG)
  ) {
    const pubKey = script.subarray(1, script.length - 1);
    // CPubKey::ValidSize: hybrid keys (0x06/0x07) are keys to the Solver too, so they are standard.
    if (hasValidPubKeyLength(pubKey)) return { type: 'pubkey', pubKey };
  }
  if (
    script.length === 25 &&
    script[0] === OP.OP_DUP &&
    script[1] === OP.OP_HASH160 &&
    script[2] === 20 &&
    script[23] === OP.OP_EQUALVERIFY &&
    script[24] === OP.OP_CHECKSIG
  ) {
    return { type: 'pubkeyhash', hash: script.subarray(3, 23) };
  }
  const multisig = solveMultisig(script);
  if (multisig) return multisig;
  return { type: 'nonstandard' };
}

function smallInt(opcode: number): number | undefined {
  if (opcode >= OP.OP_1 && opcode <= OP.OP_16) return opcode - OP.OP_1 + 1;
  return undefined;
}

function solveMultisig(script: Bytes): SolvedOutput | undefined {
  const { ops, errorAt } = decodeScript(script);
  if (errorAt !== undefined || ops.length < 4) return undefined;
  if (ops[ops.length - 1]!.opcode !== OP.OP_CHECKMULTISIG) return undefined;
  const required = smallInt(ops[0]!.opcode);
  const total = smallInt(ops[ops.length - 2]!.opcode);
  if (required === undefined || total === undefined) return undefined;
  const keys = ops.slice(1, -2);
  if (keys.length !== total || required > total) return undefined;
  const pubKeys: Bytes[] = [];
  for (const op of keys) {
    if (!op.data || !hasValidPubKeyLength(op.data)) return undefined;
    pubKeys.push(op.data);
  }
  return { type: 'multisig', required, pubKeys };
}
