/**
 * The file keystore makes the changes asked for while a write is under way in one later write
 * (changes.ts): fewer fsyncs when both sides of a channel derive or revoke at once. Nobody may be
 * answered before the write holding their change is on disk, and a failed write fails them all.
 */
import { describe, expect, it } from 'vitest';
import { Keystore, KEYSTORE_FILE } from '../../../main/keystore/keystore';
import { DISK_FILES, type StoreFiles } from '../../../main/storage/keyFiles';
import { errorOf, openKeystore, tempDir, TEST_KDF, unwrap } from './helpers';

/** Disk operations that count the data file's writes and can hold them or make them fail. */
function watchedFiles(): { files: StoreFiles; writes: () => number; hold: () => () => void; failing: { on: boolean } } {
  let writes = 0;
  let gate: Promise<void> | undefined;
  const failing = { on: false };
  const files: StoreFiles = {
    ...DISK_FILES,
    write: async (path, bytes, options) => {
      if (!path.endsWith(KEYSTORE_FILE)) return DISK_FILES.write(path, bytes, options);
      writes++;
      if (gate) await gate;
      if (failing.on) throw new Error('ENOSPC: no space left on device');
      return DISK_FILES.write(path, bytes, options);
    },
  };
  const hold = () => {
    let release = () => {};
    gate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      gate = undefined;
      release();
    };
  };
  return { files, writes: () => writes, hold, failing };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('changes that wait together', () => {
  it('writes concurrent changes once, in the order asked, and the file holds them all', async () => {
    const dir = await tempDir();
    const watched = watchedFiles();
    const keystore = await openKeystore(dir, { files: watched.files });
    const before = watched.writes();
    const keys = (await Promise.all(Array.from({ length: 10 }, () => keystore.deriveKey('alice', 'htlc')))).map(unwrap);
    expect(keys.map((k) => k.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(watched.writes() - before).toBe(1);
    const reopened = unwrap(await Keystore.open({ dir, kdf: TEST_KDF }));
    expect(reopened.exportWallets({ includePrivateKeys: true })).toEqual(
      keystore.exportWallets({ includePrivateKeys: true }),
    );
  });

  it('answers nobody before the write is on disk; changes asked meanwhile go in the next write', async () => {
    const watched = watchedFiles();
    const keystore = await openKeystore(await tempDir(), { files: watched.files });
    const before = watched.writes();
    const release = watched.hold();
    const answered: number[] = [];
    const first = [0, 1, 2].map((n) => keystore.deriveKey('bob', 'funding').then((r) => (answered.push(n), r)));
    await settle();
    const later = keystore.handOverKey('bob/funding/0', 'bob', 'carol', 'revoke').then((r) => (answered.push(3), r));
    await settle();
    expect(answered).toEqual([]);
    expect(unwrap(keystore.getWallet('bob')).keys.filter((k) => k.purpose === 'funding')).toEqual([]);
    release();
    expect((await Promise.all(first)).map((r) => unwrap(r).index)).toEqual([0, 1, 2]);
    unwrap(await later);
    expect(answered).toEqual([0, 1, 2, 3]);
    expect(watched.writes() - before).toBe(2);
    expect(keystore.handovers().map((h) => h.keyId)).toEqual(['bob/funding/0']);
  });

  it('fails every change of a failed write and keeps the state; a refused change does not spoil the others', async () => {
    const watched = watchedFiles();
    const keystore = await openKeystore(await tempDir(), { files: watched.files });
    const before = keystore.exportWallets({ includePrivateKeys: true });
    watched.failing.on = true;
    const [derived, renamed, derivedAgain] = await Promise.all([
      keystore.deriveKey('alice', 'swap'),
      keystore.renameWallet('dave', 'David'),
      keystore.deriveKey('alice', 'swap'),
    ]);
    for (const error of [errorOf(derived), errorOf(renamed), errorOf(derivedAgain)])
      expect(error).toMatchObject({ code: 'INVALID_STATE', detail: 'IO' });
    expect(keystore.exportWallets({ includePrivateKeys: true })).toEqual(before);

    watched.failing.on = false;
    const [good, refused, alsoGood] = await Promise.all([
      keystore.deriveKey('alice', 'swap'),
      keystore.deriveKey('nobody', 'swap'),
      keystore.renameWallet('dave', 'David'),
    ]);
    expect(unwrap(good).index).toBe(0);
    expect(errorOf(refused).code).toBe('NOT_FOUND');
    expect(unwrap(alsoGood).name).toBe('David');
  });
});
