/** Shared set-up for encrypted-store tests: temp folders, cheap scrypt, unwrapping open results. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { EncryptedStore, type OpenOptions } from '../../../main/storage/encryptedStore';

/** Cheap scrypt so tests do not spend 100 ms per open; the format is the same. */
export const KDF = { N: 1024, r: 8, p: 1 } as const;

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

export async function storeIn(extra: Partial<OpenOptions> = {}): Promise<OpenOptions & { readonly dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'txlab-store-'));
  dirs.push(dir);
  return { dir, dataPath: join(dir, 'store.json'), keyFilePath: join(dir, 'store.key'), kdf: KDF, ...extra };
}

export async function openOk(options: OpenOptions): Promise<{ store: EncryptedStore; payload: unknown }> {
  const opened = await EncryptedStore.open(options);
  if (!opened.ok)
    throw new Error(
      `expected the store to open, got ${opened.error.code} ${opened.error.detail ?? ''}: ${opened.error.message}`,
    );
  return opened.value;
}

export async function openError(options: OpenOptions): Promise<{ code: string; detail?: string }> {
  const opened = await EncryptedStore.open(options);
  if (opened.ok) throw new Error('expected the store to refuse to open');
  return opened.error;
}

/** A new store with `payload` written under `passphrase` (none: key-file mode). */
export async function createStore(options: OpenOptions, payload: unknown): Promise<EncryptedStore> {
  const { store, payload: existing } = await openOk(options);
  if (existing !== undefined) throw new Error('expected an empty folder');
  const written = await store.write(payload);
  if (!written.ok) throw new Error(written.error.message);
  return store;
}

export const filesIn = async (dir: string): Promise<string[]> => (await readdir(dir)).sort();
