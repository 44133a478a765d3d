/** Byte helpers. Bytes are Uint8Array everywhere inside the engine; hex only at the edges. */

export type Bytes = Uint8Array;

const HEX_CODES: readonly number[] = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
/** Bytes per String.fromCharCode call (its arguments are bounded). */
const HEX_CHUNK = 4096;

/**
 * One string made from the digits' character codes: appending a pair per byte made a string node
 * per byte, and keys, hashes and scripts in hex were most of a channel update's garbage.
 */
export function toHex(bytes: Bytes): string {
  if (bytes.length <= HEX_CHUNK) return hexOfShort(bytes, 0, bytes.length, false);
  const parts: string[] = [];
  for (let at = 0; at < bytes.length; at += HEX_CHUNK)
    parts.push(hexOfShort(bytes, at, Math.min(at + HEX_CHUNK, bytes.length), false));
  return parts.join('');
}

/** Hex of `bytes[from … to)`, last byte first when `reversed` (a hash in display order). */
function hexOfShort(bytes: Bytes, from: number, to: number, reversed: boolean): string {
  const codes = new Array<number>(2 * (to - from));
  for (let i = from, j = 0; i < to; i++, j += 2) {
    const b = bytes[reversed ? to - 1 - (i - from) : i]!;
    codes[j] = HEX_CODES[b >> 4]!;
    codes[j + 1] = HEX_CODES[b & 15]!;
  }
  return String.fromCharCode.apply(null, codes);
}

export function isHex(text: string): boolean {
  return text.length % 2 === 0 && /^[0-9a-fA-F]*$/.test(text);
}

/** The value of each character code as a hex digit, or -1 (a table: fromHex runs on every draft's every script). */
const DIGIT_VALUES: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < 16; i++) {
    table['0123456789abcdef'.charCodeAt(i)] = i;
    table['0123456789ABCDEF'.charCodeAt(i)] = i;
  }
  return table;
})();

/** Parses hex; throws on odd length or a non-hex character (callers at the edges check isHex first). */
export function fromHex(hex: string): Bytes {
  if (hex.length % 2 !== 0) notHex(hex);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = DIGIT_VALUES[hex.charCodeAt(2 * i)] ?? -1;
    const lo = DIGIT_VALUES[hex.charCodeAt(2 * i + 1)] ?? -1;
    if (hi < 0 || lo < 0) notHex(hex);
    out[i] = (hi << 4) | lo;
  }
  return out;
}

// Outside fromHex: a closure made on every call cost more than the parsing of a block hash.
function notHex(hex: string): never {
  throw new Error(`not hex: ${hex.length > 40 ? hex.slice(0, 40) + '…' : hex}`);
}

export function concat(...parts: readonly Bytes[]): Bytes {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export function equal(a: Bytes, b: Bytes): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function compare(a: Bytes, b: Bytes): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export function reverse(bytes: Bytes): Bytes {
  return Uint8Array.from(bytes).reverse();
}

/** Display order of a hash (txid, block hash) from its internal (serialized) order, without a reversed copy. */
export function hashToHex(hash: Bytes): string {
  return hash.length <= HEX_CHUNK ? hexOfShort(hash, 0, hash.length, true) : toHex(reverse(hash));
}

export function hexToHash(hex: string): Bytes {
  return fromHex(hex).reverse();
}

/** UTF-8 encoding without TextEncoder (the engine's lib has no DOM or Node types). */
export function utf8(text: string): Bytes {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/**
 * Little-endian writer for serializations (sighash preimages, headers). Numbers are written byte
 * by byte, without a DataView: a view made the writer's array allocate its bytes outside the
 * heap, which every small writer then paid for in allocation and in the garbage collector.
 */
export class ByteWriter {
  private buffer: Uint8Array;
  length = 0;

  constructor(initialCapacity = 256) {
    this.buffer = new Uint8Array(initialCapacity);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let capacity = Math.max(this.buffer.length * 2, 16);
    while (capacity < this.length + extra) capacity *= 2;
    const next = new Uint8Array(capacity);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }

  /** The low 32 bits of `value`, as two's complement for a negative one. */
  private word(value: number): void {
    const b = this.buffer;
    const at = this.length;
    b[at] = value;
    b[at + 1] = value >>> 8;
    b[at + 2] = value >>> 16;
    b[at + 3] = value >>> 24;
    this.length = at + 4;
  }

  u8(value: number): this {
    this.reserve(1);
    this.buffer[this.length++] = value & 0xff;
    return this;
  }

  u32(value: number): this {
    this.reserve(4);
    this.word(value);
    return this;
  }

  i32(value: number): this {
    this.reserve(4);
    this.word(value);
    return this;
  }

  i64(value: bigint): this {
    this.reserve(8);
    if (value >= 0n && value <= 0x1fffffffffffffn) {
      // Amounts: exact as a number, split without BigInt arithmetic.
      const n = Number(value);
      this.word(n % 0x100000000);
      this.word(Math.floor(n / 0x100000000));
    } else {
      const bits = BigInt.asUintN(64, value);
      this.word(Number(bits & 0xffffffffn));
      this.word(Number(bits >> 32n));
    }
    return this;
  }

  varInt(value: number): this {
    if (value < 0xfd) return this.u8(value);
    if (value <= 0xffff) {
      this.reserve(3);
      this.buffer[this.length] = 0xfd;
      this.buffer[this.length + 1] = value;
      this.buffer[this.length + 2] = value >>> 8;
      this.length += 3;
      return this;
    }
    if (value <= 0xffffffff) return this.u8(0xfe).u32(value);
    this.u8(0xff);
    return this.i64(BigInt(value));
  }

  bytes(data: Bytes): this {
    this.reserve(data.length);
    // A loop for the short pieces a serialization is made of: TypedArray.set costs more to call.
    if (data.length <= 16) for (let i = 0; i < data.length; i++) this.buffer[this.length + i] = data[i]!;
    else this.buffer.set(data, this.length);
    this.length += data.length;
    return this;
  }

  varBytes(data: Bytes): this {
    return this.varInt(data.length).bytes(data);
  }

  /** The bytes written. The writer is done with then: a writer sized exactly hands over its buffer. */
  finish(): Bytes {
    return this.length === this.buffer.length ? this.buffer : this.buffer.slice(0, this.length);
  }
}
