/**
 * AcceptToMemoryPool: the steps of Core's MemPoolAccept in its order, each refusal with Core's
 * reject reason. `testOnly` runs every check without adding (testmempoolaccept).
 */
import type { ScriptErrorCode } from '../bitcoin/errors';
import { ok, type HostText, type Result } from '../contract/result';
import type { MessageKey } from '../ui/i18n/en';
import { toHex } from '../bitcoin/bytes';
import { utcDateTime } from '../text/utcTime';
import { F } from '../bitcoin/flags';
import { witnessProgram } from '../bitcoin/script';
import { checkTransaction, isCoinbase, type Transaction } from '../bitcoin/transaction';
import { type ChainView, coinFromMempool } from './chainView';
import type { Coin } from './coins';
import { consensusFlags, policyFlags } from './era';
import { nonStandardInputsReason, nonStandardWitnessReason, standardTxReason } from './policy';
import { MAX_STANDARD_TX_SIGOPS_COST, sigOpAdjustedVsize, transactionSigOpCost } from './sigops';
import { inputOutpoint, outpointKey, type TxRecord } from './txRecord';
import {
  checkInputScripts,
  checkTxInputs,
  isFinalTx,
  refuse,
  rejection,
  sequenceLocks,
  sequenceLocksSatisfied,
  type TxRejection,
} from './txValidation';

const MAX_ANCESTORS = 25;
/** Litecoin's script.h MWEB_PEGIN_WITNESS_VERSION. */
const MWEB_PEGIN_WITNESS_VERSION = 9;
const MAX_REPLACEMENTS = 100;

/** A refusal, with what the page shows beside Core's reason (`txn-mempool-conflict`, `non-mandatory-script-verify-flag (…)`). */
export interface Rejection extends TxRejection {
  readonly scriptError?: ScriptErrorCode;
  readonly inputIndex?: number;
  /** Missing inputs that may yet appear (a parent not seen yet), not inputs already spent. */
  readonly orphan?: boolean;
}

export type AcceptOutcome =
  | {
      readonly ok: true;
      readonly txid: string;
      readonly wtxid: string;
      readonly fee: bigint;
      readonly vsize: number;
      /** Mempool transactions this one replaced (RBF), descendants included. */
      readonly replaced: readonly string[];
    }
  | { readonly ok: false; readonly txid: string; readonly wtxid: string; readonly rejection: Rejection };

export interface AcceptOptions {
  readonly testOnly?: boolean;
  /** Re-adding transactions from disconnected blocks: no fee or size limits (Core's bypass_limits). */
  readonly bypassLimits?: boolean;
}

/** The checks; on success, what to add and what to replace (the caller mutates the mempool). */
export type AcceptPlan = AcceptOutcome & { readonly coins?: readonly Coin[] };

function signalsRbf(record: TxRecord): boolean {
  return record.tx.ins.some((input) => input.sequence < 0xfffffffe);
}

// Not a closure inside checkMempoolAccept: one made per transaction showed in a crowd's profile.
function reject(
  record: TxRecord,
  reason: string,
  key: MessageKey,
  params?: HostText['params'],
  extra: Partial<Rejection> = {},
): AcceptPlan {
  return refused(record, { ...rejection(reason, key, params), ...extra });
}

function refused(record: TxRecord, why: Rejection): AcceptPlan {
  return { ok: false, txid: record.txid, wtxid: record.wtxid, rejection: why };
}

export function checkMempoolAccept(view: ChainView, record: TxRecord, options: AcceptOptions = {}): AcceptPlan {
  const { txid, wtxid } = record;
  const tx = record.tx;
  const policy = view.policy;

  const profile = view.profile;
  const bad = checkTransaction(tx, profile.rules.maxMoney);
  if (bad) return reject(record, bad, 'reject.malformed', { reason: bad });
  if (profile.rules.mwebPegins) {
    const pegin = mwebPeginReason(tx);
    if (pegin) return reject(record, pegin, 'reject.mwebPegin');
  }
  if (isCoinbase(tx)) return reject(record, 'coinbase', 'reject.coinbase');
  if (!view.rules.segwit && record.hasWitness) return reject(record, 'no-witness-yet', 'reject.noWitnessYet');
  if (policy.requireStandard) {
    const reason = standardTxReason(record, policy, profile.rules);
    if (reason) return reject(record, reason, 'reject.nonStandard', { reason });
  }
  const nextHeight = view.height + 1;
  const lockTimeCutoff = view.rules.csv ? view.mtpAt(view.height) : view.now();
  if (!isFinalTx(tx, nextHeight, lockTimeCutoff)) {
    if (tx.locktime < 500_000_000) return reject(record, 'non-final', 'reject.nonFinalHeight', { height: tx.locktime });
    // Said with the time it was judged against: BIP113's median time past, or before CSV the clock.
    const times = { date: utcDateTime(tx.locktime), time: tx.locktime, cutoff: utcDateTime(lockTimeCutoff) };
    return reject(record, 'non-final', view.rules.csv ? 'reject.nonFinalTime' : 'reject.nonFinalClock', times);
  }
  if (view.mempool.has(txid)) return reject(record, 'txn-already-in-mempool', 'reject.inMempool');

  const conflicts = view.mempool.directConflicts(record);
  if (
    conflicts.size > 0 &&
    (policy.rbf === 'off' || (policy.rbf === 'opt-in' && ![...conflicts].every((id) => signalsRbfInherited(view, id))))
  ) {
    return reject(record, 'txn-mempool-conflict', 'reject.mempoolConflict', { txid: [...conflicts][0]! });
  }

  const coins: Coin[] = [];
  for (let i = 0; i < tx.ins.length; i++) {
    const outpoint = inputOutpoint(tx, i);
    const coin = coinFromMempool(view, outpoint);
    if (!coin) {
      if (tx.outs.some((_, vout) => view.coins.has(outpointKey(txid, vout))))
        return reject(record, 'txn-already-known', 'reject.alreadyConfirmed');
      const spender = view.spentOnChain(outpoint);
      return reject(
        record,
        'missing-inputs',
        spender ? 'reject.inputSpent' : 'reject.inputMissing',
        spender ? { input: i, outpoint, txid: spender } : { input: i, outpoint },
        { inputIndex: i, orphan: spender === undefined },
      );
    }
    coins.push(coin);
  }
  // Core's PreChecks order: BIP68 sequence locks, then Consensus::CheckTxInputs.
  if (view.rules.csv) {
    const locks = sequenceLocks(
      tx,
      coins.map((c) => c.height),
      (h) => view.mtpAt(Math.min(h, view.height)),
    );
    if (!sequenceLocksSatisfied(locks, nextHeight, view.mtpAt(view.height))) {
      return reject(record, 'non-BIP68-final', 'reject.bip68');
    }
  }
  const inputs = checkTxInputs(record, coins, nextHeight, profile);
  if (!inputs.ok) return refused(record, inputs.error);
  const fee = inputs.value;

  const flags = policyFlags(policy, profile.rules);
  const mandatory = consensusFlags(policy.era, profile.rules);
  if (policy.requireStandard) {
    const inputsReason = nonStandardInputsReason(record, coins, (mandatory & F.TAPROOT) !== 0);
    if (inputsReason) return reject(record, inputsReason, 'reject.nonStandardInputs');
    const witnessReason = nonStandardWitnessReason(record, coins);
    if (witnessReason) return reject(record, witnessReason, 'reject.nonStandardWitness');
  }

  // What a failure is retried with to tell "mandatory" from "non-mandatory" (Core's CheckInputScripts).
  const mandatoryRetry =
    profile.rules.mandatoryScriptFlags === 'p2sh' ? F.P2SH | profile.rules.interpreterFlags : mandatory;
  // Relay charges a transaction heavy in signature checks for them: its size is the larger of
  // its weight and its sigop cost × 20, over 4 (Core's GetVirtualTransactionSize).
  const sigOpCost = transactionSigOpCost(tx, coins, flags);
  const size = sigOpAdjustedVsize(record.weight, sigOpCost);
  if (sigOpCost > MAX_STANDARD_TX_SIGOPS_COST) {
    return reject(record, 'bad-txns-too-many-sigops', 'reject.tooManySigops', {
      cost: sigOpCost,
      limit: MAX_STANDARD_TX_SIGOPS_COST,
    });
  }

  if (!options.bypassLimits) {
    // CheckFeeRate: the full mempool's floor first, then the minimum relay fee.
    const mempoolFloor = BigInt(Math.ceil(view.mempoolMinFeeRate() * size));
    if (fee < mempoolFloor)
      return reject(record, 'mempool min fee not met', 'reject.mempoolMinFee', { fee: mempoolFloor.toString() });
    const minFee = BigInt(Math.ceil(policy.minRelayFeeRate * size));
    if (fee < minFee)
      return reject(record, 'min relay fee not met', 'reject.minRelayFee', {
        fee: fee.toString(),
        minFee: minFee.toString(),
        rate: policy.minRelayFeeRate,
        size,
      });
    const parents = new Set(
      coins.map((_, i) => inputOutpoint(tx, i).slice(0, 64)).filter((id) => view.mempool.has(id)),
    );
    const ancestors = new Set<string>(parents);
    for (const p of parents) for (const a of view.mempool.ancestors(p)) ancestors.add(a);
    if (ancestors.size + 1 > MAX_ANCESTORS)
      return reject(record, 'too-long-mempool-chain', 'reject.tooLongChain', { limit: MAX_ANCESTORS });
  }

  let replaced: string[] = [];
  if (conflicts.size > 0) {
    const rbf = checkReplacement(view, record, size, fee, conflicts);
    if (!rbf.ok) return refused(record, rbf.error);
    replaced = rbf.value;
  }

  const scripts = checkInputScripts(record, coins, flags, view.sigCache, false);
  if (!scripts.ok) {
    // Core tells relay-policy failures from consensus failures by retrying with its mandatory flags.
    const consensus = checkInputScripts(record, coins, mandatoryRetry, view.sigCache, false);
    const kind = consensus.ok ? 'non-mandatory-script-verify-flag' : 'mandatory-script-verify-flag-failed';
    const failure = scripts.error.failure;
    return reject(
      record,
      `${kind} (${failure.message})`,
      'reject.script',
      { input: scripts.error.inputIndex, scriptError: failure.message, scriptErrorCode: failure.code },
      { scriptError: failure.code, inputIndex: scripts.error.inputIndex },
    );
  }
  // Policy flags include the consensus flags, so the block will not need to verify it again.
  view.sigCache.markScriptsVerified(wtxid, mandatory);
  return { ok: true, txid, wtxid, fee, vsize: record.vsize, replaced, coins };
}

/**
 * Litecoin's MWEB::Node::CheckTransaction (mweb/mweb_node.cpp): a witness v9 output of 32 bytes
 * is a peg-in, which must match a peg-in of the transaction's MWEB data. TxLab's transactions
 * carry none, so any peg-in output is refused, with Litecoin's reasons in its order.
 */
function mwebPeginReason(tx: Transaction): string | undefined {
  const kernels = new Set<string>();
  for (const output of tx.outs) {
    const program = witnessProgram(output.script);
    if (program?.version !== MWEB_PEGIN_WITNESS_VERSION || program.program.length !== 32) continue;
    const kernel = toHex(program.program);
    if (kernels.has(kernel)) return 'duplicate-tx-pegins';
    kernels.add(kernel);
  }
  return kernels.size > 0 ? 'pegin-count-mismatch' : undefined;
}

/** BIP125: a conflict can be replaced if it, or an unconfirmed ancestor, signals. */
function signalsRbfInherited(view: ChainView, txid: string): boolean {
  const entry = view.mempool.get(txid);
  if (!entry) return false;
  if (signalsRbf(entry.record)) return true;
  return [...view.mempool.ancestors(txid)].some((id) => {
    const a = view.mempool.get(id);
    return a !== undefined && signalsRbf(a.record);
  });
}

function checkReplacement(
  view: ChainView,
  record: TxRecord,
  /** The replacement's sigop-adjusted virtual size. */
  size: number,
  fee: bigint,
  conflicts: ReadonlySet<string>,
): Result<string[], TxRejection> {
  const all = new Set<string>();
  for (const id of conflicts) {
    all.add(id);
    for (const d of view.mempool.descendants(id)) all.add(d);
  }
  if (all.size > MAX_REPLACEMENTS)
    return refuse('too many potential replacements', 'reject.tooManyReplacements', { count: all.size });
  for (let i = 0; i < record.tx.ins.length; i++) {
    if (all.has(inputOutpoint(record.tx, i).slice(0, 64))) {
      return refuse('bad-txns-spends-conflicting-tx', 'reject.spendsConflicting');
    }
  }
  const newRate = Number(fee) / size;
  let replacedFees = 0n;
  for (const id of all) replacedFees += view.mempool.get(id)!.fee;
  for (const id of conflicts) {
    const e = view.mempool.get(id)!;
    if (newRate <= Number(e.fee) / e.record.vsize) {
      return refuse('insufficient fee', 'reject.replacementFeeRate', { rate: newRate.toFixed(2) });
    }
  }
  if (fee < replacedFees)
    return refuse('insufficient fee', 'reject.replacementFee', {
      fee: fee.toString(),
      replacedFees: replacedFees.toString(),
    });
  const relayFee = BigInt(Math.ceil(view.policy.minRelayFeeRate * size));
  if (fee - replacedFees < relayFee) {
    return refuse('insufficient fee', 'reject.replacementRelayFee', { relayFee: relayFee.toString() });
  }
  return ok([...all]);
}
