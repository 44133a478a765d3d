/**
 * Mallory's mutators, judged by real nodes. Every legacy mutation gives a new txid and still
 * passes a 2014 node; each is then refused by the rule that closed it, with Core's error code.
 * Witness mutations leave the txid alone. The lesson's table is built by the same `judge`.
 */
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../shared/bitcoin/bytes';
import { decodeScript } from '../../../shared/bitcoin/script';
import { isValidSignatureEncoding, parseDerLax } from '../../../shared/bitcoin/signatureEncoding';
import type { Transaction } from '../../../shared/bitcoin/transaction';
import { SimClock } from '../../../shared/chain/clock';
import { txRecord } from '../../../shared/chain/txRecord';
import { defaultPolicy, type Era, type PolicyRule } from '../../../shared/chain/era';
import {
  judge,
  mutate,
  MUTATIONS,
  type MutationKind,
  mutationTable,
  policyWith,
} from '../../../shared/protocols/malleability';
import { keyOutput } from '../../../shared/protocols/outputs';
import { buildPayment } from '../../../shared/protocols/p2pkh';
import { wrapsForEra } from '../../../shared/protocols/types';
import { Bench, Chain, COIN, errorCode, expectAccepted, party, rejection, START_TIME, unwrap } from './support';

const exchange = party('Exchange');
const mallory = party('Mallory');

/** The exchange's signed withdrawal to Mallory on a chain of `era`, not broadcast. */
function withdrawal(era: Era): { chain: Chain; tx: Transaction } {
  const chain = new Chain(new SimClock(START_TIME), undefined, era);
  const key = wrapsForEra(era).key;
  const [coin] = chain.fund(exchange, key);
  const bench = new Bench({ btc: chain });
  bench.add(
    'Withdrawal',
    unwrap(
      buildPayment({
        coins: [coin!],
        payees: [keyOutput(mallory.pub, key, COIN)],
        change: { pubKey: exchange.pub, wrap: key },
        fee: 10_000n,
      }),
    ),
  );
  bench.sign('Withdrawal', exchange);
  return { chain, tx: bench.record('Withdrawal').tx };
}

/** Only `rule` switched on, in the 2014 era. */
const only = (rule: PolicyRule) => policyWith('2014', { [rule]: true });

const LEGACY_CLOSERS: Readonly<Record<MutationKind, { rule: PolicyRule; scriptError?: string; reason?: string }>> = {
  'high-s': { rule: 'LOW_S', scriptError: 'SIG_HIGH_S' },
  'der-padding': { rule: 'DERSIG', scriptError: 'SIG_DER' },
  'der-long-length': { rule: 'DERSIG', scriptError: 'SIG_DER' },
  pushdata1: { rule: 'MINIMALDATA', scriptError: 'MINIMALDATA' },
  pushdata2: { rule: 'MINIMALDATA', scriptError: 'MINIMALDATA' },
  'extra-push': { rule: 'CLEANSTACK', scriptError: 'CLEANSTACK' },
  // Core refuses a non-push scriptSig as non-standard before running it.
  'non-push': { rule: 'SIGPUSHONLY', reason: 'scriptsig-not-pushonly' },
};

describe('malleability: Mallory’s mutators against real nodes', () => {
  const legacy = withdrawal('2014');

  it('the original is standard and accepted in both eras', () => {
    expect(judge(legacy.chain.node, legacy.tx, defaultPolicy('2014'))).toEqual({ accepted: true });
    const modern = withdrawal('modern');
    expect(judge(modern.chain.node, modern.tx, defaultPolicy('modern'))).toEqual({ accepted: true });
  });

  for (const kind of MUTATIONS) {
    it(`${kind}: a new txid, still valid in 2014, refused once its rule is on`, () => {
      const m = unwrap(mutate(legacy.tx, 0, kind));
      expect(m.area).toBe('scriptSig');
      expect(m.txidChanged).toBe(true);
      expect(m.txid).not.toBe(legacy.tx.getId());
      // Same coins, same payees: only the scriptSig bytes differ.
      expect(m.tx.outs.map((o) => [toHex(o.script), o.value])).toEqual(
        legacy.tx.outs.map((o) => [toHex(o.script), o.value]),
      );
      expect(toHex(m.tx.ins[0]!.script)).not.toBe(toHex(legacy.tx.ins[0]!.script));
      expect(judge(legacy.chain.node, m.tx, defaultPolicy('2014'))).toEqual({ accepted: true });

      const closer = LEGACY_CLOSERS[kind];
      const verdict = judge(legacy.chain.node, m.tx, only(closer.rule));
      expect(verdict.accepted).toBe(false);
      if (closer.scriptError) expect(verdict.scriptError).toBe(closer.scriptError);
      if (closer.reason) expect(verdict.reason).toBe(closer.reason);
    });
  }

  it('non-push: with standardness off, the script check itself fails with SIG_PUSHONLY', () => {
    const m = unwrap(mutate(legacy.tx, 0, 'non-push'));
    const verdict = judge(legacy.chain.node, m.tx, { ...only('SIGPUSHONLY'), requireStandard: false });
    expect(verdict.scriptError).toBe('SIG_PUSHONLY');
  });

  it('the signature mutations really re-encode the signature', () => {
    const sigOf = (tx: Transaction) => decodeScript(tx.ins[0]!.script).ops[0]!;
    const original = sigOf(legacy.tx).data!;
    const highS = sigOf(unwrap(mutate(legacy.tx, 0, 'high-s')).tx).data!;
    const padded = sigOf(unwrap(mutate(legacy.tx, 0, 'der-padding')).tx).data!;
    const pushdata2 = sigOf(unwrap(mutate(legacy.tx, 0, 'pushdata2')).tx);
    const body = (sig: Uint8Array) => parseDerLax(sig.subarray(0, sig.length - 1))!;
    expect(toHex(body(highS).subarray(0, 32))).toBe(toHex(body(original).subarray(0, 32))); // same r
    expect(toHex(body(highS).subarray(32))).not.toBe(toHex(body(original).subarray(32))); // other s
    expect(toHex(body(padded))).toBe(toHex(body(original)));
    expect(isValidSignatureEncoding(padded)).toBe(false);
    expect(pushdata2.opcode).toBe(0x4d);
    expect(toHex(pushdata2.data!)).toBe(toHex(original));
  });

  it('raw bytes in, mutated copy out; the original is untouched', () => {
    const before = legacy.tx.toHex();
    const m = unwrap(mutate(legacy.tx.toBuffer(), 0, 'pushdata1'));
    expect(legacy.tx.toHex()).toBe(before);
    expect(toHex(m.raw)).toBe(m.tx.toHex());
    expect(errorCode(mutate(legacy.tx, 5, 'high-s'))).toBe('not-applicable');
  });

  describe('SegWit: the witness is outside the txid', () => {
    const segwit = withdrawal('modern');

    it('witness mutations change the wtxid only; push-opcode mutations do not apply', () => {
      for (const kind of MUTATIONS) {
        const m = mutate(segwit.tx, 0, kind);
        if (kind === 'pushdata1' || kind === 'pushdata2' || kind === 'non-push') {
          expect(errorCode(m), kind).toBe('not-applicable');
          continue;
        }
        const mutated = unwrap(m);
        expect(mutated.area).toBe('witness');
        expect(mutated.txidChanged, kind).toBe(false);
        expect(mutated.txid).toBe(segwit.tx.getId());
        expect(mutated.wtxid).not.toBe(txRecord(segwit.tx).wtxid);
      }
    });

    it('high-S in the witness passes with LOW_S off — and it no longer matters: same txid', () => {
      const m = unwrap(mutate(segwit.tx, 0, 'high-s'));
      expect(judge(segwit.chain.node, m.tx, policyWith('modern', { LOW_S: false })).accepted).toBe(true);
      expect(judge(segwit.chain.node, m.tx, defaultPolicy('modern')).scriptError).toBe('SIG_HIGH_S');
      expect(
        judge(segwit.chain.node, unwrap(mutate(segwit.tx, 0, 'der-padding')).tx, defaultPolicy('modern')).scriptError,
      ).toBe('SIG_DER');
      // P2WPKH takes exactly two witness items (consensus).
      expect(
        judge(segwit.chain.node, unwrap(mutate(segwit.tx, 0, 'extra-push')).tx, defaultPolicy('modern')).scriptError,
      ).toBe('WITNESS_PROGRAM_MISMATCH');
    });

    it('if the copy is mined, the exchange still sees its own txid confirm', () => {
      const { chain, tx } = withdrawal('modern');
      const m = unwrap(mutate(tx, 0, 'high-s'));
      chain.node.setPolicy(policyWith('modern', { LOW_S: false }));
      expectAccepted(chain.accept(txRecord(m.tx)));
      expect(rejection(chain.accept(txRecord(tx))).reason).toBe('txn-already-in-mempool');
      chain.mine(1);
      expect(chain.node.confirmations(tx.getId())).toBe(1);
      expect(chain.node.tip.block.txs[1]!.wtxid).toBe(m.wtxid);
    });
  });

  it('the lesson’s table comes from verdicts: rules on one by one in 2014, then modern', () => {
    const columns = [
      defaultPolicy('2014'),
      only('DERSIG'),
      only('LOW_S'),
      only('MINIMALDATA'),
      only('SIGPUSHONLY'),
      only('CLEANSTACK'),
      defaultPolicy('modern'),
    ];
    const table = mutationTable(legacy.chain.node, legacy.tx, 0, columns);
    expect(table.map((r) => r.kind)).toEqual([...MUTATIONS]);
    for (const row of table) {
      expect(row.verdicts).toHaveLength(columns.length);
      expect(row.verdicts[0]!.accepted, `${row.kind} in 2014`).toBe(true);
      // Every mutation is closed by at least one single rule, and modern relay closes all.
      expect(
        row.verdicts.slice(1, -1).some((v) => !v.accepted),
        row.kind,
      ).toBe(true);
      expect(row.verdicts[columns.length - 1]!.accepted, `${row.kind} in modern`).toBe(false);
    }
  });
});
