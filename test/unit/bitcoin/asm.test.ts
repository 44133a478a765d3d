import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromAsm, parseScriptNotation, toAsm } from '../../../shared/bitcoin/asm';
import { concat, fromHex, toHex } from '../../../shared/bitcoin/bytes';
import { encodeDer } from '../../../shared/bitcoin/signatureEncoding';
import { testKey } from '../../helpers/keys';
import { isMinimalPush, pushMinimal, readOp } from '../../../shared/bitcoin/script';
import { decodeScriptNum, encodeScriptNum, isMinimalScriptNum } from '../../../shared/bitcoin/scriptNum';

describe('Core ASM', () => {
  it('prints a P2PKH scriptSig the way decoderawtransaction does', () => {
    const k = testKey('asm');
    const sig = toHex(concat(encodeDer(k.sign(new Uint8Array(32).fill(5))), Uint8Array.of(1)));
    const key = toHex(k.publicKey);
    const script = fromHex(`${(sig.length / 2).toString(16)}${sig}21${key}`);
    expect(toAsm(script, true)).toBe(`${sig.slice(0, -2)}[ALL] ${key}`);
    expect(toAsm(script, false)).toBe(`${sig} ${key}`);
  });

  it('prints small pushes as numbers and opcodes by name', () => {
    expect(toAsm(fromHex('0051604f0280007693'))).toBe('0 1 16 -1 128 OP_DUP OP_ADD');
    expect(toAsm(fromHex('4c'))).toBe('[error]');
  });

  it('round-trips every script with minimal pushes', () => {
    // Core prints pushes of up to 4 bytes as numbers, so those round-trip when they are minimal
    // script numbers (as MINIMALDATA requires); longer pushes print as hex.
    const item = fc.oneof(
      fc.constantFrom(0x76, 0xa9, 0x87, 0x88, 0xac, 0xae, 0x63, 0x67, 0x68, 0xb1, 0xb2, 0x75, 0x00, 0x51, 0x60, 0x4f),
      fc.uint8Array({ minLength: 5, maxLength: 80 }),
      fc.integer({ min: -0x7fffffff, max: 0x7fffffff }).map((n) => encodeScriptNum(n)),
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 12 }), (items) => {
        const script = Uint8Array.from(items.flatMap((i) => (typeof i === 'number' ? [i] : [...pushMinimal(i)])));
        const back = fromAsm(toAsm(script));
        expect(back.ok).toBe(true);
        if (back.ok) expect(toHex(back.value)).toBe(toHex(script));
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('names the bad token', () => {
    const r = fromAsm('OP_DUP OP_FROB');
    expect(r).toMatchObject({ ok: false, error: { token: 'OP_FROB', index: 1 } });
  });
});

describe("Core's test notation (ParseScript)", () => {
  it('inserts 0x… raw, pushes numbers minimally and quoted text as data', () => {
    const r = parseScriptNotation("0x4c 0x01 0x07 128 -1 'ab' ADD NOP2");
    // NOP2 is not a name Core accepts (it is spelled CHECKLOCKTIMEVERIFY).
    expect(r.ok).toBe(false);
    const ok = parseScriptNotation("0x4c 0x01 0x07 128 -1 'ab' ADD CHECKLOCKTIMEVERIFY");
    expect(ok.ok && toHex(ok.value)).toBe('4c0107' + '028000' + '4f' + '026162' + '93' + 'b1');
  });
});

describe('script numbers and pushes', () => {
  it('encode and decode round-trip within 4 bytes', () => {
    fc.assert(
      fc.property(fc.integer({ min: -0x7fffffff, max: 0x7fffffff }), (n) => {
        const bytes = encodeScriptNum(n);
        expect(isMinimalScriptNum(bytes)).toBe(true);
        expect(decodeScriptNum(bytes, true)).toBe(n);
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('refuses non-minimal numbers only when asked', () => {
    expect(decodeScriptNum(fromHex('0100'), false)).toBe(1);
    expect(() => decodeScriptNum(fromHex('0100'), true)).toThrow();
    expect(() => decodeScriptNum(fromHex('0000000001'), false)).toThrow(); // 5 bytes
  });

  it('knows the minimal push for each size', () => {
    expect(isMinimalPush(new Uint8Array(0), 0x00)).toBe(true);
    expect(isMinimalPush(Uint8Array.of(5), 0x01)).toBe(false); // should be OP_5
    expect(isMinimalPush(new Uint8Array(72), 0x48)).toBe(true);
    expect(isMinimalPush(new Uint8Array(72), 0x4c)).toBe(false); // the Feb 2014 malleation
    const r = readOp(fromHex('4d0200abcd'), 0);
    expect(r.ok && toHex(r.value.data!)).toBe('abcd');
  });
});
