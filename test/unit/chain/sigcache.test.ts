/**
 * The signature and script-execution caches: a key trusted outright (a sandbox's crowd with
 * placeholder signatures) passes without a sighash while other keys are still verified, and the
 * script cache remembers each (wtxid, flags) pair within its bound.
 */
import { describe, expect, it } from 'vitest';
import { concat } from '../../../shared/bitcoin/bytes';
import { TransactionSignatureChecker } from '../../../shared/bitcoin/checker';
import { encodeDer } from '../../../shared/bitcoin/signatureEncoding';
import { Transaction } from '../../../shared/bitcoin/transaction';
import { SigCache } from '../../../shared/chain/sigcache';
import { p2pkhScript, testKey } from '../../helpers/keys';

function spend(): Transaction {
  const tx = new Transaction();
  tx.version = 1;
  tx.addInput(new Uint8Array(32).fill(1), 0, 0xffffffff);
  tx.addOutput(Uint8Array.of(0x51), 1_000n);
  return tx;
}

describe('signature cache', () => {
  const crowd = testKey('crowd').publicKey;
  const other = testKey('other').publicKey;
  /** Well-formed DER, low S, not a signature of anything. */
  const placeholder = concat(encodeDer(new Uint8Array(64).fill(0x11)), Uint8Array.of(1));

  it('takes a placeholder by a trusted key without a sighash, and still refuses one by any other key', () => {
    const cache = new SigCache();
    const checker = new TransactionSignatureChecker(spend(), 0, 2_000n, undefined, cache.verify, cache.trusts);
    expect(checker.checkEcdsaSignature(placeholder, crowd, p2pkhScript(crowd), 'BASE').valid).toBe(false);
    cache.trustKey(crowd);
    const trusted = checker.checkEcdsaSignature(placeholder, crowd, p2pkhScript(crowd), 'BASE');
    expect(trusted.valid).toBe(true);
    expect(trusted.sighash).toBeUndefined();
    const untrusted = checker.checkEcdsaSignature(placeholder, other, p2pkhScript(other), 'BASE');
    expect(untrusted.valid).toBe(false);
    expect(untrusted.sighash?.digest.length).toBe(32);
  });

  it('remembers scripts per (wtxid, flags) and forgets the oldest wtxids beyond its bound', () => {
    const cache = new SigCache(3);
    cache.markScriptsVerified('a', 1);
    cache.markScriptsVerified('a', 2);
    expect(cache.scriptsVerified('a', 1)).toBe(true);
    expect(cache.scriptsVerified('a', 3)).toBe(false);
    cache.markScriptsVerified('b', 1);
    cache.markScriptsVerified('c', 1);
    expect(cache.scriptsVerified('a', 2)).toBe(false);
    expect(cache.scriptsVerified('b', 1)).toBe(true);
    expect(cache.scriptsVerified('c', 1)).toBe(true);
  });
});
