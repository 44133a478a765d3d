/**
 * VerifyScript: scriptSig, then scriptPubKey, then the P2SH redeem script, then the witness
 * program — in the few readable steps of Core's VerifyScript and VerifyWitnessProgram.
 */
import { fail, ok, type Result } from '../../contract/result';
import { type Bytes, equal } from '../bytes';
import type { SignatureChecker } from '../checker';
import { type ScriptFailure, scriptFailure } from '../errors';
import { F } from '../flags';
import { sha256 } from '../hashes';
import { OP } from '../opcodes';
import { isPayToScriptHash, isPushOnly, pushData, witnessProgram } from '../script';
import { castToBool } from '../scriptNum';
import type { SigVersion } from '../sighash';
import type { TraceSink } from '../trace';
import { evalScript } from './evalScript';
import { MAX_SCRIPT_ELEMENT_SIZE } from './limits';

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
    // Before Taproot these outputs are anyone-can-spend; with it, TxLab cannot judge them.
    return flags & F.TAPROOT ? fail(scriptFailure('TAPROOT_UNSUPPORTED')) : OK;
  }
  if (flags & F.DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM)
    return fail(scriptFailure('DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM'));
  // Unknown versions and sizes succeed, so that future soft forks can give them meaning.
  return OK;
}

function executeWitnessScript(
  stack: Bytes[],
  script: Bytes,
  flags: number,
  checker: SignatureChecker,
  sigVersion: SigVersion,
  trace: TraceSink | undefined,
): VerifyResult {
  for (const item of stack) if (item.length > MAX_SCRIPT_ELEMENT_SIZE) return fail(scriptFailure('PUSH_SIZE'));
  const error = evalScript(stack, script, { flags, checker, sigVersion, role: 'witnessScript', trace });
  if (error) return fail(error);
  // Witness scripts always require a clean stack.
  if (stack.length !== 1) return fail(scriptFailure('CLEANSTACK'));
  if (!castToBool(stack[0]!)) return fail(scriptFailure('EVAL_FALSE'));
  return OK;
}
