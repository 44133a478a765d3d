/**
 * The numbers of a payment started from one coin (issue 14 §1): a round amount to the payee, the
 * rest back to the coin's owner less a fixed fee. A person changes them in the inspector; the
 * defaults only have to be sane, so the first payment needs no arithmetic.
 */

/**
 * The fee a payment started by hand, or a change output added by hand, leaves for the miner:
 * 1,000 sat is 4–7 sat/vB for a one-input, two-output P2PKH or P2WPKH payment, above any default
 * minimum relay fee and far below Core's max-fee-exceeded.
 */
export const HAND_FEE_SATS = 1_000n;

/** The largest 1, 2 or 5 × 10ⁿ satoshis not above half the coin: 50 BTC → 20 BTC, 1 BTC → 0.5 BTC. */
export function roundPaymentAmount(coinSats: bigint): bigint {
  const half = coinSats / 2n;
  if (half < 1n) return 0n;
  let unit = 1n;
  while (unit * 10n <= half) unit *= 10n;
  for (const step of [5n, 2n, 1n]) if (step * unit <= half) return step * unit;
  return unit;
}

export interface PaymentSplit {
  readonly pay: bigint;
  /** Undefined when what would come back is dust or nothing: the payee then gets the coin less the fee. */
  readonly change?: bigint;
}

/**
 * How a coin is split: `amount` (or the round default) to the payee, the rest less the fee as
 * change unless the change would be below `dustLimit`. Undefined when the coin cannot pay the fee.
 */
export function splitCoin(coinSats: bigint, dustLimit: bigint, amount?: bigint): PaymentSplit | undefined {
  const spendable = coinSats - HAND_FEE_SATS;
  if (spendable <= dustLimit) return undefined;
  const pay = amount ?? roundPaymentAmount(coinSats);
  if (pay <= 0n || pay > spendable) return amount === undefined ? { pay: spendable } : undefined;
  const change = spendable - pay;
  return change >= dustLimit ? { pay, change } : { pay: spendable };
}
