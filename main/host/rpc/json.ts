import { RPC, rpcFail } from './errors';

/**
 * JSON as Core prints it: amounts are numbers with exactly eight decimals (0.50000000), which
 * JSON.stringify cannot produce from a JS number. Amounts travel as `Amount` until printed.
 */
export class Amount {
  constructor(readonly sats: bigint) {}
  toString(): string {
    const negative = this.sats < 0n;
    const abs = negative ? -this.sats : this.sats;
    return `${negative ? '-' : ''}${abs / 100_000_000n}.${(abs % 100_000_000n).toString().padStart(8, '0')}`;
  }
  /** For consumers that read the value as a plain number. */
  toJSON(): number {
    return Number(this.toString());
  }
}

/** Serializes like JSON.stringify, printing Amounts with eight decimals. */
export function stringifyRpc(value: unknown, indent?: number): string {
  const marker = '@@txlab-amount:';
  // The replacer sees values after toJSON; read the original from the holder instead.
  const text = JSON.stringify(
    value,
    function (this: Record<string, unknown>, key: string, v: unknown) {
      const original = this[key];
      return original instanceof Amount ? marker + original.toString() : typeof v === 'bigint' ? v.toString() : v;
    },
    indent,
  );
  return text.replace(new RegExp(`"${marker}(-?\\d+\\.\\d{8})"`, 'g'), '$1');
}

/** Parses a BTC amount given on a command line ("0.5", 1, "1e-8" is refused) into satoshis. */
export function parseBtcAmount(value: unknown): bigint | undefined {
  const text = typeof value === 'number' ? value.toFixed(8) : typeof value === 'string' ? value.trim() : undefined;
  if (!text || !/^\d{1,8}(\.\d{1,8})?$/.test(text)) return undefined;
  const [whole, frac = ''] = text.split('.');
  return BigInt(whole!) * 100_000_000n + BigInt(frac.padEnd(8, '0'));
}

/** UPPER_BOUND (util/strencodings.cpp:448): the largest mantissa ParseFixedPoint holds, 10^18 - 1. */
const UPPER_BOUND = 10n ** 18n - 1n;

/**
 * ParseFixedPoint (util/strencodings.cpp:467): `text` as an integer count of 10^-decimals units,
 * or undefined. Digits, an optional leading '-', one '.' with digits after it, an exponent; no
 * spaces, no '+' in front, no leading zeros, and nothing finer than 10^-decimals (1e-9 at 8 is
 * refused, 0.100000000 is not: trailing zeros cost nothing).
 */
export function parseFixedPoint(text: string, decimals: number): bigint | undefined {
  const m = /^(-?)(0|[1-9]\d*)(?:\.(\d+))?(?:[eE]([+-]?)(\d+))?$/.exec(text);
  if (!m) return undefined;
  const [, sign, whole, frac = '', expSign, expDigits] = m;
  // The mantissa's digits (a lone whole 0 is passed over); ProcessMantissaDigit holds back trailing
  // zeros, multiplying them in only when a nonzero digit follows, and refuses a mantissa above UPPER_BOUND.
  const digits = whole === '0' ? frac : whole! + frac;
  const significant = digits.replace(/0+$/, '');
  if (significant !== '' && BigInt(significant) > UPPER_BOUND) return undefined;
  const trailingZeros = digits.length - significant.length;
  // The exponent's own digits overflow the same way.
  let written = 0n;
  for (const d of expDigits ?? '') {
    if (written > UPPER_BOUND / 10n) return undefined;
    written = written * 10n + BigInt(d);
  }
  let exponent =
    (expSign === '-' ? -written : written) - BigInt(frac.length) + BigInt(trailingZeros) + BigInt(decimals);
  if (exponent < 0n || exponent >= 18n) return undefined;
  let mantissa = significant === '' ? 0n : BigInt(significant);
  for (; exponent > 0n; exponent--) {
    if (mantissa > UPPER_BOUND / 10n) return undefined;
    mantissa *= 10n;
  }
  if (mantissa > UPPER_BOUND) return undefined;
  return sign === '-' ? -mantissa : mantissa;
}

/**
 * AmountFromValue (rpc/util.cpp:77): a JSON number or string of coins, in satoshis, or Core's
 * RPC_TYPE_ERROR. A number is read as the text JSON wrote it, which for a JS number is its
 * shortest round-trip form (1e-9, 0.1); MoneyRange (amount.h:26) bounds it by 0 and `maxMoney`.
 */
export function amountFromValue(value: unknown, maxMoney: bigint): bigint {
  if (typeof value !== 'number' && typeof value !== 'string')
    rpcFail(RPC.TYPE_ERROR, 'Amount is not a number or string');
  const amount = parseFixedPoint(String(value), 8);
  if (amount === undefined) rpcFail(RPC.TYPE_ERROR, 'Invalid amount');
  if (amount < 0n || amount > maxMoney) rpcFail(RPC.TYPE_ERROR, 'Amount out of range');
  return amount;
}
