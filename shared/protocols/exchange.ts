/**
 * The exchange of the Mt.Gox lesson as pure state: commands in, new state and events out. It
 * pays withdrawals from its hot wallet, watches blocks, and re-sends a withdrawal that it thinks
 * failed. Signing and broadcasting are the host's: the exchange asks for a payment (`pay` event
 * with an unsigned draft) and is told its txid (`sent`).
 *
 * `tracking` is the lesson's switch:
 *   'txid'    — Mt.Gox's way: a withdrawal is done when the txid it sent is mined. A malleated
 *               copy is mined under another txid, so after `resendAfter` blocks (or when the
 *               customer complains) it pays again, from other coins: the loss.
 *   'outputs' — the fix (Wuille, Feb 2014): look at what the chain did. The withdrawal is done
 *               when a mined transaction spends the coins it used and pays the customer.
 * The ledger records every outflow the chain shows, so the loss is read from it, not assumed.
 */
import { type Bytes, toHex } from '../bitcoin/bytes';
import type { TxRecord } from '../chain/txRecord';
import { inputOutpoint, outpointKey } from '../chain/txRecord';
import type { TxDraft } from '../workspace/model';
import { keyScriptPubKey } from './outputs';
import { buildPayment, type SpendableCoin } from './p2pkh';
import { type KeyWrap, type ProtocolError, protocolError } from './types';

export interface ExchangeConfig {
  readonly pubKey: Bytes;
  readonly wrap: KeyWrap;
  readonly fee: bigint;
  /** Blocks after sending before an unconfirmed withdrawal counts as failed. */
  readonly resendAfter: number;
  readonly tracking: 'txid' | 'outputs';
}

export interface ExchangeCoin {
  readonly outpoint: string;
  readonly value: bigint;
}

export interface Attempt {
  readonly coins: readonly string[];
  readonly txid?: string;
  readonly sentAt?: number;
}

export interface Withdrawal {
  readonly id: string;
  readonly customer: string;
  readonly amount: bigint;
  readonly scriptPubKey: string;
  readonly attempts: readonly Attempt[];
  readonly status: 'pending' | 'confirmed';
  /** The mined transaction the exchange counts as the payment. */
  readonly paidBy?: string;
}

export type LedgerEntry =
  | {
      readonly kind: 'requested';
      readonly height: number;
      readonly withdrawalId: string;
      readonly customer: string;
      readonly amount: bigint;
    }
  | {
      readonly kind: 'sent';
      readonly height: number;
      readonly withdrawalId: string;
      readonly attempt: number;
      readonly txid: string;
    }
  /** A mined transaction that spent the exchange's coins: what left to whom, and the fee. */
  | {
      readonly kind: 'outflow';
      readonly height: number;
      readonly txid: string;
      readonly paid: readonly { readonly scriptPubKey: string; readonly value: bigint }[];
      readonly fee: bigint;
    };

export interface ExchangeState {
  readonly config: ExchangeConfig;
  readonly height: number;
  /** Coins it may spend; coins reserved by an unconfirmed attempt are not here. */
  readonly coins: readonly ExchangeCoin[];
  readonly reserved: readonly ExchangeCoin[];
  readonly withdrawals: Readonly<Record<string, Withdrawal>>;
  readonly ledger: readonly LedgerEntry[];
}

/** A block as the exchange's wallet sees it. */
export interface BlockSummary {
  readonly height: number;
  readonly txs: readonly {
    readonly txid: string;
    readonly spends: readonly string[];
    readonly outputs: readonly { readonly scriptPubKey: string; readonly value: bigint }[];
  }[];
}

export type ExchangeCommand =
  | {
      readonly type: 'withdraw';
      readonly id: string;
      readonly customer: string;
      readonly amount: bigint;
      readonly scriptPubKey: string;
    }
  | { readonly type: 'sent'; readonly withdrawalId: string; readonly txid: string }
  | { readonly type: 'block'; readonly block: BlockSummary }
  | { readonly type: 'complaint'; readonly withdrawalId: string };

export type ExchangeEvent =
  | { readonly type: 'pay'; readonly withdrawalId: string; readonly attempt: number; readonly draft: TxDraft }
  | { readonly type: 'confirmed'; readonly withdrawalId: string; readonly txid: string }
  | {
      readonly type: 'stuck';
      readonly withdrawalId: string;
      readonly txid: string;
      readonly why: 'no-confirmation' | 'complaint';
    }
  | { readonly type: 'complaint-answered'; readonly withdrawalId: string; readonly paidBy: string }
  | { readonly type: 'error'; readonly withdrawalId: string; readonly error: ProtocolError };

export interface ExchangeStep {
  readonly state: ExchangeState;
  readonly events: readonly ExchangeEvent[];
}

export function initialExchange(config: ExchangeConfig, height = 0): ExchangeState {
  return { config, height, coins: [], reserved: [], withdrawals: {}, ledger: [] };
}

export function blockSummary(height: number, txs: readonly TxRecord[]): BlockSummary {
  return {
    height,
    txs: txs.map((t) => ({
      txid: t.txid,
      spends: t.tx.ins.map((_, i) => inputOutpoint(t.tx, i)),
      outputs: t.tx.outs.map((o) => ({ scriptPubKey: toHex(o.script), value: o.value })),
    })),
  };
}

export function exchangeStep(state: ExchangeState, command: ExchangeCommand): ExchangeStep {
  switch (command.type) {
    case 'withdraw': {
      const w: Withdrawal = {
        id: command.id,
        customer: command.customer,
        amount: command.amount,
        scriptPubKey: command.scriptPubKey,
        attempts: [],
        status: 'pending',
      };
      const requested: LedgerEntry = {
        kind: 'requested',
        height: state.height,
        withdrawalId: w.id,
        customer: w.customer,
        amount: w.amount,
      };
      return pay(
        { ...state, withdrawals: { ...state.withdrawals, [w.id]: w }, ledger: [...state.ledger, requested] },
        w.id,
      );
    }
    case 'sent': {
      const w = state.withdrawals[command.withdrawalId];
      if (!w || w.attempts.length === 0) return { state, events: [unknown(command.withdrawalId)] };
      const last = w.attempts.length - 1;
      const attempts = w.attempts.map((a, i) => (i === last ? { ...a, txid: command.txid, sentAt: state.height } : a));
      const sent: LedgerEntry = {
        kind: 'sent',
        height: state.height,
        withdrawalId: w.id,
        attempt: last + 1,
        txid: command.txid,
      };
      return {
        state: {
          ...state,
          withdrawals: { ...state.withdrawals, [w.id]: { ...w, attempts } },
          ledger: [...state.ledger, sent],
        },
        events: [],
      };
    }
    case 'block':
      return onBlock(state, command.block);
    case 'complaint': {
      const w = state.withdrawals[command.withdrawalId];
      if (!w) return { state, events: [unknown(command.withdrawalId)] };
      if (w.status === 'confirmed')
        return { state, events: [{ type: 'complaint-answered', withdrawalId: w.id, paidBy: w.paidBy! }] };
      // "It never arrived": the exchange finds no confirmation of its txid and pays again.
      return resend(state, w, 'complaint');
    }
  }
}

function unknown(withdrawalId: string): ExchangeEvent {
  return {
    type: 'error',
    withdrawalId,
    error: protocolError('unknown-withdrawal', 'protocol.exchange.unknownWithdrawal', { withdrawal: withdrawalId }),
  };
}

/** A new attempt from the free coins, largest first. */
function pay(state: ExchangeState, withdrawalId: string): ExchangeStep {
  const w = state.withdrawals[withdrawalId]!;
  const chosen: ExchangeCoin[] = [];
  let total = 0n;
  for (const coin of [...state.coins].sort((a, b) =>
    a.value === b.value ? a.outpoint.localeCompare(b.outpoint) : a.value > b.value ? -1 : 1,
  )) {
    if (total >= w.amount + state.config.fee) break;
    chosen.push(coin);
    total += coin.value;
  }
  const spendable: SpendableCoin[] = chosen.map((c) => ({
    prevout: { txid: c.outpoint.slice(0, 64), vout: Number(c.outpoint.slice(65)) },
    value: c.value,
    pubKey: state.config.pubKey,
    wrap: state.config.wrap,
  }));
  const draft = buildPayment({
    coins: spendable,
    payees: [
      { value: w.amount.toString(), scriptPubKey: w.scriptPubKey, owner: w.customer, label: `withdrawal ${w.id}` },
    ],
    change: { pubKey: state.config.pubKey, wrap: state.config.wrap, owner: 'Exchange' },
    fee: state.config.fee,
  });
  if (!draft.ok) return { state, events: [{ type: 'error', withdrawalId, error: draft.error }] };
  const used = new Set(chosen.map((c) => c.outpoint));
  const attempt: Attempt = { coins: [...used] };
  return {
    state: {
      ...state,
      coins: state.coins.filter((c) => !used.has(c.outpoint)),
      reserved: [...state.reserved, ...chosen],
      withdrawals: { ...state.withdrawals, [withdrawalId]: { ...w, attempts: [...w.attempts, attempt] } },
    },
    events: [{ type: 'pay', withdrawalId, attempt: w.attempts.length + 1, draft: draft.value }],
  };
}

/** The exchange believes the last attempt failed: its unspent reserved coins go back, and it pays again. */
function resend(state: ExchangeState, w: Withdrawal, why: 'no-confirmation' | 'complaint'): ExchangeStep {
  const last = w.attempts[w.attempts.length - 1];
  const back = new Set(last?.coins ?? []);
  const released = state.reserved.filter((c) => back.has(c.outpoint));
  const freed = {
    ...state,
    coins: [...state.coins, ...released],
    reserved: state.reserved.filter((c) => !back.has(c.outpoint)),
  };
  const step = pay(freed, w.id);
  return {
    state: step.state,
    events: [{ type: 'stuck', withdrawalId: w.id, txid: last?.txid ?? '', why }, ...step.events],
  };
}

function onBlock(state: ExchangeState, block: BlockSummary): ExchangeStep {
  const own = toHex(keyScriptPubKey(state.config.pubKey, state.config.wrap));
  const mine = new Set([...state.coins, ...state.reserved].map((c) => c.outpoint));
  let coins = [...state.coins];
  let reserved = [...state.reserved];
  const ledger = [...state.ledger];
  const withdrawals: Record<string, Withdrawal> = { ...state.withdrawals };
  const events: ExchangeEvent[] = [];

  for (const tx of block.txs) {
    const spent = tx.spends.filter((o) => mine.has(o));
    if (spent.length > 0) {
      const valueIn = [...coins, ...reserved]
        .filter((c) => spent.includes(c.outpoint))
        .reduce((t, c) => t + c.value, 0n);
      const valueOut = tx.outputs.reduce((t, o) => t + o.value, 0n);
      ledger.push({
        kind: 'outflow',
        height: block.height,
        txid: tx.txid,
        paid: tx.outputs.filter((o) => o.scriptPubKey !== own),
        fee: valueIn - valueOut,
      });
      coins = coins.filter((c) => !spent.includes(c.outpoint));
      reserved = reserved.filter((c) => !spent.includes(c.outpoint));
    }
    tx.outputs.forEach((o, vout) => {
      if (o.scriptPubKey === own) coins.push({ outpoint: outpointKey(tx.txid, vout), value: o.value });
    });
    for (const w of Object.values(withdrawals)) {
      if (w.status !== 'pending' || !paysWithdrawal(state.config, w, tx, spent)) continue;
      withdrawals[w.id] = { ...w, status: 'confirmed', paidBy: tx.txid };
      events.push({ type: 'confirmed', withdrawalId: w.id, txid: tx.txid });
    }
  }

  let next: ExchangeState = { ...state, height: block.height, coins, reserved, withdrawals, ledger };
  for (const w of Object.values(next.withdrawals)) {
    const last = w.attempts[w.attempts.length - 1];
    if (w.status !== 'pending' || last?.sentAt === undefined || block.height - last.sentAt < state.config.resendAfter)
      continue;
    const step = resend(next, w, 'no-confirmation');
    next = step.state;
    events.push(...step.events);
  }
  return { state: next, events };
}

/** Is this mined transaction the payment of withdrawal `w`? By txid (Mt.Gox) or by what it did (the fix). */
function paysWithdrawal(
  config: ExchangeConfig,
  w: Withdrawal,
  tx: BlockSummary['txs'][number],
  spentOwn: readonly string[],
): boolean {
  if (config.tracking === 'txid') return w.attempts.some((a) => a.txid === tx.txid);
  const coins = new Set(w.attempts.flatMap((a) => a.coins));
  return (
    spentOwn.some((o) => coins.has(o)) &&
    tx.outputs.some((o) => o.scriptPubKey === w.scriptPubKey && o.value === w.amount)
  );
}

export interface LedgerSummary {
  /** Per customer destination: what was asked for and what the chain shows was paid. */
  readonly byDestination: readonly {
    readonly scriptPubKey: string;
    readonly requested: bigint;
    readonly paid: bigint;
  }[];
  readonly fees: bigint;
  /** Paid beyond what was asked for: the malleability loss. */
  readonly loss: bigint;
}

export function summarizeLedger(state: ExchangeState): LedgerSummary {
  const requested = new Map<string, bigint>();
  for (const w of Object.values(state.withdrawals))
    requested.set(w.scriptPubKey, (requested.get(w.scriptPubKey) ?? 0n) + w.amount);
  const paid = new Map<string, bigint>();
  let fees = 0n;
  for (const e of state.ledger) {
    if (e.kind !== 'outflow') continue;
    fees += e.fee;
    for (const o of e.paid) paid.set(o.scriptPubKey, (paid.get(o.scriptPubKey) ?? 0n) + o.value);
  }
  const byDestination = [...new Set([...requested.keys(), ...paid.keys()])].map((scriptPubKey) => ({
    scriptPubKey,
    requested: requested.get(scriptPubKey) ?? 0n,
    paid: paid.get(scriptPubKey) ?? 0n,
  }));
  const loss = byDestination.reduce((t, d) => t + (d.paid > d.requested ? d.paid - d.requested : 0n), 0n);
  return { byDestination, fees, loss };
}
