/**
 * P2TR signatures through the keystore (BIP340 over BIP341's message): key path by the tweaked
 * key, script path (BIP342) by the key itself. The private key stays in the keystore; the host
 * brings the digest and the aux randomness.
 */
import { concat, fromHex, toHex, utf8 } from '../../shared/bitcoin/bytes';
import { sha256 } from '../../shared/bitcoin/hashes';
import { keyAgg, nonceAgg, partialSigAgg, partialSigVerify } from '../../shared/bitcoin/musig2';
import { taptweakHash } from '../../shared/bitcoin/taproot';
import { SIGHASH_DEFAULT } from '../../shared/bitcoin/sighash';
import { ok, type Result } from '../../shared/contract/result';
import { SeededRng } from '../../shared/rng';
import type { MusigSlot } from '../../shared/workspace/model';
import type { TaprootSpendPath, WalletStore } from './walletStore';

/**
 * BIP340's 32 bytes of aux randomness, from the scenario's seeded RNG. Seeded by the seed and the
 * message rather than drawn from one running generator: the same draft signed again (after an
 * undo, in a replay, in another order) gets the same signature, so replays are byte-identical.
 * BIP340 is secure with any aux value; randomness only hardens it against side channels, which
 * teaching wallets need not fear.
 */
function auxRandFor(seed: number, digest: Uint8Array): Uint8Array {
  const words = new DataView(digest.buffer, digest.byteOffset, digest.byteLength);
  const state = [
    (seed ^ words.getUint32(0)) >>> 0,
    words.getUint32(4),
    words.getUint32(8),
    (words.getUint32(12) | 1) >>> 0, // never the all-zero state
  ] as const;
  return new SeededRng(state).bytes(32);
}

/** The witness item: 64 bytes for SIGHASH_DEFAULT, else 65 with the hash-type byte. */
export async function signTaproot(
  store: WalletStore,
  walletId: string,
  keyId: string,
  digest: Uint8Array,
  sighashType: number,
  seed: number,
  path: TaprootSpendPath,
): Promise<Result<Uint8Array>> {
  const signed = await store.signSchnorr(walletId, keyId, digest, auxRandFor(seed, digest), path);
  if (!signed.ok) return signed;
  const { signature } = signed.value;
  return ok(sighashType === SIGHASH_DEFAULT ? signature : concat(signature, Uint8Array.of(sighashType)));
}

/**
 * One wallet's turn on a MuSig2 key-path slot: its partial signature joins the others', and when
 * every participant has given one they add up to the BIP340 signature. Partials given for an
 * earlier version of the draft no longer verify (the message changed) and are dropped.
 */
export async function signMusigTurn(
  store: WalletStore,
  walletId: string,
  key: { readonly id: string; readonly publicKey: string },
  musig: MusigSlot,
  digest: Uint8Array,
  sighashType: number,
  seed: number,
): Promise<Result<{ musig: MusigSlot; signature: Uint8Array | undefined }>> {
  const keys = musig.keys.map(fromHex);
  const internalKey = keyAgg(keys).q.subarray(1);
  const tweaks = [
    { tweak: taptweakHash(internalKey, musig.merkleRoot ? fromHex(musig.merkleRoot) : undefined), isXOnly: true },
  ];
  // BIP327's rand′, from the scenario's seed and the message: see main/keystore/musigSigning.ts.
  const nonceRand = sha256(concat(utf8(`txlab musig2 nonce:${seed}:`), digest));
  const turn = await store.musig2PartialSign(walletId, key.id, { keys, tweak: tweaks[0]!.tweak, digest, nonceRand });
  if (!turn.ok) return turn;
  const { partial, pubnonces } = turn.value;
  const indexOf = (pubKey: string) => musig.keys.indexOf(pubKey);
  const kept = musig.partials.filter(
    (p) =>
      p.pubKey !== key.publicKey &&
      indexOf(p.pubKey) >= 0 &&
      partialSigVerify(fromHex(p.psig), pubnonces, keys, tweaks, digest, indexOf(p.pubKey)),
  );
  const partials = [...kept, { pubKey: key.publicKey, psig: toHex(partial) }].sort(
    (a, b) => indexOf(a.pubKey) - indexOf(b.pubKey),
  );
  const next: MusigSlot = { ...musig, partials };
  if (partials.length < keys.length) return ok({ musig: next, signature: undefined });
  const session = { aggnonce: nonceAgg(pubnonces), pubkeys: keys, tweaks, msg: digest };
  const signature = partialSigAgg(
    partials.map((p) => fromHex(p.psig)),
    session,
  );
  return ok({
    musig: next,
    signature: sighashType === SIGHASH_DEFAULT ? signature : concat(signature, Uint8Array.of(sighashType)),
  });
}
