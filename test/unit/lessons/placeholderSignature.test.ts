/** The throughput crowd's placeholder signatures look like real ones to every check but ECDSA's. */
import { describe, expect, it } from 'vitest';
import { placeholderSignature } from '../../../shared/lessons/simKey';
import { concat } from '../../../shared/bitcoin/bytes';
import { hasLowS, isValidSignatureEncoding } from '../../../shared/bitcoin/signatureEncoding';
import { SeededRng } from '../../../shared/rng';

describe('placeholder signatures', () => {
  it('are strict DER with a low S, with the hash type 72 bytes about half the time and 71 most of the rest, as real ones', () => {
    const rng = new SeededRng(7);
    const lengths = new Map<number, number>();
    for (let i = 0; i < 4_000; i++) {
      const der = placeholderSignature(rng);
      const signature = concat(der, Uint8Array.of(1));
      expect(isValidSignatureEncoding(signature)).toBe(true);
      expect(hasLowS(der)).toBe(true);
      lengths.set(signature.length, (lengths.get(signature.length) ?? 0) + 1);
    }
    expect((lengths.get(72) ?? 0) / 4_000).toBeGreaterThan(0.45);
    expect((lengths.get(72) ?? 0) / 4_000).toBeLessThan(0.55);
    expect(((lengths.get(71) ?? 0) + (lengths.get(72) ?? 0)) / 4_000).toBeGreaterThan(0.97);
    expect(Math.min(...lengths.keys())).toBeGreaterThanOrEqual(68);
  });
});
