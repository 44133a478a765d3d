/**
 * The seed's HTLC in the channel: state 2 is 0.4 Alice / 0.5 Bob / 0.1 HTLC (Bob with R within
 * three days, else Alice). Bob redeems with HE1b/HERD1b; Alice times out with HT1a/HTRD1a; a
 * revoked C2a is punished with BR2a plus HBR1a (HT1a withheld) or HTBR1a (HT1a raced in).
 */
import { describe, expect, it } from 'vitest';
import { type Bytes, equal, utf8 } from '../../../shared/bitcoin/bytes';
import { sha256 } from '../../../shared/bitcoin/hashes';
import {
  buildHtlcCommitment,
  buildHtlcTx,
  HTLC_OUTPUT,
  type HtlcTxKind,
  htlcHash,
  htlcTxKinds,
  htlcTxName,
  offerHtlc,
  preimageFromTx,
  settleHtlc,
  withPreimage,
} from '../../../shared/protocols/htlc';
import {
  buildBreachRemedy,
  buildRevocableDelivery,
  type ChannelState,
  type Side,
} from '../../../shared/protocols/rsmc';
import { SECONDS_PER_DAY } from '../../../shared/protocols/types';
import { alice, bob, DELAY, DEPOSIT, FEE, type OpenChannel, openChannel, revocation, revocationPubs } from './channel';
import { COIN, errorCode, expectAccepted, rejection, unwrap } from './support';

const R: Bytes = sha256(utf8('the secret R that Bob learns when he is paid'));
const HTLC_AMOUNT = COIN / 10n;
const { alice: alice3, bob: bob3 } = revocation(2);

interface HtlcChannel extends OpenChannel {
  s2: ChannelState;
  timeout: number;
}

/** Adds every state-2 transaction for `holder`'s commitment under its seed name. */
function addState2(o: OpenChannel, s2: ChannelState, holder: Side): void {
  o.bench.add(holder === 'alice' ? 'C2a' : 'C2b', unwrap(buildHtlcCommitment(o.params, s2, holder)));
  o.bench.add(holder === 'alice' ? 'RD2a' : 'RD2b', unwrap(buildRevocableDelivery(o.params, s2, holder)));
  o.bench.add(holder === 'alice' ? 'BR2a' : 'BR2b', unwrap(buildBreachRemedy(o.params, s2, holder)));
  for (const kind of htlcTxKinds(s2.htlc!, holder))
    o.bench.add(htlcTxName(kind, s2.htlc!, holder), unwrap(buildHtlcTx(o.params, s2, holder, kind)));
}

/** State 2 with the HTLC, every pre-signature exchanged as the seed describes. */
function offer(): HtlcChannel {
  const o = openChannel();
  const timeout = o.chain.clock.now() + 3 * SECONDS_PER_DAY;
  const s2 = unwrap(
    offerHtlc(o.s1, { index: 1, payer: 'alice', amount: HTLC_AMOUNT, hash: htlcHash(R), timeout }, revocationPubs(2)),
  );
  addState2(o, s2, 'alice');
  addState2(o, s2, 'bob');
  // Bob pre-signs what Alice may publish: C2a, RD2a, the timeout HT1a and HTRD1a.
  for (const id of ['C2a', 'RD2a', 'HT1a', 'HTRD1a']) o.bench.sign(id, bob);
  // Alice pre-signs Bob's: C2b, RD2b, HE1b and HERD1b, and HED1a (Bob's R path on her C2a).
  for (const id of ['C2b', 'RD2b', 'HE1b', 'HERD1b', 'HED1a']) o.bench.sign(id, alice);
  // Bob signs HTD1b (Alice's timeout on his C2b) with Bob3, whose key he still keeps.
  o.bench.sign('HTD1b', bob3);
  return { ...o, s2, timeout };
}

/** State 3 settles the HTLC; state 2 is revoked: Alice3 goes to Bob, Bob3 to Alice. */
function revokeState2(h: HtlcChannel): void {
  const s3 = unwrap(settleHtlc(h.s2, 'fulfilled', revocationPubs(3)));
  expect(s3.balance).toEqual({ alice: DEPOSIT - HTLC_AMOUNT, bob: DEPOSIT + HTLC_AMOUNT });
  for (const id of ['BR2a', 'HBR1a', 'HTBR1a']) h.bench.sign(id, alice3, bob);
  for (const id of ['BR2b', 'HBR1b', 'HEBR1b']) h.bench.sign(id, alice, bob3);
}

describe('HTLC in the channel (HE1b, HERD1b, HT1a, HTRD1a, HBR1a, HTBR1a)', () => {
  it('C2a carries 0.4 revocable to Alice, 0.5 to Bob and the 0.1 HTLC as output #2', () => {
    const h = offer();
    const c2a = h.bench.record('C2a').tx;
    expect(c2a.outs.map((o) => o.value)).toEqual([DEPOSIT - HTLC_AMOUNT - FEE, DEPOSIT, HTLC_AMOUNT]);
    expect(HTLC_OUTPUT).toBe(2);
    expect(h.bench.draft('HT1a').locktime).toBe(h.timeout);
  });

  it('Bob redeems with R: C2b, HE1b at once, HERD1b and RD2b after 1000 blocks (0.6 / 0.4)', () => {
    const h = offer();
    const { chain, bench } = h;
    bench.sign('C2b', bob);
    expectAccepted(bench.broadcast('C2b', chain));
    chain.mine(1);
    expect(chain.balance(alice.pub, 'p2wpkh')).toBe(h.outside.alice + DEPOSIT - HTLC_AMOUNT);

    // Without R the script takes the ELSE branch, whose keys are (Alice, Bob3): the signatures fail.
    bench.sign('HE1b', bob);
    expect(rejection(bench.broadcast('HE1b', chain)).scriptError).toBe('NULLFAIL');
    bench.replace('HE1b', withPreimage(bench.draft('HE1b'), R));
    expectAccepted(bench.broadcast('HE1b', chain));
    chain.mine(1);
    // Alice reads R off the chain (and can claim her own incoming HTLC upstream with it).
    expect(equal(preimageFromTx(bench.record('HE1b').tx, htlcHash(R))!, R)).toBe(true);

    bench.sign('HERD1b', bob3).sign('RD2b', bob3);
    expect(rejection(bench.broadcast('HERD1b', chain)).reason).toBe('non-BIP68-final');
    chain.mine(DELAY);
    expectAccepted(bench.broadcast('HERD1b', chain));
    expectAccepted(bench.broadcast('RD2b', chain));
    chain.mine(1);
    expect(chain.balance(bob.pub, 'p2wpkh')).toBe(h.outside.bob + (DEPOSIT - 2n * FEE) + (HTLC_AMOUNT - 2n * FEE));
  });

  it('Alice times out: HT1a is non-final before 3 days, then HTRD1a and RD2a after 1000 blocks (0.5 / 0.5)', () => {
    const h = offer();
    const { chain, bench } = h;
    bench.sign('C2a', alice).sign('HT1a', alice3);
    expectAccepted(bench.broadcast('C2a', chain));
    chain.mine(1);
    expect(chain.balance(bob.pub, 'p2wpkh')).toBe(h.outside.bob + DEPOSIT);
    expect(rejection(bench.broadcast('HT1a', chain)).reason).toBe('non-final');
    chain.mineUntilMtpPast(h.timeout - 1);
    expect(chain.node.mtpAt(chain.node.height)).toBe(h.timeout);
    expect(rejection(bench.broadcast('HT1a', chain)).reason).toBe('non-final'); // MTP must pass the lock time
    chain.mine(1);
    expectAccepted(bench.broadcast('HT1a', chain));
    chain.mine(1);

    bench.sign('HTRD1a', alice3).sign('RD2a', alice3);
    expect(rejection(bench.broadcast('HTRD1a', chain)).reason).toBe('non-BIP68-final');
    chain.mine(DELAY);
    expectAccepted(bench.broadcast('HTRD1a', chain));
    expectAccepted(bench.broadcast('RD2a', chain));
    chain.mine(1);
    expect(chain.balance(alice.pub, 'p2wpkh')).toBe(
      h.outside.alice + (DEPOSIT - HTLC_AMOUNT - 2n * FEE) + (HTLC_AMOUNT - 2n * FEE),
    );
  });

  it('HBR1a: Alice publishes the revoked C2a and withholds HT1a; Bob takes #0 and #2 at once', () => {
    const h = offer();
    const { chain, bench } = h;
    revokeState2(h);
    bench.sign('C2a', alice);
    expectAccepted(bench.broadcast('C2a', chain));
    chain.mine(1);
    expectAccepted(bench.broadcast('BR2a', chain));
    expectAccepted(bench.broadcast('HBR1a', chain));
    chain.mine(1);
    expect(chain.balance(bob.pub, 'p2wpkh')).toBe(
      h.outside.bob + DEPOSIT + (DEPOSIT - HTLC_AMOUNT - 2n * FEE) + (HTLC_AMOUNT - FEE),
    );
    expect(chain.balance(alice.pub, 'p2wpkh')).toBe(h.outside.alice);
  });

  it('HTBR1a: after the timeout Alice races HT1a in; HBR1a is too late, HTBR1a takes HT1a#0 inside its 1000 blocks', () => {
    const h = offer();
    const { chain, bench } = h;
    revokeState2(h);
    bench.sign('C2a', alice).sign('HT1a', alice3);
    chain.mineUntilMtpPast(h.timeout);
    expectAccepted(bench.broadcast('C2a', chain));
    expectAccepted(bench.broadcast('HT1a', chain));
    chain.mine(1);
    expect(rejection(bench.broadcast('HBR1a', chain)).reason).toBe('missing-inputs');
    expect(rejection(bench.broadcast('HTRD1a', chain)).reason).toBe('non-BIP68-final');
    expectAccepted(bench.broadcast('BR2a', chain));
    expectAccepted(bench.broadcast('HTBR1a', chain));
    chain.mine(1);
    expect(chain.balance(bob.pub, 'p2wpkh')).toBe(
      h.outside.bob + DEPOSIT + (DEPOSIT - HTLC_AMOUNT - 2n * FEE) + (HTLC_AMOUNT - 2n * FEE),
    );
  });

  it('the mirror: Bob publishes the revoked C2b and HE1b; Alice takes them with BR2b and HEBR1b', () => {
    const h = offer();
    const { chain, bench } = h;
    revokeState2(h);
    bench.sign('C2b', bob).sign('HE1b', bob);
    bench.replace('HE1b', withPreimage(bench.draft('HE1b'), R));
    expectAccepted(bench.broadcast('C2b', chain));
    expectAccepted(bench.broadcast('HE1b', chain));
    chain.mine(1);
    expectAccepted(bench.broadcast('BR2b', chain));
    expectAccepted(bench.broadcast('HEBR1b', chain));
    chain.mine(1);
    expect(chain.balance(alice.pub, 'p2wpkh')).toBe(
      h.outside.alice + (DEPOSIT - HTLC_AMOUNT) + (DEPOSIT - 2n * FEE) + (HTLC_AMOUNT - 2n * FEE),
    );
  });

  it('HTD1b and HED1a: Alice’s timeout on C2b and Bob’s R path on C2a pay directly', () => {
    const h = offer();
    const { chain, bench } = h;
    bench.sign('C2b', bob).sign('HTD1b', alice);
    expectAccepted(bench.broadcast('C2b', chain));
    chain.mine(1);
    expect(rejection(bench.broadcast('HTD1b', chain)).reason).toBe('non-final');
    chain.mineUntilMtpPast(h.timeout);
    expectAccepted(bench.broadcast('HTD1b', chain));
    chain.mine(1);
    expect(chain.balance(alice.pub, 'p2wpkh')).toBe(h.outside.alice + (DEPOSIT - HTLC_AMOUNT) + (HTLC_AMOUNT - FEE));

    const other = offer();
    other.bench.sign('C2a', alice).sign('HED1a', bob);
    other.bench.replace('HED1a', withPreimage(other.bench.draft('HED1a'), R));
    expectAccepted(other.bench.broadcast('C2a', other.chain));
    expectAccepted(other.bench.broadcast('HED1a', other.chain));
    other.chain.mine(1);
    expect(other.chain.balance(bob.pub, 'p2wpkh')).toBe(other.outside.bob + DEPOSIT + (HTLC_AMOUNT - FEE));
  });

  it('refuses transactions that do not exist on a commitment and bad terms', () => {
    const h = offer();
    const wrong: HtlcTxKind = 'HE';
    expect(errorCode(buildHtlcTx(h.params, h.s2, 'alice', wrong))).toBe('not-applicable');
    expect(
      errorCode(
        offerHtlc(
          h.s1,
          { index: 1, payer: 'alice', amount: DEPOSIT + 1n, hash: htlcHash(R), timeout: h.timeout },
          revocationPubs(2),
        ),
      ),
    ).toBe('insufficient-funds');
    expect(
      errorCode(
        offerHtlc(
          h.s1,
          { index: 1, payer: 'alice', amount: HTLC_AMOUNT, hash: R, timeout: h.timeout },
          revocationPubs(2),
        ),
      ),
    ).toBe('bad-secret');
  });
});
