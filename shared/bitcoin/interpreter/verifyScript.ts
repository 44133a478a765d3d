/**
 * VerifyScript: scriptSig, then scriptPubKey, then the P2SH redeem script, then the witness
 * program — in the few readable steps of Core's VerifyScript and VerifyWitnessProgram. Witness v1
 * (BIP341) spends by the key path or by a tapscript leaf (BIP342). The Taproot comments cite
 * src/script/interpreter.cpp by line as Core 0.21 has it (Litecoin Core v0.21.5.5 carries the same
 * code); Core today differs only in names (TAPSCRIPT_EMPTY_PUBKEY, SCRIPTNUM).
 */
import { fail, ok, type Result } from '../../contract/result';
import { ByteWriter, type Bytes, equal } from '../bytes';
import type { SignatureChecker } from '../checker';
import { type ScriptFailure, scriptFailure } from '../errors';
import { F } from '../flags';
import { sha256 } from '../hashes';
import { isOpSuccess, OP } from '../opcodes';
import { isPayToScriptHash, isPushOnly, pushData, readOp, witnessProgram } from '../script';
import { castToBool } from '../scriptNum';
import type { SigVersion } from '../sighash';
import {
  ANNEX_TAG,
  isValidControlBlockSize,
  TAPROOT_LEAF_MASK,
  TAPROOT_LEAF_TAPSCRIPT,
  verifyTaprootCommitment,
} from '../taproot';
import type { TraceSink } from '../trace';
import { evalScript } from './evalScript';
import { MAX_SCRIPT_ELEMENT_SIZE, MAX_STACK_SIZE, VALIDATION_WEIGHT_OFFSET } from './limits';
import type { TapscriptState } from './machine';

export interface VerifyInput {
  readonly scriptSig: Bytes;
  readonly scriptPubKey: Bytes;
  readonly witness: readonly Bytes[];
  readonly flags: number;
  readonly checker: SignatureChecker;
  readonly trace?: TraceSink | undefined;
}

export type VerifyResult = Result<undefined, ScriptFailure>;

const OK: VerifyResult = Object.freeze(ok(undefined));

export function verifyScript(input: VerifyInput): VerifyResult {
  const { scriptSig, scriptPubKey, witness, flags, checker, trace } = input;
  if (flags & F.SIGPUSHONLY && !isPushOnly(scriptSig)) return fail(scriptFailure('SIG_PUSHONLY'));

  // scriptSig and scriptPubKey run one after the other on the same stack, never concatenated.
  const stack: Bytes[] = [];
  let error = evalScript(stack, scriptSig, { flags, checker, sigVersion: 'BASE', role: 'scriptSig', trace });
  if (error) return fail(error);
  const stackAfterScriptSig = flags & F.P2SH ? stack.slice() : [];
  error = evalScript(stack, scriptPubKey, { flags, checker, sigVersion: 'BASE', role: 'scriptPubKey', trace });
  if (error) return fail(error);
  if (stack.length === 0 || !castToBool(stack[stack.length - 1]!)) return fail(scriptFailure('EVAL_FALSE'));

  let hadWitness = false;
  let finalStack = stack;
  if (flags & F.WITNESS) {
    const program = witnessProgram(scriptPubKey);
    if (program) {
      hadWitness = true;
      if (scriptSig.length !== 0) return fail(scriptFailure('WITNESS_MALLEATED'));
      const r = verifyWitnessProgram(witness, program.version, program.program, flags, checker, false, trace);
      if (!r.ok) return r;
      // The witness stack is not this stack: skip the CLEANSTACK check below.
      finalStack = [stack[0]!];
    }
  }

  if (flags & F.P2SH && isPayToScriptHash(scriptPubKey)) {
    if (!isPushOnly(scriptSig)) return fail(scriptFailure('SIG_PUSHONLY'));
    const p2shStack = stackAfterScriptSig;
    const redeemScript = p2shStack.pop()!;
    error = evalScript(p2shStack, redeemScript, { flags, checker, sigVersion: 'BASE', role: 'redeemScript', trace });
    if (error) return fail(error);
    if (p2shStack.length === 0 || !castToBool(p2shStack[p2shStack.length - 1]!))
      return fail(scriptFailure('EVAL_FALSE'));
    finalStack = p2shStack;
    if (flags & F.WITNESS) {
      const program = witnessProgram(redeemScript);
      if (program) {
        hadWitness = true;
        // Exactly one push of the redeem script, or the scriptSig would be malleable.
        if (!equal(scriptSig, pushData(redeemScript))) return fail(scriptFailure('WITNESS_MALLEATED_P2SH'));
        const r = verifyWitnessProgram(witness, program.version, program.program, flags, checker, true, trace);
        if (!r.ok) return r;
        finalStack = [p2shStack[0]!];
      }
    }
  }

  // Only now: before P2SH/witness evaluation the stack is legitimately unclean.
  if (flags & F.CLEANSTACK && finalStack.length !== 1) return fail(scriptFailure('CLEANSTACK'));
  if (flags & F.WITNESS && !hadWitness && witness.length > 0) return fail(scriptFailure('WITNESS_UNEXPECTED'));
  return OK;
}

function verifyWitnessProgram(
  witness: readonly Bytes[],
  version: number,
  program: Bytes,
  flags: number,
  checker: SignatureChecker,
  isP2sh: boolean,
  trace: TraceSink | undefined,
): VerifyResult {
  if (version === 0) {
    if (program.length === 32) {
      if (witness.length === 0) return fail(scriptFailure('WITNESS_PROGRAM_WITNESS_EMPTY'));
      const witnessScript = witness[witness.length - 1]!;
      if (!equal(sha256(witnessScript), program)) return fail(scriptFailure('WITNESS_PROGRAM_MISMATCH'));
      return executeWitnessScript(witness.slice(0, -1), witnessScript, flags, checker, 'WITNESS_V0', trace);
    }
    if (program.length === 20) {
      if (witness.length !== 2) return fail(scriptFailure('WITNESS_PROGRAM_MISMATCH'));
      const scriptCode = Uint8Array.of(OP.OP_DUP, OP.OP_HASH160, 20, ...program, OP.OP_EQUALVERIFY, OP.OP_CHECKSIG);
      return executeWitnessScript(witness.slice(), scriptCode, flags, checker, 'WITNESS_V0', trace);
    }
    return fail(scriptFailure('WITNESS_PROGRAM_WRONG_LENGTH'));
  }
  if (version === 1 && program.length === 32 && !isP2sh) {
    // Before Taproot these outputs are anyone-can-spend.
    if (!(flags & F.TAPROOT)) return OK;
    return verifyTaproot(witness, program, flags, checker, trace);
  }
  if (flags & F.DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM)
    return fail(scriptFailure('DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM'));
  // Unknown versions and sizes succeed, so that future soft forks can give them meaning.
  return OK;
}

/** The serialized size of a witness stack (Core's GetSerializeSize(witness.stack)). */
function witnessSize(witness: readonly Bytes[]): number {
  const compactSize = (n: number): number => (n < 0xfd ? 1 : n <= 0xffff ? 3 : 5);
  let size = compactSize(witness.length);
  for (const item of witness) size += compactSize(item.length) + item.length;
  return size;
}

/** BIP341 (Core's VerifyWitnessProgram, witness v1 branch, interpreter.cpp:1885). */
function verifyTaproot(
  witness: readonly Bytes[],
  program: Bytes,
  flags: number,
  checker: SignatureChecker,
  trace: TraceSink | undefined,
): VerifyResult {
  const stack = witness.slice();
  if (stack.length === 0) return fail(scriptFailure('WITNESS_PROGRAM_WITNESS_EMPTY'));
  // With two or more items, a last one starting 0x50 is the annex: signed, otherwise ignored.
  let annexHash: Bytes | undefined;
  const last = stack[stack.length - 1]!;
  if (stack.length >= 2 && last.length > 0 && last[0] === ANNEX_TAG) {
    annexHash = sha256(new ByteWriter(last.length + 9).varBytes(last).finish());
    stack.pop();
  }
  if (stack.length === 1) {
    // Key path: one signature for the output key itself.
    const r = checker.checkSchnorrSignature(stack[0]!, program, 'TAPROOT', { annexHash });
    return r.valid ? OK : fail(scriptFailure(r.error ?? 'SCHNORR_SIG'));
  }
  // Script path: ... script, control block.
  const control = stack.pop()!;
  const script = stack.pop()!;
  if (!isValidControlBlockSize(control.length)) return fail(scriptFailure('TAPROOT_WRONG_CONTROL_SIZE'));
  const tapleafHash = verifyTaprootCommitment(control, program, script);
  if (!tapleafHash) return fail(scriptFailure('WITNESS_PROGRAM_MISMATCH'));
  if ((control[0]! & TAPROOT_LEAF_MASK) === TAPROOT_LEAF_TAPSCRIPT) {
    // The budget counts the whole witness: annex, script and control block included.
    const tapscript: TapscriptState = {
      tapleafHash,
      annexHash,
      codeSeparatorPos: 0xffffffff,
      weightLeft: witnessSize(witness) + VALIDATION_WEIGHT_OFFSET,
    };
    return executeWitnessScript(stack, script, flags, checker, 'TAPSCRIPT', trace, tapscript);
  }
  // An unknown leaf version: anyone can spend it, until a soft fork gives it meaning.
  if (flags & F.DISCOURAGE_UPGRADABLE_TAPROOT_VERSION)
    return fail(scriptFailure('DISCOURAGE_UPGRADABLE_TAPROOT_VERSION'));
  return OK;
}

/**
 * Before a tapscript runs (Core's ExecuteWitnessScript, interpreter.cpp:1798): any OP_SUCCESSx
 * makes it succeed, even past pushes that would fail, unless a push before it cannot be decoded.
 */
function tapscriptPrescan(script: Bytes, flags: number): VerifyResult | undefined {
  let pc = 0;
  while (pc < script.length) {
    const r = readOp(script, pc);
    if (!r.ok) return fail(scriptFailure('BAD_OPCODE'));
    if (isOpSuccess(r.value.opcode)) {
      return flags & F.DISCOURAGE_OP_SUCCESS ? fail(scriptFailure('DISCOURAGE_OP_SUCCESS')) : OK;
    }
    pc = r.value.end;
  }
  return undefined;
}

function executeWitnessScript(
  stack: Bytes[],
  script: Bytes,
  flags: number,
  checker: SignatureChecker,
  sigVersion: SigVersion,
  trace: TraceSink | undefined,
  tapscript?: TapscriptState,
): VerifyResult {
  if (sigVersion === 'TAPSCRIPT') {
    const early = tapscriptPrescan(script, flags);
    if (early) return early;
    // The initial stack is limited too (the altstack is empty here).
    if (stack.length > MAX_STACK_SIZE) return fail(scriptFailure('STACK_SIZE'));
  }
  for (const item of stack) if (item.length > MAX_SCRIPT_ELEMENT_SIZE) return fail(scriptFailure('PUSH_SIZE'));
  const role = sigVersion === 'TAPSCRIPT' ? 'tapscript' : 'witnessScript';
  const error = evalScript(stack, script, { flags, checker, sigVersion, role, trace, tapscript });
  if (error) return fail(error);
  // Witness scripts always require a clean stack.
  if (stack.length !== 1) return fail(scriptFailure('CLEANSTACK'));
  if (!castToBool(stack[0]!)) return fail(scriptFailure('EVAL_FALSE'));
  return OK;
}
