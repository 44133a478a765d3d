/**
 * Tier Nolan's atomic swap across a Bitcoin node and a Litecoin node that share one clock: Alice's
 * 1 BTC for Bob's 10 LTC. Success: Alice claims Tx3 with X, Bob reads X from the LTC chain and
 * claims Tx1. Failure: the refunds Tx4 (24 h) and Tx2 (48 h), each locked until its time.
 */
import { describe, expect, it } from 'vitest';
import { type Bytes, equal, utf8 } from '../../../shared/bitcoin/bytes';
import { sha256 } from '../../../shared/bitcoin/hashes';
import { SimClock } from '../../../shared/chain/clock';
import { LTC_REGTEST } from '../../../shared/chain/profiles';
import { txRecord } from '../../../shared/chain/txRecord';
import { mutate } from '../../../shared/protocols/malleability';
import {
  buildClaim,
  buildTx1,
  buildTx2,
  buildTx3,
  buildTx4,
  claimName,
  extractSecret,
  type SwapTerms,
  swapHash,
  withSecret,
} from '../../../shared/protocols/swap';
import { SECONDS_PER_HOUR, wrapsForEra } from '../../../shared/protocols/types';
import { Bench, Chain, COIN, errorCode, expectAccepted, party, rejection, START_TIME, unwrap } from './support';

const alice = party('Alice');
const bob = party('Bob');
const wraps = wrapsForEra('modern');
const BTC_AMOUNT = COIN; // 1 BTC
const LTC_AMOUNT = 10n * COIN; // 10 LTC
const FUND_FEE = 1_500n;
const SPEND_FEE = 1_000n;
const X: Bytes = sha256(utf8('Alice’s secret X'));

interface Swap {
  btc: Chain;
  ltc: Chain;
  bench: Bench;
  terms: SwapTerms;
  /** Alice's BTC and Bob's LTC outside the swap (their change). */
  aliceBtcChange: bigint;
  bobLtcChange: bigint;
}

/** Steps 0–2: Tx1/Tx2 and Tx3/Tx4 built, refunds countersigned before the contracts are broadcast. */
function setUp(): Swap {
  const clock = new SimClock(START_TIME);
  const btc = new Chain(clock);
  const ltc = new Chain(clock, LTC_REGTEST);
  const [aliceCoin] = btc.fund(alice, wraps.key);
  const [bobCoin] = ltc.fund(bob, wraps.key);
  const bench = new Bench({ btc, ltc });
  const terms: SwapTerms = { alice: alice.pub, bob: bob.pub, hash: unwrap(swapHash(X)), start: clock.now() };
  const spend = { terms, wrap: wraps.script, payout: wraps.key, fee: SPEND_FEE };

  // 0. Alice builds Tx1 and Tx2; Bob signs Tx2 and returns it. Tx1 is not even signed yet.
  bench.add(
    'Tx1',
    unwrap(
      buildTx1({
        terms,
        wrap: wraps.script,
        coins: [aliceCoin!],
        amount: BTC_AMOUNT,
        fee: FUND_FEE,
        change: { pubKey: alice.pub, wrap: wraps.key },
      }),
    ),
  );
  bench.add('Tx2', unwrap(buildTx2({ ...spend, value: BTC_AMOUNT })));
  bench.sign('Tx2', bob).sign('Tx2', alice);
  expect(bench.unsigned('Tx2')).toBe(0);
  // 1. Alice signs and broadcasts Tx1; witness inputs: its txid is the one Tx2 was signed against.
  const tx1Before = bench.record('Tx1').txid;
  bench.sign('Tx1', alice);
  expect(bench.record('Tx1').txid).toBe(tx1Before);
  expectAccepted(bench.broadcast('Tx1', btc));
  btc.mine(1);

  // 2. Bob builds Tx3 and Tx4; Alice signs Tx4; Bob broadcasts Tx3.
  bench.add(
    'Tx3',
    unwrap(
      buildTx3({
        terms,
        wrap: wraps.script,
        coins: [bobCoin!],
        amount: LTC_AMOUNT,
        fee: FUND_FEE,
        change: { pubKey: bob.pub, wrap: wraps.key },
      }),
    ),
    'ltc',
  );
  bench.add('Tx4', unwrap(buildTx4({ ...spend, value: LTC_AMOUNT })), 'ltc');
  bench.sign('Tx4', alice).sign('Tx4', bob);
  bench.sign('Tx3', bob);
  expectAccepted(bench.broadcast('Tx3', ltc));
  ltc.mine(1);

  bench.add(claimName('Tx3'), unwrap(buildClaim('Tx3', { ...spend, value: LTC_AMOUNT })), 'ltc');
  bench.add(claimName('Tx1'), unwrap(buildClaim('Tx1', { ...spend, value: BTC_AMOUNT })));
  return {
    btc,
    ltc,
    bench,
    terms,
    aliceBtcChange: aliceCoin!.value - BTC_AMOUNT - FUND_FEE,
    bobLtcChange: bobCoin!.value - LTC_AMOUNT - FUND_FEE,
  };
}

describe('atomic swap (Tier Nolan): Tx1–Tx4 across BTC and LTC', () => {
  it('success: Alice claims Tx3 with X, Bob extracts X from the LTC chain and claims Tx1', () => {
    const { btc, ltc, bench, terms, aliceBtcChange, bobLtcChange } = setUp();
    // 3. Alice spends Tx3 with X: this publishes X on the LTC chain.
    bench.replace(claimName('Tx3'), withSecret(bench.draft(claimName('Tx3')), X));
    bench.sign(claimName('Tx3'), alice);
    expectAccepted(bench.broadcast(claimName('Tx3'), ltc));
    ltc.mine(1);

    // 4. Bob reads X from Alice's LTC transaction and spends Tx1 with it.
    const confirmed = ltc.node.locateTx(bench.record(claimName('Tx3')).txid)!;
    const onChain = ltc.node.tree.get(confirmed.blockHash)!.block.txs[confirmed.position]!.tx;
    const learned = extractSecret(onChain, terms.hash)!;
    expect(equal(learned, X)).toBe(true);
    bench.replace(claimName('Tx1'), withSecret(bench.draft(claimName('Tx1')), learned));
    bench.sign(claimName('Tx1'), bob);
    expectAccepted(bench.broadcast(claimName('Tx1'), btc));
    btc.mine(1);

    expect(ltc.balance(alice.pub, wraps.key)).toBe(LTC_AMOUNT - SPEND_FEE);
    expect(btc.balance(bob.pub, wraps.key)).toBe(BTC_AMOUNT - SPEND_FEE);
    expect(btc.balance(alice.pub, wraps.key)).toBe(aliceBtcChange);
    expect(ltc.balance(bob.pub, wraps.key)).toBe(bobLtcChange);
    // The refunds are now worthless: their inputs are spent.
    expect(rejection(bench.broadcast('Tx2', btc)).reason).toBe('non-final');
    btc.mineUntilMtpPast(terms.start + 48 * SECONDS_PER_HOUR);
    expect(rejection(bench.broadcast('Tx2', btc)).reason).toBe('missing-inputs');
  });

  it('a wrong X fails the hash check; a 33-byte X is refused by the builder', () => {
    const { ltc, bench } = setUp();
    const wrong = sha256(utf8('a guess'));
    bench.replace(claimName('Tx3'), withSecret(bench.draft(claimName('Tx3')), wrong));
    bench.sign(claimName('Tx3'), alice);
    expect(rejection(bench.broadcast(claimName('Tx3'), ltc)).scriptError).toBe('EQUALVERIFY');
    expect(errorCode(swapHash(new Uint8Array(33)))).toBe('bad-secret');
    expect(extractSecret(bench.record('Tx4').tx, sha256(X))).toBeUndefined();
  });

  it('Bob walks away after Tx1: Tx2 is non-final until 48 h have passed, then Alice has her BTC back', () => {
    const { btc, bench, terms, aliceBtcChange } = setUp();
    btc.mineUntilMtpPast(terms.start + 47 * SECONDS_PER_HOUR);
    expect(rejection(bench.broadcast('Tx2', btc)).reason).toBe('non-final');
    btc.mineUntilMtpPast(terms.start + 48 * SECONDS_PER_HOUR);
    expectAccepted(bench.broadcast('Tx2', btc));
    btc.mine(1);
    expect(btc.balance(alice.pub, wraps.key)).toBe(aliceBtcChange + BTC_AMOUNT - SPEND_FEE);
  });

  it('Alice walks away after Tx3: Tx4 opens at 24 h while Tx2 is still locked; both refund', () => {
    const { btc, ltc, bench, terms, aliceBtcChange, bobLtcChange } = setUp();
    expect(rejection(bench.broadcast('Tx4', ltc)).reason).toBe('non-final');
    ltc.mineUntilMtpPast(terms.start + 24 * SECONDS_PER_HOUR);
    expectAccepted(bench.broadcast('Tx4', ltc));
    ltc.mine(1);
    expect(ltc.balance(bob.pub, wraps.key)).toBe(bobLtcChange + LTC_AMOUNT - SPEND_FEE);
    // The shared clock is past 24 h; the BTC chain's median time must still pass 48 h for Tx2.
    btc.mine(11);
    expect(rejection(bench.broadcast('Tx2', btc)).reason).toBe('non-final');
    btc.mineUntilMtpPast(terms.start + 48 * SECONDS_PER_HOUR);
    expectAccepted(bench.broadcast('Tx2', btc));
    btc.mine(1);
    expect(btc.balance(alice.pub, wraps.key)).toBe(aliceBtcChange + BTC_AMOUNT - SPEND_FEE);
  });

  it('the refund path needs both signatures: Tx2 with Alice’s alone does not verify', () => {
    const { btc, bench, terms } = setUp();
    bench.add(
      'Tx2-alone',
      unwrap(buildTx2({ terms, wrap: wraps.script, payout: wraps.key, value: BTC_AMOUNT, fee: SPEND_FEE })),
    );
    bench.sign('Tx2-alone', alice);
    btc.mineUntilMtpPast(terms.start + 48 * SECONDS_PER_HOUR);
    expect(rejection(bench.broadcast('Tx2-alone', btc)).scriptError).toBe('NULLFAIL');
  });

  it('2014 (P2SH, legacy inputs): a malleated Tx1 strands the pre-signed Tx2, as the notes warn', () => {
    const btc = new Chain(new SimClock(START_TIME), undefined, '2014');
    const legacy = wrapsForEra('2014');
    const [coin] = btc.fund(alice, legacy.key);
    const terms: SwapTerms = { alice: alice.pub, bob: bob.pub, hash: unwrap(swapHash(X)), start: btc.clock.now() };
    const bench = new Bench({ btc });
    bench.add(
      'Tx1',
      unwrap(
        buildTx1({
          terms,
          wrap: legacy.script,
          coins: [coin!],
          amount: BTC_AMOUNT,
          fee: FUND_FEE,
          change: { pubKey: alice.pub, wrap: legacy.key },
        }),
      ),
    );
    // Legacy: the txid is only fixed once Tx1 is signed, so Alice signs it before Bob signs Tx2.
    bench.sign('Tx1', alice);
    bench.add(
      'Tx2',
      unwrap(buildTx2({ terms, wrap: legacy.script, payout: legacy.key, value: BTC_AMOUNT, fee: SPEND_FEE })),
    );
    bench.sign('Tx2', bob).sign('Tx2', alice);
    bench.add(
      claimName('Tx1'),
      unwrap(
        buildClaim('Tx1', {
          terms,
          wrap: legacy.script,
          payout: legacy.key,
          value: BTC_AMOUNT,
          fee: SPEND_FEE,
          secret: X,
        }),
      ),
    );

    // Mallory re-pushes Alice's signature; the copy is mined instead of Tx1.
    const copy = unwrap(mutate(bench.record('Tx1').tx, 0, 'pushdata2'));
    expectAccepted(btc.accept(txRecord(copy.tx)));
    btc.mine(1);
    btc.mineUntilMtpPast(terms.start + 48 * SECONDS_PER_HOUR);
    expect(rejection(bench.broadcast('Tx2', btc)).reason).toBe('missing-inputs');
    // Bob's claim names Tx1's old txid too; only a transaction rebuilt on the copy's txid can spend it.
    expect(rejection(bench.broadcast(claimName('Tx1'), btc)).reason).toBe('missing-inputs');
    bench.add(
      'Tx1-claim-rebuilt',
      unwrap(
        buildClaim('Tx1', {
          terms,
          wrap: legacy.script,
          payout: legacy.key,
          value: BTC_AMOUNT,
          fee: SPEND_FEE,
          secret: X,
          contractOutput: { txid: copy.txid, vout: 0 },
        }),
      ),
    );
    bench.sign('Tx1-claim-rebuilt', bob);
    expectAccepted(bench.broadcast('Tx1-claim-rebuilt', btc));
  });
});
