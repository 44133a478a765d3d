/**
 * MuSig2 against BIP327's own vectors (test/fixtures/musig2, copied unchanged): key sorting and
 * aggregation, nonce generation and aggregation, partial signing with and without tweaks, partial
 * signature verification and aggregation — and a whole two-party session whose signature BIP340
 * verifies under the Taproot-tweaked aggregate key.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as secp from 'tiny-secp256k1';
import { describe, expect, it } from 'vitest';
import { type Bytes, fromHex, toHex } from '../../../shared/bitcoin/bytes';
import { sha256 } from '../../../shared/bitcoin/hashes';
import {
  keyAgg,
  keyAggAndTweak,
  keySort,
  MusigError,
  nonceAgg,
  nonceGen,
  partialSigAgg,
  partialSign,
  partialSigVerify,
} from '../../../shared/bitcoin/musig2';
import { taprootOutput } from '../../../shared/bitcoin/taproot';

const DIR = join(__dirname, '../../fixtures/musig2');
const raw = (name: string) => readFileSync(join(DIR, `${name}_vectors.json`));
const load = <T>(name: string): T => JSON.parse(raw(name).toString('utf8')) as T;

interface Case {
  readonly key_indices: number[];
  readonly nonce_indices: number[];
  readonly tweak_indices: number[];
  readonly is_xonly: boolean[];
  readonly psig_indices: number[];
  readonly pnonce_indices: number[];
  readonly aggnonce_index: number;
  readonly msg_index: number;
  readonly signer_index: number;
  readonly aggnonce: string;
  readonly sig: string;
  readonly expected: string;
  readonly comment?: string;
  readonly error: { readonly signer?: number };
}
interface Vectors {
  readonly sk: string;
  readonly pubkeys: string[];
  readonly sorted_pubkeys: string[];
  readonly secnonce: string;
  readonly secnonces: string[];
  readonly pnonces: string[];
  readonly aggnonce: string;
  readonly aggnonces: string[];
  readonly tweaks: string[];
  readonly psigs: string[];
  readonly msg: string;
  readonly msgs: string[];
  readonly valid_test_cases: Case[];
  readonly error_test_cases: Case[];
  readonly verify_fail_test_cases: Case[];
}
interface NonceGenCase {
  readonly rand_: string;
  readonly sk: string | null;
  readonly pk: string;
  readonly aggpk: string | null;
  readonly msg: string | null;
  readonly extra_in: string | null;
  readonly expected_secnonce: string;
  readonly expected_pubnonce: string;
}
const tweaksOf = (v: Vectors, c: Case) =>
  c.tweak_indices.map((i, n) => ({ tweak: h(v.tweaks[i]!), isXOnly: c.is_xonly[n]! }));
const h = (s: string): Bytes => fromHex(s.toLowerCase());
const hx = (b: Bytes): string => toHex(b).toUpperCase();
const pick = (list: string[], idx: number[]): Bytes[] => idx.map((i) => h(list[i]!));

describe('BIP327 vector files', () => {
  it('are the ones ORIGIN.md lists', () => {
    const origin = readFileSync(join(DIR, 'ORIGIN.md'), 'utf8');
    for (const name of ['key_agg', 'key_sort', 'nonce_gen', 'nonce_agg', 'sign_verify', 'tweak', 'sig_agg']) {
      expect(origin).toContain(`${toHex(sha256(raw(name)))}  ${name}_vectors.json`);
    }
  });
});

describe('KeySort and KeyAgg', () => {
  it('sorts as the vector says', () => {
    const v = load<Vectors>('key_sort');
    expect(keySort(v.pubkeys.map(h)).map(hx)).toEqual(v.sorted_pubkeys);
  });

  it('aggregates each valid key list to the expected x-only key', () => {
    const v = load<Vectors>('key_agg');
    for (const c of v.valid_test_cases)
      expect(hx(keyAgg(pick(v.pubkeys, c.key_indices)).q.subarray(1))).toBe(c.expected);
  });

  it('blames the signer whose key is invalid', () => {
    const v = load<Vectors>('key_agg');
    for (const c of v.error_test_cases) {
      if (c.tweak_indices.length > 0) {
        const tweaks = tweaksOf(v, c);
        expect(() => keyAggAndTweak(pick(v.pubkeys, c.key_indices), tweaks), c.comment).toThrow(MusigError);
        continue;
      }
      try {
        keyAgg(pick(v.pubkeys, c.key_indices));
        expect.unreachable(c.comment);
      } catch (e) {
        expect(e).toBeInstanceOf(MusigError);
        expect((e as MusigError).signer, c.comment).toBe(c.error.signer);
      }
    }
  });
});

describe('NonceGen and NonceAgg', () => {
  it('derives the expected nonces from rand′ and the optional inputs', () => {
    for (const c of load<{ test_cases: NonceGenCase[] }>('nonce_gen').test_cases) {
      const r = nonceGen({
        rand: h(c.rand_),
        pk: h(c.pk),
        ...(c.sk !== null ? { sk: h(c.sk) } : {}),
        ...(c.aggpk !== null ? { aggpk: h(c.aggpk) } : {}),
        ...(c.msg !== null ? { msg: h(c.msg) } : {}),
        ...(c.extra_in !== null ? { extraIn: h(c.extra_in) } : {}),
      });
      expect(hx(r.secnonce)).toBe(c.expected_secnonce);
      expect(hx(r.pubnonce)).toBe(c.expected_pubnonce);
    }
  });

  it('aggregates nonces, infinity as 33 zero bytes, and blames an invalid one', () => {
    const v = load<Vectors>('nonce_agg');
    for (const c of v.valid_test_cases) expect(hx(nonceAgg(pick(v.pnonces, c.pnonce_indices)))).toBe(c.expected);
    for (const c of v.error_test_cases) {
      try {
        nonceAgg(pick(v.pnonces, c.pnonce_indices));
        expect.unreachable(c.comment);
      } catch (e) {
        expect((e as MusigError).signer, c.comment).toBe(c.error.signer);
      }
    }
  });
});

describe('Sign and PartialSigVerify', () => {
  it('makes the expected partial signature, which verifies', () => {
    const v = load<Vectors>('sign_verify');
    for (const c of v.valid_test_cases) {
      const pubkeys = pick(v.pubkeys, c.key_indices);
      const msg = h(v.msgs[c.msg_index]!);
      const session = { aggnonce: h(v.aggnonces[c.aggnonce_index]!), pubkeys, tweaks: [], msg };
      const psig = partialSign(h(v.secnonces[0]!), h(v.sk), session);
      expect(hx(psig), c.comment).toBe(c.expected);
      expect(partialSigVerify(psig, pick(v.pnonces, c.nonce_indices), pubkeys, [], msg, c.signer_index)).toBe(true);
    }
  });

  it('rejects the partial signatures the vectors call invalid', () => {
    const v = load<Vectors>('sign_verify');
    for (const c of v.verify_fail_test_cases) {
      const verdict = () =>
        partialSigVerify(
          h(c.sig),
          pick(v.pnonces, c.nonce_indices),
          pick(v.pubkeys, c.key_indices),
          [],
          h(v.msgs[c.msg_index]!),
          c.signer_index,
        );
      let ok: boolean;
      try {
        ok = verdict();
      } catch {
        ok = false;
      }
      expect(ok, c.comment).toBe(false);
    }
  });

  it('signs under plain and x-only tweaks as expected', () => {
    const v = load<Vectors>('tweak');
    for (const c of v.valid_test_cases) {
      const pubkeys = pick(v.pubkeys, c.key_indices);
      const tweaks = tweaksOf(v, c);
      const session = { aggnonce: h(v.aggnonce), pubkeys, tweaks, msg: h(v.msg) };
      const psig = partialSign(h(v.secnonce), h(v.sk), session);
      expect(hx(psig), c.comment).toBe(c.expected);
      expect(partialSigVerify(psig, pick(v.pnonces, c.nonce_indices), pubkeys, tweaks, h(v.msg), c.signer_index)).toBe(
        true,
      );
    }
  });
});

describe('PartialSigAgg', () => {
  it('aggregates to the expected BIP340 signature, which verifies under the tweaked key', () => {
    const v = load<Vectors>('sig_agg');
    for (const c of v.valid_test_cases) {
      const pubkeys = pick(v.pubkeys, c.key_indices);
      const tweaks = tweaksOf(v, c);
      const msg = h(v.msg);
      expect(hx(nonceAgg(pick(v.pnonces, c.nonce_indices)))).toBe(c.aggnonce);
      const sig = partialSigAgg(pick(v.psigs, c.psig_indices), { aggnonce: h(c.aggnonce), pubkeys, tweaks, msg });
      expect(hx(sig)).toBe(c.expected);
      expect(secp.verifySchnorr(msg, keyAggAndTweak(pubkeys, tweaks).q.subarray(1), sig)).toBe(true);
    }
  });

  it('blames a partial signature out of range', () => {
    const v = load<Vectors>('sig_agg');
    for (const c of v.error_test_cases) {
      const tweaks = tweaksOf(v, c);
      const session = { aggnonce: h(c.aggnonce), pubkeys: pick(v.pubkeys, c.key_indices), tweaks, msg: h(v.msg) };
      try {
        partialSigAgg(pick(v.psigs, c.psig_indices), session);
        expect.unreachable(c.comment);
      } catch (e) {
        expect((e as MusigError).signer, c.comment).toBe(c.error.signer);
      }
    }
  });
});

describe('a two-party session for a Taproot key path', () => {
  it('gives one signature that BIP340 verifies under the output key', () => {
    const sks = [sha256(Uint8Array.of(1)), sha256(Uint8Array.of(2))];
    const pks = keySort(sks.map((sk) => secp.pointFromScalar(sk, true)!));
    const order = pks.map((pk) => sks.find((sk) => toHex(secp.pointFromScalar(sk, true)!) === toHex(pk))!);
    const internal = keyAgg(pks).q.subarray(1);
    const out = taprootOutput(internal)!;
    const tweaks = [{ tweak: out.tweak, isXOnly: true }];
    expect(toHex(keyAggAndTweak(pks, tweaks).q.subarray(1))).toBe(toHex(out.outputKey));
    const msg = sha256(Uint8Array.of(9));
    const nonces = order.map((sk, i) => nonceGen({ rand: sha256(Uint8Array.of(40 + i)), sk, pk: pks[i]!, msg }));
    const session = { aggnonce: nonceAgg(nonces.map((n) => n.pubnonce)), pubkeys: pks, tweaks, msg };
    const psigs = order.map((sk, i) => partialSign(nonces[i]!.secnonce, sk, session));
    const sig = partialSigAgg(psigs, session);
    expect(secp.verifySchnorr(msg, out.outputKey, sig)).toBe(true);
    // One partial signature alone is not a signature.
    expect(secp.verifySchnorr(msg, out.outputKey, partialSigAgg([psigs[0]!, new Uint8Array(32)], session))).toBe(false);
  });
});
