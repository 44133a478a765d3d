/**
 * The seed's RSMC channel on a modern chain: Funding, C1a/RD1a/C1b/RD1b, a payment to state 2,
 * the revocation handover, a breach punished with BR1a, a breach whose window was missed, and the
 * unilateral and cooperative closes. Balances are what each side put in, less the fees chosen here.
 */
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../shared/bitcoin/bytes';
import {
  buildBreachRemedy,
  buildCommitment,
  buildCooperativeClose,
  buildRevocableDelivery,
  buildStateTransactions,
  buildUnilateralClose,
  type ChannelState,
  nextState,
  revocationKeyName,
} from '../../../shared/protocols/rsmc';
import { alice, bob, DELAY, DEPOSIT, FEE, type OpenChannel, openChannel, revocation, revocationPubs } from './channel';
import { COIN, errorCode, expectAccepted, rejection, unwrap } from './support';

const { alice: alice2, bob: bob2 } = revocation(1);
const { bob: bob3 } = revocation(2);

const PAYMENT = COIN / 10n; // Alice buys something from Bob for 0.1

interface Channel extends OpenChannel {
  s2: ChannelState;
}

/** Opens the channel, pays 0.1 to state 2 and revokes state 1 (the key handover). */
function openAndPay(): Channel {
  const open = openChannel();
  const { bench, params, s1 } = open;
  // Alice pays Bob 0.1: state 2 with the next revocation keys (Alice3, Bob3).
  const s2 = unwrap(nextState(s1, { from: 'alice', amount: PAYMENT }, revocationPubs(2)));
  for (const [name, tx] of Object.entries(unwrap(buildStateTransactions(params, s2)))) bench.add(name, tx);
  bench.sign('C2a', bob).sign('RD2a', bob).sign('C2b', alice).sign('RD2b', alice);

  // Revocation: Alice hands Alice2 to Bob, Bob hands Bob2 to Alice; each builds a breach remedy.
  bench.add('BR1a', unwrap(buildBreachRemedy(params, s1, 'alice')));
  bench.add('BR1b', unwrap(buildBreachRemedy(params, s1, 'bob')));
  bench.sign('BR1a', alice2, bob); // Bob alone: his key and the handed-over Alice2
  bench.sign('BR1b', alice, bob2);
  expect(bench.unsigned('BR1a')).toBe(0);
  return { ...open, s2 };
}

describe('RSMC (Poon–Dryja, the seed’s names)', () => {
  it('names the revocation keys per state', () => {
    expect(revocationKeyName('alice', 1)).toBe('Alice2');
    expect(revocationKeyName('bob', 1)).toBe('Bob2');
    expect(revocationKeyName('alice', 2)).toBe('Alice3');
  });

  it('C1a pays 0.5 to 2-of-2 (Alice2, Bob) and 0.5 to Bob; RD1a waits 1000 blocks with version 2', () => {
    const { bench, params, s1 } = openAndPay();
    const c1a = bench.record('C1a').tx;
    expect(c1a.outs).toHaveLength(2);
    expect(c1a.outs[0]!.value).toBe(DEPOSIT - FEE);
    expect(c1a.outs[1]!.value).toBe(DEPOSIT);
    const lock = bench.draft('C1a').outputs[0]!.lock;
    expect(lock?.kind === 'multisig' ? lock.pubKeys : []).toEqual([toHex(alice2.pub), toHex(bob.pub)]);
    const rd1a = bench.draft('RD1a');
    expect(rd1a.version).toBe(2);
    expect(rd1a.inputs[0]!.sequence).toBe(DELAY);
    expect(unwrap(buildRevocableDelivery(params, s1, 'alice')).outputs[0]!.value).toBe(String(DEPOSIT - 2n * FEE));
  });

  it('breach: Alice broadcasts the revoked C1a, RD1a is locked, Bob takes everything with BR1a at once', () => {
    const { chain, bench, outside } = openAndPay();
    bench.sign('C1a', alice);
    expectAccepted(bench.broadcast('C1a', chain));
    chain.mine(1);
    bench.sign('RD1a', alice2);
    expect(rejection(bench.broadcast('RD1a', chain)).reason).toBe('non-BIP68-final');
    expectAccepted(bench.broadcast('BR1a', chain));
    chain.mine(1);
    expect(chain.node.confirmations(bench.record('BR1a').txid)).toBe(1);
    // Bob: his change, his 0.5 from C1a#1, and Alice's 0.5 less C1a's and BR1a's fees.
    expect(chain.balance(bob.pub, 'p2wpkh')).toBe(outside.bob + DEPOSIT + DEPOSIT - 2n * FEE);
    expect(chain.balance(alice.pub, 'p2wpkh')).toBe(outside.alice);
  });

  it('breach missed: after 1000 blocks RD1a confirms and the penalty is lost', () => {
    const { chain, bench, outside } = openAndPay();
    bench.sign('C1a', alice).sign('RD1a', alice2);
    expectAccepted(bench.broadcast('C1a', chain));
    chain.mine(1);
    const c1a = bench.record('C1a').txid;
    chain.mine(DELAY - 2);
    expect(chain.node.confirmations(c1a)).toBe(DELAY - 1);
    expect(rejection(bench.broadcast('RD1a', chain)).reason).toBe('non-BIP68-final');
    chain.mine(1);
    expectAccepted(bench.broadcast('RD1a', chain));
    chain.mine(1);
    expect(rejection(bench.broadcast('BR1a', chain)).reason).toBe('missing-inputs');
    expect(chain.balance(alice.pub, 'p2wpkh')).toBe(outside.alice + DEPOSIT - 2n * FEE);
    expect(chain.balance(bob.pub, 'p2wpkh')).toBe(outside.bob + DEPOSIT);
  });

  it('Bob’s breach is punished the same way with BR1b', () => {
    const { chain, bench, outside } = openAndPay();
    bench.sign('C1b', bob);
    expectAccepted(bench.broadcast('C1b', chain));
    chain.mine(1);
    expectAccepted(bench.broadcast('BR1b', chain));
    chain.mine(1);
    expect(chain.balance(alice.pub, 'p2wpkh')).toBe(outside.alice + 2n * DEPOSIT - 2n * FEE);
  });

  it('unilateral close: Bob publishes C2b, Alice is paid at once, Bob after 1000 blocks', () => {
    const { chain, bench, params, s2, outside } = openAndPay();
    // The builder gives the same pair the two signed while paying (Bob's slot is the only difference).
    const close = unwrap(buildUnilateralClose(params, s2, 'bob'));
    expect(close.commitment.outputs).toEqual(bench.draft('C2b').outputs);
    expect(close.delivery.inputs[0]!.sequence).toBe(DELAY);
    bench.sign('C2b', bob).sign('RD2b', bob3);
    expectAccepted(bench.broadcast('C2b', chain));
    chain.mine(1);
    expect(chain.balance(alice.pub, 'p2wpkh')).toBe(outside.alice + DEPOSIT - PAYMENT);
    expect(rejection(bench.broadcast('RD2b', chain)).reason).toBe('non-BIP68-final');
    chain.mine(DELAY - 1);
    expectAccepted(bench.broadcast('RD2b', chain));
    chain.mine(1);
    expect(chain.balance(bob.pub, 'p2wpkh')).toBe(outside.bob + DEPOSIT + PAYMENT - 2n * FEE);
  });

  it('cooperative close pays 0.4 / 0.6 at once, each less its fee share', () => {
    const { chain, bench, params, s2, outside } = openAndPay();
    const share = { alice: 700n, bob: 800n };
    bench.add('Close', unwrap(buildCooperativeClose(params, s2, share)));
    bench.sign('Close', alice, bob);
    expectAccepted(bench.broadcast('Close', chain));
    chain.mine(1);
    expect(chain.balance(alice.pub, 'p2wpkh')).toBe(outside.alice + DEPOSIT - PAYMENT - share.alice);
    expect(chain.balance(bob.pub, 'p2wpkh')).toBe(outside.bob + DEPOSIT + PAYMENT - share.bob);
  });

  it('a commitment signed by one side only does not verify', () => {
    const { chain, bench } = openAndPay();
    // C2a carries only Bob's signature until Alice signs it at broadcast. Alice's empty slot fails
    // CHECKMULTISIG; relay policy then also wants Bob's signature empty (NULLFAIL).
    const outcome = rejection(bench.broadcast('C2a', chain));
    expect(outcome.scriptError).toBe('NULLFAIL');
  });

  it('refuses states that do not add up and payments beyond a balance', () => {
    const { params, s1 } = openAndPay();
    expect(errorCode(buildCommitment(params, { ...s1, balance: { alice: DEPOSIT, bob: DEPOSIT - 1n } }, 'alice'))).toBe(
      'bad-state',
    );
    expect(errorCode(nextState(s1, { from: 'alice', amount: DEPOSIT + 1n }, s1.revocation))).toBe('insufficient-funds');
    expect(errorCode(buildCommitment({ ...params, fee: DEPOSIT }, s1, 'alice'))).toBe('amount-below-fee');
  });
});
