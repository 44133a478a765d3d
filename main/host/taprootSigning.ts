/**
 * P2TR signatures through the keystore (BIP340 over BIP341's message): key path by the tweaked
 * key, script path (BIP342) by the key itself. The private key stays in the keystore; the host
 * brings the digest and the aux randomness.
 */
import { concat } from '../../shared/bitcoin/bytes';
import { SIGHASH_DEFAULT } from '../../shared/bitcoin/sighash';
import { ok, type Result } from '../../shared/contract/result';
import { SeededRng } from '../../shared/rng';
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
