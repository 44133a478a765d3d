/**
 * Amounts as people read them. The host sends whole satoshis as decimal strings; these helpers
 * only move the decimal point (display and input), they never compute balances or fees.
 */
const SAT_DIGITS = 8;
const SATS_PATTERN = /^(0|[1-9]\d*)$/;

/** "150000000" → "1.50000000" (Core's eight decimals), or trimmed to "1.5" when `trim`. */
export function satsToCoins(sats: string, options: { readonly trim?: boolean } = {}): string {
  if (!SATS_PATTERN.test(sats)) return sats;
  const padded = sats.padStart(SAT_DIGITS + 1, '0');
  const whole = padded.slice(0, -SAT_DIGITS);
  let fraction = padded.slice(-SAT_DIGITS);
  if (options.trim) {
    fraction = fraction.replace(/0+$/, '');
    return fraction ? `${whole}.${fraction}` : whole;
  }
  return `${whole}.${fraction}`;
}

/** Coins typed by a person ("1.5", "0.00001") → satoshis, or undefined if it is not an amount. */
export function coinsToSats(text: string): string | undefined {
  const match = /^\s*(\d{1,10})(?:[.,](\d{0,8}))?\s*$/.exec(text);
  if (!match) return undefined;
  const whole = match[1] ?? '0';
  const fraction = (match[2] ?? '').padEnd(SAT_DIGITS, '0');
  const sats = `${whole}${fraction}`.replace(/^0+(?=\d)/, '');
  return sats;
}

/** "1234567" → "1,234,567" (satoshi counts in fees and block fees). */
export function groupDigits(value: string | number): string {
  const text = String(value);
  if (!/^\d+$/.test(text)) return text;
  return text.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "4950.5" → "4,950.5": a coin amount with its whole part grouped, for balances read at a glance. */
export function groupCoins(coins: string): string {
  const [whole = '', fraction] = coins.split('.');
  return fraction === undefined ? groupDigits(whole) : `${groupDigits(whole)}.${fraction}`;
}

export function shortHash(hex: string, keep = 6): string {
  return hex.length <= keep * 2 + 1 ? hex : `${hex.slice(0, keep)}…${hex.slice(-keep)}`;
}

/** A fee rate in sat/vB: two decimals for ordinary rates, whole and grouped for absurd ones. */
export function formatRate(rate: number): string {
  if (rate >= 1000) return groupDigits(Math.round(rate));
  return String(Math.round(rate * 100) / 100);
}
