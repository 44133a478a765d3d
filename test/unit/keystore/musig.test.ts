/**
 * MuSig2 inside the keystore: two wallets each give a partial signature over one Taproot key-path
 * message; BIP327's aggregation of the two is a BIP340 signature under the tweaked aggregate key.
 * Replays give the same bytes; a cosigner whose key no wallet here holds stops the session.
 */
import * as ecc from 'tiny-secp256k1';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../shared/bitcoin/bytes';
import { sha256 } from '../../../shared/bitcoin/hashes';
import { keyAgg, keySort, nonceAgg, partialSigAgg } from '../../../shared/bitcoin/musig2';
import { taprootOutput } from '../../../shared/bitcoin/taproot';
import { Keystore } from '../../../main/keystore/keystore';
import { expectBilingual } from '../contract/bilingual';
import { entropyFrom, errorOf, unwrap } from './helpers';

async function twoWallets() {
  const keystore = Keystore.inMemory();
  const alice = unwrap(await keystore.createWallet('Alice', { entropy: entropyFrom(1) }));
  const bob = unwrap(await keystore.createWallet('Bob', { entropy: entropyFrom(2) }));
  const a = unwrap(await keystore.deriveKey(alice.id, 'swap'));
  const b = unwrap(await keystore.deriveKey(bob.id, 'swap'));
  return { keystore, alice, bob, a, b };
}

describe('musig2PartialSign', () => {
  it('two wallets’ partial signatures add up to a signature under the Taproot output key', async () => {
    const { keystore, alice, bob, a, b } = await twoWallets();
    const keys = keySort([fromHex(a.publicKey), fromHex(b.publicKey)]);
    const output = taprootOutput(keyAgg(keys).q.subarray(1))!;
    const request = {
      keys,
      tweak: output.tweak,
      digest: sha256(Uint8Array.of(1)),
      nonceRand: sha256(Uint8Array.of(2)),
    };
    const fromAlice = unwrap(keystore.musig2PartialSign(alice.id, a.id, request));
    const fromBob = unwrap(keystore.musig2PartialSign(bob.id, b.id, request));
    // Both turns see the same round-one nonces: each derived from its key, the seed and the message.
    expect(fromAlice.pubnonces.map(toHex)).toEqual(fromBob.pubnonces.map(toHex));
    const byKey = new Map([
      [a.publicKey, fromAlice.partial],
      [b.publicKey, fromBob.partial],
    ]);
    const session = {
      aggnonce: nonceAgg(fromAlice.pubnonces),
      pubkeys: keys,
      tweaks: [{ tweak: output.tweak, isXOnly: true }],
      msg: request.digest,
    };
    const signature = partialSigAgg(
      keys.map((k) => byKey.get(toHex(k))!),
      session,
    );
    expect(ecc.verifySchnorr(request.digest, output.outputKey, signature)).toBe(true);
    // Alice's partial alone, doubled, is not Bob's consent.
    expect(
      ecc.verifySchnorr(
        request.digest,
        output.outputKey,
        partialSigAgg([fromAlice.partial, fromAlice.partial], session),
      ),
    ).toBe(false);

    const again = unwrap(keystore.musig2PartialSign(alice.id, a.id, request));
    expect(toHex(again.partial)).toBe(toHex(fromAlice.partial));
  });

  it('refuses a key that is not a participant, and a cosigner no wallet here holds', async () => {
    const { keystore, alice, a, b } = await twoWallets();
    const stranger = ecc.pointFromScalar(sha256(Uint8Array.of(9)), true)!;
    const base = { tweak: new Uint8Array(32).fill(1), digest: new Uint8Array(32), nonceRand: new Uint8Array(32) };
    const notIn = keystore.musig2PartialSign(alice.id, a.id, {
      ...base,
      keys: keySort([fromHex(b.publicKey), stranger]),
    });
    expect(errorOf(notIn).code).toBe('BAD_REQUEST');
    expectBilingual(notIn, 'host.keystore.notParticipant', 'The signing key is not one of the MuSig2 participants.');
    const unknown = keystore.musig2PartialSign(alice.id, a.id, {
      ...base,
      keys: keySort([fromHex(a.publicKey), stranger]),
    });
    expect(errorOf(unknown).code).toBe('INVALID_STATE');
    expectBilingual(
      unknown,
      'host.keystore.noCosigner',
      `No wallet here holds the MuSig2 cosigner key ${toHex(stranger)}.`,
    );
    const both = { ...base, keys: keySort([fromHex(a.publicKey), fromHex(b.publicKey)]) };
    const shortDigest = keystore.musig2PartialSign(alice.id, a.id, { ...both, digest: new Uint8Array(31) });
    expect(errorOf(shortDigest)).toMatchObject({ code: 'BAD_REQUEST', path: 'digest' });
    expectBilingual(shortDigest, 'host.keystore.musigSizes', 'The digest and the nonce seed must be 32 bytes.');
    // A tweak of 2^256 − 1 is above the group order n (BIP327's TweakCtx refuses it).
    const bigTweak = keystore.musig2PartialSign(alice.id, a.id, { ...both, tweak: new Uint8Array(32).fill(0xff) });
    expect(errorOf(bigTweak)).toMatchObject({ code: 'BAD_REQUEST', path: 'keys' });
    expectBilingual(bigTweak, 'host.keystore.musig', 'MuSig2: the tweak must be less than the group order.');
  });
});
