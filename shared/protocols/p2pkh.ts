/**
 * A plain payment from key-locked coins (P2PKH or P2WPKH): inputs with their amounts, payees,
 * change back to the payer, and a fee the caller chose. The first lesson's transaction
 * (SPEC §3.1) and the exchange's withdrawals are made with it.
 */
import { type Bytes, fromHex } from '../bitcoin/bytes';
import { isDust } from '../chain/policy';
import { BTC_REGTEST } from '../chain/profiles';
import type { DraftInput, DraftOutput, PrevoutRef, TxDraft } from '../workspace/model';
import { keyOutput, keyUnlock, outputValue } from './outputs';
import { checkKey, failText, type KeyWrap, ok, type ProtocolResult, SEQUENCE_FINAL } from './types';

/** A coin a key can spend alone. */
export interface SpendableCoin {
  readonly prevout: PrevoutRef;
  readonly value: bigint;
  readonly pubKey: Bytes;
  readonly wrap: KeyWrap;
}

export interface ChangeDestination {
  readonly pubKey: Bytes;
  readonly wrap: KeyWrap;
  readonly owner?: string;
}

export interface PaymentParams {
  readonly coins: readonly SpendableCoin[];
  /** Outputs built with `keyOutput`, `scriptOutput`, … (their values are what the payees get). */
  readonly payees: readonly DraftOutput[];
  /** Where the rest goes; required when anything is left over. */
  readonly change?: ChangeDestination;
  readonly fee: bigint;
  /** Change below the chain's dust threshold is left to the fee (Bitcoin Core's rate unless given). */
  readonly dustRelayFeeRate?: number;
  readonly version?: number;
  readonly locktime?: number;
  readonly sequence?: number;
}

export function coinInput(coin: SpendableCoin, sequence: number = SEQUENCE_FINAL): DraftInput {
  return { prevout: coin.prevout, sequence, unlock: keyUnlock(coin.pubKey, coin.wrap) };
}

export function sumCoins(coins: readonly { readonly value: bigint }[]): bigint {
  return coins.reduce((total, c) => total + c.value, 0n);
}

/**
 * Payees first, change last. Change below the dust threshold is left to the miner, as wallets
 * do (an output worth less than the cost of spending it would not be relayed anyway).
 */
export function buildPayment(params: PaymentParams): ProtocolResult<TxDraft> {
  if (params.coins.length === 0) return failText('insufficient-funds', 'protocol.payment.noCoin', undefined, 'coins');
  if (params.payees.length === 0) return failText('bad-amount', 'protocol.payment.noPayee', undefined, 'payees');
  if (params.fee < 0n) return failText('bad-amount', 'protocol.fee.negative', undefined, 'fee');
  for (const [i, coin] of params.coins.entries()) {
    const key = checkKey(coin.pubKey, `coins.${i}.pubKey`);
    if (!key.ok) return key;
    if (coin.value <= 0n) return failText('bad-amount', 'protocol.payment.coinValue', undefined, `coins.${i}.value`);
  }
  for (const [i, payee] of params.payees.entries()) {
    if (outputValue(payee) <= 0n)
      return failText('bad-amount', 'protocol.payment.payeeValue', undefined, `payees.${i}.value`);
  }
  const available = sumCoins(params.coins);
  const paid = params.payees.reduce((total, p) => total + outputValue(p), 0n);
  const rest = available - paid - params.fee;
  if (rest < 0n)
    return failText(
      'insufficient-funds',
      'protocol.payment.short',
      { available: String(available), needed: String(paid + params.fee) },
      'coins',
    );

  const outputs = [...params.payees];
  if (rest > 0n) {
    if (!params.change) {
      return failText('no-change-destination', 'protocol.payment.noChange', { rest: String(rest) }, 'change');
    }
    const changeKey = checkKey(params.change.pubKey, 'change.pubKey');
    if (!changeKey.ok) return changeKey;
    const change = keyOutput(params.change.pubKey, params.change.wrap, rest, {
      label: 'change',
      ...(params.change.owner !== undefined ? { owner: params.change.owner } : {}),
    });
    const dustRate = params.dustRelayFeeRate ?? BTC_REGTEST.rules.dustRelayFeeRate;
    if (!isDust({ script: fromHex(change.scriptPubKey), value: rest }, dustRate)) outputs.push(change);
  }
  return ok({
    version: params.version ?? 2,
    locktime: params.locktime ?? 0,
    inputs: params.coins.map((coin) => coinInput(coin, params.sequence ?? SEQUENCE_FINAL)),
    outputs,
  });
}
