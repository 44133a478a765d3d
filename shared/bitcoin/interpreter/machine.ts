/** The state EvalScript works on, and the small helpers every opcode family shares. */
import type { Bytes } from '../bytes';
import type { SignatureChecker } from '../checker';
import type { ScriptErrorCode } from '../errors';
import { ERRORS_AS_CORE_0_21 } from '../flags';
import { decodeScriptNum, ScriptNumError } from '../scriptNum';
import type { SigVersion, TaprootSpendData } from '../sighash';
import type { SignatureCheckTrace } from '../trace';

const TRUE: Bytes = Uint8Array.of(1);
const FALSE: Bytes = new Uint8Array(0);

/**
 * What a tapscript's signature checks share (Core's ScriptExecutionData): the leaf, the annex, the
 * last executed OP_CODESEPARATOR's opcode position and the validation weight left. Mutable: the
 * budget is spent across the whole script.
 */
export interface TapscriptState {
  readonly tapleafHash: Bytes;
  readonly annexHash: Bytes | undefined;
  codeSeparatorPos: number;
  weightLeft: number;
}

/** The signature message data of a tapscript signature check now. */
export function tapscriptSpendData(t: TapscriptState): TaprootSpendData {
  return { annexHash: t.annexHash, tapleafHash: t.tapleafHash, codeSeparatorPos: t.codeSeparatorPos };
}

export interface Machine {
  readonly stack: Bytes[];
  readonly altStack: Bytes[];
  /** Core's ConditionStack: one entry per open IF; `falseCount` makes "all true" O(1). */
  readonly conditions: boolean[];
  falseCount: number;
  opCount: number;
  /** Start of the scriptCode for signature checks (just past the last OP_CODESEPARATOR). */
  codeStart: number;
  readonly script: Bytes;
  readonly flags: number;
  readonly requireMinimal: boolean;
  readonly sigVersion: SigVersion;
  readonly checker: SignatureChecker;
  /** Index of the operation being run, pushes included (BIP342's codesep_pos counts this way). */
  opPosition: number;
  /** Present for SigVersion TAPSCRIPT only. */
  readonly tapscript: TapscriptState | undefined;
  /** Signature checks of the current step, collected only when tracing. */
  sigTrace: SignatureCheckTrace[] | undefined;
}

/** Thrown inside opcode handlers to stop the script; EvalScript turns it into a result. */
export class ScriptHalt extends Error {
  constructor(readonly code: ScriptErrorCode) {
    super(code);
  }
}

export function halt(code: ScriptErrorCode): never {
  throw new ScriptHalt(code);
}

/** stacktop(-n): the n-th element from the top (n ≥ 1). */
export function top(m: Machine, n = 1): Bytes {
  return m.stack[m.stack.length - n]!;
}

export function need(m: Machine, count: number): void {
  if (m.stack.length < count) halt('INVALID_STACK_OPERATION');
}

export function pop(m: Machine): Bytes {
  if (m.stack.length === 0) halt('INVALID_STACK_OPERATION');
  return m.stack.pop()!;
}

export function num(m: Machine, bytes: Bytes, maxSize = 4): number {
  try {
    return decodeScriptNum(bytes, m.requireMinimal, maxSize);
  } catch (e) {
    if (e instanceof ScriptNumError) halt(m.flags & ERRORS_AS_CORE_0_21 ? 'UNKNOWN_ERROR' : 'SCRIPTNUM');
    throw e;
  }
}

export function bool(value: boolean): Bytes {
  return value ? TRUE : FALSE;
}
