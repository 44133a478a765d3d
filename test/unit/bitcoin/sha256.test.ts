/** Our SHA-256 agrees with the FIPS 180-4 examples and with @noble/hashes (an independent implementation). */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from '../../../shared/bitcoin/bytes';
import { sha256 } from '../../../shared/bitcoin/sha256';

describe('sha256', () => {
  it('gives the FIPS 180-4 examples', () => {
    expect(toHex(sha256(new Uint8Array(0)))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(sha256(utf8('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(sha256(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(toHex(sha256(new Uint8Array(1_000_000).fill(0x61)))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('agrees with @noble/hashes at every length around the block and padding boundaries', () => {
    for (let length = 0; length <= 300; length++) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 151 + length * 7) & 0xff);
      expect(toHex(sha256(data)), `length ${length}`).toBe(toHex(nobleSha256(data)));
    }
  });

  it('agrees with @noble/hashes on random messages, also subarrays of a larger buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2_000 }), fc.nat(16), (bytes, offset) => {
        const inner = bytes.subarray(Math.min(offset, bytes.length));
        expect(toHex(sha256(inner))).toBe(toHex(nobleSha256(inner)));
      }),
      { numRuns: 300 },
    );
  });
});
