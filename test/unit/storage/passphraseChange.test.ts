/**
 * Passphrase changes in every direction: what is on disk afterwards, what a failed write leaves
 * (the old passphrase, in memory and on disk, and nothing stale), and how open resolves what an
 * interrupted change left. The SIGKILL test is test/unit/keystore/passphraseKill.test.ts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { EncryptedStore, type OpenOptions, type StoreFiles } from '../../../main/storage/encryptedStore';
import { DISK_FILES } from '../../../main/storage/keyFiles';
import { createStore, filesIn, openError, openOk, storeIn } from './storeHelpers';

const PAYLOAD = {
  wallets: [{ name: 'Alice', mnemonic: 'legal winner thank year wave sausage worth useful legal winner thank yellow' }],
};

type Passphrase = string | undefined;
/** from → to; none → none rotates the key file. */
const DIRECTIONS: ReadonlyArray<readonly [string, Passphrase, Passphrase]> = [
  ['none → passphrase', undefined, 'new pass'],
  ['passphrase → passphrase', 'old pass', 'new pass'],
  ['passphrase → none', 'old pass', undefined],
  ['none → none (key rotation)', undefined, undefined],
];

const canonicalFiles = (passphrase: Passphrase) => (passphrase ? ['store.json'] : ['store.json', 'store.key']);
const readKey = (options: OpenOptions) =>
  readFile(options.keyFilePath).then(
    (b) => b.toString('hex'),
    () => undefined,
  );

type Op = 'write' | 'read' | 'rename' | 'remove';
/**
 * File operations that fail on cue. `fail` sees each operation and says whether it fails before
 * doing anything, or after doing it (as a write whose folder fsync failed).
 */
function faultyFiles(fail: (op: Op, path: string) => 'before' | 'after' | undefined): StoreFiles {
  const run = async <T>(op: Op, path: string, act: () => Promise<T>): Promise<T> => {
    const when = fail(op, path);
    if (when === 'before') throw new Error(`injected ${op} failure`);
    const result = await act();
    if (when === 'after') throw new Error(`injected failure after ${op}`);
    return result;
  };
  return {
    write: (path, bytes, options) => run('write', path, () => DISK_FILES.write(path, bytes, options)),
    read: (path) => run('read', path, () => DISK_FILES.read(path)),
    rename: (from, to) => run('rename', from, () => DISK_FILES.rename(from, to)),
    remove: (path) => run('remove', path, () => DISK_FILES.remove(path)),
  };
}

/** A store in `from` mode whose file operations go through `files` once `armed` is set. */
async function storeWithFaults(from: Passphrase, fail: (op: Op, path: string) => 'before' | 'after' | undefined) {
  const armed = { on: false };
  const options = await storeIn({ passphrase: from });
  const files = faultyFiles((op, path) => (armed.on ? fail(op, path) : undefined));
  const store = await createStore({ ...options, files }, PAYLOAD);
  const keyBefore = await readKey(options);
  armed.on = true;
  return { options, store, keyBefore };
}

describe('passphrase change', () => {
  for (const [name, from, to] of DIRECTIONS) {
    it(`${name}: the new one opens, the old one does not, and only the needed files remain`, async () => {
      const { options, store, keyBefore } = await storeWithFaults(from, () => undefined);
      expect((await store.setPassphrase(to, PAYLOAD)).ok).toBe(true);
      expect(store.mode).toBe(to ? 'passphrase' : 'keyfile');
      expect(await filesIn(options.dir)).toEqual(canonicalFiles(to));
      expect((await openOk({ ...options, passphrase: to })).payload).toEqual(PAYLOAD);
      if (from !== to) expect((await EncryptedStore.open({ ...options, passphrase: from })).ok).toBe(false);
      if (!to) expect(await readKey(options)).not.toBe(keyBefore); // a fresh key, also when rotating
    });
  }
});

describe('a failed passphrase change leaves the old passphrase working and nothing stale', () => {
  for (const [name, from, to] of DIRECTIONS) {
    it(`${name}: the data write fails before its rename`, async () => {
      const { options, store, keyBefore } = await storeWithFaults(from, (op, path) =>
        op === 'write' && path.endsWith('store.json') ? 'before' : undefined,
      );
      expect((await store.setPassphrase(to, PAYLOAD)).ok).toBe(false);
      expect(store.mode).toBe(from ? 'passphrase' : 'keyfile');
      expect(await store.checkPassphrase(from)).toBe(true);
      expect(await filesIn(options.dir)).toEqual(canonicalFiles(from));
      expect(await readKey(options)).toBe(keyBefore);
      expect((await openOk({ ...options, passphrase: from })).payload).toEqual(PAYLOAD);
    });

    it(`${name}: the data write lands, then reports a failure (folder fsync): the new one is in effect`, async () => {
      const { options, store } = await storeWithFaults(from, (op, path) =>
        op === 'write' && path.endsWith('store.json') ? 'after' : undefined,
      );
      expect((await store.setPassphrase(to, PAYLOAD)).ok).toBe(true);
      expect(await store.checkPassphrase(to)).toBe(true);
      expect(await filesIn(options.dir)).toEqual(canonicalFiles(to));
      expect((await openOk({ ...options, passphrase: to })).payload).toEqual(PAYLOAD);
    });
  }

  it('the new key file cannot be written: nothing changes', async () => {
    const { options, store, keyBefore } = await storeWithFaults(undefined, (op, path) =>
      op === 'write' && path.endsWith('.next') ? 'before' : undefined,
    );
    expect((await store.setPassphrase(undefined, PAYLOAD)).ok).toBe(false);
    expect(await filesIn(options.dir)).toEqual(['store.json', 'store.key']);
    expect(await readKey(options)).toBe(keyBefore);
    expect((await store.write({ after: 1 })).ok).toBe(true);
    expect((await openOk(options)).payload).toEqual({ after: 1 });
  });

  it('the data write fails and the file cannot be read back: the store keeps working and settles later', async () => {
    let broken = true;
    const { options, store } = await storeWithFaults(undefined, (op, path) =>
      broken && path.endsWith('store.json') && (op === 'write' || op === 'read') ? 'before' : undefined,
    );
    expect((await store.setPassphrase('new pass', PAYLOAD)).ok).toBe(false);
    expect(store.mode).toBe('keyfile');
    broken = false;
    expect((await store.write({ after: 2 })).ok).toBe(true);
    expect((await store.setPassphrase(undefined, { after: 3 })).ok).toBe(true); // settles first, then rotates
    expect(await filesIn(options.dir)).toEqual(['store.json', 'store.key']);
    expect((await openOk(options)).payload).toEqual({ after: 3 });
  });

  it('the new key file cannot be promoted: the change holds, and the next change or open finishes it', async () => {
    let broken = true;
    const { options, store } = await storeWithFaults('old pass', (op) =>
      broken && op === 'rename' ? 'before' : undefined,
    );
    expect((await store.setPassphrase(undefined, PAYLOAD)).ok).toBe(true);
    expect(await filesIn(options.dir)).toEqual(['store.json', 'store.key.next']);
    const pendingKey = await readFile(`${options.keyFilePath}.next`);
    expect((await store.write({ after: 1 })).ok).toBe(true); // still sealed with the key under .next
    // The next rotation must not write over the key the data needs: it retries the promotion first.
    expect((await store.setPassphrase(undefined, { after: 2 })).ok).toBe(false);
    expect(await filesIn(options.dir)).toEqual(['store.json', 'store.key.next']);
    expect(await readFile(`${options.keyFilePath}.next`)).toEqual(pendingKey);
    broken = false;
    expect((await store.setPassphrase(undefined, { after: 3 })).ok).toBe(true);
    expect(await filesIn(options.dir)).toEqual(['store.json', 'store.key']);
    expect((await openOk({ ...options, passphrase: undefined })).payload).toEqual({ after: 3 });
  });

  it('the old key file cannot be removed: the passphrase holds, and the next open removes it', async () => {
    const { options, store } = await storeWithFaults(undefined, (op) => (op === 'remove' ? 'before' : undefined));
    expect((await store.setPassphrase('new pass', PAYLOAD)).ok).toBe(true);
    expect(store.mode).toBe('passphrase');
    expect(await filesIn(options.dir)).toEqual(['store.json', 'store.key']);
    expect((await openOk({ ...options, passphrase: 'new pass' })).payload).toEqual(PAYLOAD);
    expect(await filesIn(options.dir)).toEqual(['store.json']);
  });
});

describe('leftovers of an interrupted change are resolved on open', () => {
  it('data sealed with the pending key: .next is promoted over the old key file', async () => {
    const options = await storeIn();
    const store = await createStore(options, PAYLOAD);
    const oldKey = await readFile(options.keyFilePath);
    expect((await store.setPassphrase(undefined, PAYLOAD)).ok).toBe(true);
    const newKey = await readFile(options.keyFilePath);
    // As a kill after the data write and before the promotion leaves it:
    await writeFile(`${options.keyFilePath}.next`, newKey);
    await writeFile(options.keyFilePath, oldKey);
    expect((await openOk(options)).payload).toEqual(PAYLOAD);
    expect(await filesIn(options.dir)).toEqual(['store.json', 'store.key']);
    expect(await readFile(options.keyFilePath)).toEqual(newKey);
  });

  it('data sealed with the current key: a pending .next is removed', async () => {
    const options = await storeIn();
    await createStore(options, PAYLOAD);
    const key = await readFile(options.keyFilePath);
    await writeFile(`${options.keyFilePath}.next`, new Uint8Array(32).fill(7));
    expect((await openOk(options)).payload).toEqual(PAYLOAD);
    expect(await filesIn(options.dir)).toEqual(['store.json', 'store.key']);
    expect(await readFile(options.keyFilePath)).toEqual(key);
  });

  it('data under a passphrase: key files are removed, but only once the right passphrase opened it', async () => {
    const options = await storeIn({ passphrase: 'pw' });
    await createStore(options, PAYLOAD);
    await writeFile(options.keyFilePath, new Uint8Array(32).fill(1)); // none → passphrase, killed before the removal
    await writeFile(`${options.keyFilePath}.next`, new Uint8Array(32).fill(2)); // passphrase → none, killed before the data write
    expect(await openError({ ...options, passphrase: 'px' })).toMatchObject({ detail: 'WRONG_PASSPHRASE' });
    expect(await openError({ ...options, passphrase: undefined })).toMatchObject({ detail: 'PASSPHRASE_REQUIRED' });
    expect(await filesIn(options.dir)).toEqual(['store.json', 'store.key', 'store.key.next']);
    expect((await openOk(options)).payload).toEqual(PAYLOAD);
    expect(await filesIn(options.dir)).toEqual(['store.json']);
  });

  it('data sealed with a key that is on disk under neither name: refused, nothing touched', async () => {
    const options = await storeIn();
    await createStore(options, PAYLOAD);
    await writeFile(`${options.keyFilePath}.next`, new Uint8Array(32).fill(3));
    await writeFile(options.keyFilePath, new Uint8Array(32).fill(4));
    expect(await openError(options)).toMatchObject({ detail: 'KEY_FILE_MISMATCH' });
    expect(await filesIn(options.dir)).toEqual(['store.json', 'store.key', 'store.key.next']);
  });
});

describe('a change stopped after any number of file operations (the disk frozen, as by a kill)', () => {
  for (const [name, from, to] of DIRECTIONS) {
    it(`${name}: the old or the new passphrase opens, the new one once the change was acknowledged`, async () => {
      const outcomes = { old: 0, new: 0 };
      let total: number;
      for (let allowed = 0; ; allowed++) {
        let done = 0;
        const { options, store, keyBefore } = await storeWithFaults(from, (op) => {
          if (done >= allowed) return 'before'; // from here on the process is "dead"
          if (op !== 'read') done++;
          return undefined;
        });
        const result = await store.setPassphrase(to, PAYLOAD);
        const asOld = await EncryptedStore.open({ ...options, passphrase: from });
        // none → none: both open without a passphrase; the key file tells old from new.
        const isOld = asOld.ok && (from !== undefined || to !== undefined || (await readKey(options)) === keyBefore);
        const opened = isOld ? asOld : await EncryptedStore.open({ ...options, passphrase: to });
        if (!opened.ok)
          throw new Error(
            `${name}, stopped after ${allowed} operations: neither passphrase opens (${opened.error.detail})`,
          );
        expect(opened.value.payload).toEqual(PAYLOAD);
        expect({ allowed, files: await filesIn(options.dir) }).toEqual({
          allowed,
          files: canonicalFiles(isOld ? from : to),
        });
        if (result.ok) expect({ allowed, outcome: isOld ? 'old' : 'new' }).toEqual({ allowed, outcome: 'new' });
        outcomes[isOld ? 'old' : 'new']++;
        if (done < allowed) {
          total = done; // the whole change fit: every stopping point was tried
          break;
        }
      }
      console.log(
        `${name}: ${total} file operations; ${outcomes.old + outcomes.new} runs (stopped before each, after the last, not at all): ${outcomes.old} old, ${outcomes.new} new`,
      );
      expect(outcomes.old).toBeGreaterThan(0);
      expect(outcomes.new).toBeGreaterThan(0);
    });
  }
});
