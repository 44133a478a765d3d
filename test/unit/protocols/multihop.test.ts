/**
 * The seed's multi-hop payment: Alice → Bob → Carol → Dave for 0.05 BTC with HTLCs of 0.052 (3
 * days), 0.051 (2 days) and 0.05 (1 day) on the same H(R). Success: R travels back and each
 * middle hop keeps 0.001 (less the fees it paid). Failure: Dave stays silent and the HTLCs time
 * out in order, Carol's first.
 */
import { describe, expect, it } from 'vitest';
import { type Bytes, equal, utf8 } from '../../../shared/bitcoin/bytes';
import { sha256 } from '../../../shared/bitcoin/hashes';
import { SimClock } from '../../../shared/chain/clock';
import { htlcHash, preimageFromTx, withPreimage } from '../../../shared/protocols/htlc';
import {
  buildHopOffer,
  buildHopRedeem,
  buildHopTimeout,
  type Hop,
  hopTxName,
  planRoute,
} from '../../../shared/protocols/multihop';
import { SECONDS_PER_DAY, wrapsForEra } from '../../../shared/protocols/types';
import {
  Bench,
  Chain,
  COIN,
  errorCode,
  expectAccepted,
  type Party,
  party,
  rejection,
  START_TIME,
  unwrap,
} from './support';

const [alice, bob, carol, dave] = ['Alice', 'Bob', 'Carol', 'Dave'].map(party) as [Party, Party, Party, Party];
const wraps = wrapsForEra('modern');
const AMOUNT = (5n * COIN) / 100n; // 0.05
const HOP_FEE = COIN / 1000n; // 0.001 each middle hop keeps
const OFFER_FEE = 1_500n;
// The seed's amounts, written out rather than read back from planRoute.
const AB = (52n * COIN) / 1000n;
const BC = (51n * COIN) / 1000n;
const CD = (50n * COIN) / 1000n;
const SPEND_FEE = 1_000n;

// Dave makes R and gives only HASH160(R) to Alice.
const R: Bytes = sha256(utf8('Dave’s secret R'));
const H = htlcHash(R);

interface Route {
  chain: Chain;
  bench: Bench;
  hops: readonly Hop[];
  /** Balances right after the HTLCs are set up. */
  before: Map<string, bigint>;
}

function setUp(): Route {
  const chain = new Chain(new SimClock(START_TIME));
  const coins = new Map([alice, bob, carol].map((p) => [p.name, chain.fund(p, wraps.key)]));
  const hops = unwrap(
    planRoute({
      path: [alice, bob, carol, dave].map((p) => ({ name: p.name, key: p.pub })),
      amount: AMOUNT,
      feePerHop: HOP_FEE,
      start: chain.clock.now(),
    }),
  );
  const bench = new Bench({ btc: chain });
  for (const hop of hops) {
    const payer = [alice, bob, carol].find((p) => p.name === hop.payer.name)!;
    const id = hopTxName(hop, 'HTLC');
    bench.add(
      id,
      unwrap(
        buildHopOffer({
          hop,
          hash: H,
          wrap: wraps.script,
          coins: coins.get(payer.name)!,
          change: { pubKey: payer.pub, wrap: wraps.key },
          fee: OFFER_FEE,
        }),
      ),
    );
    bench.sign(id, payer);
    expectAccepted(bench.broadcast(id, chain));
    bench.add(
      hopTxName(hop, 'Redeem'),
      unwrap(buildHopRedeem({ hop, hash: H, wrap: wraps.script, fee: SPEND_FEE, payout: wraps.key })),
    );
    bench.add(
      hopTxName(hop, 'Timeout'),
      unwrap(buildHopTimeout({ hop, hash: H, wrap: wraps.script, fee: SPEND_FEE, payout: wraps.key })),
    );
  }
  chain.mine(1);
  const before = new Map([alice, bob, carol, dave].map((p) => [p.name, chain.balance(p.pub, wraps.key)]));
  return { chain, bench, hops, before };
}

describe('multi-hop payment (Alice → Bob → Carol → Dave)', () => {
  it('plans 0.052 / 0.051 / 0.05 with 3 / 2 / 1-day timeouts', () => {
    const hops = unwrap(
      planRoute({
        path: [alice, bob, carol, dave].map((p) => ({ name: p.name, key: p.pub })),
        amount: AMOUNT,
        feePerHop: HOP_FEE,
        start: START_TIME,
      }),
    );
    expect(hops.map((h) => h.amount)).toEqual([AB, BC, CD]);
    expect(hops.map((h) => (h.timeout - START_TIME) / SECONDS_PER_DAY)).toEqual([3, 2, 1]);
    expect(
      errorCode(
        planRoute({ path: [{ name: 'Alice', key: alice.pub }], amount: AMOUNT, feePerHop: HOP_FEE, start: START_TIME }),
      ),
    ).toBe('bad-route');
  });

  it('success: R travels back from Dave, every hop is paid and each middle hop keeps 0.001', () => {
    const { chain, bench, hops, before } = setUp();
    const [ab, bc, cd] = hops as [Hop, Hop, Hop];

    // Dave reveals R to take Carol's HTLC.
    bench.replace(hopTxName(cd, 'Redeem'), withPreimage(bench.draft(hopTxName(cd, 'Redeem')), R));
    bench.sign(hopTxName(cd, 'Redeem'), dave);
    expectAccepted(bench.broadcast(hopTxName(cd, 'Redeem'), chain));
    chain.mine(1);

    // Carol reads R from Dave's transaction and takes Bob's; Bob reads it from Carol's and takes Alice's.
    for (const [downstream, upstream, redeemer] of [
      [cd, bc, carol],
      [bc, ab, bob],
    ] as const) {
      const learned = preimageFromTx(bench.record(hopTxName(downstream, 'Redeem')).tx, H)!;
      expect(equal(learned, R)).toBe(true);
      bench.replace(hopTxName(upstream, 'Redeem'), withPreimage(bench.draft(hopTxName(upstream, 'Redeem')), learned));
      bench.sign(hopTxName(upstream, 'Redeem'), redeemer);
      expectAccepted(bench.broadcast(hopTxName(upstream, 'Redeem'), chain));
      chain.mine(1);
    }

    const gained = (p: Party): bigint => chain.balance(p.pub, wraps.key) - before.get(p.name)!;
    expect(gained(dave)).toBe(CD - SPEND_FEE);
    expect(gained(carol)).toBe(BC - SPEND_FEE);
    expect(gained(bob)).toBe(AB - SPEND_FEE);
    // Over the whole payment (HTLC out, redeem in) each middle hop keeps the 0.001, less the two fees it paid.
    expect(gained(bob) - BC - OFFER_FEE).toBe(HOP_FEE - SPEND_FEE - OFFER_FEE);
    expect(gained(carol) - CD - OFFER_FEE).toBe(HOP_FEE - SPEND_FEE - OFFER_FEE);
  });

  it('a wrong R takes the timeout branch and fails CLTV (UNSATISFIED_LOCKTIME)', () => {
    const { chain, bench, hops } = setUp();
    const cd = hops[2]!;
    const wrong = sha256(utf8('a guess'));
    expect(
      errorCode(
        buildHopRedeem({ hop: cd, hash: H, wrap: wraps.script, fee: SPEND_FEE, payout: wraps.key, preimage: wrong }),
      ),
    ).toBe('bad-secret');
    bench.replace(hopTxName(cd, 'Redeem'), withPreimage(bench.draft(hopTxName(cd, 'Redeem')), wrong));
    bench.sign(hopTxName(cd, 'Redeem'), dave);
    expect(rejection(bench.broadcast(hopTxName(cd, 'Redeem'), chain)).scriptError).toBe('UNSATISFIED_LOCKTIME');
  });

  it('failure: Dave never reveals R; the HTLCs time out in order after 1, 2 and 3 days', () => {
    const { chain, bench, hops, before } = setUp();
    const [ab, bc, cd] = hops as [Hop, Hop, Hop];
    const payers = [carol, bob, alice];
    for (const [i, hop] of [cd, bc, ab].entries()) {
      const id = hopTxName(hop, 'Timeout');
      bench.sign(id, payers[i]!);
      expect(rejection(bench.broadcast(id, chain)).reason, `${id} before its timeout`).toBe('non-final');
      chain.mineUntilMtpPast(hop.timeout);
      expectAccepted(bench.broadcast(id, chain));
      // The next hop upstream is still locked: it has a day more.
      const upstream = hops[hop.index - 1];
      if (upstream) {
        const next = hopTxName(upstream, 'Timeout');
        bench.sign(next, payers[i + 1]!);
        expect(rejection(bench.broadcast(next, chain)).reason, `${next} while ${id} opens`).toBe('non-final');
      }
      chain.mine(1);
    }
    for (const [p, amount] of [
      [alice, AB],
      [bob, BC],
      [carol, CD],
    ] as const) {
      expect(chain.balance(p.pub, wraps.key) - before.get(p.name)!, p.name).toBe(amount - SPEND_FEE);
    }
    expect(chain.balance(dave.pub, wraps.key)).toBe(0n);
  });

  it('a timeout whose nLockTime is below the script’s timeout fails CLTV even when final', () => {
    const { chain, bench, hops } = setUp();
    const cd = hops[2]!;
    const id = hopTxName(cd, 'Timeout');
    bench.replace(id, { ...bench.draft(id), locktime: cd.timeout - 1 });
    bench.sign(id, carol);
    chain.mineUntilMtpPast(cd.timeout);
    expect(rejection(bench.broadcast(id, chain)).scriptError).toBe('UNSATISFIED_LOCKTIME');
  });
});
