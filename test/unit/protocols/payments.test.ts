/**
 * The building blocks on a chain: a P2PKH payment (the first lesson: `<sig> <pubkey>`, txid =
 * double SHA-256 of the serialization), its P2WPKH twin, and m-of-n multisig as P2SH (2014) and
 * P2WSH (modern), with the failures a builder or a node reports.
 */
import { describe, expect, it } from 'vitest';
import { hashToHex, toHex } from '../../../shared/bitcoin/bytes';
import { hash256 } from '../../../shared/bitcoin/hashes';
import { decodeScript } from '../../../shared/bitcoin/script';
import { SimClock } from '../../../shared/chain/clock';
import type { Era } from '../../../shared/chain/era';
import { buildFunding, buildMultisigSpend } from '../../../shared/protocols/multisig';
import { keyOutput, multisigOutput } from '../../../shared/protocols/outputs';
import { buildPayment } from '../../../shared/protocols/p2pkh';
import { wrapsForEra } from '../../../shared/protocols/types';
import { Bench, Chain, COIN, errorCode, expectAccepted, party, rejection, START_TIME, unwrap } from './support';

const alice = party('Alice');
const bob = party('Bob');
const carol = party('Carol');
const FEE = 5_000n;

function funded(era: Era) {
  const chain = new Chain(new SimClock(START_TIME), undefined, era);
  const wraps = wrapsForEra(era);
  const [coin] = chain.fund(alice, wraps.key);
  return { chain, wraps, coin: coin!, bench: new Bench({ btc: chain }) };
}

describe('P2PKH and P2WPKH payments', () => {
  it('P2PKH (2014): scriptSig <sig> <pubkey>, txid = SHA256d of the serialization, Bob gets 1 BTC', () => {
    const { chain, wraps, coin, bench } = funded('2014');
    bench.add(
      'Pay',
      unwrap(
        buildPayment({
          coins: [coin],
          payees: [keyOutput(bob.pub, wraps.key, COIN)],
          change: { pubKey: alice.pub, wrap: wraps.key },
          fee: FEE,
        }),
      ),
    );
    bench.sign('Pay', alice);
    const record = bench.record('Pay');
    const pushes = decodeScript(record.tx.ins[0]!.script).ops.map((op) => op.data && toHex(op.data));
    expect(pushes).toHaveLength(2);
    expect(pushes[1]).toBe(toHex(alice.pub));
    expect(record.txid).toBe(hashToHex(hash256(record.tx.toBuffer())));
    expectAccepted(bench.broadcast('Pay', chain));
    chain.mine(1);
    expect(chain.balance(bob.pub, wraps.key)).toBe(COIN);
    expect(chain.balance(alice.pub, wraps.key)).toBe(coin.value - COIN - FEE);
  });

  it('P2WPKH (modern): empty scriptSig, the witness carries <sig> <pubkey>, txid ≠ wtxid', () => {
    const { chain, wraps, coin, bench } = funded('modern');
    bench.add(
      'Pay',
      unwrap(
        buildPayment({
          coins: [coin],
          payees: [keyOutput(bob.pub, wraps.key, COIN)],
          change: { pubKey: alice.pub, wrap: wraps.key },
          fee: FEE,
        }),
      ),
    );
    bench.sign('Pay', alice);
    const record = bench.record('Pay');
    expect(record.tx.ins[0]!.script).toHaveLength(0);
    expect(record.tx.ins[0]!.witness).toHaveLength(2);
    expect(record.wtxid).not.toBe(record.txid);
    expectAccepted(bench.broadcast('Pay', chain));
    chain.mine(1);
    expect(chain.balance(bob.pub, wraps.key)).toBe(COIN);
  });

  it('an unsigned payment is refused by the node', () => {
    const { chain, wraps, coin, bench } = funded('modern');
    bench.add(
      'Pay',
      unwrap(
        buildPayment({
          coins: [coin],
          payees: [keyOutput(bob.pub, wraps.key, COIN)],
          change: { pubKey: alice.pub, wrap: wraps.key },
          fee: FEE,
        }),
      ),
    );
    expect(rejection(bench.broadcast('Pay', chain)).scriptError).toBe('EVAL_FALSE');
  });

  it('builder failures are values: too little money, nowhere for the change; dust change goes to the fee', () => {
    const { wraps, coin } = funded('modern');
    const pay = (value: bigint, change = true, fee = FEE) =>
      buildPayment({
        coins: [coin],
        payees: [keyOutput(bob.pub, wraps.key, value)],
        fee,
        ...(change ? { change: { pubKey: alice.pub, wrap: wraps.key } } : {}),
      });
    expect(errorCode(pay(coin.value))).toBe('insufficient-funds');
    expect(errorCode(pay(COIN, false))).toBe('no-change-destination');
    expect(errorCode(buildPayment({ coins: [], payees: [keyOutput(bob.pub, wraps.key, COIN)], fee: FEE }))).toBe(
      'insufficient-funds',
    );
    expect(
      errorCode(
        buildPayment({
          coins: [{ ...coin, pubKey: new Uint8Array(65) }],
          payees: [keyOutput(bob.pub, wraps.key, COIN)],
          fee: FEE,
        }),
      ),
    ).toBe('bad-key');
    // 100 sat of change is dust: no change output, the miner gets it.
    expect(unwrap(pay(coin.value - FEE - 100n)).outputs).toHaveLength(1);
    expect(unwrap(pay(coin.value - FEE)).outputs).toHaveLength(1);
  });
});

describe('multisig', () => {
  for (const era of ['2014', 'modern'] as const) {
    it(`2-of-3 ${era === '2014' ? 'P2SH' : 'P2WSH'}: Alice and Carol sign, Bob does not`, () => {
      const { chain, wraps, coin, bench } = funded(era);
      const keys = [alice.pub, bob.pub, carol.pub];
      bench.add(
        'Lock',
        unwrap(
          buildPayment({
            coins: [coin],
            payees: [multisigOutput(2, keys, wraps.script, COIN)],
            change: { pubKey: alice.pub, wrap: wraps.key },
            fee: FEE,
          }),
        ),
      );
      bench.sign('Lock', alice);
      expectAccepted(bench.broadcast('Lock', chain));
      chain.mine(1);
      const spend = (signers: Uint8Array[]) =>
        buildMultisigSpend({
          prevout: { node: 'Lock', output: 0 },
          required: 2,
          pubKeys: keys,
          signers,
          wrap: wraps.script,
          outputs: [keyOutput(carol.pub, wraps.key, COIN - FEE)],
        });
      expect(errorCode(spend([alice.pub]))).toBe('bad-key');
      // Signers are put in the script's order whatever order they are given in.
      bench.add('Spend', unwrap(spend([carol.pub, alice.pub])));
      bench.sign('Spend', alice);
      expect(rejection(bench.broadcast('Spend', chain)).scriptError).toBe(era === 'modern' ? 'NULLFAIL' : 'EVAL_FALSE');
      bench.sign('Spend', carol);
      expectAccepted(bench.broadcast('Spend', chain));
      chain.mine(1);
      expect(chain.balance(carol.pub, wraps.key)).toBe(COIN - FEE);
    });
  }

  it('a 2014 Funding changes txid when signed: children cannot be signed before it (why channels waited for SegWit)', () => {
    const chain = new Chain(new SimClock(START_TIME), undefined, '2014');
    const wraps = wrapsForEra('2014');
    const [a] = chain.fund(alice, wraps.key);
    const [b] = chain.fund(bob, wraps.key);
    const bench = new Bench({ btc: chain });
    const member = (name: string, coin: typeof a, pub: Uint8Array) => ({
      name,
      coins: [coin!],
      amount: COIN / 2n,
      fee: 1_000n,
      change: { pubKey: pub, wrap: wraps.key },
    });
    bench.add(
      'Funding',
      unwrap(
        buildFunding({
          alice: alice.pub,
          bob: bob.pub,
          wrap: wraps.script,
          parties: [member('Alice', a, alice.pub), member('Bob', b, bob.pub)],
        }),
      ),
    );
    const unsigned = bench.record('Funding').txid;
    bench.sign('Funding', alice, bob);
    expect(bench.record('Funding').txid).not.toBe(unsigned);
    expectAccepted(bench.broadcast('Funding', chain));
  });
});
