/**
 * OP_CHECKSIG(VERIFY) and OP_CHECKMULTISIG(VERIFY) for legacy and SegWit v0 scripts; in tapscript
 * (BIP342) OP_CHECKSIG(VERIFY) and OP_CHECKSIGADD over Schnorr signatures, and no CHECKMULTISIG.
 */
import type { Bytes } from '../bytes';
import { ERRORS_AS_CORE_0_21, F } from '../flags';
import { OP } from '../opcodes';
import { findAndDelete, pushData } from '../script';
import { clampToInt32, encodeScriptNum } from '../scriptNum';
import {
  hasLowS,
  isCompressedOrUncompressedPubKey,
  isCompressedPubKey,
  isDefinedHashtypeSignature,
  isValidSignatureEncoding,
} from '../signatureEncoding';
import { MAX_OPS_PER_SCRIPT, MAX_PUBKEYS_PER_MULTISIG, VALIDATION_WEIGHT_PER_SIGOP_PASSED } from './limits';
import { bool, halt, type Machine, need, num, tapscriptSpendData, top } from './machine';

/** Core's CheckSignatureEncoding: an empty signature is always allowed (a deliberate failure). */
function checkSignatureEncoding(sig: Bytes, flags: number): void {
  if (sig.length === 0) return;
  if (flags & (F.DERSIG | F.LOW_S | F.STRICTENC) && !isValidSignatureEncoding(sig)) halt('SIG_DER');
  if (flags & F.LOW_S && !hasLowS(sig.subarray(0, sig.length - 1))) halt('SIG_HIGH_S');
  if (flags & F.STRICTENC && !isDefinedHashtypeSignature(sig)) halt('SIG_HASHTYPE');
}

function checkPubKeyEncoding(key: Bytes, m: Machine): void {
  if (m.flags & F.STRICTENC && !isCompressedOrUncompressedPubKey(key)) halt('PUBKEYTYPE');
  if (m.flags & F.WITNESS_PUBKEYTYPE && m.sigVersion === 'WITNESS_V0' && !isCompressedPubKey(key))
    halt('WITNESS_PUBKEYTYPE');
}

/** The script being signed: from the last OP_CODESEPARATOR on, signatures removed in legacy scripts. */
function scriptCodeFor(m: Machine, signatures: readonly Bytes[]): Bytes {
  let code = m.script.subarray(m.codeStart);
  if (m.sigVersion !== 'BASE') return code;
  for (const sig of signatures) {
    const r = findAndDelete(code, pushData(sig));
    if (r.found > 0 && m.flags & F.CONST_SCRIPTCODE) halt('SIG_FINDANDDELETE');
    code = r.script;
  }
  return code;
}

function checkOne(m: Machine, sig: Bytes, pubKey: Bytes, scriptCode: Bytes): boolean {
  checkSignatureEncoding(sig, m.flags);
  checkPubKeyEncoding(pubKey, m);
  const result = m.checker.checkEcdsaSignature(sig, pubKey, scriptCode, m.sigVersion);
  m.sigTrace?.push({
    signature: sig,
    pubKey,
    sigVersion: m.sigVersion,
    scriptCode,
    valid: result.valid,
    ...(result.sighash
      ? { hashType: result.sighash.hashType, preimage: result.sighash.preimage, digest: result.sighash.digest }
      : {}),
  });
  return result.valid;
}

/**
 * Core's EvalChecksigTapscript (interpreter.cpp:371). The order is consensus: an empty signature
 * is a failed check that does not stop the script, but it still needs a non-empty key; every
 * non-empty signature spends budget first, even one for an unknown key type; a non-empty
 * signature that does not verify fails the script (no NULLFAIL needed).
 */
function checkTapscript(m: Machine, sig: Bytes, pubKey: Bytes): boolean {
  const t = m.tapscript!;
  const success = sig.length > 0;
  if (success) {
    t.weightLeft -= VALIDATION_WEIGHT_PER_SIGOP_PASSED;
    if (t.weightLeft < 0) halt('TAPSCRIPT_VALIDATION_WEIGHT');
  }
  // Core 0.21 (and Litecoin Core 0.21) named this failure PUBKEYTYPE.
  if (pubKey.length === 0) halt(m.flags & ERRORS_AS_CORE_0_21 ? 'PUBKEYTYPE' : 'TAPSCRIPT_EMPTY_PUBKEY');
  if (pubKey.length === 32) {
    if (!success) {
      m.sigTrace?.push({ signature: sig, pubKey, sigVersion: 'TAPSCRIPT', scriptCode: m.script, valid: false });
      return false;
    }
    const result = m.checker.checkSchnorrSignature(sig, pubKey, 'TAPSCRIPT', tapscriptSpendData(t));
    m.sigTrace?.push({
      signature: sig,
      pubKey,
      sigVersion: 'TAPSCRIPT',
      scriptCode: m.script,
      valid: result.valid,
      ...(result.sighash
        ? { hashType: result.sighash.hashType, preimage: result.sighash.preimage, digest: result.sighash.digest }
        : {}),
    });
    if (!result.valid) halt(result.error ?? 'SCHNORR_SIG');
    return true;
  }
  // Another key size: an upgradable key type, a success for now (policy discourages it).
  if (m.flags & F.DISCOURAGE_UPGRADABLE_PUBKEYTYPE) halt('DISCOURAGE_UPGRADABLE_PUBKEYTYPE');
  return success;
}

function tapscriptSignatureOp(m: Machine, opcode: number): boolean {
  const s = m.stack;
  switch (opcode) {
    case OP.OP_CHECKSIG:
    case OP.OP_CHECKSIGVERIFY: {
      need(m, 2);
      const ok = checkTapscript(m, top(m, 2), top(m, 1));
      s.length -= 2;
      s.push(bool(ok));
      if (opcode === OP.OP_CHECKSIGVERIFY) {
        if (!ok) halt('CHECKSIGVERIFY');
        s.pop();
      }
      return true;
    }
    case OP.OP_CHECKSIGADD: {
      // (sig n pubkey -- n+success)
      need(m, 3);
      const sig = top(m, 3);
      const n = num(m, top(m, 2));
      const ok = checkTapscript(m, sig, top(m, 1));
      s.length -= 3;
      s.push(encodeScriptNum(n + (ok ? 1 : 0)));
      return true;
    }
    case OP.OP_CHECKMULTISIG:
    case OP.OP_CHECKMULTISIGVERIFY:
      return halt('TAPSCRIPT_CHECKMULTISIG');
    default:
      return false;
  }
}

export function signatureOp(m: Machine, opcode: number): boolean {
  if (m.sigVersion === 'TAPSCRIPT') return tapscriptSignatureOp(m, opcode);
  const s = m.stack;
  switch (opcode) {
    case OP.OP_CHECKSIG:
    case OP.OP_CHECKSIGVERIFY: {
      need(m, 2);
      const sig = top(m, 2);
      const pubKey = top(m, 1);
      const scriptCode = scriptCodeFor(m, [sig]);
      const ok = checkOne(m, sig, pubKey, scriptCode);
      if (!ok && m.flags & F.NULLFAIL && sig.length > 0) halt('NULLFAIL');
      s.length -= 2;
      s.push(bool(ok));
      if (opcode === OP.OP_CHECKSIGVERIFY) {
        if (!ok) halt('CHECKSIGVERIFY');
        s.pop();
      }
      return true;
    }
    case OP.OP_CHECKMULTISIG:
    case OP.OP_CHECKMULTISIGVERIFY:
      checkMultisig(m, opcode === OP.OP_CHECKMULTISIGVERIFY);
      return true;
    default:
      return false;
  }
}

function checkMultisig(m: Machine, verify: boolean): void {
  const s = m.stack;
  let i = 1;
  need(m, i);
  let keysCount = clampToInt32(num(m, top(m, i)));
  if (keysCount < 0 || keysCount > MAX_PUBKEYS_PER_MULTISIG) halt('PUBKEY_COUNT');
  m.opCount += keysCount;
  if (m.opCount > MAX_OPS_PER_SCRIPT) halt('OP_COUNT');
  let ikey = ++i;
  // ikey2 is the position of the last non-signature item; NULLFAIL applies only to signatures.
  let ikey2 = keysCount + 2;
  i += keysCount;
  need(m, i);
  let sigsCount = clampToInt32(num(m, top(m, i)));
  if (sigsCount < 0 || sigsCount > keysCount) halt('SIG_COUNT');
  let isig = ++i;
  i += sigsCount;
  need(m, i);

  const signatures: Bytes[] = [];
  for (let k = 0; k < sigsCount; k++) signatures.push(top(m, isig + k));
  const scriptCode = scriptCodeFor(m, signatures);

  let success = true;
  while (success && sigsCount > 0) {
    const sig = top(m, isig);
    const pubKey = top(m, ikey);
    if (checkOne(m, sig, pubKey, scriptCode)) {
      isig++;
      sigsCount--;
    }
    ikey++;
    keysCount--;
    // More signatures left than keys: it can only fail.
    if (sigsCount > keysCount) success = false;
  }

  while (i-- > 1) {
    if (!success && m.flags & F.NULLFAIL && !ikey2 && top(m).length > 0) halt('NULLFAIL');
    if (ikey2 > 0) ikey2--;
    s.pop();
  }
  // The extra element CHECKMULTISIG has always consumed (an off-by-one in the original client).
  need(m, 1);
  if (m.flags & F.NULLDUMMY && top(m).length > 0) halt('SIG_NULLDUMMY');
  s.pop();
  s.push(bool(success));
  if (verify) {
    if (!success) halt('CHECKMULTISIGVERIFY');
    s.pop();
  }
}
