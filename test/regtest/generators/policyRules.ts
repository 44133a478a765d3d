/**
 * One generator per relay/consensus rule class of issue 13, each drawing its own cases from a
 * seeded RNG: around each rule's boundary (at it, one unit either side) and away from it. Every
 * case is a raw transaction spending keyless coins (rawTx.ts), judged by litecoind and by the
 * engine (support/policyJudge.ts). The generators know the rules only to aim at their
 * boundaries; which side a case falls on is for the node and the engine to say.
 */
import type { TAPROOT_RULES } from './taproot';
import { concat, type Bytes } from '../../../shared/bitcoin/bytes';
import { hash256 } from '../../../shared/bitcoin/hashes';
import { OP } from '../../../shared/bitcoin/opcodes';
import { pushData, pushMinimal } from '../../../shared/bitcoin/script';
import type { Prevout } from '../../../shared/bitcoin/txTypes';
import type { SeededRng } from '../../../shared/rng';
import type { Outpoint } from './cases';
import { makeKey } from './keys';
import { signInput } from './signing';
import {
  type KeylessCoin,
  type KeylessWrap,
  keylessInput,
  keylessScriptPubKey,
  prevoutOf,
  type RawOutput,
  type RawTx,
  serialize,
  TRUE_SCRIPT,
  txHex,
  varInt,
  vsizeOf,
  weightOf,
  zeroOfN,
} from './rawTx';
import { p2pkhScript, p2shScript, p2wpkhScript, p2wshScript } from './spend';

export const RULES = [
  'hybrid-keys',
  'sigop-limit',
  'sigop-adjusted-size',
  'maxfeerate',
  'maxfeerate-argument',
  'ltc-dust',
  'ltc-replacement',
  'ltc-max-money',
  'ltc-mweb-pegin',
  'if-empty-stack',
  'money-range',
] as const;
/** Issue 13's rules, and the Taproot rules of test/regtest/taproot.test.ts (generators/taproot.ts). */
export type RuleId = (typeof RULES)[number] | (typeof TAPROOT_RULES)[number];

export interface PolicyCase {
  readonly rule: RuleId;
  readonly id: string;
  readonly hex: string;
  /**
   * testmempoolaccept's (and sendrawtransaction's) maxfeerate, sent as this JSON value; absent:
   * the default 0.10/kvB. Mostly a string or a number; anything else is an argument-type case.
   */
  readonly maxFeeRate?: unknown;
  /** Broadcast first (sendrawtransaction on the node, the mempool on the engine); both must take them. */
  readonly setup?: readonly string[];
  /** Also sendrawtransaction. */
  readonly send?: boolean;
  /** Also decoderawtransaction. */
  readonly decode?: boolean;
  /** Also generateblock with this transaction alone, against the engine's script check with these prevouts. */
  readonly scriptBlock?: readonly Prevout[];
  /** Also generateblock, against the engine's consensus CheckTransaction. */
  readonly checkTxBlock?: boolean;
}

const COIN = 100_000_000n;
const LTC_MAX_MONEY = 84_000_000n * COIN;
const BTC_MAX_MONEY = 21_000_000n * COIN;
/** Litecoin Core 0.21's DUST_RELAY_TX_FEE (policy/policy.h:52), sat per kvB. */
const LTC_DUST_RELAY_FEE = 30_000n;
const BTC_DUST_RELAY_FEE = 3_000n;
const MAX_STANDARD_TX_SIGOPS_COST = 16_000;
const BYTES_PER_SIGOP = 20;

const CHANGE_SCRIPT = p2wshScript(TRUE_SCRIPT);

// ---------------------------------------------------------------- keys and outputs

interface KeySet {
  readonly compressed: readonly Bytes[];
  readonly uncompressed: readonly Bytes[];
  /** 0x06/0x07 with the prefix's parity equal to y's (libsecp256k1 parses them). */
  readonly hybrid: readonly Bytes[];
  /** 0x06/0x07 with the other parity: the right size, not a point encoding. */
  readonly hybridWrongParity: readonly Bytes[];
}

export function makeKeySet(rng: SeededRng, count = 6): KeySet {
  const compressed: Bytes[] = [];
  const uncompressed: Bytes[] = [];
  const hybrid: Bytes[] = [];
  const wrong: Bytes[] = [];
  for (let i = 0; i < count; i++) {
    compressed.push(makeKey(rng, `c${i}`).publicKey);
    const full = makeKey(rng, `u${i}`, false).publicKey;
    uncompressed.push(full);
    const odd = full[64]! & 1;
    hybrid.push(concat(Uint8Array.of(0x06 | odd), full.subarray(1)));
    wrong.push(concat(Uint8Array.of(0x06 | (odd ^ 1)), full.subarray(1)));
  }
  return { compressed, uncompressed, hybrid, hybridWrongParity: wrong };
}

type KeyKind = keyof KeySet;
const KEY_KINDS: readonly KeyKind[] = ['compressed', 'uncompressed', 'hybrid', 'hybridWrongParity'];

/** An output and its legacy sigop count (GetSigOpCount(false): CHECKMULTISIG counts 20). */
interface Out extends RawOutput {
  readonly sigops: number;
  readonly label: string;
}

const p2pk = (key: Bytes): Bytes => concat(pushData(key), Uint8Array.of(OP.OP_CHECKSIG));
const bareMultisig = (m: number, keys: readonly Bytes[]): Bytes =>
  concat(
    Uint8Array.of(OP.OP_1 + m - 1),
    ...keys.map(pushData),
    Uint8Array.of(OP.OP_1 + keys.length - 1, OP.OP_CHECKMULTISIG),
  );

function randomKey(rng: SeededRng, keys: KeySet, kinds: readonly KeyKind[] = KEY_KINDS): { key: Bytes; kind: KeyKind } {
  const kind = rng.pick(kinds);
  return { key: rng.pick(keys[kind]), kind };
}

function p2pkOut(rng: SeededRng, keys: KeySet, value: bigint, kinds?: readonly KeyKind[]): Out {
  const { key, kind } = randomKey(rng, keys, kinds);
  return { script: p2pk(key), value, sigops: 1, label: `p2pk(${kind})` };
}

function multisigOut(rng: SeededRng, keys: KeySet, value: bigint, maxKeys = 3, kinds?: readonly KeyKind[]): Out {
  const n = 1 + rng.int(maxKeys);
  const m = 1 + rng.int(n);
  const chosen = Array.from({ length: n }, () => randomKey(rng, keys, kinds));
  return {
    script: bareMultisig(
      m,
      chosen.map((c) => c.key),
    ),
    value,
    sigops: 20,
    label: `${m}of${n}(${chosen.map((c) => c.kind[0]).join('')})`,
  };
}

const plainOut = (script: Bytes, value: bigint, label: string): Out => ({ script, value, sigops: 0, label });

// ---------------------------------------------------------------- coins

export interface CoinPool {
  /** Spent by test-only cases (testmempoolaccept spends nothing), so shared among them. */
  readonly reusable: readonly KeylessCoin[];
  /** Each taken once, by cases that reach a mempool (sendrawtransaction, replacements). */
  readonly consumable: KeylessCoin[];
}

const POOL_AMOUNT = 20_000_000n;
const CONSUMABLE_AMOUNT = 1_000_000n;

export function makePool(rng: SeededRng, keys: KeySet, consumables: number): CoinPool {
  const reusable: KeylessCoin[] = [];
  const add = (wrap: KeylessWrap, script: Bytes, sigops: number, label: string) =>
    reusable.push({
      label: `${wrap}(${label})`,
      wrap,
      script,
      sigopCost: wrap === 'sh' ? sigops * 4 : sigops,
      amount: POOL_AMOUNT,
    });
  for (const wrap of ['sh', 'wsh', 'sh-wsh'] as const) for (let i = 0; i < 3; i++) add(wrap, TRUE_SCRIPT, 0, 'true');
  const msKeys = (n: number) => Array.from({ length: n }, () => rng.pick(keys.compressed));
  // P2SH: at most 15 sigops a redeem script (MAX_P2SH_SIGOPS, policy.h), else the input is non-standard.
  for (let n = 1; n <= 15; n++) add('sh', zeroOfN(msKeys(n)), n, `0of${n}`);
  for (let n = 1; n <= 16; n++) add('wsh', zeroOfN(msKeys(n)), n, `0of${n}`);
  for (let n = 1; n <= 16; n += 1 + rng.int(3)) add('sh-wsh', zeroOfN(msKeys(n)), n, `0of${n}`);
  const consumable = Array.from({ length: consumables }, (_, i): KeylessCoin => ({
    label: `wsh(true)#${i}`,
    wrap: rng.pick(['sh', 'wsh', 'sh-wsh'] as const),
    script: TRUE_SCRIPT,
    sigopCost: 0,
    amount: CONSUMABLE_AMOUNT,
  }));
  return { reusable, consumable };
}

export const fundingOutputs = (coins: readonly KeylessCoin[]) =>
  coins.map((c) => ({ scriptPubKey: keylessScriptPubKey(c), amount: c.amount }));

function pickDistinct<T>(rng: SeededRng, items: readonly T[], count: number): T[] {
  const copy = items.slice();
  const out: T[] = [];
  while (out.length < count && copy.length > 0) out.push(copy.splice(rng.int(copy.length), 1)[0]!);
  return out;
}

function take(pool: CoinPool): KeylessCoin {
  const coin = pool.consumable.shift();
  if (!coin) throw new Error('the pool has no consumable coin left: make it larger');
  return coin;
}

// ---------------------------------------------------------------- transactions

interface Sizes {
  readonly weight: number;
  readonly vsize: number;
  /** GetTransactionSigOpCost with the standard flags. */
  readonly sigopCost: number;
  /** GetVirtualTransactionSize(weight, sigop cost, 20): what relay fees are charged on. */
  readonly adjustedVsize: number;
}

const adjusted = (weight: number, cost: number): number =>
  Math.floor((Math.max(weight, cost * BYTES_PER_SIGOP) + 3) / 4);

/**
 * Spends `coins` to `outs` plus a change output (at a random place) paying what `fee` leaves; the
 * change's value never changes the size, so the fee can be exact.
 */
function spend(
  rng: SeededRng,
  coins: readonly KeylessCoin[],
  outs: readonly Out[],
  fee: (s: Sizes) => bigint,
  options: { sequence?: number; change?: boolean } = {},
): { tx: RawTx; sizes: Sizes; fee: bigint } {
  const tx: RawTx = {
    version: rng.pick([1, 2]),
    locktime: 0,
    ins: coins.map((c) => keylessInput(c, options.sequence ?? rng.pick([0xffff_ffff, 0xffff_fffe]))),
    outs: outs.map((o) => ({ value: o.value, script: o.script })),
  };
  const change: RawOutput = { value: 0n, script: CHANGE_SCRIPT };
  if (options.change !== false) tx.outs.splice(rng.int(tx.outs.length + 1), 0, change);
  const weight = weightOf(tx);
  const sigopCost = 4 * outs.reduce((s, o) => s + o.sigops, 0) + coins.reduce((s, c) => s + c.sigopCost, 0);
  const sizes: Sizes = { weight, vsize: vsizeOf(tx), sigopCost, adjustedVsize: adjusted(weight, sigopCost) };
  const paid = fee(sizes);
  const totalIn = coins.reduce((s, c) => s + c.amount, 0n);
  const totalOut = outs.reduce((s, o) => s + o.value, 0n);
  if (options.change !== false) change.value = totalIn - totalOut - paid;
  return { tx, sizes, fee: paid };
}

const caseId = (rule: RuleId, i: number, what: string) => `${rule} #${String(i).padStart(2, '0')} ${what}`;

// ---------------------------------------------------------------- 1. hybrid keys

/**
 * P2PK and bare multisig outputs with hybrid keys (0x06/0x07, both parities), mixed with
 * compressed and uncompressed keys, a few not ValidSize (a hybrid prefix on 33 bytes, a compressed
 * prefix on 65) and a few 4-key multisigs: standard or not by IsStandard, and decoded.
 */
export function hybridKeyCases(rng: SeededRng, pool: CoinPool, keys: KeySet, count: number): PolicyCase[] {
  const cases: PolicyCase[] = [];
  const hybridKinds: readonly KeyKind[] = [
    'hybrid',
    'hybridWrongParity',
    'hybrid',
    'hybridWrongParity',
    'compressed',
    'uncompressed',
  ];
  for (let i = 0; i < count; i++) {
    const outs: Out[] = [];
    for (let k = 0, n = 1 + rng.int(3); k < n; k++) {
      const value = 20_000n + BigInt(rng.int(1_000_000));
      const draw = rng.int(20);
      if (draw < 8) outs.push(p2pkOut(rng, keys, value, hybridKinds));
      else if (draw < 17) outs.push(multisigOut(rng, keys, value, 3, hybridKinds));
      else if (draw === 17) outs.push(multisigOut(rng, keys, value, 5, hybridKinds));
      else {
        // Not ValidSize: the length does not match the prefix (Solver: not PUBKEY, so non-standard).
        const base = rng.pick(keys.hybrid);
        const bad = draw === 18 ? base.subarray(0, 33) : concat(Uint8Array.of(0x02 | rng.int(2)), base.subarray(1));
        outs.push(plainOut(p2pk(bad), value, draw === 18 ? 'p2pk(hybrid-33)' : 'p2pk(02-65)'));
      }
    }
    const coin = rng.pick(pool.reusable);
    const { tx } = spend(rng, [coin], outs, (s) => BigInt(s.adjustedVsize + rng.int(5_000)));
    cases.push({
      rule: 'hybrid-keys',
      id: caseId('hybrid-keys', i, outs.map((o) => o.label).join(' ')),
      hex: txHex(tx),
      decode: true,
    });
  }
  return cases;
}

export interface HybridSpendSpec {
  readonly id: string;
  readonly scriptPubKey: Bytes;
  readonly amount: bigint;
  /** Builds the signed spend once the output is funded. */
  spend(outpoint: Outpoint): { hex: string; prevout: Prevout };
}

/**
 * Spends of outputs locked to a hybrid key (both parities), against uncompressed and compressed
 * keys: bare P2PK, bare 1-of-n multisig, P2SH and P2WSH, signed by the key's owner. Relay refuses
 * hybrid keys (STRICTENC, WITNESS_PUBKEYTYPE); consensus takes a hybrid key whose prefix matches y.
 */
export function hybridSpendSpecs(rng: SeededRng, count: number): HybridSpendSpec[] {
  const specs: HybridSpendSpec[] = [];
  for (let i = 0; i < count; i++) {
    const kind = rng.pick([
      'hybrid',
      'hybrid',
      'hybridWrongParity',
      'hybridWrongParity',
      'uncompressed',
      'compressed',
    ] as const);
    const signer = makeKey(rng, `signer${i}`, kind === 'compressed');
    const full = signer.publicKey;
    const pub =
      kind === 'hybrid' || kind === 'hybridWrongParity'
        ? concat(Uint8Array.of(0x06 | ((full[64]! & 1) ^ (kind === 'hybrid' ? 0 : 1))), full.subarray(1))
        : full;
    const wrap = rng.pick(['p2pk', 'multisig', 'p2sh', 'p2wsh'] as const);
    let script: Bytes;
    if (wrap === 'multisig') {
      const others = Array.from({ length: rng.int(3) }, () => makeKey(rng, 'other').publicKey);
      others.splice(rng.int(others.length + 1), 0, pub);
      script = bareMultisig(1, others);
    } else script = p2pk(pub);
    const scriptPubKey = wrap === 'p2sh' ? p2shScript(script) : wrap === 'p2wsh' ? p2wshScript(script) : script;
    const amount = 100_000n;
    const hashType = rng.pick([0x01, 0x01, 0x02, 0x03, 0x81]);
    specs.push({
      id: caseId('hybrid-keys', 100 + i, `spend ${wrap}(${kind}) hashtype ${hashType.toString(16)}`),
      scriptPubKey,
      amount,
      spend: (outpoint) => {
        const tx: RawTx = {
          version: 2,
          locktime: 0,
          ins: [
            {
              hash: outpoint.hash,
              index: outpoint.index,
              script: new Uint8Array(0),
              sequence: 0xffff_fffe,
              witness: [],
            },
          ],
          outs: [{ value: amount - 2_000n, script: CHANGE_SCRIPT }],
        };
        const segwit = wrap === 'p2wsh';
        const sig = signInput(signer, {
          tx,
          inputIndex: 0,
          scriptCode: script,
          sigVersion: segwit ? 'WITNESS_V0' : 'BASE',
          amount,
          hashType,
        });
        const input = tx.ins[0]!;
        if (segwit) input.witness = [sig, script];
        else
          input.script = concat(
            ...(wrap === 'multisig' ? [Uint8Array.of(OP.OP_0)] : []),
            pushData(sig),
            ...(wrap === 'p2sh' ? [pushData(script)] : []),
          );
        return { hex: txHex(tx), prevout: { scriptPubKey, amount } };
      },
    });
  }
  return specs;
}

// ---------------------------------------------------------------- 2. sigop limit

/**
 * Transactions whose sigop cost is aimed at 16,000 (at it, a few units either side) or somewhere
 * near: bare multisig outputs (80 each), P2PK outputs (4 each), P2SH 0-of-n inputs (4n) and
 * witness 0-of-n inputs (n), mixed at random. The fee covers the sigop-adjusted size.
 */
export function sigopLimitCases(rng: SeededRng, pool: CoinPool, keys: KeySet, count: number): PolicyCase[] {
  const cases: PolicyCase[] = [];
  const witnessCoins = pool.reusable.filter((c) => c.wrap !== 'sh' && c.sigopCost > 0);
  for (let i = 0; i < count; i++) {
    const delta = rng.pick([
      0,
      0,
      0,
      1,
      -1,
      2,
      -2,
      3,
      -3,
      4,
      -4,
      5,
      -5,
      8,
      -8,
      rng.int(400) - 200,
      rng.int(4000) - 2000,
    ]);
    const target = MAX_STANDARD_TX_SIGOPS_COST + delta;
    const coins = pickDistinct(rng, pool.reusable, 1 + rng.int(4));
    let inCost = coins.reduce((s, c) => s + c.sigopCost, 0);
    const rest = (((target - inCost) % 4) + 4) % 4;
    if (rest !== 0) {
      const fix = rng.pick(witnessCoins.filter((c) => c.sigopCost % 4 === rest && !coins.includes(c)));
      coins.push(fix);
      inCost += fix.sigopCost;
    }
    const legacy = (target - inCost) / 4;
    // k multisig outputs (20 sigops each) and j P2PK outputs (1 each), j at most 1,000.
    const kMax = Math.floor(legacy / 20);
    const kMin = Math.max(0, Math.ceil((legacy - 1_000) / 20));
    const k = kMin + rng.int(kMax - kMin + 1);
    const j = legacy - 20 * k;
    const outs: Out[] = [
      ...Array.from({ length: k }, () =>
        multisigOut(rng, keys, 20_000n, 3, rng.int(4) === 0 ? KEY_KINDS : ['compressed']),
      ),
      ...Array.from({ length: j }, () => p2pkOut(rng, keys, 10_000n, ['compressed', 'compressed', 'hybrid'])),
    ];
    const { tx, sizes } = spend(rng, coins, outs, (s) => BigInt(s.adjustedVsize + rng.int(2_000)));
    cases.push({
      rule: 'sigop-limit',
      id: caseId(
        'sigop-limit',
        i,
        `cost ${sizes.sigopCost} (${k} multisig, ${j} p2pk, inputs ${coins.map((c) => c.label).join(' ')})`,
      ),
      hex: txHex(tx),
    });
  }
  return cases;
}

// ---------------------------------------------------------------- 3. sigop-adjusted size

/**
 * Fees at the minimum relay fee of the sigop-adjusted size, one satoshi under it, at the plain
 * virtual size (under the minimum when sigops dominate), and above: sigop costs from 0 to 16,000.
 */
export function sigopAdjustedCases(rng: SeededRng, pool: CoinPool, keys: KeySet, count: number): PolicyCase[] {
  const cases: PolicyCase[] = [];
  for (let i = 0; i < count; i++) {
    const coins = pickDistinct(rng, pool.reusable, 1 + rng.int(3));
    const k = rng.pick([0, rng.int(5), rng.int(40), rng.int(200)]);
    const j = rng.int(rng.pick([3, 30, 200]));
    const outs: Out[] = [
      ...Array.from({ length: k }, () => multisigOut(rng, keys, 20_000n, 3, ['compressed', 'uncompressed', 'hybrid'])),
      ...Array.from({ length: j }, () => p2pkOut(rng, keys, 10_000n, ['compressed', 'uncompressed'])),
    ];
    const mode = rng.pick(['at', 'at', 'under', 'under', 'plain', 'plain-1', 'above'] as const);
    const { tx, sizes, fee } = spend(rng, coins, outs, (s) => {
      switch (mode) {
        case 'at':
          return BigInt(s.adjustedVsize);
        case 'under':
          return BigInt(s.adjustedVsize - 1);
        case 'plain':
          return BigInt(s.vsize);
        case 'plain-1':
          return BigInt(s.vsize - 1);
        case 'above':
          return BigInt(s.adjustedVsize + 1 + rng.int(500));
      }
    });
    if (sizes.sigopCost > MAX_STANDARD_TX_SIGOPS_COST) {
      i--;
      continue;
    }
    cases.push({
      rule: 'sigop-adjusted-size',
      id: caseId(
        'sigop-adjusted-size',
        i,
        `fee ${fee} (${mode}): weight ${sizes.weight}, sigop cost ${sizes.sigopCost}, adjusted vsize ${sizes.adjustedVsize}`,
      ),
      hex: txHex(tx),
    });
  }
  return cases;
}

// ---------------------------------------------------------------- 4. maxfeerate

/** CFeeRate::GetFee (policy/feerate.cpp): rounded down, at least one satoshi. */
const feeAtRate = (perKvB: bigint, vsize: number): bigint => {
  const fee = (perKvB * BigInt(vsize)) / 1000n;
  return fee === 0n && perKvB > 0n ? 1n : fee;
};

const formatCoins = (sats: bigint): string => `${sats / COIN}.${(sats % COIN).toString().padStart(8, '0')}`;

/**
 * Fees around the largest maxfeerate allows (at it, one satoshi over, one under, anywhere), with
 * the default, 0 (no limit) or a random maxfeerate, given as a string or a number; some with many
 * sigops (the limit is on the plain size, the relay minimum on the adjusted one). `sendCount` of
 * them go through sendrawtransaction too, on coins of their own.
 */
export function maxFeeRateCases(
  rng: SeededRng,
  pool: CoinPool,
  keys: KeySet,
  count: number,
  sendCount: number,
): PolicyCase[] {
  const cases: PolicyCase[] = [];
  for (let i = 0; i < count + sendCount; i++) {
    const send = i >= count;
    const coins = send ? [take(pool)] : pickDistinct(rng, pool.reusable, 1 + rng.int(2));
    const outs: Out[] = Array.from({ length: rng.int(3) }, () =>
      plainOut(rng.pick([p2wpkhScript(rng.pick(keys.compressed)), p2shScript(TRUE_SCRIPT)]), 50_000n, 'plain'),
    );
    if (!send && rng.int(4) === 0)
      for (let k = rng.int(30); k > 0; k--) outs.push(multisigOut(rng, keys, 20_000n, 2, ['compressed']));
    const rateMode = rng.pick(['default', 'zero', 'random', 'random', 'random', 'random'] as const);
    const perKvB =
      rateMode === 'default'
        ? 10_000_000n
        : rateMode === 'zero'
          ? 0n
          : BigInt(1_000 + rng.int(rng.pick([100_000, 2_000_000, 20_000_000])));
    const mode = rng.pick(['max', 'max', 'max+1', 'max+1', 'max-1', 'random'] as const);
    const budget = coins.reduce((s, c) => s + c.amount, 0n) - outs.reduce((s, o) => s + o.value, 0n) - 10_000n;
    // The fee aimed at, or 'capped' when the coins cannot pay it.
    let aim: string = mode;
    const { tx, sizes, fee } = spend(rng, coins, outs, (s) => {
      const max = perKvB === 0n ? BigInt(s.adjustedVsize * 50) : feeAtRate(perKvB, s.vsize);
      const want =
        mode === 'max'
          ? max
          : mode === 'max+1'
            ? max + 1n
            : mode === 'max-1'
              ? max - 1n
              : BigInt(rng.int(Number(max) * 2 + 2));
      if (want > budget) aim = 'capped';
      return want < 0n ? 0n : want > budget ? budget : want;
    });
    const asNumber = rateMode === 'random' && rng.int(2) === 0 && perKvB >= 10_000n;
    const maxFeeRate = rateMode === 'default' ? undefined : asNumber ? Number(perKvB) / 1e8 : formatCoins(perKvB);
    cases.push({
      rule: 'maxfeerate',
      id: caseId(
        'maxfeerate',
        i,
        `${send ? 'send ' : ''}fee ${fee} (${aim}) at maxfeerate ${maxFeeRate ?? 'default'}: vsize ${sizes.vsize}, adjusted ${sizes.adjustedVsize}`,
      ),
      hex: txHex(tx),
      ...(maxFeeRate === undefined ? {} : { maxFeeRate }),
      ...(send ? { send: true } : {}),
    });
  }
  return cases;
}

// ---------------------------------------------------------------- 4b. the maxfeerate argument

/**
 * maxfeerate values AmountFromValue (rpc/util.cpp:77) reads or refuses, each as a JSON string and
 * as a JSON number where JSON can write it: around MAX_MONEY (84,000,000 on Litecoin, one satoshi
 * either side; Bitcoin's 21,000,000 is in range here), negative, zero in its spellings, eight
 * decimals and a ninth, exponents, ParseFixedPoint's overflows and malformed text, and values that
 * are neither a number nor a string.
 */
const MAXFEERATE_ARGUMENTS: readonly unknown[] = [
  // MAX_MONEY and one satoshi over; past 10^10 coins the text no longer parses.
  '84000000',
  84_000_000,
  '84000000.00000000',
  '84000000.00000001',
  84_000_000.00000001,
  '83999999.99999999',
  84_000_001,
  '8.4e7',
  8.4e7,
  '8.40000000000000001e7',
  '21000000.00000001',
  21_000_001,
  '999999999.99999999',
  1e9,
  '9999999999.99999999',
  '1e10',
  1e10,
  1e21,
  '1e999999999999999999',
  // Negative.
  -1,
  '-1',
  -0.00000001,
  '-0.00000001',
  '-0.1',
  -84_000_001,
  '-0.000000001',
  // Zero: no limit.
  0,
  '0',
  '0.0',
  '0.000000000',
  '-0',
  '0e5',
  '0E-20',
  // The smallest rates: one satoshi per kvB caps the fee at one satoshi (CFeeRate::GetFee).
  0.00000001,
  '0.00000001',
  '1e-8',
  1e-8,
  '10e-9',
  '100E-10',
  '0.000000010',
  '0.100000000',
  // A ninth decimal that is not a zero.
  '0.000000001',
  1e-9,
  '0.123456789',
  0.123456789,
  1.5e-8,
  '1.5e-8',
  '0.000000015',
  // Ordinary rates, as strings and numbers, with exponents.
  '0.0001',
  0.0001,
  '0.1',
  '1e-4',
  '1E-4',
  '1e+0',
  '12.5e-1',
  // Text ParseFixedPoint refuses.
  '',
  ' 0.1',
  '0.1 ',
  '+0.1',
  '00.1',
  '01',
  '.1',
  '1.',
  '1e',
  '1e+',
  '1e-',
  '-',
  'abc',
  '0x10',
  '1,5',
  '--1',
  'NaN',
  'Infinity',
  // Neither a number nor a string; null is the default.
  true,
  false,
  [],
  [0.1],
  {},
  null,
];

/**
 * One case per maxfeerate value (then random picks, with random fees, until `count`), each a
 * standard spend whose fee lands above or below what a small rate allows; `sendCount` of them go
 * through sendrawtransaction too, on coins of their own. Then transactions that do not decode,
 * with good and bad rates: the decode error comes first (rpc/rawtransaction.cpp:852, :933).
 */
export function maxFeeRateArgumentCases(
  rng: SeededRng,
  pool: CoinPool,
  keys: KeySet,
  count: number,
  sendCount: number,
): PolicyCase[] {
  const cases: PolicyCase[] = [];
  for (let i = 0; i < count + sendCount; i++) {
    const send = i >= count;
    const maxFeeRate =
      !send && i < MAXFEERATE_ARGUMENTS.length ? MAXFEERATE_ARGUMENTS[i] : rng.pick(MAXFEERATE_ARGUMENTS);
    const coins = send ? [take(pool)] : [rng.pick(pool.reusable)];
    const outs: Out[] = Array.from({ length: rng.int(3) }, () =>
      plainOut(rng.pick([p2wpkhScript(rng.pick(keys.compressed)), p2shScript(TRUE_SCRIPT)]), 50_000n, 'plain'),
    );
    const { tx, fee } = spend(rng, coins, outs, (s) =>
      BigInt(s.adjustedVsize + rng.pick([0, 1, rng.int(200), rng.int(20_000), rng.int(100_000)])),
    );
    cases.push({
      rule: 'maxfeerate-argument',
      id: caseId(
        'maxfeerate-argument',
        i,
        `${send ? 'send ' : ''}maxfeerate ${JSON.stringify(maxFeeRate)} (${typeof maxFeeRate}), fee ${fee}`,
      ),
      hex: txHex(tx),
      maxFeeRate,
      ...(send ? { send: true } : {}),
    });
  }
  // Transactions that do not decode: Core's complaint about them comes before maxfeerate's.
  const valid = cases[0]!.hex;
  const noInputs = txHex({ version: 2, locktime: 0, ins: [], outs: [{ value: 1_000n, script: CHANGE_SCRIPT }] });
  const undecodable: readonly [string, string][] = [
    ['truncated', valid.slice(0, -2)],
    ['odd length', valid.slice(0, -1)],
    ['trailing byte', `${valid}00`],
    ['not hex', 'zz'],
    ['empty', ''],
    ['one byte', '00'],
    ['no inputs', noInputs],
  ];
  for (const [i, [what, hex]] of undecodable.entries())
    for (const [j, maxFeeRate] of [undefined, -1, '1e-9', true].entries()) {
      const send = rng.int(2) === 0;
      cases.push({
        rule: 'maxfeerate-argument',
        id: caseId(
          'maxfeerate-argument',
          200 + 4 * i + j,
          `${send ? 'send ' : ''}${what} transaction at maxfeerate ${JSON.stringify(maxFeeRate) ?? 'default'}`,
        ),
        hex,
        ...(maxFeeRate === undefined ? {} : { maxFeeRate }),
        ...(send ? { send: true } : {}),
      });
    }
  return cases;
}

// ---------------------------------------------------------------- 5a. dust

interface OutputType {
  readonly label: string;
  make(rng: SeededRng, keys: KeySet): Bytes;
}

const witnessProgramScript = (version: number, program: Bytes): Bytes =>
  concat(Uint8Array.of(version === 0 ? OP.OP_0 : OP.OP_1 + version - 1), pushData(program));

const OUTPUT_TYPES: readonly OutputType[] = [
  { label: 'p2pkh', make: (r) => p2pkhScript(r.bytes(20)) },
  { label: 'p2sh', make: (r) => p2shScript(r.bytes(20)) },
  { label: 'p2wpkh', make: (_r, k) => p2wpkhScript(k.compressed[0]!) },
  { label: 'p2wsh', make: (r) => p2wshScript(r.bytes(40)) },
  { label: 'p2pk-compressed', make: (r, k) => p2pk(r.pick(k.compressed)) },
  { label: 'p2pk-uncompressed', make: (r, k) => p2pk(r.pick(k.uncompressed)) },
  { label: 'p2pk-hybrid', make: (r, k) => p2pk(r.pick(k.hybrid)) },
  { label: 'multisig-1of1', make: (r, k) => bareMultisig(1, [r.pick(k.compressed)]) },
  { label: 'multisig-1of2', make: (r, k) => bareMultisig(1, [r.pick(k.compressed), r.pick(k.uncompressed)]) },
  {
    label: 'multisig-2of3',
    make: (r, k) => bareMultisig(2, [r.pick(k.compressed), r.pick(k.hybrid), r.pick(k.compressed)]),
  },
  { label: 'witness-v1-32', make: (r) => witnessProgramScript(1, r.bytes(32)) },
  {
    label: 'witness-unknown',
    make: (r) => witnessProgramScript(r.pick([2, 3, 5, 7, 10, 16]), r.bytes(2 + r.int(39))),
  },
  { label: 'op-return', make: (r) => concat(Uint8Array.of(OP.OP_RETURN), pushData(r.bytes(r.int(81)))) },
];

/** GetDustThreshold (policy/policy.cpp:15) at `rate` sat/kvB: what the generator aims at. */
function dustThreshold(script: Bytes, rate: bigint): bigint {
  if (script[0] === OP.OP_RETURN) return 0n;
  let size = 8 + varInt(script.length).length + script.length;
  const witness =
    script.length >= 4 &&
    script.length <= 42 &&
    (script[0] === OP.OP_0 || (script[0]! >= OP.OP_1 && script[0]! <= OP.OP_16)) &&
    script[1]! + 2 === script.length;
  size += witness ? 32 + 4 + 1 + Math.floor(107 / 4) + 4 : 32 + 4 + 1 + 107 + 4;
  return (rate * BigInt(size)) / 1000n;
}

/** Outputs of every type at Litecoin's dust threshold, one under, one over, at Bitcoin's, and elsewhere. */
export function dustCases(rng: SeededRng, pool: CoinPool, keys: KeySet, count: number): PolicyCase[] {
  const cases: PolicyCase[] = [];
  for (let i = 0; i < count; i++) {
    const outs: Out[] = [];
    for (let k = 0, n = 1 + rng.int(3); k < n; k++) {
      const type = k === 0 ? OUTPUT_TYPES[i % OUTPUT_TYPES.length]! : rng.pick(OUTPUT_TYPES);
      const script = type.make(rng, keys);
      const ltc = dustThreshold(script, LTC_DUST_RELAY_FEE);
      const btc = dustThreshold(script, BTC_DUST_RELAY_FEE);
      const mode = rng.pick(['at', 'under', 'over', 'at', 'under', 'bitcoin', 'between', 'far', 'zero'] as const);
      const value = {
        at: ltc,
        under: ltc - 1n,
        over: ltc + 1n,
        bitcoin: btc,
        between: btc + BigInt(rng.int(Number(ltc - btc) + 1)),
        far: ltc * BigInt(2 + rng.int(100)),
        zero: 0n,
      }[mode];
      outs.push(plainOut(script, value < 0n ? 0n : value, `${type.label}=${value}(${mode}, dust<${ltc})`));
    }
    const { tx } = spend(rng, [rng.pick(pool.reusable)], outs, (s) => BigInt(s.adjustedVsize + rng.int(3_000)));
    cases.push({ rule: 'ltc-dust', id: caseId('ltc-dust', i, outs.map((o) => o.label).join(' ')), hex: txHex(tx) });
  }
  return cases;
}

// ---------------------------------------------------------------- 5b. replacement

/**
 * A transaction in both mempools, then another spending the same coin: the first signals BIP125
 * or not (directly, or through an unconfirmed parent), the second pays more, the same or less,
 * alone or with another coin. Litecoin Core 0.21 (-mempoolreplacement off by default) refuses every
 * conflict. One in eight spends fresh coins only, with no conflict.
 */
export function replacementCases(rng: SeededRng, pool: CoinPool, count: number): PolicyCase[] {
  const cases: PolicyCase[] = [];
  const signalling = [0, 1, 0xffff_fffd, 0xffff_fffd] as const;
  const final = [0xffff_fffe, 0xffff_ffff] as const;
  for (let i = 0; i < count; i++) {
    const coin = take(pool);
    const sequence = rng.int(3) === 0 ? rng.pick(final) : rng.pick(signalling);
    const fee1 = 1_000n + BigInt(rng.int(20_000));
    const first = spend(rng, [coin], [], () => fee1, { sequence });
    const setup = [txHex(first.tx)];
    const shape = rng.pick(['direct', 'direct', 'direct', 'with-other-coin', 'via-child', 'no-conflict'] as const);
    let target: KeylessCoin = coin;
    let label = `first seq ${sequence.toString(16)}`;
    if (shape === 'via-child') {
      // A child of the first in the mempool too; the replacement conflicts with the child.
      const firstId = txidOf(first.tx);
      const change = first.tx.outs.find((o) => o.script === CHANGE_SCRIPT)!;
      const parentCoin: KeylessCoin = {
        label: 'child-of-first',
        wrap: 'wsh',
        script: TRUE_SCRIPT,
        sigopCost: 0,
        amount: change.value,
        outpoint: { hash: firstId, index: first.tx.outs.indexOf(change) },
      };
      const childSeq = rng.pick([...signalling, ...final]);
      const child = spend(rng, [parentCoin], [], () => 1_000n + BigInt(rng.int(5_000)), { sequence: childSeq });
      setup.push(txHex(child.tx));
      target = parentCoin;
      label += `, child seq ${childSeq.toString(16)}`;
    }
    const coins =
      shape === 'no-conflict' ? [take(pool)] : shape === 'with-other-coin' ? [target, take(pool)] : [target];
    const delta = rng.pick([50_000n, 10_000n, 1n, 0n, -500n]);
    const second = spend(rng, coins, [], () => fee1 + delta + 1_000n, {
      sequence: rng.pick([...signalling, ...final]),
    });
    cases.push({
      rule: 'ltc-replacement',
      id: caseId('ltc-replacement', i, `${shape}: ${label}; replacement fee ${fee1 + delta + 1_000n} vs ${fee1}`),
      hex: txHex(second.tx),
      setup,
      send: true,
    });
  }
  return cases;
}

/** The txid in internal byte order (what an outpoint holds). */
const txidOf = (tx: RawTx): Bytes => hash256(serialize(tx, false));

// ---------------------------------------------------------------- 5c. MAX_MONEY 84,000,000 LTC

/**
 * Outputs around Litecoin's MAX_MONEY (84,000,000 LTC) and Bitcoin's (21,000,000): one output at,
 * over and under each; two or three outputs each within range whose sum is at, over or under it.
 */
export function maxMoneyCases(rng: SeededRng, pool: CoinPool, keys: KeySet, count: number): PolicyCase[] {
  const cases: PolicyCase[] = [];
  const near = (base: bigint) =>
    base + BigInt(rng.pick([0, 0, 1, 1, -1, 2, -2, 1 + rng.int(100_000_000), -1 - rng.int(100_000_000)]));
  for (let i = 0; i < count; i++) {
    const split = rng.int(3) === 0 ? 1 : 2 + rng.int(2);
    const total = rng.pick([
      near(LTC_MAX_MONEY),
      near(LTC_MAX_MONEY),
      near(LTC_MAX_MONEY),
      near(BTC_MAX_MONEY),
      BTC_MAX_MONEY + BigInt(rng.int(2 ** 31)) * 30_000n,
    ]);
    const parts: bigint[] = [];
    let left = total;
    for (let k = split; k > 1; k--) {
      const part = (left * BigInt(1 + rng.int(98))) / 100n;
      parts.push(part);
      left -= part;
    }
    parts.push(left);
    const outs = parts.map((v) => plainOut(p2wpkhScript(rng.pick(keys.compressed)), v, formatCoins(v)));
    const { tx } = spend(rng, [rng.pick(pool.reusable)], outs, () => 2_000n, { change: false });
    cases.push({
      rule: 'ltc-max-money',
      id: caseId('ltc-max-money', i, `outputs ${outs.map((o) => o.label).join(' + ')} = ${formatCoins(total)}`),
      hex: txHex(tx),
      decode: true,
      checkTxBlock: true,
    });
  }
  return cases;
}

// ---------------------------------------------------------------- 5d. MWEB peg-ins

/**
 * Witness v9 outputs of 32 bytes (MWEB peg-ins, some with the same kernel id twice) and of other
 * lengths (unknown witness versions), v8 of 32 bytes (MWEB HogEx addresses) and other witness
 * versions, among ordinary outputs; decoded too (witness_mweb_pegin, witness_mweb_hogaddr).
 */
export function mwebCases(rng: SeededRng, pool: CoinPool, keys: KeySet, count: number): PolicyCase[] {
  const cases: PolicyCase[] = [];
  for (let i = 0; i < count; i++) {
    const outs: Out[] = [];
    let lastPegin: Bytes | undefined;
    for (let k = 0, n = 1 + rng.int(4); k < n; k++) {
      const draw = rng.int(10);
      let script: Bytes;
      let label: string;
      if (draw < 4) {
        const program = lastPegin && rng.int(3) === 0 ? lastPegin : rng.bytes(32);
        lastPegin = program;
        script = witnessProgramScript(9, program);
        label = 'v9/32';
      } else if (draw < 7) {
        const length = rng.pick([2, 20, 31, 33, 40, 2 + rng.int(39)]);
        script = witnessProgramScript(9, rng.bytes(length));
        label = `v9/${length}`;
      } else if (draw === 7) {
        script = witnessProgramScript(8, rng.bytes(32));
        label = 'v8/32';
      } else if (draw === 8) {
        const version = rng.pick([1, 2, 10, 16]);
        script = witnessProgramScript(version, rng.bytes(32));
        label = `v${version}/32`;
      } else {
        script = p2wpkhScript(rng.pick(keys.compressed));
        label = 'p2wpkh';
      }
      const value = rng.pick([0n, 1_000n, 5_000n, 100_000n, BigInt(rng.int(10_000_000))]);
      outs.push(plainOut(script, value, `${label}=${value}`));
    }
    const { tx } = spend(rng, [rng.pick(pool.reusable)], outs, (s) => BigInt(s.adjustedVsize + rng.int(3_000)));
    cases.push({
      rule: 'ltc-mweb-pegin',
      id: caseId('ltc-mweb-pegin', i, outs.map((o) => o.label).join(' ')),
      hex: txHex(tx),
      decode: true,
    });
  }
  return cases;
}

// ---------------------------------------------------------------- 6. OP_IF / OP_NOTIF on an empty stack

export interface IfScriptSpec {
  readonly id: string;
  readonly coin: KeylessCoin;
  /** Stack items the spend pushes before the script (most have none). */
  readonly items: readonly Bytes[];
}

const IF_PREFIXES: readonly (readonly number[])[] = [
  [],
  [],
  [OP.OP_1, OP.OP_DROP],
  [OP.OP_DEPTH, OP.OP_DROP],
  [OP.OP_0, OP.OP_IF, OP.OP_1, OP.OP_ENDIF],
  [OP.OP_1, OP.OP_IF, OP.OP_ENDIF],
  [OP.OP_1, OP.OP_NOTIF, OP.OP_RETURN, OP.OP_ENDIF],
  [OP.OP_DEPTH],
  [OP.OP_1],
  [OP.OP_0],
];
const IF_BODIES: readonly (readonly number[])[] = [
  [OP.OP_1],
  [OP.OP_0],
  [OP.OP_1, OP.OP_1, OP.OP_DROP],
  [OP.OP_IF, OP.OP_1, OP.OP_ENDIF],
  [OP.OP_NOTIF, OP.OP_1, OP.OP_ELSE, OP.OP_0, OP.OP_ENDIF],
  [OP.OP_2, OP.OP_DROP, OP.OP_1],
];

/** Scripts with OP_IF/OP_NOTIF reached on an empty stack (most of them) or not, in P2SH, P2WSH and P2SH-P2WSH. */
export function ifScriptSpecs(rng: SeededRng, count: number): IfScriptSpec[] {
  const specs: IfScriptSpec[] = [];
  for (let i = 0; i < count; i++) {
    const prefix = rng.pick(IF_PREFIXES);
    const op = rng.pick([OP.OP_IF, OP.OP_NOTIF]);
    const body = rng.pick(IF_BODIES);
    const elseBody = rng.int(2) === 0 ? [OP.OP_ELSE, ...rng.pick(IF_BODIES)] : [];
    const script = Uint8Array.from([
      ...prefix,
      op,
      ...body,
      ...elseBody,
      OP.OP_ENDIF,
      ...(rng.int(3) === 0 ? [OP.OP_1] : []),
    ]);
    const items = rng.int(5) === 0 ? [rng.pick([Uint8Array.of(1), Uint8Array.of(), Uint8Array.of(2)])] : [];
    const wrap = rng.pick(['sh', 'wsh', 'sh-wsh'] as const);
    specs.push({
      id: caseId(
        'if-empty-stack',
        i,
        `${wrap} [${Array.from(script, (b) => b.toString(16)).join(' ')}] items ${items.length}`,
      ),
      coin: { label: `if#${i}`, wrap, script, sigopCost: 0, amount: 100_000n },
      items,
    });
  }
  return specs;
}

export function ifCases(rng: SeededRng, specs: readonly IfScriptSpec[]): PolicyCase[] {
  return specs.map((spec) => {
    const { tx } = spend(rng, [spec.coin], [], () => 2_000n);
    const input = tx.ins[0]!;
    if (spec.coin.wrap === 'sh') input.script = concat(...spec.items.map(pushMinimal), input.script);
    else input.witness = [...spec.items, ...input.witness];
    return { rule: 'if-empty-stack', id: spec.id, hex: txHex(tx), scriptBlock: [prevoutOf(spec.coin)] };
  });
}

// ---------------------------------------------------------------- 7. money range

/**
 * Output values out of range in every way CheckTransaction looks: negative (−1 to −2⁶³), above
 * MAX_MONEY (up to 2⁶³−1), many in-range outputs whose running sum passes it (at any position),
 * and zero; in random orders, so that which check fires first is tested too.
 */
export function moneyRangeCases(rng: SeededRng, pool: CoinPool, keys: KeySet, count: number): PolicyCase[] {
  const cases: PolicyCase[] = [];
  const INT64_MAX = 2n ** 63n - 1n;
  const values = (): bigint =>
    rng.pick([
      -1n,
      -BigInt(1 + rng.int(1_000_000)),
      -(2n ** 63n),
      INT64_MAX,
      LTC_MAX_MONEY + 1n + BigInt(rng.int(2 ** 30)) * 1_000_000n,
      LTC_MAX_MONEY / BigInt(2 + rng.int(3)) + 1n,
      LTC_MAX_MONEY / 2n,
      0n,
      BigInt(rng.int(100_000_000)),
      BigInt(rng.int(100_000_000)),
    ]);
  for (let i = 0; i < count; i++) {
    const outs = Array.from({ length: 1 + rng.int(5) }, () => {
      const v = values();
      const script =
        rng.int(4) === 0
          ? concat(Uint8Array.of(OP.OP_RETURN), pushData(rng.bytes(4)))
          : p2wpkhScript(rng.pick(keys.compressed));
      return plainOut(script, v, v.toString());
    });
    const { tx } = spend(rng, [rng.pick(pool.reusable)], outs, () => 2_000n, { change: false });
    cases.push({
      rule: 'money-range',
      id: caseId('money-range', i, `outputs ${outs.map((o) => o.label).join(', ')}`),
      hex: txHex(tx),
      decode: true,
      checkTxBlock: true,
    });
  }
  return cases;
}
