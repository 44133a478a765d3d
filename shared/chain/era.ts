/**
 * Consensus eras and relay policy. An era fixes the consensus rules; relay-policy rules can be
 * switched on and off one by one so a lesson can show which rule closed which hole.
 */
import { F, fillFlags, FLAGS_2014, TAPROOT_CONSENSUS_FLAGS, TAPROOT_STANDARD_FLAGS } from '../bitcoin/flags';
import type { ChainRules } from './profiles';

export type Era = '2014' | 'modern';

export interface EraRules {
  readonly consensusFlags: number;
  readonly segwit: boolean;
  /** BIP68 relative locks and BIP113 median-time-past locktimes (deployed with CSV). */
  readonly csv: boolean;
  /** BIP34: the coinbase starts with the block height. */
  readonly bip34: boolean;
  readonly maxBlockWeight: number;
  /** The old 1 MB limit on serialized size (the 2014 era has no weight). */
  readonly maxBlockBaseSize: number;
}

export const ERA_RULES: Readonly<Record<Era, EraRules>> = Object.freeze({
  '2014': {
    consensusFlags: FLAGS_2014,
    segwit: false,
    csv: false,
    bip34: true,
    maxBlockWeight: 4_000_000,
    maxBlockBaseSize: 1_000_000,
  },
  // SegWit, CSV and Taproot (BIP341/342), all active from height 0 as on both regtests.
  modern: {
    consensusFlags: TAPROOT_CONSENSUS_FLAGS,
    segwit: true,
    csv: true,
    bip34: true,
    maxBlockWeight: 4_000_000,
    maxBlockBaseSize: 4_000_000,
  },
});

/** The relay rules a user can toggle (the rules of the malleability lesson's table). */
export const POLICY_RULES = [
  'DERSIG',
  'LOW_S',
  'MINIMALDATA',
  'SIGPUSHONLY',
  'CLEANSTACK',
  'NULLDUMMY',
  'NULLFAIL',
  'MINIMALIF',
] as const;
export type PolicyRule = (typeof POLICY_RULES)[number];

export type RbfPolicy = 'off' | 'opt-in' | 'full';

export interface ChainPolicy {
  readonly era: Era;
  readonly rules: Readonly<Record<PolicyRule, boolean>>;
  readonly rbf: RbfPolicy;
  /** Minimum relay fee rate in satoshis per virtual byte. */
  readonly minRelayFeeRate: number;
  /** Mempool capacity in virtual bytes; the lowest fee rates are evicted past it. */
  readonly maxMempoolVsize: number;
  /** Apply standardness (IsStandardTx / AreInputsStandard); off = accept anything consensus-valid. */
  readonly requireStandard: boolean;
}

const ALL_RULES_ON = Object.fromEntries(POLICY_RULES.map((r) => [r, true])) as Record<PolicyRule, boolean>;
const ALL_RULES_OFF = Object.fromEntries(POLICY_RULES.map((r) => [r, false])) as Record<PolicyRule, boolean>;

/** A node's default relay policy; `rbf` is its chain's default (Litecoin Core relays no replacements). */
export function defaultPolicy(era: Era, rbf: RbfPolicy = 'opt-in'): ChainPolicy {
  return {
    era,
    // 2014: the permissive relay of the time's miners, so every malleation works until a rule is switched on.
    rules: era === 'modern' ? ALL_RULES_ON : ALL_RULES_OFF,
    rbf,
    minRelayFeeRate: 1,
    maxMempoolVsize: 300_000_000,
    requireStandard: true,
  };
}

/** Rules that are consensus in an era are always on and cannot be switched off. */
export function isRuleLocked(era: Era, rule: PolicyRule): boolean {
  return (ERA_RULES[era].consensusFlags & F[rule]) !== 0;
}

/**
 * Flags for relay: the era's consensus flags plus the enabled rules. In the modern era the other
 * standard flags (STRICTENC, WITNESS_PUBKEYTYPE, Taproot's DISCOURAGE_* flags, …) are always on,
 * as in Core 0.21's STANDARD_SCRIPT_VERIFY_FLAGS. CLEANSTACK
 * needs WITNESS and P2SH in the interpreter, so they are filled in (harmless in 2014: no
 * witness outputs exist there).
 */
export function policyFlags(policy: ChainPolicy, chain: ChainRules): number {
  const rules = ERA_RULES[policy.era];
  let flags = rules.consensusFlags;
  if (policy.era === 'modern') {
    const toggled = POLICY_RULES.reduce((acc, r) => acc | F[r], 0);
    flags |= TAPROOT_STANDARD_FLAGS & ~toggled;
  }
  for (const rule of POLICY_RULES) if (policy.rules[rule]) flags |= F[rule];
  return fillFlags(flags | rules.consensusFlags) | chain.interpreterFlags;
}

/** The era's consensus flags on a chain (blocks, and the mempool's consensus retry). */
export function consensusFlags(era: Era, chain: ChainRules): number {
  return ERA_RULES[era].consensusFlags | chain.interpreterFlags;
}
