/**
 * Sandbox keys are derived in plain JS in the host's core (no Node): they must stay the keys the
 * keystore's own derivation gives, and sign as the keystore signs, or every sandbox result would
 * change.
 */
import { describe, expect, it } from 'vitest';
import { simKey } from '../../../shared/lessons/simKey';
import {
  derivePrivateKey,
  mnemonicFromEntropy,
  publicKeyOfPrivate,
  rootFromMnemonic,
  signDigestWith,
} from '../../../main/keystore/derivation';
import { toHex, utf8 } from '../../../shared/bitcoin/bytes';
import { sha256 } from '../../../shared/bitcoin/hashes';
import { Transaction } from '../../../shared/bitcoin/transaction';

describe('sandbox keys', () => {
  it.each([
    [1, 'throughput crowd'],
    [7, 'odds mallory'],
    [4_294_967_295, 'matrix modern'],
  ])('seed %i, %s: the key the keystore derives for the seed’s wallet', (seed, purpose) => {
    const entropy = sha256(utf8(`txlab sandbox key:${purpose}:${seed}`)).slice(0, 16);
    const priv = derivePrivateKey(rootFromMnemonic(mnemonicFromEntropy(entropy)), 'receive', 0);
    const pubKey = publicKeyOfPrivate(priv)!;
    const key = simKey(seed, purpose);
    expect(toHex(key.pubKey)).toBe(toHex(pubKey));

    const tx = new Transaction();
    tx.addInput(new Uint8Array(32).fill(1), 0, 0xffffffff);
    tx.addOutput(key.script, 1_000n);
    const signatures: [Uint8Array, Uint8Array][] = [];
    key.sign(tx, [0], (digest, _pubKey, der) => signatures.push([digest, der]));
    expect(signatures).toHaveLength(1);
    const [digest, der] = signatures[0]!;
    expect(toHex(der)).toBe(toHex(signDigestWith(priv, digest, pubKey).signature));
  });
});
