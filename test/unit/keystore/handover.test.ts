/** SPEC §3.5: Alice hands the Alice2 revocation key to Bob, so Bob can sign the breach remedy BR1a. */
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../shared/bitcoin/bytes';
import { verifyEcdsa } from '../../../shared/bitcoin/ecdsa';
import { errorOf, openKeystore, tempDir, unwrap } from './helpers';

const digest = Uint8Array.from({ length: 32 }, (_, i) => i + 100);

describe('revocation key handover', () => {
  it('lets the receiver sign with the key, logs it, shows it in both wallets and survives reopen', async () => {
    const dir = await tempDir();
    let clock = 1_700_000_000_000;
    const keystore = await openKeystore(dir, { now: () => clock++ });
    const alice2 = unwrap(await keystore.deriveKey('alice', 'revocation'));
    expect(alice2.label).toBe('Alice2');

    // Before the handover Bob cannot sign with Alice2, nor does he own it.
    expect(errorOf(keystore.signDigest('bob', alice2.id, digest)).code).toBe('NOT_FOUND');
    expect(unwrap(keystore.ownedKeys('bob')).some((k) => k.keyId === alice2.id)).toBe(false);

    const entry = unwrap(await keystore.handOverKey(alice2.id, 'alice', 'bob', 'revoke C1a after paying Bob 0.1'));
    expect(entry).toMatchObject({
      keyId: alice2.id,
      keyLabel: 'Alice2',
      publicKey: alice2.publicKey,
      fromWalletId: 'alice',
      fromWalletName: 'Alice',
      toWalletId: 'bob',
      toWalletName: 'Bob',
      reason: 'revoke C1a after paying Bob 0.1',
      time: 1_700_000_000_000,
    });
    expect(keystore.handovers()).toEqual([entry]);

    const bobSig = unwrap(keystore.signDigest('bob', alice2.id, digest));
    expect(toHex(bobSig.publicKey)).toBe(alice2.publicKey);
    expect(verifyEcdsa(digest, fromHex(alice2.publicKey), bobSig.signature)).toBe(true);
    // Same key, RFC 6979: Alice (who still holds it) would produce the very same signature.
    expect(toHex(unwrap(keystore.signDigest('alice', alice2.id, digest)).signature)).toBe(toHex(bobSig.signature));

    const aliceKey = unwrap(keystore.getWallet('alice')).keys.find((k) => k.id === alice2.id)!;
    expect(aliceKey.origin).toBe('derived');
    expect(aliceKey.handedOverTo).toEqual([
      { handoverId: entry.id, walletId: 'bob', walletName: 'Bob', time: entry.time },
    ]);
    const bobKey = unwrap(keystore.getWallet('bob')).keys.find((k) => k.id === alice2.id)!;
    expect(bobKey).toMatchObject({
      origin: 'imported',
      label: 'Alice2',
      walletId: 'bob',
      canSign: true,
      path: alice2.path,
    });
    expect(bobKey.handedOverFrom).toEqual({
      handoverId: entry.id,
      walletId: 'alice',
      walletName: 'Alice',
      time: entry.time,
    });
    expect(unwrap(keystore.ownedKeys('bob'))).toContainEqual(
      expect.objectContaining({ keyId: alice2.id, pubKeyHash: alice2.pubKeyHash, canSign: true }),
    );

    const reopened = await openKeystore(dir);
    expect(reopened.handovers()).toEqual([entry]);
    expect(reopened.listWallets()).toEqual(keystore.listWallets());
    expect(toHex(unwrap(reopened.signDigest('bob', alice2.id, digest)).signature)).toBe(toHex(bobSig.signature));

    // Bob keeps the key even when Alice's wallet is gone.
    unwrap(await reopened.deleteWallet('alice'));
    expect(
      verifyEcdsa(digest, fromHex(alice2.publicKey), unwrap(reopened.signDigest('bob', alice2.id, digest)).signature),
    ).toBe(true);
    expect(reopened.handovers()).toHaveLength(1);
  });

  it('both directions: Bob hands Bob2 to Alice too, and an imported key can be passed on', async () => {
    const keystore = await openKeystore(await tempDir());
    const alice2 = unwrap(await keystore.deriveKey('alice', 'revocation'));
    const bob2 = unwrap(await keystore.deriveKey('bob', 'revocation'));
    unwrap(await keystore.handOverKey(alice2.id, 'alice', 'bob', 'revoke C1a'));
    unwrap(await keystore.handOverKey(bob2.id, 'bob', 'alice', 'revoke C1b'));
    unwrap(await keystore.handOverKey(alice2.id, 'bob', 'carol', 'watchtower'));
    expect(keystore.handovers().map((h) => [h.keyLabel, h.fromWalletId, h.toWalletId])).toEqual([
      ['Alice2', 'alice', 'bob'],
      ['Bob2', 'bob', 'alice'],
      ['Alice2', 'bob', 'carol'],
    ]);
    expect(unwrap(keystore.signDigest('carol', alice2.id, digest)).publicKey).toEqual(fromHex(alice2.publicKey));
  });

  it('refuses impossible handovers with codes', async () => {
    const keystore = await openKeystore(await tempDir());
    const alice2 = unwrap(await keystore.deriveKey('alice', 'revocation'));
    expect(errorOf(await keystore.handOverKey(alice2.id, 'alice', 'alice', 'why'))).toMatchObject({
      code: 'BAD_REQUEST',
      path: 'toWalletId',
    });
    expect(errorOf(await keystore.handOverKey(alice2.id, 'alice', 'bob', '  '))).toMatchObject({
      code: 'BAD_REQUEST',
      path: 'reason',
    });
    expect(errorOf(await keystore.handOverKey(alice2.id, 'alice', 'nobody', 'x')).code).toBe('NOT_FOUND');
    expect(errorOf(await keystore.handOverKey(alice2.id, 'carol', 'bob', 'not hers')).code).toBe('NOT_FOUND');
    expect(errorOf(await keystore.handOverKey('alice/revocation/5', 'alice', 'bob', 'x')).code).toBe('NOT_FOUND');
    unwrap(await keystore.handOverKey(alice2.id, 'alice', 'bob', 'revoke C1a'));
    expect(errorOf(await keystore.handOverKey(alice2.id, 'alice', 'bob', 'again'))).toMatchObject({
      code: 'INVALID_STATE',
      detail: 'ALREADY_HELD',
    });
    expect(errorOf(await keystore.handOverKey(alice2.id, 'bob', 'alice', 'back'))).toMatchObject({
      code: 'INVALID_STATE',
      detail: 'ALREADY_HELD',
    });
    expect(keystore.handovers()).toHaveLength(1);
  });
});
