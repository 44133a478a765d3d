/** The keystore's own BIP32 child step (derivation.ts) against bip32's derivePath, for every purpose. */
import { BIP32Factory } from 'bip32';
import { mnemonicToSeedSync } from 'bip39';
import fc from 'fast-check';
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

  it('agrees with bip32 for random seeds, purposes and indexes, from a branch node kept between keys', () => {
    const branches = new Map<string, ReturnType<typeof branchNode>>();
    const references = new Map<number, ReturnType<ReturnType<typeof BIP32Factory>['fromSeed']>>();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom(...KEY_PURPOSES),
        fc.nat({ max: 0x7fffffff }),
        (seed, purpose, index) => {
          const mnemonic = mnemonicFromEntropy(entropyFrom(100 + seed));
          let branch = branches.get(`${seed} ${purpose}`);
          if (!branch) {
            branch = branchNode(rootFromMnemonic(mnemonic), purpose);
            branches.set(`${seed} ${purpose}`, branch);
          }
          let reference = references.get(seed);
          if (!reference) {
            reference = BIP32Factory(ecc).fromSeed(mnemonicToSeedSync(mnemonic));
            references.set(seed, reference);
          }
          const expected = reference.derivePath(pathFor(purpose, index));
          const key = childKeyOfBranch(branch, purpose, index);
          expect(toHex(key)).toBe(toHex(expected.privateKey!));
          expect(toHex(publicKeyOfDerived(key))).toBe(toHex(expected.publicKey));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses an index outside 0 … 2^31 − 1 instead of deriving some other key', () => {
    const branch = branchNode(rootFromMnemonic(mnemonicFromEntropy(entropyFrom(6))), 'revocation');
    for (const index of [-1, 0x80000000, 1.5, Number.NaN])
      expect(() => childKeyOfBranch(branch, 'revocation', index)).toThrow(/out of range/);
  });
});
