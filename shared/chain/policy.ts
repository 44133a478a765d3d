/** Relay standardness as Core's policy/policy.cpp: IsStandardTx, dust, AreInputsStandard, IsWitnessStandard. */
import { ByteWriter } from '../bitcoin/bytes';
import { evalScript } from '../bitcoin/interpreter/evalScript';
import { NO_SIGNATURE_CHECKER } from '../bitcoin/checker';
import { F } from '../bitcoin/flags';
import { OP } from '../bitcoin/opcodes';
import { isPayToScriptHash, isPushOnly, witnessProgram } from '../bitcoin/script';
import { MAX_OP_RETURN_RELAY, solve } from '../bitcoin/scriptType';
import { ANNEX_TAG, TAPROOT_LEAF_MASK, TAPROOT_LEAF_TAPSCRIPT } from '../bitcoin/taproot';
import type { Bytes } from '../bitcoin/bytes';
import type { TxOutputLike } from '../bitcoin/txTypes';
import type { Coin } from './coins';
import type { ChainPolicy } from './era';
import type { ChainRules } from './profiles';
import { sigOpCount } from './sigops';
import type { TxRecord } from './txRecord';

const MAX_STANDARD_TX_WEIGHT = 400_000;
/** Litecoin Core 0.21 (and Bitcoin Core 0.19–24) refuse smaller non-witness sizes (CVE-2017-12842). */
const MIN_STANDARD_TX_NONWITNESS_SIZE = 82;
const MAX_STANDARD_SCRIPTSIG_SIZE = 1650;
const MAX_P2SH_SIGOPS = 15;
const MAX_STANDARD_P2WSH_SCRIPT_SIZE = 3600;
const MAX_STANDARD_P2WSH_STACK_ITEMS = 100;
const MAX_STANDARD_P2WSH_STACK_ITEM_SIZE = 80;
/** policy/policy.h:44 (Litecoin Core 0.21.5.5; the same in Bitcoin Core 0.21). */
const MAX_STANDARD_TAPSCRIPT_STACK_ITEM_SIZE = 80;

/**
 * Core's GetDustThreshold: the output is dust if spending it costs more than a third of it, at
 * the chain's dust relay fee rate (3 sat/vB for Bitcoin, 30 for Litecoin: ChainProfile.rules).
 */
export function dustThreshold(output: TxOutputLike, dustRelayFeeRate: number): bigint {
  const script = output.script;
  if ((script.length > 0 && script[0] === OP.OP_RETURN) || script.length > 10_000) return 0n;
  const outputSize = new ByteWriter(9 + script.length).i64(output.value).varBytes(script).length;
  const spendSize = witnessProgram(script) ? 32 + 4 + 1 + Math.floor(107 / 4) + 4 : 32 + 4 + 1 + 107 + 4;
  return BigInt((outputSize + spendSize) * dustRelayFeeRate);
}

export function isDust(output: TxOutputLike, dustRelayFeeRate: number): boolean {
  return output.value < dustThreshold(output, dustRelayFeeRate);
}

/** IsStandardTx: returns Core's reject reason, or undefined. */
export function standardTxReason(record: TxRecord, policy: ChainPolicy, rules: ChainRules): string | undefined {
  const tx = record.tx;
  if (tx.version < 1 || tx.version > 2) return 'version';
  if (record.weight > MAX_STANDARD_TX_WEIGHT) return 'tx-size';
  if (record.baseSize < MIN_STANDARD_TX_NONWITNESS_SIZE) return 'tx-size-small';
  for (const input of tx.ins) {
    if (input.script.length > MAX_STANDARD_SCRIPTSIG_SIZE) return 'scriptsig-size';
    // Push-only scriptSigs are part of IsStandardTx in Core; here the SIGPUSHONLY rule switches it.
    if (policy.rules.SIGPUSHONLY && !isPushOnly(input.script)) return 'scriptsig-not-pushonly';
  }
  let nullData = 0;
  for (const output of tx.outs) {
    const solved = solve(output.script);
    if (solved.type === 'nonstandard') return 'scriptpubkey';
    if (solved.type === 'multisig' && (solved.pubKeys.length > 3 || solved.required < 1)) return 'scriptpubkey';
    if (solved.type === 'nulldata') {
      if (output.script.length > MAX_OP_RETURN_RELAY) return 'scriptpubkey';
      nullData++;
    } else if (isDust(output, rules.dustRelayFeeRate)) {
      return 'dust';
    }
  }
  if (nullData > 1) return 'multi-op-return';
  return undefined;
}

/** The last push of a push-only scriptSig (the P2SH redeem script), if any. */
function lastPush(scriptSig: Bytes): Bytes | undefined {
  const stack: Bytes[] = [];
  const error = evalScript(stack, scriptSig, {
    flags: F.P2SH,
    checker: NO_SIGNATURE_CHECKER,
    sigVersion: 'BASE',
    role: 'scriptSig',
  });
  return error ? undefined : stack[stack.length - 1];
}

/**
 * AreInputsStandard (policy/policy.cpp:170): every spent output is of a standard type; P2SH redeem
 * scripts have ≤ 15 sigops; a P2TR output is spent only once Taproot is active (policy.cpp:198).
 */
export function nonStandardInputsReason(
  record: TxRecord,
  coins: readonly Coin[],
  taprootActive: boolean,
): string | undefined {
  for (let i = 0; i < record.tx.ins.length; i++) {
    const prevScript = coins[i]!.output.script;
    const type = solve(prevScript).type;
    if (type === 'nonstandard' || type === 'witness_unknown') {
      // Unknown witness versions (v1 of other lengths, v2–16) are standard to create but not to spend.
      return 'bad-txns-nonstandard-inputs';
    }
    if (type === 'witness_v1_taproot' && !taprootActive) return 'bad-txns-nonstandard-inputs';
    if (type === 'scripthash') {
      const redeem = lastPush(record.tx.ins[i]!.script);
      if (!redeem || sigOpCount(redeem, true) > MAX_P2SH_SIGOPS) return 'bad-txns-nonstandard-inputs';
    }
  }
  return undefined;
}

/**
 * IsWitnessStandard (policy/policy.cpp:207): size limits on P2WSH witnesses; no witness on
 * non-witness inputs; for a Taproot spend (not P2SH-wrapped) no annex, a control block, and
 * tapscript stack items of at most 80 bytes (policy.cpp:258-286).
 */
export function nonStandardWitnessReason(record: TxRecord, coins: readonly Coin[]): string | undefined {
  if (!record.hasWitness) return undefined;
  for (let i = 0; i < record.tx.ins.length; i++) {
    const input = record.tx.ins[i]!;
    if (input.witness.length === 0) continue;
    let prevScript = coins[i]!.output.script;
    let p2sh = false;
    if (isPayToScriptHash(prevScript)) {
      p2sh = true;
      const redeem = lastPush(input.script);
      if (!redeem) return 'bad-witness-nonstandard';
      prevScript = redeem;
    }
    const program = witnessProgram(prevScript);
    if (!program) return 'bad-witness-nonstandard';
    if (program.version === 1 && program.program.length === 32 && !p2sh) {
      if (!isStandardTaprootWitness(input.witness)) return 'bad-witness-nonstandard';
    }
    if (program.version === 0 && program.program.length === 32) {
      const witnessScript = input.witness[input.witness.length - 1]!;
      if (witnessScript.length > MAX_STANDARD_P2WSH_SCRIPT_SIZE) return 'bad-witness-nonstandard';
      if (input.witness.length - 1 > MAX_STANDARD_P2WSH_STACK_ITEMS) return 'bad-witness-nonstandard';
      for (const item of input.witness.slice(0, -1)) {
        if (item.length > MAX_STANDARD_P2WSH_STACK_ITEM_SIZE) return 'bad-witness-nonstandard';
      }
    }
  }
  return undefined;
}

/** The Taproot part of IsWitnessStandard (policy.cpp:261-286), for a non-empty witness. */
function isStandardTaprootWitness(witness: readonly Bytes[]): boolean {
  // Annexes are non-standard as long as no semantics are defined for them.
  const last = witness[witness.length - 1]!;
  if (witness.length >= 2 && last.length > 0 && last[0] === ANNEX_TAG) return false;
  if (witness.length === 1) return true; // key path: no policy rules apply
  const control = last;
  if (control.length === 0) return false;
  if ((control[0]! & TAPROOT_LEAF_MASK) !== TAPROOT_LEAF_TAPSCRIPT) return true;
  // The script's inputs: everything below the script and the control block.
  return witness.slice(0, -2).every((item) => item.length <= MAX_STANDARD_TAPSCRIPT_STACK_ITEM_SIZE);
}
