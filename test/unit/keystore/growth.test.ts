/**
 * A busy payment channel's keystore: new keys and handovers are appended to the state in place
 * (state.ts, grownInPlace) and looked up through indexes that follow the growing lists
 * (lookup.ts). These tests hold that to the rules the copying version kept: nothing is visible
 * or appended before its write lands, lists from elsewhere are never grown, lookups stay exact.
 */
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../shared/bitcoin/bytes';
import { verifyEcdsa } from '../../../shared/bitcoin/ecdsa';
import { mnemonicFromEntropy } from '../../../main/keystore/derivation';
import { DERIVED_KEYS_KEPT, Keystore, KEYSTORE_FILE } from '../../../main/keystore/keystore';
import { DISK_FILES, type StoreFiles } from '../../../main/storage/keyFiles';
import { expectBilingual } from '../contract/bilingual';
import { entropyFrom, errorOf, openKeystore, tempDir, TEST_KDF, unwrap } from './helpers';

const digest = Uint8Array.from({ length: 32 }, (_, i) => i + 1);

async function channelWallets(keystore: Keystore): Promise<{ alice: string; bob: string }> {
  const alice = unwrap(await keystore.createWallet('Chan A', { entropy: entropyFrom(1) }));
  const bob = unwrap(await keystore.createWallet('Chan B', { entropy: entropyFrom(2) }));
  return { alice: alice.id, bob: bob.id };
}

describe('keys and handovers appended in place', () => {
  it('finds every key, next index and handover as the lists grow', async () => {
    const keystore = Keystore.inMemory();
    const { alice, bob } = await channelWallets(keystore);
    const derived = [];
    for (let i = 0; i < 40; i++) {
      const key = unwrap(await keystore.deriveKey(alice, 'revocation'));
      expect(key.index).toBe(i);
      expect(key.handedOverTo).toEqual([]);
      derived.push(key);
      // Lookups between appends: the index must extend, not answer from what it saw first.
      if (i % 2 === 1) unwrap(await keystore.handOverKey(derived[i - 1]!.id, alice, bob, `revoke ${i}`));
    }
    const aliceKeys = unwrap(keystore.getWallet(alice)).keys.filter((k) => k.purpose === 'revocation');
    expect(aliceKeys.map((k) => k.index)).toEqual([...Array(40).keys()]);
    expect(aliceKeys.map((k) => k.handedOverTo.map((h) => h.walletId))).toEqual(
      aliceKeys.map((_, i) => (i % 2 === 0 ? [bob] : [])),
    );
    expect(keystore.handovers()).toHaveLength(20);

    const bobOwned = unwrap(keystore.ownedKeys(bob)).filter((k) => k.purpose === 'revocation');
    expect(bobOwned.map((k) => k.keyId)).toEqual(derived.filter((_, i) => i % 2 === 0).map((k) => k.id));
    // Bob signs with the last key handed to him, and Alice still can.
    const last = derived[38]!;
    for (const wallet of [bob, alice]) {
      const sig = unwrap(keystore.signDigest(wallet, last.id, digest));
      expect(verifyEcdsa(digest, fromHex(last.publicKey), sig.signature)).toBe(true);
    }
    expect(errorOf(await keystore.handOverKey(last.id, alice, bob, 'again'))).toMatchObject({
      code: 'INVALID_STATE',
      detail: 'ALREADY_HELD',
    });
    // A key of index 39 that was never handed over is not Bob's to sign with.
    expect(errorOf(keystore.signDigest(bob, derived[39]!.id, digest)).code).toBe('NOT_FOUND');
  });

  it('matches key ids exactly, as a search of the list did', async () => {
    const keystore = Keystore.inMemory();
    const { alice, bob } = await channelWallets(keystore);
    unwrap(await keystore.deriveKey(alice, 'revocation'));
    unwrap(await keystore.deriveKey(alice, 'revocation'));
    expect(unwrap(keystore.signDigest(alice, `${alice}/revocation/1`, digest)).signature.length).toBeGreaterThan(8);
    for (const keyId of [
      `${alice}/revocation/01`,
      `${alice}/revocation/2`,
      `${bob}/revocation/1`,
      `${alice}/revocation`,
      'revocation/1',
    ]) {
      expect(errorOf(keystore.signDigest(alice, keyId, digest)).code).toBe('NOT_FOUND');
    }
  });

  it('in memory, makes a change at once when nothing else runs, and queues it behind one that does', async () => {
    const keystore = Keystore.inMemory();
    const { alice, bob } = await channelWallets(keystore);
    const first = keystore.deriveKey(alice, 'revocation');
    // Nothing to write: the key is there before the answer is awaited.
    expect(unwrap(keystore.getWallet(alice)).keys.map((k) => k.purpose)).toContain('revocation');
    // An exclusive operation (a refused passphrase change) runs: the next change waits for it.
    const passphrase = keystore.changePassphrase(undefined, 'new');
    const second = keystore.deriveKey(bob, 'revocation');
    expect(unwrap(keystore.getWallet(bob)).keys.map((k) => k.purpose)).not.toContain('revocation');
    const refused = await passphrase;
    expect(errorOf(refused).code).toBe('INVALID_STATE');
    expectBilingual(refused, 'host.keystore.noPassphrase', 'an in-memory keystore has no passphrase');
    expect([unwrap(await first).index, unwrap(await second).index]).toEqual([0, 0]);
    expect(unwrap(keystore.getWallet(bob)).keys.map((k) => k.purpose)).toContain('revocation');
    // A refused change is answered as before.
    expect(errorOf(await keystore.deriveKey('nobody', 'revocation')).code).toBe('NOT_FOUND');
  });

  it('never grows lists it did not make: two keystores importing one export stay apart', async () => {
    const source = Keystore.inMemory();
    const { alice, bob } = await channelWallets(source);
    const key = unwrap(await source.deriveKey(alice, 'revocation'));
    unwrap(await source.handOverKey(key.id, alice, bob, 'revoke 1'));
    const exported = source.exportWallets({ includePrivateKeys: true });
    const [one, two] = [Keystore.inMemory(), Keystore.inMemory()];
    unwrap(await one.importWallets(exported, { mode: 'replace' }));
    unwrap(await two.importWallets(exported, { mode: 'replace' }));

    const next = unwrap(await one.deriveKey(alice, 'revocation'));
    unwrap(await one.handOverKey(next.id, alice, bob, 'revoke 2'));
    expect(unwrap(one.getWallet(alice)).keys).toHaveLength(3);
    expect(one.handovers()).toHaveLength(2);
    expect(unwrap(two.getWallet(alice)).keys).toHaveLength(2);
    expect(two.handovers()).toHaveLength(1);
    expect(unwrap(source.getWallet(alice)).keys).toHaveLength(2);
    expect(exported.wallets.find((w) => w.id === alice)!.keys).toHaveLength(2);
    expect(exported.handovers).toHaveLength(1);
    // Two fresh in-memory keystores start from one empty state: the first append must not reach the other.
    const [a, b] = [Keystore.inMemory(), Keystore.inMemory()];
    const ids = await channelWallets(a);
    unwrap(await a.handOverKey(unwrap(await a.deriveKey(ids.alice, 'revocation')).id, ids.alice, ids.bob, 'revoke'));
    expect(b.handovers()).toEqual([]);
    expect(b.listWallets()).toEqual([]);
  });
});

describe('derived private keys kept in memory', () => {
  it('signs and hands over correctly with keys evicted from the kept ones, and with the newest', async () => {
    const keystore = Keystore.inMemory();
    const { alice, bob } = await channelWallets(keystore);
    const keys = [];
    for (let i = 0; i < DERIVED_KEYS_KEPT + 8; i++) keys.push(unwrap(await keystore.deriveKey(alice, 'revocation')));
    // Sign with the oldest (evicted long ago), then the newest, then the oldest again: each
    // signature must verify under its own key, so no eviction wiped a key still in use.
    for (const key of [keys[0]!, keys.at(-1)!, keys[1]!, keys[0]!]) {
      const sig = unwrap(keystore.signDigest(alice, key.id, digest));
      expect(verifyEcdsa(digest, fromHex(key.publicKey), sig.signature)).toBe(true);
    }
    unwrap(await keystore.handOverKey(keys[2]!.id, alice, bob, 'revoke 3'));
    const received = unwrap(keystore.signDigest(bob, keys[2]!.id, digest));
    expect(verifyEcdsa(digest, fromHex(keys[2]!.publicKey), received.signature)).toBe(true);
  });

  it('hands over a key it has just signed with (a kept key), and the receiver signs with it', async () => {
    const keystore = Keystore.inMemory();
    const { alice, bob } = await channelWallets(keystore);
    const key = unwrap(await keystore.deriveKey(alice, 'revocation'));
    const own = unwrap(keystore.signDigest(alice, key.id, digest));
    unwrap(await keystore.handOverKey(key.id, alice, bob, 'revoke 1'));
    const received = unwrap(keystore.signDigest(bob, key.id, digest));
    expect(verifyEcdsa(digest, fromHex(key.publicKey), received.signature)).toBe(true);
    // RFC 6979: the same key signs the same digest alike, so the key that moved is the one kept.
    expect(toHex(received.signature)).toBe(toHex(own.signature));
    expect(unwrap(keystore.signDigest(alice, key.id, digest)).signature).toEqual(own.signature);
  });

  it('derives the same keys again for a seed whose wallet was deleted and created anew', async () => {
    const keystore = Keystore.inMemory();
    const mnemonic = mnemonicFromEntropy(entropyFrom(9));
    const first = unwrap(await keystore.createWallet('Seeded', { mnemonic }));
    const keys = [];
    for (let i = 0; i < 3; i++) keys.push(unwrap(await keystore.deriveKey(first.id, 'revocation')));
    unwrap(await keystore.deleteWallet(first.id));
    const again = unwrap(await keystore.createWallet('Seeded again', { mnemonic }));
    for (const key of keys) {
      const derived = unwrap(await keystore.deriveKey(again.id, 'revocation'));
      expect(derived.publicKey).toBe(key.publicKey);
      expect(
        verifyEcdsa(
          digest,
          fromHex(derived.publicKey),
          unwrap(keystore.signDigest(again.id, derived.id, digest)).signature,
        ),
      ).toBe(true);
    }
  });
});

describe('handover ids', () => {
  it('are 8 random bytes in hex, all different, over more handovers than one draw of random bytes covers', async () => {
    const keystore = Keystore.inMemory();
    const { alice, bob } = await channelWallets(keystore);
    const ids = new Set<string>();
    for (let i = 0; i < 150; i++) {
      const key = unwrap(await keystore.deriveKey(alice, 'revocation'));
      const entry = unwrap(await keystore.handOverKey(key.id, alice, bob, `revoke ${i}`));
      expect(entry.id).toMatch(/^[0-9a-f]{16}$/);
      ids.add(entry.id);
    }
    expect(ids.size).toBe(150);
  });
});

describe('a growth whose write fails', () => {
  function failingDataWrites(broken: { on: boolean }): StoreFiles {
    return {
      ...DISK_FILES,
      write: (path, bytes, options) =>
        broken.on && path.endsWith(KEYSTORE_FILE)
          ? Promise.reject(new Error('ENOSPC: no space left on device'))
          : DISK_FILES.write(path, bytes, options),
    };
  }

  it('appends nothing, and the next key takes the index the failed one would have had', async () => {
    const dir = await tempDir();
    const broken = { on: false };
    const keystore = await openKeystore(dir, { files: failingDataWrites(broken) });
    const { alice, bob } = await channelWallets(keystore);
    const first = unwrap(await keystore.deriveKey(alice, 'revocation'));
    const before = keystore.exportWallets({ includePrivateKeys: false });

    broken.on = true;
    expect(errorOf(await keystore.deriveKey(alice, 'revocation'))).toMatchObject({
      code: 'INVALID_STATE',
      detail: 'IO',
    });
    expect(errorOf(await keystore.handOverKey(first.id, alice, bob, 'revoke 1'))).toMatchObject({
      code: 'INVALID_STATE',
      detail: 'IO',
    });
    expect(keystore.exportWallets({ includePrivateKeys: false })).toEqual(before);
    expect(errorOf(keystore.signDigest(bob, first.id, digest)).code).toBe('NOT_FOUND');

    broken.on = false;
    expect(unwrap(await keystore.deriveKey(alice, 'revocation')).index).toBe(1);
    unwrap(await keystore.handOverKey(first.id, alice, bob, 'revoke 1'));
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // What the file holds is what the keystore shows: each acknowledged change was written.
    const reopened = unwrap(await Keystore.open({ dir, kdf: TEST_KDF }));
    expect(reopened.exportWallets({ includePrivateKeys: true })).toEqual(
      keystore.exportWallets({ includePrivateKeys: true }),
    );
    expect(unwrap(reopened.getWallet(alice)).keys.map((k) => k.index)).toEqual([0, 0, 1]);
    expect(reopened.handovers()).toHaveLength(1);
  });
});
