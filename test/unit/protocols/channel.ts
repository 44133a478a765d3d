/** Opening the seed's channel for the RSMC and HTLC tests: Funding 0.5 + 0.5, state 1 signed, Funding confirmed. */
import { expect } from 'vitest';
import { SimClock } from '../../../shared/chain/clock';
import { buildFunding } from '../../../shared/protocols/multisig';
import {
  buildStateTransactions,
  type ChannelParams,
  type ChannelState,
  initialState,
} from '../../../shared/protocols/rsmc';
import { wrapsForEra } from '../../../shared/protocols/types';
import { Bench, Chain, COIN, expectAccepted, party, START_TIME, unwrap } from './support';

export const alice = party('Alice');
export const bob = party('Bob');
/** Revocation keys: state n uses Alice(n+1) and Bob(n+1). */
export const revocation = (n: number) => ({ alice: party(`Alice${n + 1}`), bob: party(`Bob${n + 1}`) });
export const revocationPubs = (n: number) => ({ alice: revocation(n).alice.pub, bob: revocation(n).bob.pub });

export const DEPOSIT = COIN / 2n; // 0.5 BTC each
export const FUNDING_FEE_SHARE = 1_000n;
export const FEE = 2_000n; // each pre-signed transaction
export const DELAY = 1000;

export interface OpenChannel {
  readonly chain: Chain;
  readonly bench: Bench;
  readonly params: ChannelParams;
  readonly s1: ChannelState;
  /** What each side holds outside the channel after funding (their change). */
  readonly outside: { readonly alice: bigint; readonly bob: bigint };
}

export function openChannel(): OpenChannel {
  const chain = new Chain(new SimClock(START_TIME));
  const wraps = wrapsForEra('modern');
  const [aliceCoin] = chain.fund(alice, wraps.key);
  const [bobCoin] = chain.fund(bob, wraps.key);
  const bench = new Bench({ btc: chain });

  // Funding is built, not signed.
  const funding = unwrap(
    buildFunding({
      alice: alice.pub,
      bob: bob.pub,
      wrap: wraps.script,
      parties: [
        {
          name: 'Alice',
          coins: [aliceCoin!],
          amount: DEPOSIT,
          fee: FUNDING_FEE_SHARE,
          change: { pubKey: alice.pub, wrap: wraps.key },
        },
        {
          name: 'Bob',
          coins: [bobCoin!],
          amount: DEPOSIT,
          fee: FUNDING_FEE_SHARE,
          change: { pubKey: bob.pub, wrap: wraps.key },
        },
      ],
    }),
  );
  bench.add('Funding', funding);
  const params: ChannelParams = {
    keys: { alice: alice.pub, bob: bob.pub },
    wraps,
    funding: { node: 'Funding', output: 0 },
    capacity: 2n * DEPOSIT,
    delay: DELAY,
    fee: FEE,
  };
  const s1 = initialState({ alice: DEPOSIT, bob: DEPOSIT }, revocationPubs(1));
  for (const [name, tx] of Object.entries(unwrap(buildStateTransactions(params, s1)))) bench.add(name, tx);

  // Bob signs C1a and RD1a for Alice; Alice signs C1b and RD1b for Bob. Funding is still unsigned.
  const fundingTxid = bench.record('Funding').txid;
  bench.sign('C1a', bob).sign('RD1a', bob).sign('C1b', alice).sign('RD1b', alice);
  for (const id of ['C1a', 'RD1a', 'C1b', 'RD1b']) expect(bench.unsigned(id), id).toBe(1);

  // Only now both sign Funding; its txid does not move (witness inputs), so the signatures above stay good.
  bench.sign('Funding', alice, bob);
  expect(bench.record('Funding').txid).toBe(fundingTxid);
  expectAccepted(bench.broadcast('Funding', chain));
  chain.mine(1);
  expect(chain.node.confirmations(fundingTxid)).toBe(1);

  const change = (coin: bigint): bigint => coin - DEPOSIT - FUNDING_FEE_SHARE;
  return { chain, bench, params, s1, outside: { alice: change(aliceCoin!.value), bob: change(bobCoin!.value) } };
}
