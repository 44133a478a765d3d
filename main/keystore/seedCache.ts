/**
 * What the keystore keeps of its seeds between calls: each seed's BIP32 root and branch nodes
 * (a seed costs PBKDF2, about 10 ms), and the private keys derived lately (a channel update signs
 * with and hands over keys it has just derived). Private to the keystore: nothing here leaves it.
 * ES private fields, so logging the keystore by mistake prints no key.
 */
import type { BIP32Interface } from 'bip32';
import { toHex } from '../../shared/bitcoin/bytes';
import { branchNode, childKeyOfBranch, publicKeyOfDerived, rootFromMnemonic } from './derivation';
import type { KeyPurpose } from './types';

/** Private keys kept derived: a few hundred channel updates' worth, 32 bytes each. */
export const DERIVED_KEYS_KEPT = 1024;

/** A seed's BIP32 root and branch nodes, and its short id. */
interface SeedNodes {
  readonly id: number;
  readonly root: BIP32Interface;
  /** m/84'/1'/0'/branch by purpose. */
  readonly branches: Map<KeyPurpose, BIP32Interface>;
}

export class SeedCache {
  /** What is kept of each seed, by mnemonic. */
  readonly #seeds = new Map<string, SeedNodes>();
  #nextSeedId = 0;
  /**
   * Derived private keys by seed id, purpose and index, least recently used first (see keptKey).
   * Keyed by the seed's short id, not its mnemonic: a key is looked up several times an update.
   */
  readonly #derived = new Map<string, Uint8Array>();

  /** The seed's BIP32 root (its fingerprint names the wallet in PSBTs). */
  root(mnemonic: string): BIP32Interface {
    return this.#seed(mnemonic).root;
  }

  /** Forgets a seed (its wallet was deleted) and wipes the keys derived from it. */
  forget(mnemonic: string): void {
    const seed = this.#seeds.get(mnemonic);
    if (!seed) return;
    this.#seeds.delete(mnemonic);
    const prefix = `${seed.id}/`;
    for (const [key, privateKey] of this.#derived) {
      if (!key.startsWith(prefix)) continue;
      this.#derived.delete(key);
      privateKey.fill(0);
    }
  }

  /**
   * Private key `index` of `purpose`, kept once derived. The most recently used DERIVED_KEYS_KEPT
   * are kept (a long channel would otherwise keep every revoked key in memory); an evicted one is
   * wiped and derived again when asked for. The keystore's own copy: it never leaves the keystore.
   */
  keptKey(mnemonic: string, purpose: KeyPurpose, index: number): Uint8Array {
    const seed = this.#seed(mnemonic);
    const cacheKey = `${seed.id}/${purpose}/${index}`;
    let key = this.#derived.get(cacheKey);
    if (key) {
      this.#derived.delete(cacheKey); // re-inserted below: a Map keeps insertion order, oldest first
    } else {
      key = childKeyOfBranch(this.#branch(seed, purpose), purpose, index);
      if (this.#derived.size >= DERIVED_KEYS_KEPT) {
        const [oldestKey, oldest] = this.#derived.entries().next().value!;
        this.#derived.delete(oldestKey);
        oldest.fill(0);
      }
    }
    this.#derived.set(cacheKey, key);
    return key;
  }

  publicKeyHex(mnemonic: string, purpose: KeyPurpose, index: number): string {
    return toHex(publicKeyOfDerived(this.keptKey(mnemonic, purpose, index)));
  }

  /** The node every key of `purpose` is one step from (five steps from the root), kept. */
  #branch(seed: SeedNodes, purpose: KeyPurpose): BIP32Interface {
    let branch = seed.branches.get(purpose);
    if (!branch) {
      branch = branchNode(seed.root, purpose);
      seed.branches.set(purpose, branch);
    }
    return branch;
  }

  #seed(mnemonic: string): SeedNodes {
    let seed = this.#seeds.get(mnemonic);
    if (!seed) {
      seed = { id: this.#nextSeedId++, root: rootFromMnemonic(mnemonic), branches: new Map() };
      this.#seeds.set(mnemonic, seed);
    }
    return seed;
  }
}
