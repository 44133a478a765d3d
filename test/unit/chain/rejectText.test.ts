/**
 * Each refusal of the simulated mempool carries its sentence as a catalogue key (`text`) beside
 * Core's reason: its English is the `message` the CLI and lessons read, its 简体中文 exists with
 * the same placeholders, every placeholder filled. Each case drives the chain into that refusal.
 */
import { describe, expect, it } from 'vitest';
import { concat } from '../../../shared/bitcoin/bytes';
import { OP } from '../../../shared/bitcoin/opcodes';
import { checkTxInputs, type TxRejection } from '../../../shared/chain/txValidation';
import type { AcceptOutcome } from '../../../shared/chain/mempoolAccept';
import { LTC_REGTEST } from '../../../shared/chain/profiles';
import { txRecord } from '../../../shared/chain/txRecord';
import { englishText, type HostText, type Result } from '../../../shared/contract/result';
import { en, type MessageKey } from '../../../shared/ui/i18n/en';
import { zhCN } from '../../../shared/ui/i18n/zh-CN';
import { hostMessage } from '../../../renderer/src/i18n/hostMessage';
import type { Translate } from '../../../renderer/src/i18n/translate';
import { p2pkhScript, testKey } from '../../helpers/keys';
import { utcDateTime } from '../../../shared/text/utcTime';
import { Harness, KEY, SCRIPT, START } from './harness';

const COIN = 100_000_000n;
const CHINESE = /[\u4e00-\u9fff]/;
const driven = new Set<string>();

const placeholders = (template: string): string[] => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

function fill(template: string, params: HostText['params']): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    params && name in params ? String(params[name]) : match,
  );
}

const zh: Translate = (key, params) => fill(zhCN[key], params);

/** The refusal's words, checked against both catalogues; returns them for the case's own checks. */
function said(
  outcome: AcceptOutcome | Result<unknown, TxRejection>,
  key: MessageKey,
): { reason: string; message: string; text: HostText } {
  expect(outcome.ok).toBe(false);
  const why = 'rejection' in outcome ? outcome.rejection : 'error' in outcome ? outcome.error : undefined;
  const text = why?.text;
  expect(text?.key).toBe(key);
  if (!why || !text) throw new Error('no words');
  expect(englishText(text)).toBe(why.message);
  expect(placeholders(zhCN[key])).toEqual(placeholders(en[key]));
  const chinese = fill(zhCN[key], text.params);
  expect(chinese).toMatch(CHINESE);
  expect(chinese).not.toMatch(/\{\w+\}/);
  expect(why.message).not.toMatch(/\{\w+\}/);
  driven.add(key);
  return { ...why, text };
}

describe('the simulated mempool’s refusals, in catalogue words', () => {
  it('conflicts and replacements (BIP125)', () => {
    const h = new Harness();
    const coin = h.coinbase(1);
    const original = h.spend([coin], [coin.value - 10_000n], { sequence: 0xffffffff });
    h.node.acceptToMempool(original);
    const conflict = said(
      h.node.acceptToMempool(h.spend([coin], [coin.value - 50_000n], { sequence: 0xffffffff })),
      'reject.mempoolConflict',
    );
    // The sentence the CLI printed before the catalogue, word for word.
    expect(conflict.message).toBe(
      `spends an output that mempool transaction ${original.txid} already spends (first seen wins)`,
    );
    expect(said(h.node.acceptToMempool(original), 'reject.inMempool').reason).toBe('txn-already-in-mempool');

    const two = [h.coinbase(2), h.coinbase(3)];
    const signalling = h.spend(two, [COIN * 100n - 20_000n]);
    h.node.acceptToMempool(signalling);
    said(h.node.acceptToMempool(h.spend([two[0]!], [COIN * 50n - 9_000n])), 'reject.replacementFeeRate');
    // A higher rate on half the size, but fewer satoshis than the original paid.
    said(h.node.acceptToMempool(h.spend([two[0]!], [COIN * 50n - 15_000n])), 'reject.replacementFee');
    said(h.node.acceptToMempool(h.spend(two, [COIN * 100n - 20_001n])), 'reject.replacementRelayFee');
    said(
      h.node.acceptToMempool(h.spend([two[0]!, Harness.out(signalling)], [COIN * 150n - 90_000n])),
      'reject.spendsConflicting',
    );

    // A parent with 101 children in the mempool: replacing it would evict 102 transactions.
    const fan = h.spend(
      [h.coinbase(4)],
      Array.from({ length: 101 }, () => COIN / 4n),
    );
    h.node.acceptToMempool(fan);
    for (let vout = 0; vout < 101; vout++)
      h.node.acceptToMempool(h.spend([Harness.out(fan, vout)], [COIN / 4n - 1_000n]));
    const many = said(h.node.acceptToMempool(h.spend([h.coinbase(4)], [COIN * 10n])), 'reject.tooManyReplacements');
    expect(many.message).toBe('would replace 102 transactions');
  });

  it('lock times, relative locks and missing or immature coins', () => {
    const h = new Harness();
    const tip = h.node.height;
    const byHeight = said(
      h.node.acceptToMempool(h.spend([h.coinbase(1)], [COIN * 49n], { locktime: tip + 1 }), { testOnly: true }),
      'reject.nonFinalHeight',
    );
    expect(byHeight.message).toBe(`locked until height ${tip + 1} (nLockTime)`);
    said(
      h.node.acceptToMempool(h.spend([h.coinbase(1)], [COIN * 49n], { locktime: h.node.tip.mtp }), { testOnly: true }),
      'reject.nonFinalTime',
    );

    const parent = h.spend([h.coinbase(2)], [COIN * 49n]);
    h.node.acceptToMempool(parent);
    h.mine(1);
    said(
      h.node.acceptToMempool(h.spend([Harness.out(parent)], [COIN * 48n], { sequence: 5 }), { testOnly: true }),
      'reject.bip68',
    );
    said(h.node.acceptToMempool(parent), 'reject.alreadyConfirmed');
    const spent = said(
      h.node.acceptToMempool(h.spend([h.coinbase(2)], [COIN * 40n]), { testOnly: true }),
      'reject.inputSpent',
    );
    expect(spent.reason).toBe('missing-inputs');
    const nowhere = { txid: 'ab'.repeat(32), vout: 0, value: COIN };
    const missing = said(
      h.node.acceptToMempool(h.spend([nowhere], [COIN / 2n]), { testOnly: true }),
      'reject.inputMissing',
    );
    expect(missing.message).toBe(`input 0 spends ${'ab'.repeat(32)}:0, which does not exist`);
    said(
      h.node.acceptToMempool(h.spend([h.coinbase(h.node.height)], [COIN]), { testOnly: true }),
      'reject.prematureCoinbase',
    );
    said(h.node.acceptToMempool(h.spend([h.coinbase(3)], [COIN * 51n]), { testOnly: true }), 'reject.inBelowOut');
    // Two coins of 21 million each: more than MAX_MONEY in, checked before any amount out.
    const rich = { output: { script: SCRIPT, value: 21_000_000n * COIN }, height: 1, coinbase: false };
    const record = h.spend([h.coinbase(3)], [COIN]);
    said(checkTxInputs(record, [rich, rich], h.node.height + 1, h.node.profile), 'reject.inputValuesOutOfRange');
  });

  it('a time lock, said as a UTC date beside its Unix time and the time it is judged against', () => {
    // Block h is mined at START + 600·h (2026-01-01 00:00:00 UTC + 10 min a block). The median of
    // blocks 100…110 is block 105's time: START + 63,000 s = 2026-01-01 17:30:00 UTC.
    const h = new Harness();
    expect(h.node.tip.mtp).toBe(START + 63_000);
    // 1,767,300,000 = START + 74,400 s = 20 h 40 min after midnight.
    const modern = said(
      h.node.acceptToMempool(h.spend([h.coinbase(1)], [COIN * 49n], { locktime: 1_767_300_000 }), { testOnly: true }),
      'reject.nonFinalTime',
    );
    expect(modern.message).toBe(
      "locked until 2026-01-01 20:40:00 UTC (Unix time 1767300000, nLockTime); the chain's median time past (BIP113) is 2026-01-01 17:30:00 UTC",
    );
    expect(hostMessage(zh, modern)).toBe(
      '被锁定到 2026-01-01 20:40:00 UTC（Unix 时间 1767300000，nLockTime）；链的中位时间（BIP113）现在是 2026-01-01 17:30:00 UTC',
    );

    // Before CSV there is no BIP113: the lock is judged against the chain's clock, START + 110 × 600 s.
    const old = new Harness({ era: '2014' });
    const legacy = old.spend([old.coinbase(1)], [COIN * 49n], { locktime: 1_767_300_000 });
    legacy.tx.setWitness(0, []); // no SegWit in 2014; the finality check comes before the scripts'
    const clock = said(old.node.acceptToMempool(txRecord(legacy.tx), { testOnly: true }), 'reject.nonFinalClock');
    expect(clock.reason).toBe('non-final');
    expect(clock.message).toBe(
      "locked until 2026-01-01 20:40:00 UTC (Unix time 1767300000, nLockTime); the chain's clock reads 2026-01-01 18:20:00 UTC",
    );
    expect(hostMessage(zh, clock)).toBe(
      '被锁定到 2026-01-01 20:40:00 UTC（Unix 时间 1767300000，nLockTime）；链的时钟现在是 2026-01-01 18:20:00 UTC',
    );
  });

  it('utcDateTime: a Unix time as the same UTC date in every language', () => {
    expect(utcDateTime(1_700_000_000)).toBe('2023-11-14 22:13:20 UTC');
    expect(utcDateTime(500_000_000)).toBe('1985-11-05 00:53:20 UTC'); // LOCKTIME_THRESHOLD
    expect(utcDateTime(0xffffffff)).toBe('2106-02-07 06:28:15 UTC'); // the largest nLockTime
  });

  it('malformed, coinbase, non-standard and pre-SegWit transactions', () => {
    const h = new Harness();
    const bad = said(h.node.acceptToMempool(h.spend([h.coinbase(1)], []), { testOnly: true }), 'reject.malformed');
    expect(bad.message).toBe('the transaction is malformed (bad-txns-vout-empty)');
    said(h.node.acceptToMempool(h.node.blockAt(5)!.block.txs[0]!, { testOnly: true }), 'reject.coinbase');
    const dust = said(
      h.node.acceptToMempool(h.spend([h.coinbase(1)], [293n, COIN * 49n]), { testOnly: true }),
      'reject.nonStandard',
    );
    expect(dust.message).toBe('not standard: dust');

    // A witness v1 program of 20 bytes: standard to pay, non-standard to spend.
    const v1short = concat(Uint8Array.of(OP.OP_1, 20), new Uint8Array(20).fill(7));
    const toV1 = h.spend([h.coinbase(2)], [{ value: COIN, script: v1short }, COIN * 48n]);
    const toP2pkh = h.spend([h.coinbase(3)], [{ value: COIN, script: p2pkhScript(KEY.publicKey) }, COIN * 48n]);
    h.node.acceptToMempool(toV1);
    h.node.acceptToMempool(toP2pkh);
    said(
      h.node.acceptToMempool(h.spend([Harness.out(toV1)], [COIN / 2n]), { testOnly: true }),
      'reject.nonStandardInputs',
    );
    // A witness on a P2PKH coin, which has no witness program.
    said(
      h.node.acceptToMempool(h.spend([Harness.out(toP2pkh)], [COIN / 2n]), { testOnly: true }),
      'reject.nonStandardWitness',
    );

    const old = new Harness({ era: '2014' });
    said(
      old.node.acceptToMempool(old.spend([old.coinbase(1)], [COIN * 49n]), { testOnly: true }),
      'reject.noWitnessYet',
    );
    const pegin = concat(Uint8Array.of(OP.OP_9, 32), new Uint8Array(32).fill(1));
    const l = new Harness({}, 110, LTC_REGTEST);
    said(
      l.node.acceptToMempool(l.spend([l.coinbase(1)], [{ value: COIN, script: pegin }, COIN * 48n]), {
        testOnly: true,
      }),
      'reject.mwebPegin',
    );
  });

  it('fees, signature operations, chains of ancestors and a full mempool', () => {
    const h = new Harness({ maxMempoolVsize: 150 }, 112);
    const low = said(
      h.node.acceptToMempool(h.spend([h.coinbase(1)], [COIN * 50n - 50n]), { testOnly: true }),
      'reject.minRelayFee',
    );
    expect(low.reason).toBe('min relay fee not met');
    h.node.acceptToMempool(h.spend([h.coinbase(2)], [COIN * 50n - 5_000n]));
    // Room for one: the newcomer pays the lowest rate and is the one evicted.
    said(h.node.acceptToMempool(h.spend([h.coinbase(3)], [COIN * 50n - 300n])), 'reject.mempoolFull');
    said(h.node.acceptToMempool(h.spend([h.coinbase(4)], [COIN * 50n - 250n])), 'reject.mempoolMinFee');

    // 201 OP_CHECKMULTISIG in an output: 201 × 20 legacy sigops × 4 = 16,080, plus 1 for the
    // P2WPKH input's witness CHECKSIG (cost 1, unscaled): 16,081 > 16,000.
    const loose = new Harness({ requireStandard: false });
    const sigops = said(
      loose.node.acceptToMempool(
        loose.spend([loose.coinbase(1)], [{ value: COIN, script: new Uint8Array(201).fill(OP.OP_CHECKMULTISIG) }]),
        { testOnly: true },
      ),
      'reject.tooManySigops',
    );
    expect(sigops.message).toBe('signature operations cost 16081; relay allows 16000');

    const chain = new Harness();
    let tip = chain.spend([chain.coinbase(1)], [COIN * 49n]);
    chain.node.acceptToMempool(tip);
    for (let i = 1; i < 25; i++) {
      tip = chain.spend([Harness.out(tip)], [COIN * 49n - BigInt(i) * 1_000n]);
      expect(chain.node.acceptToMempool(tip).ok).toBe(true);
    }
    said(
      chain.node.acceptToMempool(chain.spend([Harness.out(tip)], [COIN * 48n]), { testOnly: true }),
      'reject.tooLongChain',
    );
  });

  it('a failed script, whose Core sentence the page says in 简体中文 by its code', () => {
    const h = new Harness();
    const record = h.spend([h.coinbase(1)], [COIN * 49n]);
    const [signature] = record.tx.ins[0]!.witness;
    record.tx.setWitness(0, [signature!, testKey('someone else').publicKey]);
    const wrongKey = said(h.node.acceptToMempool(txRecord(record.tx), { testOnly: true }), 'reject.script');
    expect(wrongKey.reason).toBe('mandatory-script-verify-flag-failed (Script failed an OP_EQUALVERIFY operation)');
    expect(wrongKey.message).toBe('input 0: Script failed an OP_EQUALVERIFY operation');
    expect(hostMessage(zh, wrongKey, 'zh-CN')).toBe('输入 0：脚本在 OP_EQUALVERIFY 处验证失败');
    // Without the reader's language the parameter stays Core's sentence.
    expect(hostMessage(zh, wrongKey)).toBe('输入 0：Script failed an OP_EQUALVERIFY operation');
  });

  it('drove every reject.* key of the catalogue', () => {
    const keys = Object.keys(en).filter((key) => key.startsWith('reject.'));
    expect(keys.filter((key) => !driven.has(key))).toEqual([]);
  });
});
