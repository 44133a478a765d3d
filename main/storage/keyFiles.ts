/**
 * The key file of a store without a passphrase, and how a passphrase change swaps it without a
 * moment in which the data file's key is missing from disk.
 *
 * `<key>` (e.g. keystore.key) holds the key the data file needs: 32 raw bytes, mode 0600. A change
 * that ends in key-file mode writes the new key to `<key>.next`, then the data file sealed with it,
 * then renames `<key>.next` over `<key>`. A change that ends with a passphrase writes the data
 * file, then removes both. The key file is never overwritten in place, so at every moment the key
 * that opens the data file is on disk under one of the two names, and the data file's keyCheck
 * tells which. `settleKeyFiles` finishes (promote) or undoes (remove) whatever a change left.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { err, ok, type Result } from '../../shared/contract/result';
import { readFileIfExists, removeFileIfExists, renameDurably, writeFileAtomic, type WriteOptions } from './atomicFile';
import { isKeyOf, type Envelope, type KeyMaterial } from './envelope';

/** The file operations of a store, all atomic; tests swap in failing ones. IO failures reject. */
export interface StoreFiles {
  write(path: string, bytes: Uint8Array, options?: WriteOptions): Promise<void>;
  /** The bytes, or undefined when the file does not exist. */
  read(path: string): Promise<Uint8Array | undefined>;
  /** Replaces `to` with `from` (same folder) durably. */
  rename(from: string, to: string): Promise<void>;
  /** A missing file is not an error. */
  remove(path: string): Promise<void>;
}

export const DISK_FILES: StoreFiles = Object.freeze({
  write: writeFileAtomic,
  read: readFileIfExists,
  rename: renameDurably,
  remove: removeFileIfExists,
});

export interface KeyFilePaths {
  /** The key the data file needs once no change is under way. */
  readonly current: string;
  /** The key of a change to key-file mode, until it is promoted over `current`. */
  readonly next: string;
}

export const keyFilePathsFor = (keyFilePath: string): KeyFilePaths => ({
  current: keyFilePath,
  next: `${keyFilePath}.next`,
});

const KEY_BYTES = 32;

export const ioError = (action: string, error: unknown): Result<never> =>
  err('INVALID_STATE', `Could not ${action}: ${error instanceof Error ? error.message : String(error)}`, {
    detail: 'IO',
  });

const sameKey = (bytes: Uint8Array | undefined, key: Buffer): boolean =>
  bytes !== undefined && bytes.length === key.length && timingSafeEqual(bytes, key);

/** A fresh random key for key-file mode (not yet on disk). */
export const newFileKeys = (): KeyMaterial => ({ key: randomBytes(KEY_BYTES), kdf: { name: 'keyfile' } });

/** Writes `keys` (atomically, 0600) at `path`. */
export async function writeKeyFile(files: StoreFiles, path: string, keys: KeyMaterial): Promise<Result<void>> {
  try {
    await files.write(path, keys.key, { mode: 0o600 });
  } catch (error) {
    return ioError('write the key file', error);
  }
  return ok(undefined);
}

/** The current key file's key, or a new one when there is none (the store's first start). */
export async function loadOrCreateKeyFile(files: StoreFiles, paths: KeyFilePaths): Promise<Result<KeyMaterial>> {
  let bytes: Uint8Array | undefined;
  try {
    bytes = await files.read(paths.current);
  } catch (error) {
    return ioError('read the key file', error);
  }
  if (bytes === undefined) {
    const keys = newFileKeys();
    const written = await writeKeyFile(files, paths.current, keys);
    return written.ok ? ok(keys) : written;
  }
  if (bytes.length !== KEY_BYTES) return damagedKeyFile();
  return ok({ key: Buffer.from(bytes), kdf: { name: 'keyfile' } });
}

const damagedKeyFile = (): Result<never> =>
  err('INVALID_STATE', `The keystore key file is damaged (it must hold ${KEY_BYTES} bytes).`, {
    detail: 'KEY_FILE_MISMATCH',
  });

/** The key that opens a key-file envelope: the current key file's, else that of an interrupted change. */
export async function findFileKey(
  files: StoreFiles,
  paths: KeyFilePaths,
  envelope: Pick<Envelope, 'keyCheck'>,
): Promise<Result<Buffer>> {
  let current: Uint8Array | undefined;
  let next: Uint8Array | undefined;
  try {
    current = await files.read(paths.current);
    next = await files.read(paths.next);
  } catch (error) {
    return ioError('read the key file', error);
  }
  for (const bytes of [current, next]) {
    if (bytes?.length === KEY_BYTES && isKeyOf(envelope, Buffer.from(bytes))) return ok(Buffer.from(bytes));
  }
  if (current === undefined)
    return err('INVALID_STATE', 'The keystore key file is missing, so the keystore cannot be decrypted.', {
      detail: 'KEY_FILE_MISSING',
    });
  if (current.length !== KEY_BYTES) return damagedKeyFile();
  return err('INVALID_STATE', 'The keystore key file does not belong to this keystore.', {
    detail: 'KEY_FILE_MISMATCH',
  });
}

/**
 * Leaves exactly the key files that data sealed with `keys` needs: for key-file mode the key under
 * the current name (promoting `.next` if that is where it is) and no `.next`; for a passphrase none.
 * Call it only once the data file on disk is known to be sealed with `keys`.
 */
export async function settleKeyFiles(files: StoreFiles, paths: KeyFilePaths, keys: KeyMaterial): Promise<Result<void>> {
  try {
    if (keys.kdf.name === 'scrypt') {
      await files.remove(paths.next);
      await files.remove(paths.current);
      return ok(undefined);
    }
    const next = await files.read(paths.next);
    if (sameKey(next, keys.key)) {
      await files.rename(paths.next, paths.current);
      return ok(undefined);
    }
    if (!sameKey(await files.read(paths.current), keys.key)) {
      return err('INVALID_STATE', 'The keystore key file changed on disk while TxLab was using it.', {
        detail: 'KEY_FILE_MISMATCH',
      });
    }
    if (next !== undefined) await files.remove(paths.next);
    return ok(undefined);
  } catch (error) {
    return ioError('finish the key file change', error);
  }
}
