/** Script verification flags by Core's names, as a bit set. */
import { err, ok, type Result } from '../contract/result';

export const SCRIPT_FLAG_NAMES = [
  'P2SH',
  'STRICTENC',
  'DERSIG',
  'LOW_S',
  'NULLDUMMY',
  'SIGPUSHONLY',
  'MINIMALDATA',
  'DISCOURAGE_UPGRADABLE_NOPS',
  'CLEANSTACK',
  'CHECKLOCKTIMEVERIFY',
  'CHECKSEQUENCEVERIFY',
  'WITNESS',
  'DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM',
  'MINIMALIF',
  'NULLFAIL',
  'WITNESS_PUBKEYTYPE',
  'CONST_SCRIPTCODE',
  // BIP341/342: consensus and policy of the modern era (TAPROOT_CONSENSUS_FLAGS, TAPROOT_STANDARD_FLAGS).
  'TAPROOT',
  'DISCOURAGE_UPGRADABLE_TAPROOT_VERSION',
  'DISCOURAGE_OP_SUCCESS',
  'DISCOURAGE_UPGRADABLE_PUBKEYTYPE',
] as const;

export type ScriptFlagName = (typeof SCRIPT_FLAG_NAMES)[number];

export const F: Readonly<Record<ScriptFlagName, number>> = Object.freeze(
  Object.fromEntries(SCRIPT_FLAG_NAMES.map((name, i) => [name, 1 << i])) as Record<ScriptFlagName, number>,
);

export const ALL_FLAGS = SCRIPT_FLAG_NAMES.reduce((acc, name) => acc | F[name], 0);

/**
 * Not a Core flag: the chain's node names two failures as Core 0.21 did (Litecoin Core 0.21 does;
 * ChainProfile.rules.interpreterFlags sets it). Today's Bitcoin Core and its script_tests.json
 * name them differently; 78 rows of the two versions' script_tests.json differ only in this.
 * - An OP_IF or OP_NOTIF with nothing to test: UNBALANCED_CONDITIONAL
 *   (script/interpreter.cpp:635), not INVALID_STACK_OPERATION (Bitcoin Core PR #32143).
 * - A script number too long or not minimal: UNKNOWN_ERROR (EvalScript's catch of
 *   scriptnum_error, interpreter.cpp:1252), not SCRIPTNUM.
 */
export const ERRORS_AS_CORE_0_21 = 1 << 30;

/** Core's MANDATORY_SCRIPT_VERIFY_FLAGS without TAPROOT (consensus today, less Taproot). */
export const CONSENSUS_FLAGS =
  F.P2SH | F.DERSIG | F.NULLDUMMY | F.CHECKLOCKTIMEVERIFY | F.CHECKSEQUENCEVERIFY | F.WITNESS;

/** Core's STANDARD_SCRIPT_VERIFY_FLAGS (policy/policy.h), less the Taproot-only ones. */
export const STANDARD_FLAGS =
  CONSENSUS_FLAGS |
  F.STRICTENC |
  F.MINIMALDATA |
  F.DISCOURAGE_UPGRADABLE_NOPS |
  F.CLEANSTACK |
  F.MINIMALIF |
  F.NULLFAIL |
  F.LOW_S |
  F.DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM |
  F.WITNESS_PUBKEYTYPE |
  F.CONST_SCRIPTCODE;

/**
 * Consensus once Taproot is active: Core's GetBlockScriptFlags adds TAPROOT to the SegWit-era
 * flags (Litecoin Core 0.21.5.5 src/validation.cpp:1972), and regtest has it ALWAYS_ACTIVE
 * (chainparams.cpp:317; Bitcoin regtest too). Core 0.21 keeps TAPROOT out of
 * MANDATORY_SCRIPT_VERIFY_FLAGS; today's Core has it.
 */
export const TAPROOT_CONSENSUS_FLAGS = CONSENSUS_FLAGS | F.TAPROOT;

/**
 * Core 0.21's STANDARD_SCRIPT_VERIFY_FLAGS in full (Litecoin Core 0.21.5.5 src/policy/policy.h:58-77):
 * STANDARD_FLAGS plus TAPROOT and the three flags that keep Taproot's upgrade hooks out of relay.
 */
export const TAPROOT_STANDARD_FLAGS =
  STANDARD_FLAGS |
  F.TAPROOT |
  F.DISCOURAGE_UPGRADABLE_TAPROOT_VERSION |
  F.DISCOURAGE_OP_SUCCESS |
  F.DISCOURAGE_UPGRADABLE_PUBKEYTYPE;

/** Early 2014: BIP16 only. Lax DER, high S, any pushes, no SegWit, no CLTV/CSV. */
export const FLAGS_2014 = F.P2SH;

export function flagsToNames(flags: number): ScriptFlagName[] {
  return SCRIPT_FLAG_NAMES.filter((name) => (flags & F[name]) !== 0);
}

/** Comma-separated flag names; '' and 'NONE' mean no flags. */
export function parseFlagNames(text: string): Result<number> {
  let flags = 0;
  for (const raw of text.split(',')) {
    const name = raw.trim();
    if (name === '' || name === 'NONE') continue;
    if (!(SCRIPT_FLAG_NAMES as readonly string[]).includes(name))
      return err('BAD_REQUEST', `unknown script flag ${name}`, { detail: name });
    flags |= F[name as ScriptFlagName];
  }
  return ok(flags);
}

/** Core's invariants: WITNESS needs P2SH, CLEANSTACK needs WITNESS. Adds what is missing. */
export function fillFlags(flags: number): number {
  let out = flags;
  if (out & F.CLEANSTACK) out |= F.WITNESS;
  if (out & F.WITNESS) out |= F.P2SH;
  return out;
}

/** The other direction: drops what the missing flags make invalid. */
export function trimFlags(flags: number): number {
  let out = flags;
  if (!(out & F.P2SH)) out &= ~F.WITNESS;
  if (!(out & F.WITNESS)) out &= ~F.CLEANSTACK;
  return out;
}
