/**
 * One signer's turn in a MuSig2 session (BIP327) for a Taproot key path, inside the keystore.
 *
 * Nonces. BIP327 makes each signer draw fresh secret randomness for every session, because a
 * signer who uses one secret nonce in two sessions whose aggregate nonce or message differ gives
 * away its private key (two equations, two unknowns). A real wallet cannot derive its nonce from
 * the message alone: a dishonest cosigner could run the session twice over the same message with
 * different nonces of its own and extract the key. Here the nonce's rand′ is derived from the
 * scenario's seed and the message, so a replay signs byte for byte alike (lessons and their
 * tests depend on it). That is acceptable only because every participant is a mock wallet in
 * this one keystore: each nonce is fixed by (seed, message, key), the other participants' public
 * nonces are computed here from the same inputs rather than received from anyone, so no party can
 * vary its nonce against a fixed one — and the keys are teaching keys with no real value.
 */
import { toHex } from '../../shared/bitcoin/bytes';
import {
  keyAggAndTweak,
  MusigError,
  nonceAgg,
  nonceGen,
  partialSign,
  partialSigVerify,
  type Tweak,
} from '../../shared/bitcoin/musig2';
import { errText, ok, type Result } from '../../shared/contract/result';
import type { MusigPartial, MusigRequest } from './types';

export type SecretOf = (publicKeyHex: string) => Result<Uint8Array>;

/**
 * The partial signature of the key `signer` holds, and every participant's public nonce (round
 * one, computed here for the wallets this keystore holds: public data, as the nonce exchange is).
 */
export function musigPartialWith(
  signer: { readonly privateKey: Uint8Array; readonly publicKey: string },
  secretOf: SecretOf,
  request: MusigRequest,
): Result<MusigPartial> {
  const { keys, digest, nonceRand } = request;
  if (digest.length !== 32 || nonceRand.length !== 32)
    return errText('BAD_REQUEST', 'host.keystore.musigSizes', undefined, { path: 'digest' });
  const index = keys.findIndex((k) => toHex(k) === signer.publicKey);
  if (index < 0) return errText('BAD_REQUEST', 'host.keystore.notParticipant', undefined, { path: 'keys' });
  const tweaks: Tweak[] = [{ tweak: request.tweak, isXOnly: true }];
  try {
    const aggpk = keyAggAndTweak(keys, tweaks).q.subarray(1);
    const nonces = [];
    for (const [i, pk] of keys.entries()) {
      const sk = i === index ? ok(signer.privateKey) : secretOf(toHex(pk));
      if (!sk.ok) return sk;
      nonces.push(nonceGen({ rand: nonceRand, sk: sk.value, pk, aggpk, msg: digest }));
    }
    const pubnonces = nonces.map((n) => n.pubnonce);
    const session = { aggnonce: nonceAgg(pubnonces), pubkeys: keys, tweaks, msg: digest };
    const partial = partialSign(nonces[index]!.secnonce, signer.privateKey, session);
    if (!partialSigVerify(partial, pubnonces, keys, tweaks, digest, index))
      throw new MusigError('the partial signature does not verify');
    return ok({ partial, pubnonces });
  } catch (e) {
    if (e instanceof MusigError)
      return errText('BAD_REQUEST', 'host.keystore.musig', { problem: e.message }, { path: 'keys' });
    throw e;
  }
}
