/**
 * Taproot on the simulated chains, as Core 0.21 and Litecoin Core 0.21 run it: P2TR outputs built
 * with shared/bitcoin/taproot.ts, funded, then spent by key path and script path through the
 * mempool and in blocks. Each policy rule is broken on its own and refused with Core's reason
 * (the literal answers litecoind gave are in shared/vectors/taproot/litecoind-taproot.md), while
 * blocks take what only policy refuses.
 */
import * as secp from 'tiny-secp256k1';
import { describe, expect, it } from 'vitest';
import { type Bytes, concat, hexToHash } from '../../../shared/bitcoin/bytes';
import { F } from '../../../shared/bitcoin/flags';
import { sha256 } from '../../../shared/bitcoin/hashes';
import { OP } from '../../../shared/bitcoin/opcodes';
import { compileScript } from '../../../shared/bitcoin/script';
import { taprootSighash } from '../../../shared/bitcoin/sighash';
import { type TapLeaf, taprootOutput } from '../../../shared/bitcoin/taproot';
import { Transaction } from '../../../shared/bitcoin/transaction';
import type { Prevout } from '../../../shared/bitcoin/txTypes';
import { assembleBlock } from '../../../shared/chain/blocks';
import { consensusFlags, defaultPolicy, policyFlags } from '../../../shared/chain/era';
import { dustThreshold } from '../../../shared/chain/policy';
import { BTC_REGTEST, blockSubsidy, type ChainProfile, LTC_REGTEST } from '../../../shared/chain/profiles';
import { SigCache } from '../../../shared/chain/sigcache';
import { type TxRecord, txRecord } from '../../../shared/chain/txRecord';
import { flagsFromText } from '../../../main/cli/flags';
import { verdicts } from '../../../main/host/nodeViews';
import { Harness, reason, SCRIPT } from './harness';

const COIN = 100_000_000n;
const FEE = 20_000n;
const AUX = new Uint8Array(32);
const secret = (n: number): Bytes => new Uint8Array(32).fill(n);
const xonly = (sk: Bytes): Bytes => secp.xOnlyPointFromScalar(sk);

const internalSecret = secret(11);
const leafSecret = secret(12);

const leaves = {
  checksig: { script: compileScript([xonly(leafSecret), OP.OP_CHECKSIG]), leafVersion: 0xc0 },
  opSuccess: { script: Uint8Array.of(0x50), leafVersion: 0xc0 },
  unknownVersion: { script: Uint8Array.of(OP.OP_1), leafVersion: 0xc2 },
  bigItem: { script: compileScript([OP.OP_SIZE, { num: 81 }, OP.OP_EQUAL, OP.OP_NIP]), leafVersion: 0xc0 },
  /** A 33-byte key: an unknown public key type, which a non-empty signature satisfies (BIP342). */
  unknownPubKey: { script: compileScript([new Uint8Array(33).fill(2), OP.OP_CHECKSIG]), leafVersion: 0xc0 },
  minimalIf: { script: compileScript([OP.OP_IF, OP.OP_1, OP.OP_ELSE, OP.OP_1, OP.OP_ENDIF]), leafVersion: 0xc0 },
} satisfies Record<string, TapLeaf>;
type LeafName = keyof typeof leaves;
const leafNames = Object.keys(leaves) as LeafName[];

const output = taprootOutput(xonly(internalSecret), [
  [leaves.checksig, leaves.opSuccess],
  [
    [leaves.unknownVersion, leaves.bigItem],
    [leaves.unknownPubKey, leaves.minimalIf],
  ],
])!;
const keyOnly = taprootOutput(xonly(internalSecret))!;

/** The secret of an output key: the internal secret, negated for an odd point, plus the tweak. */
function tweakedSecret(tweak: Bytes): Bytes {
  const odd = secp.pointFromScalar(internalSecret, true)![0] === 3;
  return secp.privateAdd(odd ? secp.privateNegate(internalSecret) : internalSecret, tweak)!;
}

interface TapCoin {
  readonly txid: string;
  readonly vout: number;
  readonly prevout: Prevout;
}

/** A chain with `count` confirmed 1-coin outputs to `script`. */
function funded(profile: ChainProfile, script: Bytes, count: number): { h: Harness; coins: TapCoin[] } {
  const h = new Harness({}, 110, profile);
  const base = h.coinbase(1);
  const outs = Array.from({ length: count }, () => ({ value: COIN, script }));
  const fund = h.spend([base], [...outs, base.value - BigInt(count) * COIN - FEE]);
  expect(reason(h.node.acceptToMempool(fund))).toBe('accepted');
  h.mine();
  const coins = outs.map((o, vout) => ({
    txid: fund.txid,
    vout,
    prevout: { scriptPubKey: o.script, amount: o.value },
  }));
  return { h, coins };
}

/** A version-2 spend of `coins` to the harness's P2WPKH; `witness` fills input i once the tx is complete. */
function spend(
  coins: readonly TapCoin[],
  witness: (tx: Transaction, i: number, spent: readonly Prevout[]) => Bytes[],
  pay: readonly { value: bigint; script: Bytes }[] = [],
): TxRecord {
  const tx = new Transaction();
  tx.version = 2;
  for (const c of coins) tx.addInput(hexToHash(c.txid), c.vout, 0xfffffffd);
  const total = coins.reduce((sum, c) => sum + c.prevout.amount, 0n);
  const paid = pay.reduce((sum, p) => sum + p.value, 0n);
  for (const p of pay) tx.addOutput(p.script, p.value);
  tx.addOutput(SCRIPT, total - paid - FEE);
  const spent = coins.map((c) => c.prevout);
  coins.forEach((_, i) => tx.setWitness(i, witness(tx, i, spent)));
  return txRecord(tx);
}

/** SHA256 of the annex with its compact-size length (BIP341). */
const annexHashOf = (annex: Bytes | undefined) =>
  annex ? sha256(concat(Uint8Array.of(annex.length), annex)) : undefined;

function keyPathSig(tx: Transaction, i: number, spent: readonly Prevout[], tweak: Bytes, annex?: Bytes): Bytes {
  const annexHash = annexHashOf(annex);
  const digest = taprootSighash(tx, i, spent, 0, 'TAPROOT', { annexHash })!.digest;
  return secp.signSchnorr(digest, tweakedSecret(tweak), AUX);
}

const leafSpend = (name: LeafName) => output.leaves[leafNames.indexOf(name)]!;

function leafSig(tx: Transaction, i: number, spent: readonly Prevout[], name: LeafName, annex?: Bytes): Bytes {
  const spendData = {
    annexHash: annexHashOf(annex),
    tapleafHash: leafSpend(name).leafHash,
    codeSeparatorPos: 0xffffffff,
  };
  const digest = taprootSighash(tx, i, spent, 0, 'TAPSCRIPT', spendData)!.digest;
  return secp.signSchnorr(digest, leafSecret, AUX);
}

/** The witness of a script-path spend of `name`: its inputs, the leaf script, its control block. */
const revealed = (name: LeafName, inputs: Bytes[]): Bytes[] => [
  ...inputs,
  leaves[name].script,
  leafSpend(name).controlBlock,
];

function flipBit(sig: Bytes): Bytes {
  const copy = Uint8Array.from(sig);
  copy[0] = copy[0]! ^ 1;
  return copy;
}

/** Connects a block of `records` on the tip, whatever relay policy says of them (generateblock). */
function mineWith(h: Harness, records: readonly TxRecord[]): string {
  const tip = h.node.tip;
  const height = tip.height + 1;
  h.clock.advance(600);
  const block = assembleBlock({
    prevHash: tip.block.hash,
    height,
    time: Math.max(h.clock.now(), tip.mtp + 1),
    version: 0x20000000,
    coinbase: { value: blockSubsidy(h.node.profile, height), scriptPubKey: SCRIPT, minerTag: 'test', version: 2 },
    txs: [...records],
    segwit: true,
    minedBy: 'test',
  });
  const placed = h.node.processBlock(block);
  return placed.ok ? placed.value : placed.error.reason;
}

const test = (h: Harness, record: TxRecord) => reason(h.node.acceptToMempool(record, { testOnly: true }));

describe('consensus: the modern era enforces BIP341/342; 2014 does not know them', () => {
  it('TAPROOT is in the modern era’s block flags, and Taproot’s DISCOURAGE_* flags in its relay flags', () => {
    const discourage =
      F.DISCOURAGE_UPGRADABLE_TAPROOT_VERSION | F.DISCOURAGE_OP_SUCCESS | F.DISCOURAGE_UPGRADABLE_PUBKEYTYPE;
    for (const profile of [BTC_REGTEST, LTC_REGTEST]) {
      expect(consensusFlags('modern', profile.rules) & F.TAPROOT).toBe(F.TAPROOT);
      expect(consensusFlags('modern', profile.rules) & discourage).toBe(0);
      expect(policyFlags(defaultPolicy('modern'), profile.rules) & (F.TAPROOT | discourage)).toBe(
        F.TAPROOT | discourage,
      );
      expect(consensusFlags('2014', profile.rules) & F.TAPROOT).toBe(0);
      expect(policyFlags(defaultPolicy('2014'), profile.rules) & (F.TAPROOT | discourage)).toBe(0);
    }
    // `txlab verify --flags standard|consensus` names the modern chains' flags.
    const standard = flagsFromText('standard');
    const consensus = flagsFromText('consensus');
    expect(standard.ok && standard.value & (F.TAPROOT | discourage)).toBe(F.TAPROOT | discourage);
    expect(consensus.ok && consensus.value & (F.TAPROOT | discourage)).toBe(F.TAPROOT);
  });

  it('a key-path spend is relayed and mined; a flipped signature bit is refused by mempool and block', () => {
    const { h, coins } = funded(BTC_REGTEST, keyOnly.scriptPubKey, 2);
    const good = spend([coins[0]!], (tx, i, spent) => [keyPathSig(tx, i, spent, keyOnly.tweak)]);
    const bad = spend([coins[1]!], (tx, i, spent) => [flipBit(keyPathSig(tx, i, spent, keyOnly.tweak))]);
    expect(reason(h.node.acceptToMempool(good))).toBe('accepted');
    expect(test(h, bad)).toBe('mandatory-script-verify-flag-failed (Invalid Schnorr signature)');
    expect(mineWith(h, [bad])).toBe('mandatory-script-verify-flag-failed (Invalid Schnorr signature)');
    h.mine();
    expect(h.node.locateTx(good.txid)?.height).toBe(h.node.height);
  });

  it('a two-input Taproot spend verifies: every checker is given all spent outputs', () => {
    const { h, coins } = funded(BTC_REGTEST, keyOnly.scriptPubKey, 2);
    const both = spend(coins, (tx, i, spent) => [keyPathSig(tx, i, spent, keyOnly.tweak)]);
    expect(mineWith(h, [both])).toBe('active');
  });

  it('a script-path CHECKSIG spend is relayed; a non-minimal IF argument fails consensus', () => {
    const { h, coins } = funded(BTC_REGTEST, output.scriptPubKey, 2);
    const good = spend([coins[0]!], (tx, i, spent) => revealed('checksig', [leafSig(tx, i, spent, 'checksig')]));
    expect(test(h, good)).toBe('accepted');
    const notMinimal = spend([coins[1]!], () => revealed('minimalIf', [Uint8Array.of(2)]));
    const why = 'mandatory-script-verify-flag-failed (OP_IF/NOTIF argument must be minimal in tapscript)';
    expect(test(h, notMinimal)).toBe(why);
    expect(mineWith(h, [notMinimal])).toBe(why);
    expect(mineWith(h, [good])).toBe('active');
  });

  it('a control block of another tree fails: the witness program does not match', () => {
    const { h, coins } = funded(BTC_REGTEST, output.scriptPubKey, 1);
    const broken = spend([coins[0]!], (tx, i, spent) => {
      const w = revealed('checksig', [leafSig(tx, i, spent, 'checksig')]);
      const control = Uint8Array.from(w[2]!);
      control[control.length - 1] = control[control.length - 1]! ^ 1;
      return [w[0]!, w[1]!, control];
    });
    expect(test(h, broken)).toBe('mandatory-script-verify-flag-failed (Witness program hash mismatch)');
  });
});

describe('policy as Core 0.21’s: each Taproot rule broken on its own', () => {
  /** Each case: its witness and the relay refusal; a block takes every one (consensus-valid). */
  const cases: readonly {
    name: string;
    witness: (tx: Transaction, i: number, spent: readonly Prevout[]) => Bytes[];
    refusal: string;
  }[] = [
    {
      name: 'an OP_SUCCESSx leaf',
      witness: () => revealed('opSuccess', []),
      refusal: 'non-mandatory-script-verify-flag (OP_SUCCESSx reserved for soft-fork upgrades)',
    },
    {
      name: 'an unknown leaf version (0xc2)',
      witness: () => revealed('unknownVersion', []),
      refusal: 'non-mandatory-script-verify-flag (Taproot version reserved for soft-fork upgrades)',
    },
    {
      name: 'an unknown public key type (33 bytes in tapscript)',
      witness: () => revealed('unknownPubKey', [new Uint8Array(64).fill(1)]),
      refusal: 'non-mandatory-script-verify-flag (Public key version reserved for soft-fork upgrades)',
    },
    {
      name: 'a tapscript stack item of 81 bytes',
      witness: () => revealed('bigItem', [new Uint8Array(81).fill(0x11)]),
      refusal: 'bad-witness-nonstandard',
    },
    {
      name: 'an annex on a script-path spend (the signature commits to it)',
      witness: (tx, i, spent) => {
        const annex = Uint8Array.of(0x50);
        return [...revealed('checksig', [leafSig(tx, i, spent, 'checksig', annex)]), annex];
      },
      refusal: 'bad-witness-nonstandard',
    },
    {
      name: 'an annex on a key-path spend (the signature commits to it)',
      witness: (tx, i, spent) => {
        const annex = Uint8Array.of(0x50, 0xde, 0xad);
        return [keyPathSig(tx, i, spent, output.tweak, annex), annex];
      },
      refusal: 'bad-witness-nonstandard',
    },
  ];

  for (const profile of [BTC_REGTEST, LTC_REGTEST]) {
    it(`${profile.id}: refused for relay with Core’s reasons, and valid in a block`, () => {
      const { h, coins } = funded(profile, output.scriptPubKey, cases.length);
      const records = cases.map((c, k) => spend([coins[k]!], c.witness));
      const refusals = records.map((r) => test(h, r));
      expect(refusals).toEqual(cases.map((c) => c.refusal));
      expect(mineWith(h, records)).toBe('active');
    });
  }

  it('the same 81-byte item is standard under a leaf version that is not tapscript’s (only the DISCOURAGE flag refuses it)', () => {
    const { h, coins } = funded(BTC_REGTEST, output.scriptPubKey, 1);
    const record = spend([coins[0]!], () => revealed('unknownVersion', [new Uint8Array(81)]));
    expect(test(h, record)).toBe('non-mandatory-script-verify-flag (Taproot version reserved for soft-fork upgrades)');
  });

  it('Litecoin Core 0.21 calls a bad Schnorr signature non-mandatory (MANDATORY = P2SH only)', () => {
    const { h, coins } = funded(LTC_REGTEST, keyOnly.scriptPubKey, 1);
    const bad = spend([coins[0]!], (tx, i, spent) => [flipBit(keyPathSig(tx, i, spent, keyOnly.tweak))]);
    expect(test(h, bad)).toBe('non-mandatory-script-verify-flag (Invalid Schnorr signature)');
    // A block refuses it all the same (litecoind: "TestBlockValidity failed: …").
    expect(mineWith(h, [bad])).toMatch(/\(Invalid Schnorr signature\)$/);
  });

  it('P2TR dust: 43-byte output + 67-byte discounted spend, at each chain’s dust relay fee', () => {
    expect(dustThreshold({ script: keyOnly.scriptPubKey, value: 0n }, BTC_REGTEST.rules.dustRelayFeeRate)).toBe(330n);
    expect(dustThreshold({ script: keyOnly.scriptPubKey, value: 0n }, LTC_REGTEST.rules.dustRelayFeeRate)).toBe(3300n);
    for (const [profile, threshold] of [
      [BTC_REGTEST, 330n],
      [LTC_REGTEST, 3300n],
    ] as const) {
      const { h, coins } = funded(profile, keyOnly.scriptPubKey, 2);
      const sign = (tx: Transaction, i: number, spent: readonly Prevout[]) => [keyPathSig(tx, i, spent, keyOnly.tweak)];
      const below = spend([coins[0]!], sign, [{ value: threshold - 1n, script: keyOnly.scriptPubKey }]);
      const at = spend([coins[1]!], sign, [{ value: threshold, script: keyOnly.scriptPubKey }]);
      expect([test(h, below), test(h, at)]).toEqual(['dust', 'accepted']);
    }
  });

  it('outputs: v1 of 32 bytes is P2TR; other v1 lengths and v2 are standard to create, not to spend; v0 of 31 bytes is not standard', () => {
    const v1short = Uint8Array.of(OP.OP_1, 20, ...new Uint8Array(20).fill(3));
    const v2 = Uint8Array.of(OP.OP_2, 32, ...new Uint8Array(32).fill(3));
    const v0odd = Uint8Array.of(OP.OP_0, 31, ...new Uint8Array(31).fill(3));
    const { h, coins } = funded(BTC_REGTEST, keyOnly.scriptPubKey, 2);
    const sign = (tx: Transaction, i: number, spent: readonly Prevout[]) => [keyPathSig(tx, i, spent, keyOnly.tweak)];
    const toUnknown = spend([coins[0]!], sign, [
      { value: 10_000n, script: v1short },
      { value: 10_000n, script: v2 },
    ]);
    expect(reason(h.node.acceptToMempool(toUnknown))).toBe('accepted');
    expect(test(h, spend([coins[1]!], sign, [{ value: 10_000n, script: v0odd }]))).toBe('scriptpubkey');
    h.mine();
    const unknown = (vout: number, script: Bytes): TapCoin => ({
      txid: toUnknown.txid,
      vout,
      prevout: { scriptPubKey: script, amount: 10_000n },
    });
    const spendUnknown = (coin: TapCoin) => {
      const tx = new Transaction();
      tx.version = 2;
      tx.addInput(hexToHash(coin.txid), coin.vout, 0xfffffffd);
      tx.addOutput(SCRIPT, 5_000n);
      tx.setWitness(0, [Uint8Array.of(1)]);
      return txRecord(tx);
    };
    expect(test(h, spendUnknown(unknown(0, v1short)))).toBe('bad-txns-nonstandard-inputs');
    expect(test(h, spendUnknown(unknown(1, v2)))).toBe('bad-txns-nonstandard-inputs');
    // Unknown witness programs are anyone-can-spend by consensus.
    expect(mineWith(h, [spendUnknown(unknown(0, v1short))])).toBe('active');
  });
});

describe('the host’s per-node verdicts', () => {
  it('verify a two-input Taproot spend with every spent output, and name the missing one while unconnected', () => {
    const { h, coins } = funded(BTC_REGTEST, keyOnly.scriptPubKey, 2);
    const record = spend(coins, (tx, i, spent) => [keyPathSig(tx, i, spent, keyOnly.tweak)]);
    const prevouts = coins.map((c) => ({
      txid: c.txid,
      vout: c.vout,
      output: { script: c.prevout.scriptPubKey, value: c.prevout.amount },
    }));
    expect(verdicts(h.node, record.tx, prevouts).map((v) => v.ok)).toEqual([true, true]);
    const partly = verdicts(h.node, record.tx, [prevouts[0], undefined]);
    expect(partly.map((v) => (v.ok ? 'OK' : v.error.code))).toEqual(['TAPROOT_SPENT_OUTPUTS_MISSING', 'UNCONNECTED']);
  });
});

describe('signature cache', () => {
  it('remembers a valid Schnorr check, never an invalid one, apart from ECDSA entries', () => {
    const cache = new SigCache();
    const digest = sha256(Uint8Array.of(1, 2, 3));
    const sig = secp.signSchnorr(digest, leafSecret, AUX);
    expect(cache.verifySchnorr(digest, xonly(leafSecret), sig)).toBe(true);
    expect(cache.verifySchnorr(digest, xonly(leafSecret), sig)).toBe(true);
    expect(cache.stats).toMatchObject({ signatureHits: 1, signatureMisses: 1 });
    const bad = flipBit(sig);
    expect(cache.verifySchnorr(digest, xonly(leafSecret), bad)).toBe(false);
    expect(cache.verifySchnorr(digest, xonly(leafSecret), bad)).toBe(false);
    expect(cache.stats).toMatchObject({ signatureHits: 1, signatureMisses: 3 });
    // The same bytes asked as an ECDSA triple are not a hit.
    expect(cache.verify(digest, xonly(leafSecret), sig)).toBe(false);
    expect(cache.stats.signatureHits).toBe(1);
  });

  it('a block of mempool Taproot spends connects from the script cache; the signature cache serves the host again', () => {
    const { h, coins } = funded(BTC_REGTEST, keyOnly.scriptPubKey, 1);
    const record = spend(coins, (tx, i, spent) => [keyPathSig(tx, i, spent, keyOnly.tweak)]);
    expect(reason(h.node.acceptToMempool(record))).toBe('accepted');
    const hits = h.node.sigCache.stats.signatureHits;
    const prevouts = [{ txid: coins[0]!.txid, vout: 0, output: { script: keyOnly.scriptPubKey, value: COIN } }];
    expect(verdicts(h.node, record.tx, prevouts)[0]!.ok).toBe(true);
    expect(h.node.sigCache.stats.signatureHits).toBe(hits + 1);
  });
});
