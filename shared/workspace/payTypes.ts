/**
 * The address types a wallet's key is paid to — P2PKH, P2WPKH, P2SH-P2WPKH and P2TR — and what a
 * payment template of one type says when it spends a coin of another (issue 14 §2): the coin
 * decides how the input unlocks, the template how its outputs pay.
 */
import { fromHex } from '../bitcoin/bytes';
import { type OutputType, solve } from '../bitcoin/scriptType';
import type { LockDescriptor, Unlock } from './model';

/** `p2tr`: a wallet's `taproot` key (BIP86), paid to its output key and spent by the key path. */
export const PAY_TYPES = ['p2pkh', 'p2wpkh', 'p2sh-p2wpkh', 'p2tr'] as const;
export type PayType = (typeof PAY_TYPES)[number];

/** An output's type: a pay type where it is one, else Core's name for the script (P2SH, P2PK, multisig…). */
export type AddressType = PayType | Exclude<OutputType, 'pubkeyhash' | 'witness_v0_keyhash' | 'witness_v1_taproot'>;

/** A P2SH-P2WPKH input pushes its redeem script, `0 <20 bytes>`, and nothing else in its scriptSig. */
export function isNestedP2wpkhUnlock(unlock: Unlock): boolean {
  const [only, ...rest] = unlock.scriptSig;
  return rest.length === 0 && only?.kind === 'script' && /^0014[0-9a-f]{40}$/.test(only.hex);
}

/**
 * The address type of an output script. A P2SH script hides what it wraps: `nested` says it is
 * known to wrap a P2WPKH program (its lock descriptor, a wallet's key or a spending input says so).
 */
export function addressType(script: Uint8Array | string, nested = false): AddressType {
  const type = solve(typeof script === 'string' ? fromHex(script) : script).type;
  if (type === 'pubkeyhash') return 'p2pkh';
  if (type === 'witness_v0_keyhash') return 'p2wpkh';
  if (type === 'witness_v1_taproot') return 'p2tr';
  if (type === 'scripthash' && nested) return 'p2sh-p2wpkh';
  return type;
}

export function isNestedLock(lock: LockDescriptor | undefined): boolean {
  return lock?.kind === 'p2sh-p2wpkh';
}

/** A payment template spending a coin of another type: what the draft builds instead. */
export interface TypeNote {
  /** The template's own type. */
  readonly template: PayType;
  readonly input: number;
  /** The spent coin's type, which decides the input's unlock. */
  readonly coin: AddressType;
  /** The outputs' types as they are now (the template's own while no output pays anyone yet). */
  readonly outputs: readonly AddressType[];
}

export interface TypeFacts {
  readonly template: PayType;
  /** Per input: the spent coin's type, undefined while unconnected. */
  readonly coins: readonly (AddressType | undefined)[];
  /** Per output: its type, undefined while it pays no script yet. */
  readonly outputs: readonly (AddressType | undefined)[];
}

export function typeNotes(facts: TypeFacts): TypeNote[] {
  const set = facts.outputs.filter((o): o is AddressType => o !== undefined);
  const outputs = set.length > 0 ? [...new Set(set)] : [facts.template];
  const notes: TypeNote[] = [];
  facts.coins.forEach((coin, input) => {
    if (coin !== undefined && coin !== facts.template) notes.push({ template: facts.template, input, coin, outputs });
  });
  return notes;
}
