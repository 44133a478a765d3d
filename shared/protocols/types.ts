/**
 * What every protocol builder shares: the result type (expected failures are values), the two
 * ways to wrap a script or a key (legacy P2SH/P2PKH in the 2014 era, SegWit v0 in the modern
 * era), sequence numbers with a meaning, and parameter checks.
 */
import type { Bytes } from '../bitcoin/bytes';
import { SEQUENCE_FINAL } from '../bitcoin/checker';
import { isCompressedPubKey } from '../bitcoin/signatureEncoding';
import type { Era } from '../chain/era';
import { englishText, type HostText, type Result } from '../contract/result';
import type { MessageKey } from '../ui/i18n/en';

export type ProtocolErrorCode =
  | 'bad-key'
  | 'bad-amount'
  | 'amount-below-fee'
  | 'insufficient-funds'
  | 'no-change-destination'
  | 'bad-secret'
  | 'bad-locktime'
  | 'bad-state'
  | 'bad-route'
  | 'no-signature'
  | 'not-applicable'
  | 'unknown-withdrawal';

export interface ProtocolError {
  readonly code: ProtocolErrorCode;
  readonly message: string;
  /** Which parameter is wrong, e.g. `parties.1.coins`. */
  readonly path?: string;
  /** `message` as a catalogue key, so a palette form or a lesson says it in the reader's language. */
  readonly text: HostText;
}

export type ProtocolResult<T> = Result<T, ProtocolError>;

export function ok<T>(value: T): ProtocolResult<T> {
  return { ok: true, value };
}

/** A refusal in catalogue words (`protocol.…`): `message` is their English, `text` goes to the page. */
export function protocolError(
  code: ProtocolErrorCode,
  key: MessageKey,
  params?: Readonly<Record<string, string | number>>,
  path?: string,
): ProtocolError {
  const text: HostText = params ? { key, params } : { key };
  const error: ProtocolError = { code, message: englishText(text), text };
  return path === undefined ? error : { ...error, path };
}

/** A builder's refusal: `protocolError` as a failed result. */
export function failText<T = never>(
  code: ProtocolErrorCode,
  key: MessageKey,
  params?: Readonly<Record<string, string | number>>,
  path?: string,
): ProtocolResult<T> {
  return { ok: false, error: protocolError(code, key, params, path) };
}

/** How a script is paid to: P2SH (BIP16, 2014) or P2WSH (BIP141, modern). */
export type ScriptWrap = 'p2sh' | 'p2wsh';
/** How a key is paid to: P2PKH or P2WPKH. */
export type KeyWrap = 'p2pkh' | 'p2wpkh';

export interface Wraps {
  readonly script: ScriptWrap;
  readonly key: KeyWrap;
}

/** The 2014 era has no SegWit, so everything is legacy; the modern era uses SegWit v0 outputs. */
export function wrapsForEra(era: Era): Wraps {
  return era === 'modern' ? { script: 'p2wsh', key: 'p2wpkh' } : { script: 'p2sh', key: 'p2pkh' };
}

export { SEQUENCE_FINAL };
/** Final for RBF (BIP125 does not signal) but not final for nLockTime: the lock is enforced. */
export const SEQUENCE_LOCKTIME_ENABLED = 0xfffffffe;
/** BIP68 needs version 2; every relative lock in these protocols sets it. */
export const TX_VERSION_BIP68 = 2;

export const SECONDS_PER_HOUR = 3600;
export const SECONDS_PER_DAY = 24 * SECONDS_PER_HOUR;

export function checkKey(key: Bytes, path: string): ProtocolResult<Bytes> {
  // Compressed keys only: SegWit v0 requires them (WITNESS_PUBKEYTYPE), and one form keeps scripts alike.
  return isCompressedPubKey(key) ? ok(key) : failText('bad-key', 'protocol.key.notCompressed', undefined, path);
}

export function checkKeys(keys: Readonly<Record<string, Bytes>>): ProtocolResult<true> {
  for (const [path, key] of Object.entries(keys)) {
    const checked = checkKey(key, path);
    if (!checked.ok) return checked;
  }
  return ok(true);
}

/** `value − fee`, refusing a result that would not be a positive output. */
export function afterFee(value: bigint, fee: bigint, path: string): ProtocolResult<bigint> {
  if (value <= 0n) return failText('bad-amount', 'protocol.amount.notPositive', undefined, path);
  if (fee < 0n) return failText('bad-amount', 'protocol.fee.negative', undefined, `${path}.fee`);
  if (value - fee <= 0n)
    return failText('amount-below-fee', 'protocol.fee.takesAll', { fee: String(fee), value: String(value) }, path);
  return ok(value - fee);
}

/** Absolute lock times are heights below 500,000,000 and Unix times from there on (nLockTime's rule). */
export function checkLockTime(lockTime: number, path: string): ProtocolResult<number> {
  if (!Number.isInteger(lockTime) || lockTime <= 0 || lockTime > 0xffffffff)
    return failText('bad-locktime', 'protocol.lockTime.range', undefined, path);
  return ok(lockTime);
}
