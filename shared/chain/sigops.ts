/**
 * Signature-operation cost as Core counts it for relay (consensus/tx_verify.cpp
 * GetTransactionSigOpCost, script/interpreter.cpp CountWitnessSigOps), and the virtual size
 * relay charges for (policy/policy.cpp GetVirtualTransactionSize: a transaction heavy in
 * sigops pays as if it were `cost × 20` weight units).
 */
import type { Bytes } from '../bitcoin/bytes';
import { F } from '../bitcoin/flags';
import { OP } from '../bitcoin/opcodes';
import { decodeScript, isPayToScriptHash, isPushOnly, witnessProgram } from '../bitcoin/script';
import type { Transaction } from '../bitcoin/transaction';
import type { Coin } from './coins';

/** policy.h MAX_STANDARD_TX_SIGOPS_COST = MAX_BLOCK_SIGOPS_COST / 5. */
export const MAX_STANDARD_TX_SIGOPS_COST = 16_000;
/** policy.h DEFAULT_BYTES_PER_SIGOP. */
const BYTES_PER_SIGOP = 20;
const WITNESS_SCALE_FACTOR = 4;
/** script.h MAX_PUBKEYS_PER_MULTISIG: what an inexact count charges a CHECKMULTISIG. */
const MAX_PUBKEYS_PER_MULTISIG = 20;

/**
 * CScript::GetSigOpCount(fAccurate): CHECKSIG counts 1, CHECKMULTISIG the key count before it
 * when `accurate` and it is OP_1…OP_16, else 20. Counting stops at a truncated push.
 */
export function sigOpCount(script: Bytes, accurate: boolean): number {
  let count = 0;
  let last: number = OP.OP_INVALIDOPCODE;
  for (const op of decodeScript(script).ops) {
    if (op.opcode === OP.OP_CHECKSIG || op.opcode === OP.OP_CHECKSIGVERIFY) count++;
    else if (op.opcode === OP.OP_CHECKMULTISIG || op.opcode === OP.OP_CHECKMULTISIGVERIFY) {
      count += accurate && last >= OP.OP_1 && last <= OP.OP_16 ? last - OP.OP_1 + 1 : MAX_PUBKEYS_PER_MULTISIG;
    }
    last = op.opcode;
  }
  return count;
}

/** The data of a push-only script's last operation (Core's loop over GetOp; empty for OP_1…OP_16). */
function lastPushData(scriptSig: Bytes): Bytes | undefined {
  const { ops, errorAt } = decodeScript(scriptSig);
  if (errorAt !== undefined) return undefined;
  for (const op of ops) if (op.opcode > OP.OP_16) return undefined;
  return ops.at(-1)?.data ?? new Uint8Array(0);
}

function witnessSigOps(program: { version: number; program: Bytes }, witness: readonly Bytes[]): number {
  if (program.version !== 0) return 0;
  if (program.program.length === 20) return 1;
  if (program.program.length === 32 && witness.length > 0) return sigOpCount(witness[witness.length - 1]!, true);
  return 0;
}

function countWitnessSigOps(scriptSig: Bytes, scriptPubKey: Bytes, witness: readonly Bytes[]): number {
  const direct = witnessProgram(scriptPubKey);
  if (direct) return witnessSigOps(direct, witness);
  if (isPayToScriptHash(scriptPubKey) && isPushOnly(scriptSig)) {
    const redeem = lastPushData(scriptSig);
    const nested = redeem && witnessProgram(redeem);
    if (nested) return witnessSigOps(nested, witness);
  }
  return 0;
}

/** GetTransactionSigOpCost with `flags` (P2SH and WITNESS decide what is counted). */
export function transactionSigOpCost(tx: Transaction, coins: readonly Coin[], flags: number): number {
  let legacy = 0;
  for (const input of tx.ins) legacy += sigOpCount(input.script, false);
  for (const output of tx.outs) legacy += sigOpCount(output.script, false);
  let cost = legacy * WITNESS_SCALE_FACTOR;
  for (let i = 0; i < tx.ins.length; i++) {
    const input = tx.ins[i]!;
    const prevScript = coins[i]!.output.script;
    if (flags & F.P2SH && isPayToScriptHash(prevScript)) {
      // GetSigOpCount(scriptSig): the redeem script's accurate count, or 0 if the scriptSig is not push-only.
      const redeem = lastPushData(input.script);
      if (redeem) cost += sigOpCount(redeem, true) * WITNESS_SCALE_FACTOR;
    }
    if (flags & F.WITNESS) cost += countWitnessSigOps(input.script, prevScript, input.witness);
  }
  return cost;
}

/** GetVirtualTransactionSize(weight, sigop cost): what relay fees and fee rates are reckoned on. */
export function sigOpAdjustedVsize(weight: number, sigOpCost: number): number {
  return Math.floor((Math.max(weight, sigOpCost * BYTES_PER_SIGOP) + 3) / 4);
}
