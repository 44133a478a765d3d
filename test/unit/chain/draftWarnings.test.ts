/**
 * Warnings before signing (issue 14 §1), at Core's boundaries: the sendrawtransaction default
 * maxfeerate (0.10 coin/kvB = 10,000 sat/vB) and the dust thresholds every wallet knows (546 sat
 * for P2PKH and 294 for P2WPKH at Bitcoin's 3 sat/vB; ten times that at Litecoin's 30).
 */
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../../shared/bitcoin/bytes';
import { draftWarnings, type DraftFacts } from '../../../shared/chain/draftWarnings';

const P2PKH = fromHex(`76a914${'11'.repeat(20)}88ac`);
const P2WPKH = fromHex(`0014${'22'.repeat(20)}`);
const out = (value: bigint, script = P2WPKH) => ({ value, script });

const facts = (over: Partial<DraftFacts>): DraftFacts => ({
  inputsTotal: 100_000_000n,
  outputs: [out(99_998_000n)],
  vsize: 110,
  dustRelayFeeRate: 3,
  spender: 'Alice',
  paysSpender: true,
  ...over,
});

describe('draft warnings', () => {
  it('say nothing about an ordinary payment', () => {
    expect(draftWarnings(facts({}))).toEqual([]);
  });

  it('say a draft without outputs has none yet, and nothing else', () => {
    expect(draftWarnings(facts({ outputs: [] }))).toEqual([{ code: 'no-outputs' }]);
  });

  it('say by how much the outputs exceed the inputs', () => {
    expect(draftWarnings(facts({ outputs: [out(100_000_500n)] }))).toEqual([
      { code: 'outputs-exceed-inputs', missing: '500' },
    ]);
  });

  it('flag a fee above 10,000 sat/vB, not one exactly at it', () => {
    const at = 100_000_000n - 10_000n * 110n;
    expect(draftWarnings(facts({ outputs: [out(at)] }))).toEqual([]);
    expect(draftWarnings(facts({ outputs: [out(at - 1n)] }))).toEqual([
      { code: 'absurd-fee', feeRate: 10_000, maxFeeRate: 10_000 },
    ]);
  });

  it('add "no change" to an absurd fee when nothing pays the spender back', () => {
    const warnings = draftWarnings(facts({ outputs: [out(1_000_000n)], paysSpender: false }));
    expect(warnings.map((w) => w.code)).toEqual(['absurd-fee', 'no-change']);
    expect(warnings[1]).toEqual({ code: 'no-change', fee: '99000000', spender: 'Alice' });
  });

  it('find dust at Bitcoin and Litecoin thresholds, per output type', () => {
    const dust = (value: bigint, script: Uint8Array, rate: number) =>
      draftWarnings(facts({ outputs: [out(99_990_000n), out(value, script)], dustRelayFeeRate: rate }));
    expect(dust(546n, P2PKH, 3)).toEqual([]);
    expect(dust(545n, P2PKH, 3)).toEqual([{ code: 'dust', output: 1, threshold: '546' }]);
    expect(dust(294n, P2WPKH, 3)).toEqual([]);
    expect(dust(293n, P2WPKH, 3)).toEqual([{ code: 'dust', output: 1, threshold: '294' }]);
    expect(dust(5_460n, P2PKH, 30)).toEqual([]);
    expect(dust(2_939n, P2WPKH, 30)).toEqual([{ code: 'dust', output: 1, threshold: '2940' }]);
  });
});
