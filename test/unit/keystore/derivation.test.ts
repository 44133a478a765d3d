/** The keystore's own BIP32 child step (derivation.ts) against bip32's derivePath, for every purpose. */
import { BIP32Factory } from 'bip32';
import { mnemonicToSeedSync } from 'bip39';
import * as ecc from 'tiny-secp256k1';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../shared/bitcoin/bytes';
import {
  branchNode,
  childKeyOfBranch,
  mnemonicFromEntropy,
  pathFor,
  publicKeyOfDerived,
  rootFromMnemonic,
} from '../../../main/keystore/derivation';
import { KEY_PURPOSES } from '../../../main/keystore/types';
import { entropyFrom } from './helpers';

describe('childKeyOfBranch', () => {
  it('gives the private and public keys bip32 derives at the full path, hardened or not', () => {
    const mnemonic = mnemonicFromEntropy(entropyFrom(5));
    const reference = BIP32Factory(ecc).fromSeed(mnemonicToSeedSync(mnemonic));
    const root = rootFromMnemonic(mnemonic);
    for (const purpose of KEY_PURPOSES) {
      const branch = branchNode(root, purpose);
      for (const index of [0, 1, 2, 17, 1000, 0x7fffffff]) {
        const expected = reference.derivePath(pathFor(purpose, index));
        const key = childKeyOfBranch(branch, purpose, index);
        expect(toHex(key), `${purpose} ${index}`).toBe(toHex(expected.privateKey!));
        expect(toHex(publicKeyOfDerived(key)), `${purpose} ${index}`).toBe(toHex(expected.publicKey));
      }
    }
  });

  it('refuses an index outside 0 … 2^31 − 1 instead of deriving some other key', () => {
    const branch = branchNode(rootFromMnemonic(mnemonicFromEntropy(entropyFrom(6))), 'revocation');
    for (const index of [-1, 0x80000000, 1.5, Number.NaN])
      expect(() => childKeyOfBranch(branch, 'revocation', index)).toThrow(/out of range/);
  });
});
