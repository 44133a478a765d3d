/**
 * `txlab verify --height N --mtp T`: Core's mempool checks before scripts, at their boundaries.
 * Expected reasons and boundaries are Core's (validation.cpp PreChecks, consensus/tx_check.cpp,
 * consensus/tx_verify.cpp), computed by hand from the rules they state.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../shared/bitcoin/bytes';
import { Transaction } from '../../../shared/bitcoin/transaction';
import type { Prevout } from '../../../shared/bitcoin/txTypes';
import { PROFILES } from '../../../shared/chain/profiles';
import { type ChainContext, chainReason, type CoinContext } from '../../../main/cli/verifyContext';
import { txlab } from './run';

const OP_TRUE = Uint8Array.of(0x51);
const COIN = 100_000_000n;
const MTP = 1_700_000_000;
const dir = mkdtempSync(join(tmpdir(), 'txlab-verify-context-'));

interface Spend {
  readonly version?: number;
  readonly locktime?: number;
  readonly inputs?: readonly { hash?: number; index?: number; sequence?: number }[];
  readonly outputs?: readonly bigint[];
}

function spend({ version = 2, locktime = 0, inputs = [{}], outputs = [COIN] }: Spend): Transaction {
  const tx = new Transaction();
  tx.version = version;
  tx.locktime = locktime;
  for (const input of inputs)
    tx.addInput(new Uint8Array(32).fill(input.hash ?? 7), input.index ?? 0, input.sequence ?? 0xffffffff);
  // bitcoinjs-lib refuses a negative value; Core's CheckTransaction is what should refuse it.
  for (const value of outputs) tx.addOutput(OP_TRUE, value < 0n ? 0n : value);
  outputs.forEach((value, i) => {
    if (value < 0n) tx.outs[i]!.value = value;
  });
  return tx;
}

function reason(
  tx: Transaction,
  coins: readonly (CoinContext & { amount?: bigint })[],
  context: Partial<ChainContext> = {},
): string | undefined {
  const prevouts: Prevout[] = coins.map((c) => ({ scriptPubKey: OP_TRUE, amount: c.amount ?? 2n * COIN }));
  const r = chainReason(tx, prevouts, coins, { height: 99, mtp: MTP, profile: PROFILES.btc, ...context });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('verify context: CheckTransaction (consensus/tx_check.cpp)', () => {
  it('names each malformation as Core does', () => {
    expect(reason(spend({ inputs: [] }), [])).toBe('bad-txns-vin-empty');
    expect(reason(spend({ outputs: [] }), [{}])).toBe('bad-txns-vout-empty');
    expect(reason(spend({ outputs: [-1n] }), [{}])).toBe('bad-txns-vout-negative');
    expect(reason(spend({ inputs: [{}, {}] }), [{}, {}])).toBe('bad-txns-inputs-duplicate');
    expect(reason(spend({ inputs: [{}, { index: 1 }] }), [{}, {}])).toBeUndefined();
    expect(reason(spend({ inputs: [{}, { hash: 0, index: 0xffffffff }] }), [{}, {}])).toBe('bad-txns-prevout-null');
  });

  it('holds values to the chain’s MAX_MONEY: 21 million BTC, 84 million LTC', () => {
    const max = 21_000_000n * COIN;
    const rich = [{ amount: 100_000_000n * COIN }];
    expect(reason(spend({ outputs: [max + 1n] }), rich)).toBe('bad-txns-vout-toolarge');
    expect(reason(spend({ outputs: [max, 1n] }), rich)).toBe('bad-txns-txouttotal-toolarge');
    expect(reason(spend({ outputs: [max + 1n] }), [{ amount: max + 1n }], { profile: PROFILES.ltc })).toBeUndefined();
    expect(reason(spend({ outputs: [max] }), [{ amount: max }])).toBeUndefined();
  });

  it('refuses a loose coinbase, and checks its script length first', () => {
    const coinbase = (script: Uint8Array) => {
      const tx = spend({ inputs: [{ hash: 0, index: 0xffffffff }] });
      tx.setInputScript(0, script);
      return tx;
    };
    expect(reason(coinbase(Uint8Array.of(1, 1)), [{}])).toBe('coinbase');
    expect(reason(coinbase(Uint8Array.of(1)), [{}])).toBe('bad-cb-length');
    expect(reason(coinbase(new Uint8Array(101)), [{}])).toBe('bad-cb-length');
  });
});

describe('verify context: finality (IsFinalTx at tip + 1, cutoff the tip’s MTP)', () => {
  it('a height lock is final when below the next block’s height', () => {
    // tip 99: the next block is 100; nLockTime 99 is final there, 100 is not.
    expect(reason(spend({ locktime: 99, inputs: [{ sequence: 0 }] }), [{}])).toBeUndefined();
    expect(reason(spend({ locktime: 100, inputs: [{ sequence: 0 }] }), [{}])).toBe('non-final');
    // Every input final (0xffffffff) makes any lock time final.
    expect(reason(spend({ locktime: 100 }), [{}])).toBeUndefined();
  });

  it('a time lock is final when below the tip’s median time past', () => {
    expect(reason(spend({ locktime: MTP - 1, inputs: [{ sequence: 0 }] }), [{}])).toBeUndefined();
    expect(reason(spend({ locktime: MTP, inputs: [{ sequence: 0 }] }), [{}])).toBe('non-final');
  });
});

describe('verify context: BIP68 sequence locks (CheckSequenceLocks)', () => {
  it('a height lock of 10 on a coin at 90 opens in block 100, on a coin at 91 in block 101', () => {
    const tx = spend({ inputs: [{ sequence: 10 }] });
    expect(reason(tx, [{ height: 90 }])).toBeUndefined();
    expect(reason(tx, [{ height: 91 }])).toBe('non-BIP68-final');
    // Version 1 transactions have no relative locks.
    expect(reason(spend({ version: 1, inputs: [{ sequence: 10 }] }), [{ height: 91 }])).toBeUndefined();
    // The disable flag turns the lock off.
    expect(reason(spend({ inputs: [{ sequence: (0x80000000 | 10) >>> 0 }] }), [{ height: 91 }])).toBeUndefined();
  });

  it('an unconfirmed coin counts from the next block: a lock of 1 is not yet open', () => {
    expect(reason(spend({ inputs: [{ sequence: 1 }] }), [{}])).toBe('non-BIP68-final');
    expect(reason(spend({ inputs: [{ sequence: 0 }] }), [{}])).toBeUndefined();
  });

  it('a time lock of 2 × 512 s opens when the tip’s MTP reaches the coin’s MTP + 1024', () => {
    const tx = spend({ inputs: [{ sequence: 0x00400000 | 2 }] });
    const coinMtp = MTP - 1024;
    expect(reason(tx, [{ height: 50, mtp: coinMtp }])).toBeUndefined();
    expect(reason(tx, [{ height: 50, mtp: coinMtp + 1 }])).toBe('non-BIP68-final');
  });

  it('asks for the coin’s mtp when a time lock needs it', () => {
    const tx = spend({ inputs: [{ sequence: 0x00400000 | 2 }] });
    const r = chainReason(tx, [{ scriptPubKey: OP_TRUE, amount: COIN * 2n }], [{ height: 50 }], {
      height: 99,
      mtp: MTP,
      profile: PROFILES.btc,
    });
    expect(r.ok ? r.value : r.error).toMatch(/^prevouts\[0\] needs "mtp"/);
  });
});

describe('verify context: CheckTxInputs', () => {
  it('a coinbase spends after 100 confirmations: 99 is premature', () => {
    const tx = spend({});
    // Coin at height 1, tip 99: 99 confirmations; tip 100: 100.
    expect(reason(tx, [{ height: 1, coinbase: true }])).toBe('bad-txns-premature-spend-of-coinbase');
    expect(reason(tx, [{ height: 1, coinbase: true }], { height: 100 })).toBeUndefined();
    expect(reason(tx, [{ height: 1, coinbase: false }])).toBeUndefined();
  });

  it('value in below value out, and inputs above MAX_MONEY', () => {
    expect(reason(spend({ outputs: [COIN + 1n] }), [{ amount: COIN }])).toBe('bad-txns-in-belowout');
    expect(reason(spend({ outputs: [COIN] }), [{ amount: COIN }])).toBeUndefined();
    expect(reason(spend({}), [{ amount: 21_000_000n * COIN + 1n }])).toBe('bad-txns-inputvalues-outofrange');
  });
});

describe('txlab verify with --height/--mtp', () => {
  const tx = spend({ locktime: 100, inputs: [{ sequence: 0 }] });
  const prevouts = JSON.stringify([{ scriptPubKey: toHex(OP_TRUE), amount: 2 * 100_000_000 }]);

  it('prints Core’s reason on a chain line and exits 1; one block later it is valid', () => {
    const early = txlab(['verify', '--tx', tx.toHex(), '--prevouts', prevouts, '--height', '99', '--mtp', `${MTP}`]);
    expect(early.stdout).toMatch(/^chain: invalid — non-final$/m);
    expect(early.code).toBe(1);
    const later = txlab(['verify', '--tx', tx.toHex(), '--prevouts', prevouts, '--height', '100', '--mtp', `${MTP}`]);
    expect(later.stdout).toMatch(/^chain: valid$/m);
    expect(later.stdout.trim().split('\n').at(-1)).toBe('valid');
    expect(later.code).toBe(0);
  });

  it('answers each batch item with its reason, a malformed one with its error', () => {
    const file = join(dir, 'context.json');
    const item = { tx: tx.toHex(), prevouts: JSON.parse(prevouts) as unknown, mtp: MTP };
    writeFileSync(
      file,
      JSON.stringify([
        { ...item, height: 99 },
        { ...item, height: 100 },
        { ...item, mtp: undefined, height: 100 },
        { tx: item.tx, prevouts: item.prevouts },
      ]),
    );
    const r = txlab(['verify', '--batch', file]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { valid?: boolean; reason?: string | null; error: string | null }[];
    expect(out.map((o) => [o.valid, o.reason])).toEqual([
      [false, 'non-final'],
      [true, null],
      [undefined, undefined],
      [true, undefined],
    ]);
    expect(out[2]!.error).toBe("[2]: height and mtp go together: the tip's height and its median time past");
  });

  it('refuses half a context with one line and exit 2, and documents it in --help', () => {
    const r = txlab(['verify', '--tx', tx.toHex(), '--prevouts', prevouts, '--height', '99']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("txlab: --height and --mtp go together: the tip's height and its median time past");
    const help = txlab(['verify', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(
      /--height N +the chain tip's height \(getblockcount\); the transaction is judged for block N\+1/,
    );
  });
});
