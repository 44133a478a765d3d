/**
 * Rules where TxLab followed neither node exactly (issue 13), each with the value from the
 * node's source named beside it. Expected values are computed by hand from those sources.
 */
import * as ecc from 'tiny-secp256k1';
import { describe, expect, it } from 'vitest';
import { concat } from '../../../shared/bitcoin/bytes';
import { F, ERRORS_AS_CORE_0_21, STANDARD_FLAGS } from '../../../shared/bitcoin/flags';
import { OP } from '../../../shared/bitcoin/opcodes';
import { pushData } from '../../../shared/bitcoin/script';
import { solve } from '../../../shared/bitcoin/scriptType';
import { Transaction, verifyInput } from '../../../shared/bitcoin/transaction';
import { defaultPolicy, policyFlags } from '../../../shared/chain/era';
import { BTC_REGTEST, LTC_REGTEST } from '../../../shared/chain/profiles';
import { sigOpAdjustedVsize, transactionSigOpCost } from '../../../shared/chain/sigops';
import { testKey } from '../../helpers/keys';
import { Harness, KEY, reason } from './harness';

const COIN = 100_000_000n;
const keys = ['one', 'two', 'three'].map((n) => testKey(`node rules ${n}`).publicKey);
/** OP_1 <33> <33> <33> OP_3 OP_CHECKMULTISIG: 105 bytes; counted inexactly (GetLegacySigOpCount) as 20 sigops. */
const BARE_MULTISIG = concat(
  Uint8Array.of(OP.OP_1),
  ...keys.map(pushData),
  Uint8Array.of(OP.OP_3, OP.OP_CHECKMULTISIG),
);

/** The uncompressed key with the hybrid header: 0x06 for an even y, 0x07 for an odd one. */
function hybrid(pubKey: Uint8Array): Uint8Array {
  const full = ecc.pointCompress(pubKey, false);
  return concat(Uint8Array.of(full[64]! % 2 === 0 ? 0x06 : 0x07), full.subarray(1));
}

describe('hybrid public keys are keys to the Solver (standard.cpp MatchPayToPubkey, pubkey.h ValidSize)', () => {
  const key = hybrid(KEY.publicKey);
  const p2pk = concat(pushData(key), Uint8Array.of(OP.OP_CHECKSIG));
  const multisig = concat(
    Uint8Array.of(OP.OP_1),
    pushData(keys[0]!),
    pushData(key),
    Uint8Array.of(OP.OP_2, OP.OP_CHECKMULTISIG),
  );

  it('classifies P2PK and bare multisig with a hybrid key as pubkey and multisig', () => {
    expect(key[0] === 0x06 || key[0] === 0x07).toBe(true);
    expect(solve(p2pk).type).toBe('pubkey');
    expect(solve(multisig)).toMatchObject({ type: 'multisig', required: 1 });
    // A 65-byte push with another header is still not a key.
    expect(
      solve(concat(pushData(concat(Uint8Array.of(0x05), key.subarray(1))), Uint8Array.of(OP.OP_CHECKSIG))).type,
    ).toBe('nonstandard');
  });

  it('relays outputs paying them', () => {
    const h = new Harness();
    const coin = h.coinbase(1);
    const tx = h.spend(
      [coin],
      [{ value: COIN, script: p2pk }, { value: COIN, script: multisig }, coin.value - 2n * COIN - 10_000n],
    );
    expect(reason(h.node.acceptToMempool(tx, { testOnly: true }))).toBe('accepted');
  });
});

describe('signature operations (policy.h MAX_STANDARD_TX_SIGOPS_COST, GetVirtualTransactionSize)', () => {
  // One P2WPKH input (1 witness sigop) and n bare 1-of-3 multisig outputs (20 × 4 each).
  const build = (h: Harness, n: number, fee: bigint) => {
    const coin = h.coinbase(1);
    const outs = Array.from({ length: n }, () => ({ value: 1_000n, script: BARE_MULTISIG }));
    return h.spend([coin], [...outs, coin.value - BigInt(n) * 1_000n - fee]);
  };

  it('counts 80 per bare multisig output and 1 for a P2WPKH input', () => {
    const h = new Harness();
    const tx = build(h, 199, 100_000n);
    const coins = [{ output: h.node.blockAt(1)!.block.txs[0]!.tx.outs[0]!, height: 1, coinbase: true }];
    const cost = transactionSigOpCost(tx.tx, coins, STANDARD_FLAGS);
    expect(cost).toBe(15_921);
    // Without WITNESS the P2WPKH input's sigop is not counted.
    expect(transactionSigOpCost(tx.tx, coins, F.P2SH)).toBe(15_920);
  });

  it('refuses a transaction over 16,000 with bad-txns-too-many-sigops, and relays one under it', () => {
    const h = new Harness();
    expect(reason(h.node.acceptToMempool(build(h, 199, 100_000n), { testOnly: true }))).toBe('accepted'); // 15,921
    expect(reason(h.node.acceptToMempool(build(h, 200, 100_000n), { testOnly: true }))).toBe(
      'bad-txns-too-many-sigops',
    ); // 16,001
  });

  it('charges the relay fee on max(weight, cost × 20) / 4: 79,605 vB here, not the ~22,800 vB it weighs', () => {
    expect(sigOpAdjustedVsize(91_000, 15_921)).toBe(79_605); // (318,420 + 3) / 4, rounded down
    const h = new Harness();
    const exact = build(h, 199, 79_605n);
    expect(exact.vsize).toBeLessThan(23_000);
    expect(reason(h.node.acceptToMempool(exact, { testOnly: true }))).toBe('accepted');
    expect(reason(h.node.acceptToMempool(build(h, 199, 79_604n), { testOnly: true }))).toBe('min relay fee not met');
  });
});

describe('the order of PreChecks (validation.cpp:703, 706, 529, 533)', () => {
  it('judges BIP68 sequence locks before the coins’ maturity', () => {
    const h = new Harness();
    // Block 105's coinbase is 6 blocks deep: immature, and a 50-block relative lock is unmet too.
    const coin = h.coinbase(105);
    const both = h.spend([coin], [coin.value - 10_000n], { sequence: 50 });
    expect(reason(h.node.acceptToMempool(both, { testOnly: true }))).toBe('non-BIP68-final');
    const immatureOnly = h.spend([coin], [coin.value - 10_000n], { sequence: 1 });
    expect(reason(h.node.acceptToMempool(immatureOnly, { testOnly: true }))).toBe(
      'bad-txns-premature-spend-of-coinbase',
    );
  });
});

describe('the Litecoin chain follows Litecoin Core 0.21', () => {
  const ltc = () => new Harness({}, 110, LTC_REGTEST);

  it('dust at 30 sat/vB (policy.h:52 DUST_RELAY_TX_FEE = 30000): 2,940 sat for P2WPKH, against Bitcoin’s 294', () => {
    for (const [make, threshold] of [
      [ltc, 2_940n],
      [() => new Harness(), 294n],
    ] as const) {
      const h = make();
      const coin = h.coinbase(1);
      const spend = (value: bigint) => h.spend([coin], [value, coin.value - value - 10_000n]);
      expect(reason(h.node.acceptToMempool(spend(threshold - 1n), { testOnly: true }))).toBe('dust');
      expect(reason(h.node.acceptToMempool(spend(threshold), { testOnly: true }))).toBe('accepted');
    }
  });

  it('relays no replacements (validation.h:80 DEFAULT_ENABLE_REPLACEMENT = false)', () => {
    for (const [h, second] of [
      [ltc(), 'txn-mempool-conflict'],
      [new Harness(), 'accepted'],
    ] as const) {
      const coin = h.coinbase(1);
      expect(reason(h.node.acceptToMempool(h.spend([coin], [coin.value - 10_000n])))).toBe('accepted');
      expect(reason(h.node.acceptToMempool(h.spend([coin], [coin.value - 50_000n])))).toBe(second);
    }
  });

  it('allows amounts up to 84,000,000 LTC (amount.h:25 MAX_MONEY)', () => {
    const over21m = 21_000_001n * COIN;
    const b = new Harness();
    expect(reason(b.node.acceptToMempool(b.spend([b.coinbase(1)], [over21m]), { testOnly: true }))).toBe(
      'bad-txns-vout-toolarge',
    );
    const l = ltc();
    // Within Litecoin's range: refused only because the coin does not hold that much.
    expect(reason(l.node.acceptToMempool(l.spend([l.coinbase(1)], [over21m]), { testOnly: true }))).toBe(
      'bad-txns-in-belowout',
    );
    expect(reason(l.node.acceptToMempool(l.spend([l.coinbase(1)], [84_000_001n * COIN]), { testOnly: true }))).toBe(
      'bad-txns-vout-toolarge',
    );
  });

  it('refuses MWEB peg-in outputs (witness v9, 32 bytes) with Litecoin’s reasons; Bitcoin relays them', () => {
    const pegin = (fill: number) => concat(Uint8Array.of(OP.OP_9, 32), new Uint8Array(32).fill(fill));
    const outputs = (h: Harness, scripts: Uint8Array[]) => {
      const coin = h.coinbase(1);
      return h.spend([coin], [...scripts.map((script) => ({ value: COIN, script })), coin.value - 3n * COIN]);
    };
    const l = ltc();
    expect(reason(l.node.acceptToMempool(outputs(l, [pegin(1)]), { testOnly: true }))).toBe('pegin-count-mismatch');
    expect(reason(l.node.acceptToMempool(outputs(l, [pegin(1), pegin(1)]), { testOnly: true }))).toBe(
      'duplicate-tx-pegins',
    );
    const b = new Harness();
    expect(reason(b.node.acceptToMempool(outputs(b, [pegin(1)]), { testOnly: true }))).toBe('accepted');
  });
});

describe('error names: Litecoin Core 0.21 names two failures as Core 0.21 did', () => {
  const run = (scriptPubKey: Uint8Array, flags: number) => {
    const tx = new Transaction();
    tx.addInput(new Uint8Array(32).fill(7), 0);
    tx.addOutput(Uint8Array.of(OP.OP_1), 1n);
    const verdict = verifyInput(tx, 0, { scriptPubKey, amount: 1n }, flags);
    return verdict.ok ? 'OK' : verdict.error.code;
  };
  const ltc = policyFlags(defaultPolicy('modern'), LTC_REGTEST.rules);
  const btc = policyFlags(defaultPolicy('modern'), BTC_REGTEST.rules);

  it('an OP_IF with nothing to test: UNBALANCED_CONDITIONAL (interpreter.cpp:635), INVALID_STACK_OPERATION on Bitcoin (PR #32143)', () => {
    const script = Uint8Array.of(OP.OP_IF, OP.OP_1, OP.OP_ENDIF);
    expect(run(script, ltc)).toBe('UNBALANCED_CONDITIONAL');
    expect(run(script, btc)).toBe('INVALID_STACK_OPERATION');
    expect(run(script, STANDARD_FLAGS | ERRORS_AS_CORE_0_21)).toBe('UNBALANCED_CONDITIONAL');
  });

  it('a 5-byte script number: UNKNOWN_ERROR (the scriptnum_error catch), SCRIPTNUM on Bitcoin', () => {
    // script_tests.json: ["2147483648 0 ADD", "NOP", "P2SH,STRICTENC", …] in both versions.
    const script = concat(pushData(Uint8Array.of(0, 0, 0, 0x80, 0)), Uint8Array.of(OP.OP_0, OP.OP_ADD));
    expect(run(script, ltc)).toBe('UNKNOWN_ERROR');
    expect(run(script, btc)).toBe('SCRIPTNUM');
  });
});
