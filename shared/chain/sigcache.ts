/**
 * Core's two caches. The script-execution cache remembers that a transaction's scripts passed
 * with given flags (so a block full of mempool transactions connects without verifying them
 * again); the signature cache remembers verified (digest, key, signature) triples.
 */
import { type Bytes, toHex } from '../bitcoin/bytes';
import { verifyEcdsa } from '../bitcoin/ecdsa';

/** A bounded set that forgets its oldest entries first. */
class BoundedSet {
  private readonly items = new Set<string>();
  constructor(private readonly capacity: number) {}
  has(key: string): boolean {
    return this.items.has(key);
  }
  add(key: string): void {
    if (this.items.has(key)) return;
    if (this.items.size >= this.capacity) {
      const oldest = this.items.values().next().value;
      if (oldest !== undefined) this.items.delete(oldest);
    }
    this.items.add(key);
  }
  clear(): void {
    this.items.clear();
  }
}

export interface SigCacheStats {
  scriptHits: number;
  scriptMisses: number;
  signatureHits: number;
  signatureMisses: number;
}

export class SigCache {
  private readonly scripts: BoundedSet;
  private readonly signatures: BoundedSet;
  readonly stats: SigCacheStats = { scriptHits: 0, scriptMisses: 0, signatureHits: 0, signatureMisses: 0 };
  /** The ECDSA verifier to give the interpreter: consults and fills the signature cache. */
  readonly verify: (digest: Bytes, pubKey: Bytes, der: Bytes) => boolean;

  constructor(capacity = 200_000) {
    this.scripts = new BoundedSet(capacity);
    this.signatures = new BoundedSet(capacity);
    this.verify = (digest, pubKey, der) => {
      const key = toHex(digest) + toHex(pubKey) + toHex(der);
      if (this.signatures.has(key)) {
        this.stats.signatureHits++;
        return true;
      }
      this.stats.signatureMisses++;
      const valid = verifyEcdsa(digest, pubKey, der);
      // Only successes are cached, as in Core: a failure may be retried with other data.
      if (valid) this.signatures.add(key);
      return valid;
    };
  }

  /**
   * Records a signature known to be valid without verifying it: for a sandbox whose own code just
   * made it (a simulated crowd signing its payments), where verifying is only the same work twice.
   */
  trust(digest: Bytes, pubKey: Bytes, der: Bytes): void {
    this.signatures.add(toHex(digest) + toHex(pubKey) + toHex(der));
  }

  scriptsVerified(wtxid: string, flags: number): boolean {
    const hit = this.scripts.has(`${wtxid}/${flags}`);
    if (hit) this.stats.scriptHits++;
    else this.stats.scriptMisses++;
    return hit;
  }

  markScriptsVerified(wtxid: string, flags: number): void {
    this.scripts.add(`${wtxid}/${flags}`);
  }

  clear(): void {
    this.scripts.clear();
    this.signatures.clear();
  }
}
