/**
 * The keystore's files as the app meets them: folders written by the previous format (v1), and a
 * passphrase change whose data write fails (the wallets and the old passphrase stay).
 */
import { cp, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BIP32Factory } from 'bip32';
import { mnemonicToSeedSync } from 'bip39';
import * as ecc from 'tiny-secp256k1';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../shared/bitcoin/bytes';
import { verifyEcdsa } from '../../../shared/bitcoin/ecdsa';
import { Keystore, KEYSTORE_FILE } from '../../../main/keystore/keystore';
import type { StoreFiles } from '../../../main/storage/encryptedStore';
import { DISK_FILES } from '../../../main/storage/keyFiles';
import { errorOf, openKeystore, tempDir, TEST_KDF, unwrap } from './helpers';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const digest = Uint8Array.from({ length: 32 }, (_, i) => i * 3);

async function fixtureCopy(name: string): Promise<{ dir: string; expected: unknown }> {
  const dir = await tempDir();
  await cp(join(FIXTURES, name), dir, { recursive: true });
  return { dir, expected: JSON.parse(await readFile(join(FIXTURES, `${name}.expected.json`), 'utf8')) as unknown };
}

const versionOf = async (dir: string) =>
  (JSON.parse(await readFile(join(dir, KEYSTORE_FILE), 'utf8')) as { version: number }).version;

describe('keystore folders written by format version 1', () => {
  for (const [name, passphrase] of [
    ['v1-passphrase', 'correct horse v1'],
    ['v1-keyfile', undefined],
  ] as const) {
    it(`${name}: same wallets, keys and handovers; a passphrase change writes version 2`, async () => {
      const { dir, expected } = await fixtureCopy(name);
      expect(await versionOf(dir)).toBe(1);
      const keystore = await openKeystore(dir, passphrase === undefined ? {} : { passphrase });
      expect(keystore.exportWallets({ includePrivateKeys: false })).toEqual(expected);
      expect(keystore.handovers().map((h) => [h.keyLabel, h.fromWalletId, h.toWalletId])).toEqual([
        ['Alice2', 'alice', 'bob'],
      ]);

      // The mnemonics are the ones the public keys came from.
      const secret = keystore.exportWallets({ includePrivateKeys: true });
      for (const wallet of secret.wallets) {
        const root = BIP32Factory(ecc).fromSeed(mnemonicToSeedSync(wallet.mnemonic!));
        expect(toHex(root.derivePath("m/84'/1'/0'/0/0").publicKey)).toBe(
          wallet.keys.find((k) => k.purpose === 'receive')!.publicKey,
        );
      }
      const key = unwrap(keystore.getWallet('bob')).keys.find((k) => k.label === 'Alice2')!;
      const signed = unwrap(keystore.signDigest('bob', key.id, digest));
      expect(verifyEcdsa(digest, signed.publicKey, signed.signature)).toBe(true);

      unwrap(await keystore.changePassphrase(passphrase, 'after v1'));
      expect(await versionOf(dir)).toBe(2);
      expect(await readdir(dir)).toEqual([KEYSTORE_FILE]);
      expect((await openKeystore(dir, { passphrase: 'after v1' })).exportWallets({ includePrivateKeys: true })).toEqual(
        secret,
      );
    });
  }
});

describe('a passphrase change whose data write fails', () => {
  /** Disk operations, except that writes of the data file fail while `broken.on` is set. */
  function failingDataWrites(broken: { on: boolean }): StoreFiles {
    return {
      ...DISK_FILES,
      write: (path, bytes, options) =>
        broken.on && path.endsWith(KEYSTORE_FILE)
          ? Promise.reject(new Error('ENOSPC: no space left on device'))
          : DISK_FILES.write(path, bytes, options),
    };
  }

  for (const [from, to] of [
    [undefined, 'new'],
    ['old', 'new'],
    ['old', undefined],
    [undefined, undefined],
  ] as const) {
    it(`${from ?? 'none'} → ${to ?? 'none'}: reports IO, keeps the old passphrase and the wallets, leaves nothing behind`, async () => {
      const dir = await tempDir();
      const broken = { on: false };
      const keystore = await openKeystore(dir, {
        files: failingDataWrites(broken),
        ...(from === undefined ? {} : { passphrase: from }),
      });
      const wallets = keystore.exportWallets({ includePrivateKeys: true });
      const filesBefore = await readdir(dir);
      const keyBefore = await readFile(join(dir, 'keystore.key')).catch(() => undefined);

      broken.on = true;
      expect(errorOf(await keystore.changePassphrase(from, to))).toMatchObject({ code: 'INVALID_STATE', detail: 'IO' });
      expect(keystore.hasPassphrase).toBe(from !== undefined);
      expect((await readdir(dir)).sort()).toEqual(filesBefore.sort());
      expect(await readFile(join(dir, 'keystore.key')).catch(() => undefined)).toEqual(keyBefore);

      // The same keystore keeps working under the old passphrase, and so does the disk.
      broken.on = false;
      unwrap(await keystore.renameWallet('carol', 'Caroline'));
      const reopened = unwrap(
        await Keystore.open({ dir, kdf: TEST_KDF, ...(from === undefined ? {} : { passphrase: from }) }),
      );
      expect(reopened.exportWallets({ includePrivateKeys: true }).wallets.map((w) => w.mnemonic)).toEqual(
        wallets.wallets.map((w) => w.mnemonic),
      );
      expect(unwrap(reopened.getWallet('carol')).name).toBe('Caroline');
      // And the change succeeds once the disk does.
      unwrap(await keystore.changePassphrase(from, to));
      expect((await openKeystore(dir, to === undefined ? {} : { passphrase: to })).listWallets()).toEqual(
        keystore.listWallets(),
      );
    });
  }
});
