/**
 * EvalScript: runs one script on one stack, as Core's interpreter does for legacy, SegWit v0 and
 * tapscript (BIP342) scripts. Opcode families live in their own modules; this file is the loop, flow control,
 * pushes, hashes, locktimes and limits. Tracing costs nothing unless a sink is passed.
 */
import type { Bytes } from '../bytes';
import type { SignatureChecker } from '../checker';
import { SEQUENCE_LOCKTIME_DISABLE_FLAG } from '../checker';
import { type ScriptErrorCode, type ScriptFailure, type ScriptRole, scriptFailure } from '../errors';
import { F, ERRORS_AS_CORE_0_21 } from '../flags';
import { hash160, hash256, ripemd160, sha1, sha256 } from '../hashes';
import { DISABLED_OPCODES, OP } from '../opcodes';
import { isMinimalPush, readOp } from '../script';
import { castToBool, encodeScriptNum } from '../scriptNum';
import type { SigVersion } from '../sighash';
import type { TraceSink } from '../trace';
import { arithmeticOp } from './arithmetic';
import { MAX_OPS_PER_SCRIPT, MAX_SCRIPT_ELEMENT_SIZE, MAX_SCRIPT_SIZE, MAX_STACK_SIZE } from './limits';
import { halt, type Machine, need, num, pop, ScriptHalt, type TapscriptState, top } from './machine';
import { signatureOp } from './signatureOps';
import { stackOp } from './stackOps';

export interface EvalContext {
  readonly flags: number;
  readonly checker: SignatureChecker;
  readonly sigVersion: SigVersion;
  readonly role: ScriptRole;
  readonly trace?: TraceSink | undefined;
  /** Required for SigVersion TAPSCRIPT. */
  readonly tapscript?: TapscriptState | undefined;
}

const HASHES: ReadonlyMap<number, (data: Bytes) => Bytes> = new Map([
  [OP.OP_RIPEMD160, ripemd160],
  [OP.OP_SHA1, sha1],
  [OP.OP_SHA256, sha256],
  [OP.OP_HASH160, hash160],
  [OP.OP_HASH256, hash256],
]);

/** Runs `script` on `stack` (mutated in place). Returns undefined on success. */
export function evalScript(stack: Bytes[], script: Bytes, ctx: EvalContext): ScriptFailure | undefined {
  const m: Machine = {
    stack,
    altStack: [],
    conditions: [],
    falseCount: 0,
    opCount: 0,
    codeStart: 0,
    script,
    flags: ctx.flags,
    requireMinimal: (ctx.flags & F.MINIMALDATA) !== 0,
    sigVersion: ctx.sigVersion,
    checker: ctx.checker,
    opPosition: 0,
    tapscript: ctx.tapscript,
    sigTrace: undefined,
  };
  const legacyLimits = ctx.sigVersion === 'BASE' || ctx.sigVersion === 'WITNESS_V0';
  const trace = ctx.trace;
  trace?.phase({ role: ctx.role, script, initialStack: stack.slice() });
  // Tapscript has no script size limit and no opcode limit (BIP342); its budget is the weight.
  if (legacyLimits && script.length > MAX_SCRIPT_SIZE)
    return scriptFailure('SCRIPT_SIZE', { script: ctx.role, offset: 0, opcode: -1 });

  let pc = 0;
  while (pc < script.length) {
    const offset = pc;
    const executing = m.falseCount === 0;
    let opcode = -1;
    let pushed: Bytes | undefined;
    if (trace) m.sigTrace = [];
    try {
      const r = readOp(script, pc);
      if (!r.ok) halt('BAD_OPCODE');
      opcode = r.value.opcode;
      pushed = r.value.data;
      pc = r.value.end;
      step(m, opcode, pushed, executing, pc, legacyLimits);
    } catch (e) {
      if (!(e instanceof ScriptHalt)) throw e;
      trace?.step(snapshot(m, ctx.role, offset, opcode, pushed, executing, e.code));
      return scriptFailure(e.code, { script: ctx.role, offset, opcode });
    }
    trace?.step(snapshot(m, ctx.role, offset, opcode, pushed, executing, undefined));
    m.opPosition++;
  }
  if (m.conditions.length > 0)
    return scriptFailure('UNBALANCED_CONDITIONAL', { script: ctx.role, offset: script.length, opcode: -1 });
  return undefined;
}

function snapshot(
  m: Machine,
  role: ScriptRole,
  offset: number,
  opcode: number,
  pushData: Bytes | undefined,
  executed: boolean,
  error: ScriptErrorCode | undefined,
) {
  return {
    role,
    offset,
    opcode,
    executed,
    stack: m.stack.slice(),
    altStack: m.altStack.slice(),
    conditions: m.conditions.slice(),
    ...(pushData ? { pushData } : {}),
    ...(m.sigTrace && m.sigTrace.length > 0 ? { signatureChecks: m.sigTrace } : {}),
    ...(m.tapscript ? { validationWeightLeft: m.tapscript.weightLeft } : {}),
    ...(error ? { error } : {}),
  };
}

/** One operation. `next` is the offset just past it (OP_CODESEPARATOR needs it). */
function step(
  m: Machine,
  opcode: number,
  pushed: Bytes | undefined,
  executing: boolean,
  next: number,
  legacyLimits: boolean,
): void {
  if (pushed && pushed.length > MAX_SCRIPT_ELEMENT_SIZE) halt('PUSH_SIZE');
  // Every non-push opcode counts toward the limit, executed or not (not in tapscript).
  if (legacyLimits && opcode > OP.OP_16 && ++m.opCount > MAX_OPS_PER_SCRIPT) halt('OP_COUNT');
  if (DISABLED_OPCODES.has(opcode)) halt('DISABLED_OPCODE');
  if (opcode === OP.OP_CODESEPARATOR && m.sigVersion === 'BASE' && m.flags & F.CONST_SCRIPTCODE)
    halt('OP_CODESEPARATOR');

  if (executing && opcode <= OP.OP_PUSHDATA4) {
    if (m.requireMinimal && !isMinimalPush(pushed!, opcode)) halt('MINIMALDATA');
    m.stack.push(pushed!);
  } else if (executing || (opcode >= OP.OP_IF && opcode <= OP.OP_ENDIF)) {
    if (!flowOp(m, opcode, executing) && !stackOp(m, opcode) && !arithmeticOp(m, opcode) && !signatureOp(m, opcode)) {
      otherOp(m, opcode, next);
    }
  }
  if (m.stack.length + m.altStack.length > MAX_STACK_SIZE) halt('STACK_SIZE');
}

/** OP_IF, OP_NOTIF, OP_ELSE, OP_ENDIF, OP_VERIFY, OP_RETURN. */
function flowOp(m: Machine, opcode: number, executing: boolean): boolean {
  switch (opcode) {
    case OP.OP_IF:
    case OP.OP_NOTIF: {
      let value = false;
      if (executing) {
        if (m.stack.length < 1)
          halt(m.flags & ERRORS_AS_CORE_0_21 ? 'UNBALANCED_CONDITIONAL' : 'INVALID_STACK_OPERATION');
        const condition = top(m);
        // Tapscript: exactly empty or exactly 0x01, as consensus (interpreter.cpp:638).
        if (m.sigVersion === 'TAPSCRIPT') {
          if (condition.length > 1 || (condition.length === 1 && condition[0] !== 1)) halt('TAPSCRIPT_MINIMALIF');
        }
        if (m.sigVersion === 'WITNESS_V0' && m.flags & F.MINIMALIF) {
          if (condition.length > 1 || (condition.length === 1 && condition[0] !== 1)) halt('MINIMALIF');
        }
        value = castToBool(condition);
        if (opcode === OP.OP_NOTIF) value = !value;
        m.stack.pop();
      }
      m.conditions.push(value);
      if (!value) m.falseCount++;
      return true;
    }
    case OP.OP_ELSE: {
      if (m.conditions.length === 0) halt('UNBALANCED_CONDITIONAL');
      const last = m.conditions.length - 1;
      const value = m.conditions[last]!;
      m.conditions[last] = !value;
      m.falseCount += value ? 1 : -1;
      return true;
    }
    case OP.OP_ENDIF: {
      if (m.conditions.length === 0) halt('UNBALANCED_CONDITIONAL');
      if (!m.conditions.pop()) m.falseCount--;
      return true;
    }
    case OP.OP_VERIFY:
      need(m, 1);
      if (!castToBool(top(m))) halt('VERIFY');
      m.stack.pop();
      return true;
    case OP.OP_RETURN:
      return halt('OP_RETURN');
    default:
      return false;
  }
}

/** Small numbers, NOPs, locktimes, hashes, OP_CODESEPARATOR; anything else is a bad opcode. */
function otherOp(m: Machine, opcode: number, next: number): void {
  if (opcode === OP.OP_1NEGATE || (opcode >= OP.OP_1 && opcode <= OP.OP_16)) {
    m.stack.push(encodeScriptNum(opcode - (OP.OP_1 - 1)));
    return;
  }
  const hash = HASHES.get(opcode);
  if (hash) {
    m.stack.push(hash(pop(m)));
    return;
  }
  switch (opcode) {
    case OP.OP_NOP:
      return;
    case OP.OP_CHECKLOCKTIMEVERIFY: {
      if (!(m.flags & F.CHECKLOCKTIMEVERIFY)) return; // not enabled: OP_NOP2
      need(m, 1);
      // 5-byte operands: lock times up to 2^39-1 compare correctly against the 32-bit field.
      const lockTime = num(m, top(m), 5);
      if (lockTime < 0) halt('NEGATIVE_LOCKTIME');
      if (!m.checker.checkLockTime(lockTime)) halt('UNSATISFIED_LOCKTIME');
      return;
    }
    case OP.OP_CHECKSEQUENCEVERIFY: {
      if (!(m.flags & F.CHECKSEQUENCEVERIFY)) return; // not enabled: OP_NOP3
      need(m, 1);
      const sequence = num(m, top(m), 5);
      if (sequence < 0) halt('NEGATIVE_LOCKTIME');
      // With the disable flag set the operand is not a relative lock: CSV behaves as a NOP.
      if ((sequence % 0x1_0000_0000) & SEQUENCE_LOCKTIME_DISABLE_FLAG) return;
      if (!m.checker.checkSequence(sequence)) halt('UNSATISFIED_LOCKTIME');
      return;
    }
    case OP.OP_NOP1:
    case OP.OP_NOP4:
    case OP.OP_NOP5:
    case OP.OP_NOP6:
    case OP.OP_NOP7:
    case OP.OP_NOP8:
    case OP.OP_NOP9:
    case OP.OP_NOP10:
      if (m.flags & F.DISCOURAGE_UPGRADABLE_NOPS) halt('DISCOURAGE_UPGRADABLE_NOPS');
      return;
    case OP.OP_CODESEPARATOR:
      m.codeStart = next;
      // BIP342 signs the opcode position of the last executed separator, not a script suffix.
      if (m.tapscript) m.tapscript.codeSeparatorPos = m.opPosition;
      return;
    default:
      halt('BAD_OPCODE');
  }
}
