/** ByteWriter writes numbers as DataView's little-endian setters do (an independent reference), at any value. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteWriter, toHex } from '../../../shared/bitcoin/bytes';

function viaDataView(size: number, write: (view: DataView) => void): string {
  const bytes = new Uint8Array(size);
  write(new DataView(bytes.buffer));
  return toHex(bytes);
}

describe('ByteWriter', () => {
  it('writes 32-bit numbers, signed and unsigned', () => {
    fc.assert(
      fc.property(fc.nat({ max: 0xffffffff }), fc.integer({ min: -0x80000000, max: 0x7fffffff }), (u, i) => {
        expect(toHex(new ByteWriter(8).u32(u).i32(i).finish())).toBe(
          viaDataView(8, (v) => (v.setUint32(0, u, true), v.setInt32(4, i, true))),
        );
      }),
    );
  });

  it('writes any 64-bit signed amount, the ones beyond 2^53 and the negative ones too', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.bigInt({ min: 0n, max: 2n ** 53n + 5n })),
        (value) => {
          expect(toHex(new ByteWriter(8).i64(value).finish())).toBe(
            viaDataView(8, (v) => v.setBigInt64(0, value, true)),
          );
        },
      ),
    );
  });

  it('writes CompactSize lengths at each width, growing past the size it was given', () => {
    const cases: [number, string][] = [
      [0, '00'],
      [0xfc, 'fc'],
      [0xfd, 'fdfd00'],
      [0xffff, 'fdffff'],
      [0x10000, 'fe00000100'],
      [0xffffffff, 'feffffffff'],
      [0x100000000, 'ff0000000001000000'],
    ];
    for (const [value, hex] of cases) expect(toHex(new ByteWriter(1).varInt(value).finish()), String(value)).toBe(hex);
    expect(
      toHex(
        new ByteWriter(0)
          .bytes(Uint8Array.of(1, 2, 3))
          .varBytes(new Uint8Array(20).fill(7))
          .finish(),
      ),
    ).toBe('010203' + '14' + '07'.repeat(20));
  });
});
