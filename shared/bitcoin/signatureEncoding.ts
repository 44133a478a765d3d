/**
 * Signature and public-key encodings as Core checks them: strict DER (BIP66), low S, defined hash
 * types, and the lax DER parser Core used before BIP66 (so that pre-2015 malleated signatures verify).
 */
import type { Bytes } from './bytes';

export const SIGHASH_ALL = 0x01;
export const SIGHASH_NONE = 0x02;
export const SIGHASH_SINGLE = 0x03;
export const SIGHASH_ANYONECANPAY = 0x80;

export const SIGHASH_NAMES: ReadonlyMap<number, string> = new Map([
  [0x01, 'ALL'],
  [0x81, 'ALL|ANYONECANPAY'],
  [0x02, 'NONE'],
  [0x82, 'NONE|ANYONECANPAY'],
  [0x03, 'SINGLE'],
  [0x83, 'SINGLE|ANYONECANPAY'],
]);

/** secp256k1 group order, big-endian. */
export const CURVE_ORDER = Uint8Array.from([
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xba, 0xae, 0xdc,
  0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
]);
/** (n − 1) / 2: the highest S a low-S signature may have. */
export const HALF_ORDER = Uint8Array.from([
  0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x5d, 0x57, 0x6e,
  0x73, 0x57, 0xa4, 0x50, 0x1d, 0xdf, 0xe9, 0x2f, 0x46, 0x68, 0x1b, 0x20, 0xa0,
]);

function compare32(a: Bytes, aOffset: number, b: Bytes): number {
  for (let i = 0; i < 32; i++) {
    const d = a[aOffset + i]! - b[i]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** BIP66 strict DER, including the trailing hash-type byte (Core's IsValidSignatureEncoding). */
export function isValidSignatureEncoding(sig: Bytes): boolean {
  const size = sig.length;
  if (size < 9 || size > 73) return false;
  if (sig[0] !== 0x30) return false;
  if (sig[1] !== size - 3) return false;
  const lenR = sig[3]!;
  if (5 + lenR >= size) return false;
  const lenS = sig[5 + lenR]!;
  if (lenR + lenS + 7 !== size) return false;
  if (sig[2] !== 0x02) return false;
  if (lenR === 0) return false;
  if (sig[4]! & 0x80) return false;
  if (lenR > 1 && sig[4] === 0x00 && !(sig[5]! & 0x80)) return false;
  if (sig[lenR + 4] !== 0x02) return false;
  if (lenS === 0) return false;
  if (sig[lenR + 6]! & 0x80) return false;
  if (lenS > 1 && sig[lenR + 6] === 0x00 && !(sig[lenR + 7]! & 0x80)) return false;
  return true;
}

/**
 * Core's ecdsa_signature_parse_der_lax: accepts BER-ish encodings (long lengths, padding).
 * Returns the 64-byte compact r‖s, all zeros when a value overflows the group order (such a
 * signature parses but never verifies), or undefined when it does not parse at all.
 */
export function parseDerLax(der: Bytes): Bytes | undefined {
  const input = der;
  const len = input.length;
  let pos = 0;
  if (pos === len || input[pos] !== 0x30) return undefined;
  pos++;
  if (pos === len) return undefined;
  let lenbyte = input[pos++]!;
  if (lenbyte & 0x80) {
    lenbyte -= 0x80;
    if (lenbyte > len - pos) return undefined;
    pos += lenbyte;
  }
  const readInteger = (): { start: number; length: number } | undefined => {
    if (pos === len || input[pos] !== 0x02) return undefined;
    pos++;
    if (pos === len) return undefined;
    let lb = input[pos++]!;
    let valueLength: number;
    if (lb & 0x80) {
      lb -= 0x80;
      if (lb > len - pos) return undefined;
      while (lb > 0 && input[pos] === 0) {
        pos++;
        lb--;
      }
      if (lb >= 4) return undefined;
      valueLength = 0;
      while (lb > 0) {
        valueLength = valueLength * 256 + input[pos]!;
        pos++;
        lb--;
      }
    } else {
      valueLength = lb;
    }
    if (valueLength > len - pos) return undefined;
    return { start: pos, length: valueLength };
  };
  const r = readInteger();
  if (!r) return undefined;
  pos = r.start + r.length;
  const s = readInteger();
  if (!s) return undefined;

  const compact = new Uint8Array(64);
  let overflow = false;
  const copy = (value: { start: number; length: number }, offset: number): void => {
    let { start, length } = value;
    while (length > 0 && input[start] === 0) {
      start++;
      length--;
    }
    if (length > 32) overflow = true;
    else compact.set(input.subarray(start, start + length), offset + 32 - length);
  };
  copy(r, 0);
  copy(s, 32);
  if (!overflow && (compare32(compact, 0, CURVE_ORDER) >= 0 || compare32(compact, 32, CURVE_ORDER) >= 0))
    overflow = true;
  return overflow ? new Uint8Array(64) : compact;
}

/** S ≤ n/2 (Core's CheckLowS on the DER part, without the hash-type byte). */
export function hasLowS(derWithoutHashtype: Bytes): boolean {
  const compact = parseDerLax(derWithoutHashtype);
  if (!compact) return false;
  return compare32(compact, 32, HALF_ORDER) <= 0;
}

export function isDefinedHashtypeSignature(sig: Bytes): boolean {
  if (sig.length === 0) return false;
  const type = sig[sig.length - 1]! & ~SIGHASH_ANYONECANPAY;
  return type >= SIGHASH_ALL && type <= SIGHASH_SINGLE;
}

export function isCompressedOrUncompressedPubKey(key: Bytes): boolean {
  if (key.length < 33) return false;
  if (key[0] === 0x04) return key.length === 65;
  if (key[0] === 0x02 || key[0] === 0x03) return key.length === 33;
  return false;
}

export function isCompressedPubKey(key: Bytes): boolean {
  return key.length === 33 && (key[0] === 0x02 || key[0] === 0x03);
}

/** CPubKey::IsValid: the length agrees with the header byte (hybrid 0x06/0x07 keys included). */
export function hasValidPubKeyLength(key: Bytes): boolean {
  if (key.length === 0) return false;
  const header = key[0]!;
  if (header === 2 || header === 3) return key.length === 33;
  if (header === 4 || header === 6 || header === 7) return key.length === 65;
  return false;
}

/** Returns s' = n − s for a compact signature (used by the malleability lesson's mutator). */
export function negateS(compact: Bytes): Bytes {
  const out = Uint8Array.from(compact);
  let borrow = 0;
  for (let i = 31; i >= 0; i--) {
    let d = CURVE_ORDER[i]! - compact[32 + i]! - borrow;
    borrow = d < 0 ? 1 : 0;
    if (d < 0) d += 256;
    out[32 + i] = d;
  }
  return out;
}

/** Strict DER encoding of a compact r‖s (no hash-type byte). */
export function encodeDer(compact: Bytes): Bytes {
  // Written into one array: the throughput sandbox encodes one per payment, thousands a run.
  const r = derInteger(compact, 0);
  const s = derInteger(compact, 32);
  const out = new Uint8Array(6 + r.length + s.length);
  out[0] = 0x30;
  out[1] = 4 + r.length + s.length;
  writeDerInteger(out, 2, compact, r);
  writeDerInteger(out, 4 + r.length, compact, s);
  return out;
}

/** The minimal big-endian integer of compact[from, from + 32): where it starts, its length with a 0x00 pad if its top bit is set. */
function derInteger(compact: Bytes, from: number): { start: number; pad: number; length: number } {
  let start = from;
  while (start < from + 31 && compact[start] === 0) start++;
  const pad = compact[start]! & 0x80 ? 1 : 0;
  return { start, pad, length: from + 32 - start + pad };
}

function writeDerInteger(
  out: Bytes,
  at: number,
  compact: Bytes,
  int: { start: number; pad: number; length: number },
): void {
  out[at] = 0x02;
  out[at + 1] = int.length;
  out.set(compact.subarray(int.start, int.start + int.length - int.pad), at + 2 + int.pad);
}
