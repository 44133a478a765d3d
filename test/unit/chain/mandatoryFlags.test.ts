/**
 * Which failing scripts testmempoolaccept calls "mandatory": those that fail again with Core's
 * MANDATORY_SCRIPT_VERIFY_FLAGS. Today's Bitcoin Core: every consensus flag, so a failing witness
 * script is mandatory. Core 0.21 and Litecoin Core 0.21 (script/standard.h:121): P2SH alone, so
 * the same witness script is non-mandatory there, and only a failing legacy or P2SH script is
 * mandatory (found by test/regtest/policyRules.test.ts against litecoind).
 */
import { describe, expect, it } from 'vitest';
import { OP } from '../../../shared/bitcoin/opcodes';
import { compileScript } from '../../../shared/bitcoin/script';
import { hash160, sha256 } from '../../../shared/bitcoin/hashes';
import { BTC_REGTEST, type ChainProfile, LTC_REGTEST } from '../../../shared/chain/profiles';
import { Transaction } from '../../../shared/bitcoin/transaction';
import { txRecord } from '../../../shared/chain/txRecord';
import { hexToHash } from '../../../shared/bitcoin/bytes';
import { Harness, reason } from './harness';

/** `OP_IF 1 OP_ENDIF`, spent with nothing for its IF to test. */
const SCRIPT = Uint8Array.of(OP.OP_NOP, OP.OP_IF, OP.OP_1, OP.OP_ENDIF);

function refusal(profile: ChainProfile, wrap: 'p2sh' | 'p2wsh'): string {
  const h = new Harness({}, 110, profile);
  const scriptPubKey =
    wrap === 'p2wsh'
      ? compileScript([OP.OP_0, sha256(SCRIPT)])
      : compileScript([OP.OP_HASH160, hash160(SCRIPT), OP.OP_EQUAL]);
  const coin = h.coinbase(1);
  const fund = h.spend([coin], [{ value: coin.value - 10_000n, script: scriptPubKey }]);
  expect(reason(h.node.acceptToMempool(fund))).toBe('accepted');
  h.mine();
  const tx = new Transaction();
  tx.version = 2;
  tx.addInput(hexToHash(fund.txid), 0, 0xffff_fffe);
  tx.addOutput(scriptPubKey, coin.value - 20_000n);
  if (wrap === 'p2wsh') tx.setWitness(0, [SCRIPT]);
  else tx.setInputScript(0, compileScript([SCRIPT]));
  return reason(h.node.acceptToMempool(txRecord(tx), { testOnly: true }));
}

describe('mandatory and non-mandatory script failures', () => {
  it('Litecoin Core 0.21: a failing witness script is non-mandatory, a failing P2SH script mandatory', () => {
    expect(refusal(LTC_REGTEST, 'p2wsh')).toBe('non-mandatory-script-verify-flag (Invalid OP_IF construction)');
    expect(refusal(LTC_REGTEST, 'p2sh')).toBe('mandatory-script-verify-flag-failed (Invalid OP_IF construction)');
  });

  it('Bitcoin Core: both are mandatory', () => {
    expect(refusal(BTC_REGTEST, 'p2wsh')).toMatch(/^mandatory-script-verify-flag-failed \(/);
    expect(refusal(BTC_REGTEST, 'p2sh')).toMatch(/^mandatory-script-verify-flag-failed \(/);
  });
});
