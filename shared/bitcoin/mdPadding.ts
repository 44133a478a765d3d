/**
 * The Merkle–Damgård framing SHA-256 and RIPEMD-160 share: every whole 64-byte block of the
 * message, then the last one or two blocks — the message's tail, the 0x80 byte, zeros and the
 * message length in bits as a 64-bit number, big-endian for SHA-256, little-endian for RIPEMD-160.
 */
import type { Bytes } from './bytes';

/** The last one or two blocks, reused by every call (a call never yields, so calls cannot interleave). */
const tail = new Uint8Array(128);

export function compressBlocks(
  data: Bytes,
  compress: (block: Uint8Array, at: number) => void,
  lengthOrder: 'big' | 'little',
): void {
  const whole = data.length - (data.length % 64);
  for (let at = 0; at < whole; at += 64) compress(data, at);
  const rest = data.length - whole;
  const end = rest < 56 ? 64 : 128;
  tail.fill(0, 0, end);
  // A loop, not set(subarray): a view per call was most of hashing a short message's garbage.
  for (let i = 0; i < rest; i++) tail[i] = data[whole + i]!;
  tail[rest] = 0x80;
  // Lengths are below 2^53 bytes, so the bit length's high word is the length over 2^29.
  const low = (data.length * 8) >>> 0;
  const high = Math.floor(data.length / 0x20000000);
  if (lengthOrder === 'big') {
    writeBig(end - 8, high);
    writeBig(end - 4, low);
  } else {
    writeLittle(end - 8, low);
    writeLittle(end - 4, high);
  }
  compress(tail, 0);
  if (end === 128) compress(tail, 64);
}

function writeBig(at: number, value: number): void {
  tail[at] = value >>> 24;
  tail[at + 1] = value >>> 16;
  tail[at + 2] = value >>> 8;
  tail[at + 3] = value;
}

function writeLittle(at: number, value: number): void {
  tail[at] = value;
  tail[at + 1] = value >>> 8;
  tail[at + 2] = value >>> 16;
  tail[at + 3] = value >>> 24;
}
