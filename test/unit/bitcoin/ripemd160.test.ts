/** Our RIPEMD-160 agrees with the authors' examples and with @noble/hashes (an independent implementation). */
import { ripemd160 as nobleRipemd160 } from '@noble/hashes/legacy.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from '../../../shared/bitcoin/bytes';
import { ripemd160 } from '../../../shared/bitcoin/ripemd160';

describe('ripemd160', () => {
  it("gives the authors' examples", () => {
    expect(toHex(ripemd160(new Uint8Array(0)))).toBe('9c1185a5c5e9fc54612808977ee8f548b2258d31');
    expect(toHex(ripemd160(utf8('a')))).toBe('0bdc9d2d256b3ee9daae347be6f4dc835a467ffe');
    expect(toHex(ripemd160(utf8('abc')))).toBe('8eb208f7e05d987a9b044a8e98c6b087f15a0bfc');
    expect(toHex(ripemd160(utf8('message digest')))).toBe('5d0689ef49d2fae572b881b123a85ffa21595f36');
    expect(
      toHex(ripemd160(utf8('12345678901234567890123456789012345678901234567890123456789012345678901234567890'))),
    ).toBe('9b752e45573d4b39f4dbd3323cab82bf63326bfb');
    expect(toHex(ripemd160(new Uint8Array(1_000_000).fill(0x61)))).toBe('52783243c1697bdbe16d37f97f68f08325dc1528');
  });

  it('agrees with @noble/hashes at every length around the block and padding boundaries', () => {
    for (let length = 0; length <= 300; length++) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 151 + length * 7) & 0xff);
      expect(toHex(ripemd160(data)), `length ${length}`).toBe(toHex(nobleRipemd160(data)));
    }
  });

  it('agrees with @noble/hashes on random messages, also subarrays of a larger buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2_000 }), fc.nat(16), (bytes, offset) => {
        const inner = bytes.subarray(Math.min(offset, bytes.length));
        expect(toHex(ripemd160(inner))).toBe(toHex(nobleRipemd160(inner)));
      }),
      { numRuns: 300 },
    );
  });
});
