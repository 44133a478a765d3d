/**
 * The Mt.Gox story on a simulated 2014 network (exchange, Mallory, miner) with seeded delays.
 * Mallory withdraws 1 BTC, takes the exchange's transaction off her node, re-pushes the signature
 * with OP_PUSHDATA2 and sends the copy to the miner. Depending on the seed the copy or the
 * original arrives first. When the copy is mined, an exchange that tracks txids pays again and its
 * ledger shows the loss; one that tracks what the chain did does not.
 */
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../shared/bitcoin/bytes';
import type { Transaction } from '../../../shared/bitcoin/transaction';
import { SimClock } from '../../../shared/chain/clock';
import { defaultPolicy } from '../../../shared/chain/era';
import { SimNetwork } from '../../../shared/chain/network';
import { BTC_REGTEST } from '../../../shared/chain/profiles';
import { txRecord } from '../../../shared/chain/txRecord';
import {
  blockSummary,
  type ExchangeCommand,
  type ExchangeConfig,
  type ExchangeEvent,
  type ExchangeState,
  exchangeStep,
  initialExchange,
  summarizeLedger,
} from '../../../shared/protocols/exchange';
import { mutate } from '../../../shared/protocols/malleability';
import { keyScriptPubKey } from '../../../shared/protocols/outputs';
import { SeededRng } from '../../../shared/rng';
import { Bench, COIN, expectAccepted, party, START_TIME, unwrap } from './support';

const exchange = party('Exchange');
const mallory = party('Mallory');
const MALLORY_SCRIPT = toHex(keyScriptPubKey(mallory.pub, 'p2pkh'));
const FEE = 10_000n;
const RESEND_AFTER = 3;
const EXCHANGE = 0;
const MALLORY = 1;
const MINER = 2;

class MtGox {
  readonly clock = new SimClock(START_TIME);
  readonly net: SimNetwork;
  state: ExchangeState;
  readonly events: ExchangeEvent[] = [];
  readonly bench: Bench;
  private drafts = 0;

  constructor(
    readonly seed: number,
    tracking: ExchangeConfig['tracking'],
  ) {
    this.net = new SimNetwork({
      profile: BTC_REGTEST,
      policy: defaultPolicy('2014'),
      clock: this.clock,
      rng: new SeededRng(seed),
      nodes: [
        { name: 'exchange' },
        { name: 'mallory' },
        { name: 'miner', hashShare: 1, coinbaseScript: keyScriptPubKey(party('miner').pub, 'p2pkh') },
      ],
    });
    this.state = initialExchange({
      pubKey: exchange.pub,
      wrap: 'p2pkh',
      fee: FEE,
      resendAfter: RESEND_AFTER,
      tracking,
    });
    this.bench = new Bench({ btc: { node: this.net.nodes[EXCHANGE]! } });
    // The exchange's hot wallet: two coinbases, matured.
    this.mine(2, keyScriptPubKey(exchange.pub, 'p2pkh'));
    this.mine(BTC_REGTEST.coinbaseMaturity);
  }

  step(command: ExchangeCommand): readonly ExchangeEvent[] {
    const result = exchangeStep(this.state, command);
    this.state = result.state;
    this.events.push(...result.events);
    // The host signs and broadcasts what the exchange asks to pay, and tells it the txid.
    for (const e of result.events) if (e.type === 'pay') this.sendPayment(e.withdrawalId, e.draft);
    return result.events;
  }

  private sendPayment(withdrawalId: string, draft: Parameters<Bench['add']>[1]): void {
    const id = `W${++this.drafts}`;
    this.bench.add(id, draft).sign(id, exchange);
    const record = this.bench.record(id);
    expectAccepted(this.net.submit(EXCHANGE, record));
    this.step({ type: 'sent', withdrawalId, txid: record.txid });
  }

  /** Mines at the miner, lets every node hear of it, and shows the exchange's node's blocks to the exchange. */
  mine(n: number, coinbaseScript?: Uint8Array): void {
    for (let i = 0; i < n; i++) {
      // Ten minutes pass: whatever is in flight arrives before the block is found.
      this.net.runUntil(this.clock.exact() + BTC_REGTEST.targetSpacing);
      this.net.mineAt(MINER, coinbaseScript ? { coinbaseScript } : {});
      this.net.settle();
    }
    const node = this.net.nodes[EXCHANGE]!;
    while (this.state.height < node.height) {
      const height = this.state.height + 1;
      this.step({ type: 'block', block: blockSummary(height, node.blockAt(height)!.block.txs) });
    }
  }

  /** Mallory waits for the withdrawal to reach her node, re-pushes the signature and sends the copy to the miner. */
  attack(txid: string): { original: Transaction; copyTxid: string } {
    const node = this.net.nodes[MALLORY]!;
    while (!node.mempool.has(txid)) this.net.runUntil(this.clock.exact() + 0.05);
    const original = node.mempool.get(txid)!.record.tx;
    const copy = unwrap(mutate(original, 0, 'pushdata2'));
    // Her own (seeded) delay before the copy reaches the miner; the original may get there first.
    this.net.runUntil(this.clock.exact() + new SeededRng(this.seed * 7919).nextFloat() * 1.5);
    this.net.submit(MINER, txRecord(copy.tx));
    this.net.settle();
    return { original, copyTxid: copy.txid };
  }

  withdrawalTxid(id: string, attempt = 0): string {
    return this.state.withdrawals[id]!.attempts[attempt]!.txid!;
  }
}

/** Runs the race for one seed up to the first block: who won? */
function race(
  seed: number,
  tracking: ExchangeConfig['tracking'],
): { world: MtGox; originalTxid: string; copyTxid: string; copyWon: boolean } {
  const world = new MtGox(seed, tracking);
  world.step({ type: 'withdraw', id: 'w1', customer: 'Mallory', amount: COIN, scriptPubKey: MALLORY_SCRIPT });
  const originalTxid = world.withdrawalTxid('w1');
  const { copyTxid } = world.attack(originalTxid);
  world.mine(1);
  const mined = world.net.nodes[EXCHANGE]!.tip.block.txs.map((t) => t.txid);
  expect(mined.includes(originalTxid) !== mined.includes(copyTxid), 'exactly one of the two is mined').toBe(true);
  return { world, originalTxid, copyTxid, copyWon: mined.includes(copyTxid) };
}

/** The first seed from 1 on whose race ends as wanted (the outcome is fixed per seed). */
function seedWhere(copyWins: boolean): number {
  for (let seed = 1; seed <= 60; seed++) if (race(seed, 'txid').copyWon === copyWins) return seed;
  throw new Error(`no seed in 1…60 where the ${copyWins ? 'copy' : 'original'} wins`);
}

describe('Mt.Gox: an exchange that tracks withdrawals by txid', () => {
  const copyWinsSeed = seedWhere(true);
  const originalWinsSeed = seedWhere(false);

  it('the same seed replays the same race', () => {
    expect(race(copyWinsSeed, 'txid').copyWon).toBe(true);
    expect(race(originalWinsSeed, 'txid').copyWon).toBe(false);
  });

  it('the copy is mined: the txid never confirms, the exchange pays again and loses 1 BTC', () => {
    const { world, originalTxid, copyTxid } = race(copyWinsSeed, 'txid');
    expect(world.net.nodes[EXCHANGE]!.mempool.has(originalTxid)).toBe(false); // conflicted out by the block
    // It was sent at the tip; one block (the copy's) is mined. It gives up after RESEND_AFTER blocks.
    world.mine(RESEND_AFTER - 2);
    expect(world.events.filter((e) => e.type === 'stuck')).toHaveLength(0);
    world.mine(1);
    expect(world.events.filter((e) => e.type === 'stuck')).toEqual([
      { type: 'stuck', withdrawalId: 'w1', txid: originalTxid, why: 'no-confirmation' },
    ]);
    const resent = world.withdrawalTxid('w1', 1);
    world.mine(1);
    expect(world.events.at(-1)).toEqual({ type: 'confirmed', withdrawalId: 'w1', txid: resent });
    world.mine(6);
    expect(world.net.nodes[EXCHANGE]!.confirmations(originalTxid)).toBe(0);
    // Blocks since the copy: its own, the wait, the give-up block, the resend's block, six more.
    expect(world.net.nodes[EXCHANGE]!.confirmations(copyTxid)).toBe(1 + (RESEND_AFTER - 2) + 1 + 1 + 6);

    const ledger = summarizeLedger(world.state);
    expect(ledger.byDestination.find((d) => d.scriptPubKey === MALLORY_SCRIPT)).toEqual({
      scriptPubKey: MALLORY_SCRIPT,
      requested: COIN,
      paid: 2n * COIN,
    });
    expect(ledger.loss).toBe(COIN);
    expect(ledger.fees).toBe(2n * FEE);
    expect(world.state.ledger.filter((e) => e.kind === 'outflow').map((e) => e.txid)).toEqual([copyTxid, resent]);
  });

  it('Mallory complains before the exchange gives up: it pays again at once', () => {
    const { world } = race(copyWinsSeed, 'txid');
    const events = world.step({ type: 'complaint', withdrawalId: 'w1' });
    expect(events.map((e) => e.type)).toEqual(['stuck', 'pay']);
    world.mine(1);
    expect(summarizeLedger(world.state).loss).toBe(COIN);
  });

  it('the original is mined: the withdrawal confirms and nothing is lost', () => {
    const { world, originalTxid, copyTxid } = race(originalWinsSeed, 'txid');
    expect(world.events.filter((e) => e.type === 'confirmed')).toEqual([
      { type: 'confirmed', withdrawalId: 'w1', txid: originalTxid },
    ]);
    const atMiner = world.net.arrivals.filter((a) => a.node === MINER && a.id === copyTxid);
    expect(atMiner.map((a) => a.reason)).toEqual(['txn-mempool-conflict']);
    world.mine(RESEND_AFTER + 1);
    expect(world.events.some((e) => e.type === 'stuck')).toBe(false);
    expect(summarizeLedger(world.state).loss).toBe(0n);
    expect(world.step({ type: 'complaint', withdrawalId: 'w1' })).toEqual([
      { type: 'complaint-answered', withdrawalId: 'w1', paidBy: originalTxid },
    ]);
  });
});

describe('the fix: an exchange that reads what the chain did', () => {
  it('counts the mined copy as the payment, does not resend and answers the complaint', () => {
    const seed = seedWhere(true);
    const { world, copyTxid } = race(seed, 'outputs');
    expect(world.events.filter((e) => e.type === 'confirmed')).toEqual([
      { type: 'confirmed', withdrawalId: 'w1', txid: copyTxid },
    ]);
    world.mine(RESEND_AFTER + 1);
    expect(world.events.some((e) => e.type === 'stuck')).toBe(false);
    expect(world.step({ type: 'complaint', withdrawalId: 'w1' })).toEqual([
      { type: 'complaint-answered', withdrawalId: 'w1', paidBy: copyTxid },
    ]);
    expect(summarizeLedger(world.state).loss).toBe(0n);
  });

  it('an unknown withdrawal is an error value', () => {
    const state = initialExchange({
      pubKey: exchange.pub,
      wrap: 'p2pkh',
      fee: FEE,
      resendAfter: RESEND_AFTER,
      tracking: 'txid',
    });
    const { events } = exchangeStep(state, { type: 'complaint', withdrawalId: 'nope' });
    expect(events).toEqual([
      {
        type: 'error',
        withdrawalId: 'nope',
        error: {
          code: 'unknown-withdrawal',
          message: 'no withdrawal nope',
          text: { key: 'protocol.exchange.unknownWithdrawal', params: { withdrawal: 'nope' } },
        },
      },
    ]);
    const broke = exchangeStep(state, {
      type: 'withdraw',
      id: 'w',
      customer: 'Mallory',
      amount: COIN,
      scriptPubKey: MALLORY_SCRIPT,
    });
    expect(broke.events.map((e) => (e.type === 'error' ? e.error.code : e.type))).toEqual(['insufficient-funds']);
  });
});
