/**
 * Core's two caches. The script-execution cache remembers that a transaction's scripts passed
 * with given flags (so a block full of mempool transactions connects without verifying them
 * again); the signature cache remembers verified (digest, key, signature) triples, ECDSA and
 * BIP340 Schnorr alike.
 */
import type { Bytes } from '../bitcoin/bytes';
import { verifyEcdsa } from '../bitcoin/ecdsa';
import { verifySchnorr } from '../bitcoin/schnorr';

/**
 * The signature cache's key for a (digest, key, signature) triple: its bytes, one character each,
 * made flat in three calls. Hex, made two characters at a time, was a string of hundreds of
 * pieces that every lookup flattened and hashed anew. A digest is 32 bytes and a valid key's
 * first byte gives its length, so the concatenation is unambiguous.
 */
function signatureKey(digest: Bytes, pubKey: Bytes, der: Bytes): string {
  return latin1(digest) + latin1(pubKey) + latin1(der);
}

/**
 * A BIP340 triple's key: a leading 'S' keeps it apart from every ECDSA key (whose fourth part
 * could otherwise line up byte for byte), as Core salts its Schnorr entries apart (sigcache.cpp).
 */
function schnorrKey(digest: Bytes, xOnlyKey: Bytes, signature: Bytes): string {
  return 'S' + latin1(digest) + latin1(xOnlyKey) + latin1(signature);
}

function latin1(bytes: Bytes): string {
  return String.fromCharCode.apply(null, bytes as unknown as number[]);
}

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

/**
 * The script-execution cache: the flag sets each wtxid's scripts passed with, bounded by the
 * number of (wtxid, flags) pairs, forgetting the oldest wtxids first. Keyed by the record's own
 * wtxid string, not a new `wtxid/flags` string per lookup: V8 hashes a string once, so looking up
 * the same string again is cheap, where a fresh one was hashed (and its rope flattened) every
 * time — a microsecond per lookup, thousands per block.
 */
class ScriptCache {
  private readonly passed = new Map<string, number[]>();
  private pairs = 0;
  constructor(private readonly capacity: number) {}
  has(wtxid: string, flags: number): boolean {
    return this.passed.get(wtxid)?.includes(flags) === true;
  }
  add(wtxid: string, flags: number): void {
    const known = this.passed.get(wtxid);
    if (known?.includes(flags)) return;
    while (this.pairs >= this.capacity && this.passed.size > 0) {
      const [oldest, its] = this.passed.entries().next().value!;
      this.passed.delete(oldest);
      this.pairs -= its.length;
    }
    if (known && this.passed.has(wtxid)) known.push(flags);
    else this.passed.set(wtxid, [flags]);
    this.pairs++;
  }
  clear(): void {
    this.passed.clear();
    this.pairs = 0;
  }
}

export interface SigCacheStats {
  scriptHits: number;
  scriptMisses: number;
  signatureHits: number;
  signatureMisses: number;
}

export class SigCache {
  private readonly scripts: ScriptCache;
  private readonly signatures: BoundedSet;
  private readonly trustedKeys = new Set<string>();
  readonly stats: SigCacheStats = { scriptHits: 0, scriptMisses: 0, signatureHits: 0, signatureMisses: 0 };
  /** The ECDSA verifier to give the interpreter: consults and fills the signature cache. */
  readonly verify: (digest: Bytes, pubKey: Bytes, der: Bytes) => boolean;
  /** The BIP340 verifier to give the interpreter (Taproot key and script paths): the same cache. */
  readonly verifySchnorr: (digest: Bytes, xOnlyKey: Bytes, signature: Bytes) => boolean;
  /** Whether `verify` takes every signature by this key (trustKey): the interpreter then skips the sighash. */
  readonly trusts = (pubKey: Bytes): boolean => this.trustedKeys.size > 0 && this.trustedKeys.has(latin1(pubKey));

  constructor(capacity = 200_000) {
    this.scripts = new ScriptCache(capacity);
    this.signatures = new BoundedSet(capacity);
    this.verify = (digest, pubKey, der) => {
      if (this.trusts(pubKey)) {
        this.stats.signatureHits++;
        return true;
      }
      const key = signatureKey(digest, pubKey, der);
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
    this.verifySchnorr = (digest, xOnlyKey, signature) => {
      const key = schnorrKey(digest, xOnlyKey, signature);
      if (this.signatures.has(key)) {
        this.stats.signatureHits++;
        return true;
      }
      this.stats.signatureMisses++;
      const valid = verifySchnorr(digest, xOnlyKey, signature);
      if (valid) this.signatures.add(key);
      return valid;
    };
  }

  /**
   * Takes every signature by `pubKey` as valid without verifying it: for a sandbox whose crowd of
   * thousands carries placeholder signatures (the throughput lesson), where verifying real ones
   * would only be the same work twice and making them most of the run. The node still runs every
   * script (the signature's encoding, the key's hash), only without a sighash nobody would check.
   * Never for a workspace's chain.
   */
  trustKey(pubKey: Bytes): void {
    this.trustedKeys.add(latin1(pubKey));
  }

  scriptsVerified(wtxid: string, flags: number): boolean {
    const hit = this.scripts.has(wtxid, flags);
    if (hit) this.stats.scriptHits++;
    else this.stats.scriptMisses++;
    return hit;
  }

  markScriptsVerified(wtxid: string, flags: number): void {
    this.scripts.add(wtxid, flags);
  }

  clear(): void {
    this.scripts.clear();
    this.signatures.clear();
  }
}
