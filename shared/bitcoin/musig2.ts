/**
 * MuSig2 (BIP327): several keys aggregated into one BIP340 key, and a two-round signing session
 * whose result is one ordinary Schnorr signature under it. A Taproot output whose internal key is
 * an aggregate can be spent by the key path with both parties' consent, and the chain sees one
 * key and one 64-byte signature: nothing tells it from a single person's payment.
 *
 * Follows BIP327's algorithms by name (KeyAgg, ApplyTweak, NonceGen, NonceAgg, Sign,
 * PartialSigVerify, PartialSigAgg); the point arithmetic is tiny-secp256k1's. Points travel as
 * 33-byte compressed encodings; an aggregate nonce half may be infinity, 33 zero bytes.
 */
import * as secp from 'tiny-secp256k1';
import { type Bytes, compare, concat, equal, utf8 } from './bytes';
import { sha256 } from './hashes';

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const INFINITY = new Uint8Array(33);
const G = secp.pointFromScalar(scalarBytes(1n), true)!;

export class MusigError extends Error {
  /** The participant whose contribution is invalid (BIP327's InvalidContributionError), when known. */
  constructor(
    message: string,
    readonly signer?: number,
    readonly contribution?: 'pubkey' | 'pubnonce' | 'aggnonce' | 'psig',
  ) {
    super(message);
  }
}

function tagged(tag: string, ...parts: Bytes[]): Bytes {
  const t = sha256(utf8(tag));
  return sha256(concat(t, t, ...parts));
}

function int(b: Bytes): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v;
}

function scalarBytes(v: bigint): Bytes {
  const out = new Uint8Array(32);
  for (let i = 31, x = v; i >= 0; i--, x >>= 8n) out[i] = Number(x & 0xffn);
  return out;
}

const mod = (v: bigint): bigint => ((v % N) + N) % N;

/** k·P, null for infinity (k ≡ 0, or P infinity). */
function mul(p: Bytes | null, k: bigint): Bytes | null {
  const s = mod(k);
  if (p === null || s === 0n) return null;
  return secp.pointMultiply(p, scalarBytes(s), true);
}

function add(a: Bytes | null, b: Bytes | null): Bytes | null {
  if (a === null) return b;
  if (b === null) return a;
  return secp.pointAdd(a, b, true);
}

const hasEvenY = (p: Bytes): boolean => p[0] === 0x02;
const xOnly = (p: Bytes): Bytes => p.subarray(1, 33);
function negate(p: Bytes): Bytes {
  const out = Uint8Array.from(p);
  out[0] = p[0] === 0x02 ? 0x03 : 0x02;
  return out;
}

/** A compressed point, or throws: BIP327's cpoint. */
function cpoint(b: Bytes): Bytes {
  if (b.length !== 33 || (b[0] !== 0x02 && b[0] !== 0x03) || !secp.isPoint(b)) throw new Error('not a point');
  return b;
}

function cpointExt(b: Bytes): Bytes | null {
  return equal(b, INFINITY) ? null : cpoint(b);
}

// ---- key aggregation ----

export interface KeyAggContext {
  /** The aggregate (and tweaked) key, compressed. */
  readonly q: Bytes;
  readonly gacc: bigint;
  readonly tacc: bigint;
}

/** BIP327's KeySort: the keys in lexicographic order, so the aggregate does not depend on who lists first. */
export function keySort(pubkeys: readonly Bytes[]): Bytes[] {
  return [...pubkeys].sort(compare);
}

function secondKey(pubkeys: readonly Bytes[]): Bytes {
  return pubkeys.find((pk) => !equal(pk, pubkeys[0]!)) ?? INFINITY;
}

function keyAggCoeff(pubkeys: readonly Bytes[], pk: Bytes): bigint {
  if (equal(pk, secondKey(pubkeys))) return 1n;
  return mod(int(tagged('KeyAgg coefficient', tagged('KeyAgg list', ...pubkeys), pk)));
}

export function keyAgg(pubkeys: readonly Bytes[]): KeyAggContext {
  let q: Bytes | null = null;
  pubkeys.forEach((pk, i) => {
    let p: Bytes;
    try {
      p = cpoint(pk);
    } catch {
      throw new MusigError(`public key ${i} is not a valid key`, i, 'pubkey');
    }
    q = add(q, mul(p, keyAggCoeff(pubkeys, pk)));
  });
  if (q === null) throw new MusigError('the keys aggregate to infinity');
  return { q, gacc: 1n, tacc: 0n };
}

/** ApplyTweak: a plain tweak (BIP32) or an x-only one (a Taproot output key's TapTweak). */
function applyTweak(ctx: KeyAggContext, tweak: Bytes, isXOnly: boolean): KeyAggContext {
  if (tweak.length !== 32) throw new MusigError('a tweak is 32 bytes');
  const g = isXOnly && !hasEvenY(ctx.q) ? N - 1n : 1n;
  const t = int(tweak);
  if (t >= N) throw new MusigError('the tweak must be less than the group order');
  const q = add(mul(ctx.q, g), mul(G, t));
  if (q === null) throw new MusigError('the tweaked key is infinity');
  return { q, gacc: mod(g * ctx.gacc), tacc: mod(t + g * ctx.tacc) };
}

export interface Tweak {
  readonly tweak: Bytes;
  readonly isXOnly: boolean;
}

export function keyAggAndTweak(pubkeys: readonly Bytes[], tweaks: readonly Tweak[] = []): KeyAggContext {
  return tweaks.reduce((ctx, t) => applyTweak(ctx, t.tweak, t.isXOnly), keyAgg(pubkeys));
}

// ---- nonces ----

export interface NonceInput {
  /** 32 bytes. BIP327 wants them fresh and secret for every session; see the keystore's use. */
  readonly rand: Bytes;
  readonly sk?: Bytes;
  readonly pk: Bytes;
  /** The x-only aggregate key (32 bytes). */
  readonly aggpk?: Bytes;
  readonly msg?: Bytes;
  readonly extraIn?: Bytes;
}

function u64(n: number): Bytes {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n));
  return out;
}

function u32(n: number): Bytes {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n);
  return out;
}

/** NonceGen with the caller's rand′: the secret nonce (k1 ‖ k2 ‖ pk, 97 bytes) and the public one (66). */
export function nonceGen(input: NonceInput): { secnonce: Bytes; pubnonce: Bytes } {
  const rand = input.sk ? Uint8Array.from(input.sk, (b, i) => b ^ tagged('MuSig/aux', input.rand)[i]!) : input.rand;
  const aggpk = input.aggpk ?? new Uint8Array(0);
  const msgPrefixed = input.msg ? concat(Uint8Array.of(1), u64(input.msg.length), input.msg) : Uint8Array.of(0);
  const extra = input.extraIn ?? new Uint8Array(0);
  const k = [0, 1].map((i) =>
    mod(
      int(
        tagged(
          'MuSig/nonce',
          rand,
          Uint8Array.of(input.pk.length),
          input.pk,
          Uint8Array.of(aggpk.length),
          aggpk,
          msgPrefixed,
          u32(extra.length),
          extra,
          Uint8Array.of(i),
        ),
      ),
    ),
  );
  if (k[0] === 0n || k[1] === 0n) throw new MusigError('a nonce is zero');
  return {
    secnonce: concat(scalarBytes(k[0]!), scalarBytes(k[1]!), input.pk),
    pubnonce: concat(mul(G, k[0]!)!, mul(G, k[1]!)!),
  };
}

export function nonceAgg(pubnonces: readonly Bytes[]): Bytes {
  const halves = [0, 1].map((j) => {
    let r: Bytes | null = null;
    pubnonces.forEach((pn, i) => {
      let rij: Bytes;
      try {
        rij = cpoint(pn.subarray(j * 33, (j + 1) * 33));
      } catch {
        throw new MusigError(`public nonce ${i} is invalid`, i, 'pubnonce');
      }
      r = add(r, rij);
    });
    return r ?? INFINITY;
  });
  return concat(halves[0]!, halves[1]!);
}

// ---- signing ----

export interface Session {
  readonly aggnonce: Bytes;
  readonly pubkeys: readonly Bytes[];
  readonly tweaks: readonly Tweak[];
  readonly msg: Bytes;
}

interface SessionValues {
  readonly q: Bytes;
  readonly gacc: bigint;
  readonly tacc: bigint;
  readonly b: bigint;
  readonly r: Bytes;
  readonly e: bigint;
}

function sessionValues(s: Session): SessionValues {
  const { q, gacc, tacc } = keyAggAndTweak(s.pubkeys, s.tweaks);
  const b = mod(int(tagged('MuSig/noncecoef', s.aggnonce, xOnly(q), s.msg)));
  let r1: Bytes | null;
  let r2: Bytes | null;
  try {
    r1 = cpointExt(s.aggnonce.subarray(0, 33));
    r2 = cpointExt(s.aggnonce.subarray(33, 66));
  } catch {
    throw new MusigError('the aggregate nonce is invalid', undefined, 'aggnonce');
  }
  const r = add(r1, mul(r2, b)) ?? G;
  const e = mod(int(tagged('BIP0340/challenge', xOnly(r), xOnly(q), s.msg)));
  return { q, gacc, tacc, b, r, e };
}

function sessionKeyCoeff(s: Session, pk: Bytes): bigint {
  if (!s.pubkeys.some((k) => equal(k, pk))) throw new MusigError('the signer’s key is not in the session');
  return keyAggCoeff(s.pubkeys, pk);
}

/** Sign: one signer's 32-byte partial signature. The secret nonce must never be used again. */
export function partialSign(secnonce: Bytes, sk: Bytes, s: Session): Bytes {
  const v = sessionValues(s);
  const k1 = int(secnonce.subarray(0, 32));
  const k2 = int(secnonce.subarray(32, 64));
  if (k1 <= 0n || k1 >= N || k2 <= 0n || k2 >= N) throw new MusigError('the secret nonce is out of range');
  const d0 = int(sk);
  if (d0 <= 0n || d0 >= N) throw new MusigError('the secret key is out of range');
  const pk = mul(G, d0)!;
  if (!equal(pk, secnonce.subarray(64, 97))) throw new MusigError('the secret nonce is another key’s');
  const even = hasEvenY(v.r);
  const a = sessionKeyCoeff(s, pk);
  const g = hasEvenY(v.q) ? 1n : N - 1n;
  const d = mod(g * v.gacc * d0);
  const sig = mod((even ? k1 : N - k1) + v.b * (even ? k2 : N - k2) + v.e * a * d);
  const psig = scalarBytes(sig);
  const pubnonce = concat(mul(G, k1)!, mul(G, k2)!);
  if (!partialSigVerifyInternal(psig, pubnonce, pk, s)) throw new MusigError('the partial signature does not verify');
  return psig;
}

function partialSigVerifyInternal(psig: Bytes, pubnonce: Bytes, pk: Bytes, s: Session): boolean {
  const v = sessionValues(s);
  const sig = int(psig);
  if (sig >= N) return false;
  const re = add(cpoint(pubnonce.subarray(0, 33)), mul(cpoint(pubnonce.subarray(33, 66)), v.b));
  const reS = re === null || hasEvenY(v.r) ? re : negate(re);
  const a = sessionKeyCoeff(s, pk);
  const g = hasEvenY(v.q) ? 1n : N - 1n;
  const lhs = mul(G, sig);
  const rhs = add(reS, mul(cpoint(pk), v.e * a * mod(g * v.gacc)));
  return lhs !== null && rhs !== null ? equal(lhs, rhs) : lhs === rhs;
}

/** PartialSigVerify: does signer `i`'s partial signature fit its nonce and key in this session? */
export function partialSigVerify(
  psig: Bytes,
  pubnonces: readonly Bytes[],
  pubkeys: readonly Bytes[],
  tweaks: readonly Tweak[],
  msg: Bytes,
  i: number,
): boolean {
  const session = { aggnonce: nonceAgg(pubnonces), pubkeys, tweaks, msg };
  return partialSigVerifyInternal(psig, pubnonces[i]!, pubkeys[i]!, session);
}

/** PartialSigAgg: the BIP340 signature (64 bytes) under the session's tweaked aggregate key. */
export function partialSigAgg(psigs: readonly Bytes[], s: Session): Bytes {
  const v = sessionValues(s);
  let sum = 0n;
  psigs.forEach((p, i) => {
    const si = int(p);
    if (si >= N) throw new MusigError(`partial signature ${i} is out of range`, i, 'psig');
    sum = mod(sum + si);
  });
  const g = hasEvenY(v.q) ? 1n : N - 1n;
  return concat(xOnly(v.r), scalarBytes(mod(sum + v.e * g * v.tacc)));
}
