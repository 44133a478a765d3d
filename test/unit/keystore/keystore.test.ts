import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BIP32Factory } from 'bip32';
import { entropyToMnemonic, mnemonicToSeedSync } from 'bip39';
import { payments } from 'bitcoinjs-lib';
import fc from 'fast-check';
import * as ecc from 'tiny-secp256k1';
import { describe, expect, it } from 'vitest';
import { concat, fromHex, toHex } from '../../../shared/bitcoin/bytes';
import { verifyEcdsa } from '../../../shared/bitcoin/ecdsa';
import { hasLowS, isValidSignatureEncoding } from '../../../shared/bitcoin/signatureEncoding';
import { seedFromMnemonic } from '../../../main/keystore/derivation';
import { DEFAULT_WALLET_NAMES, Keystore, KEYSTORE_FILE, KEYSTORE_KEY_FILE } from '../../../main/keystore/keystore';
import { EncryptedStore } from '../../../main/storage/encryptedStore';
import { expectBilingual } from '../contract/bilingual';
import { entropyFrom, errorOf, openKeystore, tempDir, TEST_KDF, unwrap } from './helpers';

const digestOf = (n: number): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => (n * 13 + i) & 0xff);

describe('default wallets', () => {
  it('creates Alice, Bob, Carol, Dave, Exchange and Mallory on first open, each with a receiving key', async () => {
    const keystore = await openKeystore(await tempDir());
    const wallets = keystore.listWallets();
    expect(wallets.map((w) => w.name)).toEqual([...DEFAULT_WALLET_NAMES]);
    expect(wallets.map((w) => w.id)).toEqual(['alice', 'bob', 'carol', 'dave', 'exchange', 'mallory']);
    expect(wallets.map((w) => w.order)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const wallet of wallets) {
      expect(wallet.watchOnly).toBe(false);
      expect(wallet.keys).toHaveLength(1);
      expect(wallet.keys[0]).toMatchObject({
        purpose: 'receive',
        index: 0,
        path: "m/84'/1'/0'/0/0",
        label: `${wallet.name} receive 0`,
        origin: 'derived',
        canSign: true,
      });
    }
    // Fresh randomness per wallet: six different keys.
    expect(new Set(wallets.map((w) => w.keys[0]!.publicKey)).size).toBe(6);
  });
});

describe('create, rename, delete', () => {
  it('validates names and reports failures as Result codes', async () => {
    const keystore = await openKeystore(await tempDir());
    expect(errorOf(await keystore.createWallet('   '))).toMatchObject({ code: 'BAD_REQUEST', path: 'name' });
    expect(errorOf(await keystore.createWallet('x'.repeat(41)))).toMatchObject({ code: 'BAD_REQUEST', path: 'name' });
    expect(errorOf(await keystore.createWallet('  aLiCe '))).toMatchObject({
      code: 'BAD_REQUEST',
      detail: 'DUPLICATE_NAME',
    });
    const shortEntropy = await keystore.createWallet('Eve', { entropy: new Uint8Array(15) });
    expect(errorOf(shortEntropy)).toMatchObject({ code: 'BAD_REQUEST', path: 'entropy' });
    expectBilingual(shortEntropy, 'host.keystore.entropySize', 'Entropy must be 16 to 32 bytes, a multiple of 4.');

    const eve = unwrap(await keystore.createWallet('  Eve  '));
    expect(eve).toMatchObject({ name: 'Eve', order: 7, id: 'eve-7' });
    expect(unwrap(await keystore.createWallet('x'.repeat(40))).name).toHaveLength(40);

    expect(errorOf(await keystore.renameWallet(eve.id, 'BOB'))).toMatchObject({
      code: 'BAD_REQUEST',
      detail: 'DUPLICATE_NAME',
    });
    expect(errorOf(await keystore.renameWallet('nobody', 'Zed'))).toMatchObject({ code: 'NOT_FOUND' });
    expect(unwrap(await keystore.renameWallet(eve.id, 'EVE')).name).toBe('EVE'); // its own name in another case
    expect(unwrap(await keystore.renameWallet(eve.id, 'Eve the eavesdropper')).id).toBe(eve.id);

    expect(errorOf(await keystore.deleteWallet('nobody'))).toMatchObject({ code: 'NOT_FOUND' });
    expect(unwrap(await keystore.deleteWallet(eve.id))).toEqual({ id: eve.id });
    expect(keystore.listWallets().some((w) => w.id === eve.id)).toBe(false);
    expect(errorOf(keystore.ownedKeys(eve.id)).code).toBe('NOT_FOUND');
    // The name is free again; the order is not reused.
    expect(unwrap(await keystore.createWallet('Eve the eavesdropper')).order).toBe(9);
  });

  it('refuses a second wallet with the same seed', async () => {
    const keystore = await openKeystore(await tempDir());
    unwrap(await keystore.createWallet('Eve', { entropy: entropyFrom(1) }));
    expect(errorOf(await keystore.createWallet('Eve2', { entropy: entropyFrom(1) }))).toMatchObject({
      code: 'INVALID_STATE',
      detail: 'DUPLICATE_SEED',
    });
  });
});

describe('keys by purpose', () => {
  it('derives the same keys from the same entropy, matching an independent bip32 derivation', async () => {
    const entropy = entropyFrom(7, 32);
    const a = await openKeystore(await tempDir());
    const b = await openKeystore(await tempDir());
    const keysOf = async (keystore: Keystore) => {
      const eve = unwrap(await keystore.createWallet('Eve', { entropy }));
      const out = [eve.keys[0]!];
      for (const purpose of ['funding', 'revocation', 'revocation', 'htlc', 'swap', 'change'] as const)
        out.push(unwrap(await keystore.deriveKey(eve.id, purpose)));
      return out;
    };
    const keysA = await keysOf(a);
    const keysB = await keysOf(b);
    expect(keysA.map((k) => k.publicKey)).toEqual(keysB.map((k) => k.publicKey));
    expect(new Set(keysA.map((k) => k.publicKey)).size).toBe(keysA.length);

    const revocation = keysA.filter((k) => k.purpose === 'revocation');
    expect(revocation.map((k) => [k.label, k.index, k.path])).toEqual([
      ['Eve2', 0, "m/84'/1'/0'/3'/0'"],
      ['Eve3', 1, "m/84'/1'/0'/3'/1'"],
    ]);

    const root = BIP32Factory(ecc).fromSeed(mnemonicToSeedSync(entropyToMnemonic(toHex(entropy))));
    for (const key of keysA) {
      const expected = root.derivePath(key.path).publicKey;
      expect(key.publicKey).toBe(toHex(expected));
      expect(key.pubKeyHash).toBe(toHex(payments.p2wpkh({ pubkey: expected }).hash!));
    }
    expect(keysA[0]!.publicKey).toBe(toHex(root.derivePath("m/84'/1'/0'/0/0").publicKey));
  });

  it('creates a wallet from a mnemonic with the same keys as from its entropy', async () => {
    const entropy = entropyFrom(11);
    const a = await openKeystore(await tempDir());
    const b = await openKeystore(await tempDir());
    const fromEntropy = unwrap(await a.createWallet('Eve', { entropy }));
    const mnemonic = a.exportMnemonicsDangerously().get(fromEntropy.id)!;
    expect(mnemonic).toBe(entropyToMnemonic(toHex(entropy)));
    const fromMnemonic = unwrap(await b.createWallet('Eve', { mnemonic: `  ${mnemonic.replace(/ /g, '   ')} ` }));
    expect(fromMnemonic.keys).toEqual(fromEntropy.keys);
    const badMnemonic = await b.createWallet('Zed', { mnemonic: 'abandon abandon abandon' });
    expect(errorOf(badMnemonic)).toMatchObject({ code: 'BAD_REQUEST', path: 'mnemonic' });
    expectBilingual(badMnemonic, 'host.keystore.badMnemonic', 'Not a valid BIP39 mnemonic (English word list).');
    const both = await b.createWallet('Zed', { mnemonic, entropy });
    expect(errorOf(both)).toMatchObject({ code: 'BAD_REQUEST', path: 'mnemonic' });
    expectBilingual(both, 'host.keystore.entropyAndMnemonic', 'Give entropy or a mnemonic, not both.');
  });

  it('takes custom labels and rejects bad input', async () => {
    const keystore = await openKeystore(await tempDir());
    expect(unwrap(await keystore.deriveKey('alice', 'htlc', '  HTLC for Carol ')).label).toBe('HTLC for Carol');
    expect(errorOf(await keystore.deriveKey('alice', 'htlc', ''))).toMatchObject({
      code: 'BAD_REQUEST',
      path: 'label',
    });
    expect(errorOf(await keystore.deriveKey('nobody', 'htlc'))).toMatchObject({ code: 'NOT_FOUND' });
    const bogus = await keystore.deriveKey('alice', 'bogus' as 'htlc');
    expect(errorOf(bogus)).toMatchObject({ code: 'BAD_REQUEST', path: 'purpose' });
    expectBilingual(bogus, 'host.keystore.unknownPurpose', 'Unknown key purpose "bogus".');
  });

  it('relabels default labels when the wallet is renamed', async () => {
    const keystore = await openKeystore(await tempDir());
    unwrap(await keystore.deriveKey('alice', 'revocation'));
    unwrap(await keystore.renameWallet('alice', 'Alicia'));
    expect(unwrap(keystore.getWallet('alice')).keys.map((k) => k.label)).toEqual(['Alicia receive 0', 'Alicia2']);
  });
});

describe('signDigest', () => {
  it('gives deterministic, strict-DER, low-S signatures that verify', async () => {
    const keystore = await openKeystore(await tempDir());
    const funding = unwrap(await keystore.deriveKey('bob', 'funding'));
    const other = unwrap(await keystore.deriveKey('carol', 'funding'));
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (digest) => {
        const { signature, publicKey } = unwrap(keystore.signDigest('bob', funding.id, digest));
        expect(toHex(publicKey)).toBe(funding.publicKey);
        expect(verifyEcdsa(digest, publicKey, signature)).toBe(true);
        expect(verifyEcdsa(digest, fromHex(other.publicKey), signature)).toBe(false);
        expect(isValidSignatureEncoding(concat(signature, Uint8Array.of(0x01)))).toBe(true);
        expect(hasLowS(signature)).toBe(true);
        expect(toHex(unwrap(keystore.signDigest('bob', funding.id, digest)).signature)).toBe(toHex(signature)); // RFC 6979
      }),
      { numRuns: 200, seed: 42 },
    );
  });

  it('refuses unknown wallets and keys, others’ keys and bad digests', async () => {
    const keystore = await openKeystore(await tempDir());
    const key = unwrap(await keystore.deriveKey('alice', 'funding'));
    expect(errorOf(keystore.signDigest('nobody', key.id, digestOf(1))).code).toBe('NOT_FOUND');
    expect(errorOf(keystore.signDigest('bob', key.id, digestOf(1))).code).toBe('NOT_FOUND');
    expect(errorOf(keystore.signDigest('alice', 'alice/funding/9', digestOf(1))).code).toBe('NOT_FOUND');
    const short = keystore.signDigest('alice', key.id, new Uint8Array(31));
    expect(errorOf(short)).toMatchObject({ code: 'BAD_REQUEST', path: 'digest' });
    expectBilingual(short, 'host.keystore.digestSize', 'The digest must be 32 bytes.');
  });
});

describe('passphrase', () => {
  it('refuses a wrong or missing passphrase and unlocks with the right one', async () => {
    const dir = await tempDir();
    const first = await openKeystore(dir, { passphrase: 'correct horse' });
    expect(first.hasPassphrase).toBe(true);
    const names = first.listWallets();
    expect(errorOf(await Keystore.open({ dir, passphrase: 'wrong horse', kdf: TEST_KDF }))).toMatchObject({
      code: 'KEYSTORE_LOCKED',
      detail: 'WRONG_PASSPHRASE',
    });
    expect(errorOf(await Keystore.open({ dir, kdf: TEST_KDF }))).toMatchObject({
      code: 'KEYSTORE_LOCKED',
      detail: 'PASSPHRASE_REQUIRED',
    });
    expect((await openKeystore(dir, { passphrase: 'correct horse' })).listWallets()).toEqual(names);
  });

  it('changes the passphrase, removes it, and sets it again', async () => {
    const dir = await tempDir();
    const keystore = await openKeystore(dir);
    expect(keystore.hasPassphrase).toBe(false);
    expect(errorOf(await keystore.changePassphrase('guess', 'new one'))).toMatchObject({
      code: 'KEYSTORE_LOCKED',
      detail: 'WRONG_PASSPHRASE',
    });
    unwrap(await keystore.changePassphrase(undefined, 'first'));
    expect(errorOf(await Keystore.open({ dir, kdf: TEST_KDF }))).toMatchObject({ code: 'KEYSTORE_LOCKED' });
    unwrap(await keystore.changePassphrase('first', 'second'));
    expect(errorOf(await Keystore.open({ dir, passphrase: 'first', kdf: TEST_KDF })).detail).toBe('WRONG_PASSPHRASE');
    expect((await openKeystore(dir, { passphrase: 'second' })).listWallets()).toEqual(keystore.listWallets());
    unwrap(await keystore.changePassphrase('second', ''));
    expect((await openKeystore(dir)).listWallets()).toEqual(keystore.listWallets());
    expect(errorOf(await Keystore.open({ dir, passphrase: 'second', kdf: TEST_KDF })).detail).toBe('NO_PASSPHRASE_SET');
  });
});

describe('startup failures', () => {
  it('says in both languages that the data folder cannot be made', async () => {
    const file = join(await tempDir(), 'a-file');
    await writeFile(file, 'not a folder');
    const dir = join(file, 'data');
    // The operating system's own words for the failure, got here without the keystore.
    const osWords = await mkdir(dir, { recursive: true }).then(
      () => 'made',
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    const opened = await Keystore.open({ dir, kdf: TEST_KDF });
    expect(errorOf(opened)).toMatchObject({ code: 'INVALID_STATE', detail: 'IO' });
    expectBilingual(opened, 'host.keystore.dataFolder', `Could not create the data folder: ${osWords}`);
  });

  it('says in both languages that a keystore file decrypted to something that is no keystore', async () => {
    const dir = await tempDir();
    const store = await EncryptedStore.open({
      dataPath: join(dir, KEYSTORE_FILE),
      keyFilePath: join(dir, KEYSTORE_KEY_FILE),
      kdf: TEST_KDF,
    });
    if (!store.ok) throw new Error(store.error.message);
    unwrap(await store.value.store.write({ wallets: 'not a list' }));
    const before = await readFile(join(dir, KEYSTORE_FILE));
    const opened = await Keystore.open({ dir, kdf: TEST_KDF });
    expect(errorOf(opened)).toMatchObject({ code: 'INVALID_STATE', detail: 'CORRUPT' });
    expectBilingual(
      opened,
      'host.keystore.damaged',
      'The keystore file decrypted but its contents are damaged; it was left untouched.',
    );
    expect(await readFile(join(dir, KEYSTORE_FILE))).toEqual(before);
  });
});

describe('persistence', () => {
  it('restores wallets, keys, labels, handovers and signatures after reopening', async () => {
    const dir = await tempDir();
    const keystore = await openKeystore(dir, { passphrase: 'pw' });
    unwrap(await keystore.createWallet('Eve', { entropy: entropyFrom(3) }));
    unwrap(await keystore.renameWallet('carol', 'Caroline'));
    unwrap(await keystore.deleteWallet('dave'));
    const swap = unwrap(await keystore.deriveKey('alice', 'swap', 'BTC leg'));
    const alice2 = unwrap(await keystore.deriveKey('alice', 'revocation'));
    unwrap(await keystore.handOverKey(alice2.id, 'alice', 'bob', 'revoke C1a'));

    const reopened = await openKeystore(dir, { passphrase: 'pw' });
    expect(reopened.listWallets()).toEqual(keystore.listWallets());
    expect(reopened.handovers()).toEqual(keystore.handovers());
    expect(reopened.exportWallets({ includePrivateKeys: true })).toEqual(
      keystore.exportWallets({ includePrivateKeys: true }),
    );
    expect(unwrap(reopened.signDigest('alice', swap.id, digestOf(5)))).toEqual(
      unwrap(keystore.signDigest('alice', swap.id, digestOf(5))),
    );
    // Order survives a reopen: the next wallet is the 8th, even though Dave was deleted.
    expect(unwrap(await reopened.createWallet('Frank')).order).toBe(8);
  });

  it('applies concurrent changes one after another', async () => {
    const keystore = await openKeystore(await tempDir());
    const results = await Promise.all(Array.from({ length: 10 }, () => keystore.deriveKey('alice', 'htlc')));
    expect(results.map((r) => unwrap(r).index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('BIP39 seed', () => {
  it("is bip39's mnemonicToSeedSync, from Node's PBKDF2", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (entropy) => {
        const mnemonic = entropyToMnemonic(toHex(entropy));
        expect(toHex(seedFromMnemonic(mnemonic))).toBe(toHex(mnemonicToSeedSync(mnemonic)));
      }),
      { numRuns: 5 },
    );
  });
});
