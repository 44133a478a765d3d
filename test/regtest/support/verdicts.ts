/**
 * Verdicts on both sides and how they line up: the engine's (`verifyAllInputs` with the node's
 * policy flags) and the node's `testmempoolaccept` reject reason, mapped back to Core's script
 * error names through the error texts.
 */
import { SCRIPT_ERROR_MESSAGES, type ScriptErrorCode } from '../../../shared/bitcoin/errors';
import { F, TAPROOT_STANDARD_FLAGS } from '../../../shared/bitcoin/flags';
import { verifyAllInputs, verifyInput } from '../../../shared/bitcoin/transaction';
import type { Prevout, TxLike } from '../../../shared/bitcoin/txTypes';
import { LTC_REGTEST } from '../../../shared/chain/profiles';

/** The flags of a block at `height`, from the activation heights the node reports (GetBlockScriptFlags). */
export interface ForkHeights {
  readonly segwit: number;
  readonly bip66: number;
  readonly bip65: number;
  readonly csv: number;
  /** Taproot (BIP9, ALWAYS_ACTIVE on Litecoin regtest: height 0). */
  readonly taproot: number;
}

/** The node is litecoind: its interpreter's own error names (docs/litecoin-rules.md) ride on every flag set. */
const NODE_INTERPRETER = LTC_REGTEST.rules.interpreterFlags;

export function consensusFlagsAt(height: number, forks: ForkHeights): number {
  let flags = F.P2SH | NODE_INTERPRETER;
  if (height >= forks.segwit) flags |= F.WITNESS | F.NULLDUMMY;
  if (height >= forks.bip66) flags |= F.DERSIG;
  if (height >= forks.bip65) flags |= F.CHECKLOCKTIMEVERIFY;
  if (height >= forks.csv) flags |= F.CHECKSEQUENCEVERIFY;
  if (height >= forks.taproot) flags |= F.TAPROOT;
  return flags;
}

/**
 * Core 0.21's STANDARD_SCRIPT_VERIFY_FLAGS, Taproot's included. IsStandardTx rejects non-push-only
 * scriptSigs before any script runs; SIGPUSHONLY is the engine's name for it.
 */
export const ENGINE_POLICY_FLAGS = TAPROOT_STANDARD_FLAGS | F.SIGPUSHONLY | NODE_INTERPRETER;

/**
 * Core 0.21 (and Litecoin Core 0.21) policy.h: MANDATORY_SCRIPT_VERIFY_FLAGS is P2SH alone. A
 * failure that passes with these flags is reported as "non-mandatory-script-verify-flag".
 */
export const NODE_MANDATORY_FLAGS = F.P2SH | NODE_INTERPRETER;

export type EngineVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: ScriptErrorCode; readonly input: number; readonly mandatory: boolean };

/** `flags`: the policy flags for testmempoolaccept, the block's consensus flags for generateblock. */
export function engineVerdict(tx: TxLike, prevouts: readonly Prevout[], flags: number): EngineVerdict {
  const all = verifyAllInputs(tx, prevouts, flags);
  const input = all.inputs.findIndex((v) => !v.ok);
  if (input < 0 || !all.firstError) return { ok: true };
  const mandatory = !verifyInput(tx, input, prevouts[input]!, NODE_MANDATORY_FLAGS).ok;
  return { ok: false, code: all.firstError.code, input, mandatory };
}

export type NodeVerdict =
  | { readonly kind: 'accepted' }
  | {
      readonly kind: 'script';
      readonly mandatory: boolean;
      readonly text: string;
      readonly code: ScriptErrorCode | undefined;
    }
  | { readonly kind: 'not-push-only' }
  /** Anything that is not about scripts (fees, dust, finality…): the generator's fault, not a verdict. */
  | { readonly kind: 'other'; readonly reason: string };

const CODE_BY_TEXT: ReadonlyMap<string, ScriptErrorCode> = new Map(
  (Object.entries(SCRIPT_ERROR_MESSAGES) as [ScriptErrorCode, string][]).map(([code, text]) => [text, code]),
);

const SCRIPT_REASON = /^(non-mandatory-script-verify-flag|mandatory-script-verify-flag-failed) \((.*)\)$/;

/**
 * `reason`: testmempoolaccept's reject-reason, or generateblock's error with its
 * "TestBlockValidity failed: " prefix removed.
 */
export function nodeVerdict(allowed: boolean, reason: string | undefined): NodeVerdict {
  if (allowed) return { kind: 'accepted' };
  const text = reason ?? '';
  if (text === 'scriptsig-not-pushonly') return { kind: 'not-push-only' };
  const m = SCRIPT_REASON.exec(text);
  if (!m) return { kind: 'other', reason: text };
  return {
    kind: 'script',
    mandatory: m[1] === 'mandatory-script-verify-flag-failed',
    text: m[2]!,
    code: CODE_BY_TEXT.get(m[2]!),
  };
}

export interface Comparison {
  /** Both accept, or both reject. */
  readonly verdictAgrees: boolean;
  /** Same script error and the same mandatory/non-mandatory class (undefined when there is no reason to compare). */
  readonly reasonAgrees: boolean | undefined;
  readonly engine: string;
  readonly node: string;
}

export function describeEngine(v: EngineVerdict): string {
  return v.ok ? 'valid' : `${v.code} (input ${v.input}, ${v.mandatory ? 'mandatory' : 'non-mandatory'})`;
}

export function describeNode(v: NodeVerdict): string {
  switch (v.kind) {
    case 'accepted':
      return 'accepted';
    case 'not-push-only':
      return 'scriptsig-not-pushonly';
    case 'script':
      return `${v.code ?? '?'} ("${v.text}", ${v.mandatory ? 'mandatory' : 'non-mandatory'})`;
    case 'other':
      return `other: ${v.reason}`;
  }
}

export function compare(engine: EngineVerdict, node: NodeVerdict): Comparison {
  const described = { engine: describeEngine(engine), node: describeNode(node) };
  if (node.kind === 'other') return { verdictAgrees: false, reasonAgrees: undefined, ...described };
  const nodeOk = node.kind === 'accepted';
  if (engine.ok || nodeOk) return { verdictAgrees: engine.ok === nodeOk, reasonAgrees: undefined, ...described };
  const reasonAgrees =
    node.kind === 'not-push-only'
      ? engine.code === 'SIG_PUSHONLY'
      : engine.code === node.code && engine.mandatory === node.mandatory;
  return { verdictAgrees: true, reasonAgrees, ...described };
}
