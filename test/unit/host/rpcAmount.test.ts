/**
 * The RPC's amount arguments (`maxfeerate`) as Core reads them: AmountFromValue (rpc/util.cpp:77)
 * over ParseFixedPoint (util/strencodings.cpp:467) and MoneyRange (amount.h:26). Every refusal is
 * RPC_TYPE_ERROR (-3); the messages are Core's.
 */
import { describe, expect, it } from 'vitest';
import { RpcError } from '../../../main/host/rpc/errors';
import { amountFromValue, parseFixedPoint } from '../../../main/host/rpc/json';
import { PROFILES } from '../../../shared/chain/profiles';

const LTC_MAX = PROFILES.ltc.rules.maxMoney;
const BTC_MAX = PROFILES.btc.rules.maxMoney;

function refusal(value: unknown, maxMoney = LTC_MAX): { code: number; message: string } | undefined {
  try {
    amountFromValue(value, maxMoney);
    return undefined;
  } catch (e) {
    if (!(e instanceof RpcError)) throw e;
    return { code: e.code, message: e.message };
  }
}

const INVALID = { code: -3, message: 'Invalid amount' };
const OUT_OF_RANGE = { code: -3, message: 'Amount out of range' };

describe('amountFromValue', () => {
  it('takes exactly MAX_MONEY of the chain and refuses one satoshi more', () => {
    expect(LTC_MAX).toBe(8_400_000_000_000_000n);
    expect(amountFromValue(84_000_000, LTC_MAX)).toBe(LTC_MAX);
    expect(amountFromValue('84000000.00000000', LTC_MAX)).toBe(LTC_MAX);
    expect(refusal('84000000.00000001')).toEqual(OUT_OF_RANGE);
    expect(refusal(84_000_001)).toEqual(OUT_OF_RANGE);
    // The Bitcoin chain's MAX_MONEY is 21,000,000.
    expect(amountFromValue('21000000', BTC_MAX)).toBe(BTC_MAX);
    expect(refusal('21000000.00000001', BTC_MAX)).toEqual(OUT_OF_RANGE);
    expect(amountFromValue('21000000.00000001', LTC_MAX)).toBe(BTC_MAX + 1n);
  });

  it('takes eight decimals and refuses a ninth unless it is a zero', () => {
    expect(amountFromValue('0.00000001', LTC_MAX)).toBe(1n);
    expect(amountFromValue(1e-8, LTC_MAX)).toBe(1n);
    expect(amountFromValue('0.12345678', LTC_MAX)).toBe(12_345_678n);
    expect(refusal('0.123456789')).toEqual(INVALID);
    expect(refusal('0.000000001')).toEqual(INVALID);
    expect(refusal(1e-9)).toEqual(INVALID);
    expect(refusal(1.5e-8)).toEqual(INVALID);
    // Trailing zeros cost nothing (ProcessMantissaDigit holds them back).
    expect(amountFromValue('0.100000000000', LTC_MAX)).toBe(10_000_000n);
    expect(amountFromValue('0.000000000', LTC_MAX)).toBe(0n);
  });

  it('refuses a negative amount as out of range, not as invalid', () => {
    expect(refusal(-1)).toEqual(OUT_OF_RANGE);
    expect(refusal('-0.00000001')).toEqual(OUT_OF_RANGE);
    expect(refusal(-0.1)).toEqual(OUT_OF_RANGE);
    // -0 is zero; a negative with nine decimals fails the parse first.
    expect(amountFromValue('-0', LTC_MAX)).toBe(0n);
    expect(refusal('-0.000000001')).toEqual(INVALID);
  });

  it('reads zero as zero (no limit for maxfeerate)', () => {
    expect(amountFromValue(0, LTC_MAX)).toBe(0n);
    expect(amountFromValue('0', LTC_MAX)).toBe(0n);
    expect(amountFromValue('0.0', LTC_MAX)).toBe(0n);
  });

  it('reads exponents, and refuses 10^10 coins and more as unparsable', () => {
    expect(amountFromValue('1e-8', LTC_MAX)).toBe(1n);
    expect(amountFromValue('1E+2', LTC_MAX)).toBe(10_000_000_000n);
    expect(amountFromValue('12.5e-1', LTC_MAX)).toBe(125_000_000n);
    expect(refusal('999999999.99999999')).toEqual(OUT_OF_RANGE);
    expect(refusal('1e9')).toEqual(OUT_OF_RANGE);
    expect(refusal('1e10')).toEqual(INVALID);
    expect(refusal(1e21)).toEqual(INVALID);
  });

  it('refuses text ParseFixedPoint does not read', () => {
    for (const text of ['', ' 1', '1 ', '+1', '01', '.5', '5.', '1e', '1e+', 'abc', '0x10', '1,5', '--1', 'Infinity'])
      expect(refusal(text), JSON.stringify(text)).toEqual(INVALID);
  });

  it('refuses what is neither a number nor a string', () => {
    const notAmount = { code: -3, message: 'Amount is not a number or string' };
    for (const value of [true, false, [], {}, [1]]) expect(refusal(value)).toEqual(notAmount);
  });
});

describe('parseFixedPoint', () => {
  it('keeps the mantissa within 10^18 - 1, as Core’s int64 arithmetic does', () => {
    expect(parseFixedPoint('9999999999.99999999', 8)).toBe(999_999_999_999_999_999n);
    expect(parseFixedPoint('-9999999999.99999999', 8)).toBe(-999_999_999_999_999_999n);
    expect(parseFixedPoint('10000000000', 8)).toBeUndefined();
    expect(parseFixedPoint('1000000000000000001e-18', 8)).toBeUndefined();
    // Trailing zeros are held back, not multiplied in: they never overflow the mantissa.
    expect(parseFixedPoint('1000000000000000000e-18', 8)).toBe(100_000_000n);
    expect(parseFixedPoint('100000000000000000000000e-30', 8)).toBe(10n);
  });
});
