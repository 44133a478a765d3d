/**
 * RIPEMD-160 (Dobbertin, Bosselaers, Preneel 1996) for HASH160's short messages: public keys,
 * scripts. Built like ./sha256.ts: @noble/hashes set up a hasher object with its views for each
 * call, and spent about 5 µs a key; this keeps its working state in a few fixed arrays.
 * test/unit/bitcoin/ripemd160.test.ts checks it against @noble/hashes and the authors' examples.
 */
import type { Bytes } from './bytes';
import { compressBlocks } from './mdPadding';

// Per step (0 … 79): the message word each line reads, and its left rotation.
const WORD_LEFT = Uint8Array.from([
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 7, 4, 13, 1, 10, 6, 15, 3, 12, 0, 9, 5, 2, 14, 11, 8, 3, 10, 14,
  4, 9, 15, 8, 1, 2, 7, 0, 6, 13, 11, 5, 12, 1, 9, 11, 10, 0, 8, 12, 4, 13, 3, 7, 15, 14, 5, 6, 2, 4, 0, 5, 9, 7, 12, 2,
  10, 14, 1, 3, 8, 11, 6, 15, 13,
]);
const WORD_RIGHT = Uint8Array.from([
  5, 14, 7, 0, 9, 2, 11, 4, 13, 6, 15, 8, 1, 10, 3, 12, 6, 11, 3, 7, 0, 13, 5, 10, 14, 15, 8, 12, 4, 9, 1, 2, 15, 5, 1,
  3, 7, 14, 6, 9, 11, 8, 12, 2, 10, 0, 4, 13, 8, 6, 4, 1, 3, 11, 15, 0, 5, 12, 2, 13, 9, 7, 10, 14, 12, 15, 10, 4, 1, 5,
  8, 7, 6, 2, 13, 14, 0, 3, 9, 11,
]);
const SHIFT_LEFT = Uint8Array.from([
  11, 14, 15, 12, 5, 8, 7, 9, 11, 13, 14, 15, 6, 7, 9, 8, 7, 6, 8, 13, 11, 9, 7, 15, 7, 12, 15, 9, 11, 7, 13, 12, 11,
  13, 6, 7, 14, 9, 13, 15, 14, 8, 13, 6, 5, 12, 7, 5, 11, 12, 14, 15, 14, 15, 9, 8, 9, 14, 5, 6, 8, 6, 5, 12, 9, 15, 5,
  11, 6, 8, 13, 12, 5, 12, 13, 14, 11, 8, 5, 6,
]);
const SHIFT_RIGHT = Uint8Array.from([
  8, 9, 9, 11, 13, 15, 15, 5, 7, 7, 8, 11, 14, 14, 12, 6, 9, 13, 15, 7, 12, 8, 9, 11, 7, 7, 12, 7, 6, 15, 13, 11, 9, 7,
  15, 11, 8, 6, 6, 14, 12, 13, 5, 14, 13, 13, 7, 5, 15, 5, 8, 11, 14, 14, 6, 14, 6, 9, 12, 9, 12, 5, 15, 8, 8, 5, 12, 9,
  12, 5, 14, 6, 8, 13, 6, 5, 15, 13, 11, 11,
]);
// Per round of 16 steps.
const K_LEFT = Int32Array.from([0x00000000, 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xa953fd4e]);
const K_RIGHT = Int32Array.from([0x50a28be6, 0x5c4dd124, 0x6d703ef3, 0x7a6d76e9, 0x00000000]);
const INITIAL = Int32Array.from([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);

// Working memory, reused by every call (a call never yields, so calls cannot interleave).
const state = new Int32Array(5);
const words = new Int32Array(16);

export function ripemd160(data: Bytes): Bytes {
  state.set(INITIAL);
  compressBlocks(data, compress, 'little');
  const out = new Uint8Array(20);
  for (let i = 0; i < 5; i++) writeU32(out, 4 * i, state[i]!);
  return out;
}

function writeU32(out: Uint8Array, at: number, value: number): void {
  out[at] = value;
  out[at + 1] = value >>> 8;
  out[at + 2] = value >>> 16;
  out[at + 3] = value >>> 24;
}

/** The round's boolean function: f1 … f5, the right line taking them in reverse order. */
function f(round: number, x: number, y: number, z: number): number {
  switch (round) {
    case 0:
      return x ^ y ^ z;
    case 1:
      return (x & y) | (~x & z);
    case 2:
      return (x | ~y) ^ z;
    case 3:
      return (x & z) | (y & ~z);
    default:
      return x ^ (y | ~z);
  }
}

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

function compress(block: Uint8Array, at: number): void {
  for (let i = 0; i < 16; i++, at += 4)
    words[i] = block[at]! | (block[at + 1]! << 8) | (block[at + 2]! << 16) | (block[at + 3]! << 24);
  let al = state[0]!;
  let bl = state[1]!;
  let cl = state[2]!;
  let dl = state[3]!;
  let el = state[4]!;
  let ar = al;
  let br = bl;
  let cr = cl;
  let dr = dl;
  let er = el;
  for (let j = 0; j < 80; j++) {
    const round = j >> 4;
    const tl =
      (rotl((al + f(round, bl, cl, dl) + words[WORD_LEFT[j]!]! + K_LEFT[round]!) | 0, SHIFT_LEFT[j]!) + el) | 0;
    al = el;
    el = dl;
    dl = rotl(cl, 10);
    cl = bl;
    bl = tl;
    const tr =
      (rotl((ar + f(4 - round, br, cr, dr) + words[WORD_RIGHT[j]!]! + K_RIGHT[round]!) | 0, SHIFT_RIGHT[j]!) + er) | 0;
    ar = er;
    er = dr;
    dr = rotl(cr, 10);
    cr = br;
    br = tr;
  }
  const t = (state[1]! + cl + dr) | 0;
  state[1] = (state[2]! + dl + er) | 0;
  state[2] = (state[3]! + el + ar) | 0;
  state[3] = (state[4]! + al + br) | 0;
  state[4] = (state[0]! + bl + cr) | 0;
  state[0] = t;
}
