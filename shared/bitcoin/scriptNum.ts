/**
 * CScriptNum: little-endian sign-magnitude integers as Script stores them. Operands are limited to
 * 4 bytes (5 for CLTV/CSV); results may exceed that, so values are JS numbers (exact below 2^53).
 */
import type { Bytes } from './bytes';

export class ScriptNumError extends Error {
  constructor(readonly reason: 'overflow' | 'non-minimal') {
    super(reason === 'overflow' ? 'script number overflow' : 'non-minimally encoded script number');
  }
}

export function decodeScriptNum(bytes: Bytes, requireMinimal: boolean, maxSize = 4): number {
  if (bytes.length > maxSize) throw new ScriptNumError('overflow');
  if (bytes.length === 0) return 0;
  if (requireMinimal && !isMinimalScriptNum(bytes)) throw new ScriptNumError('non-minimal');
  let result = 0;
  for (let i = 0; i < bytes.length; i++) result += bytes[i]! * 2 ** (8 * i);
  const last = bytes[bytes.length - 1]!;
  if (last & 0x80) return -(result - 0x80 * 2 ** (8 * (bytes.length - 1)));
  return result;
}

/** The most significant byte may only be 0x00/0x80 if the next byte needs its top bit. */
export function isMinimalScriptNum(bytes: Bytes): boolean {
  if (bytes.length === 0) return true;
  const last = bytes[bytes.length - 1]!;
  if ((last & 0x7f) !== 0) return true;
  return bytes.length > 1 && (bytes[bytes.length - 2]! & 0x80) !== 0;
}

export function encodeScriptNum(value: number): Bytes {
  if (value === 0) return new Uint8Array(0);
  const negative = value < 0;
  let magnitude = Math.abs(value);
  const out: number[] = [];
  while (magnitude > 0) {
    out.push(magnitude % 256);
    magnitude = Math.floor(magnitude / 256);
  }
  if (out[out.length - 1]! & 0x80) out.push(negative ? 0x80 : 0x00);
  else if (negative) out[out.length - 1]! |= 0x80;
  return Uint8Array.from(out);
}

/** Clamp as CScriptNum::getint does. */
export function clampToInt32(value: number): number {
  if (value > 0x7fffffff) return 0x7fffffff;
  if (value < -0x80000000) return -0x80000000;
  return value;
}

export function castToBool(bytes: Bytes): boolean {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0) {
      // Negative zero (0x80 in the last byte, zeros elsewhere) is false.
      return !(i === bytes.length - 1 && bytes[i] === 0x80);
    }
  }
  return false;
}
