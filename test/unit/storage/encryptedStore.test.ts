import { mkdtemp, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checksumOf } from '../../../main/storage/envelope';
import { EncryptedStore, type OpenOptions } from '../../../main/storage/encryptedStore';

const KDF = { N: 1024, r: 8, p: 1 };
const SECRET_PAYLOAD = {
  wallets: [
    { name: 'Mallory', mnemonic: 'legal winner thank year wave sausage worth useful legal winner thank yellow' },
  ],
};

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function paths(extra: Partial<OpenOptions> = {}): Promise<OpenOptions> {
  const dir = await mkdtemp(join(tmpdir(), 'txlab-store-'));
  dirs.push(dir);
  return { dataPath: join(dir, 'store.json'), keyFilePath: join(dir, 'store.key'), kdf: KDF, ...extra };
}

async function create(options: OpenOptions, payload: unknown = SECRET_PAYLOAD): Promise<EncryptedStore> {
  const opened = await EncryptedStore.open(options);
  if (!opened.ok) throw new Error(opened.error.message);
  expect(opened.value.payload).toBeUndefined();
  const written = await opened.value.store.write(payload);
  expect(written.ok).toBe(true);
  return opened.value.store;
}

async function openError(options: OpenOptions): Promise<{ code: string; detail?: string }> {
  const opened = await EncryptedStore.open(options);
  if (opened.ok) throw new Error('expected the store to refuse to open');
  return opened.error;
}

async function editEnvelope(path: string, edit: (envelope: Record<string, unknown>) => void): Promise<void> {
  const envelope = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  edit(envelope);
  await writeFile(path, JSON.stringify(envelope));
}

describe('encrypted store', () => {
  it('without a passphrase: encrypted with a 0600 key file, never plaintext on disk', async () => {
    const options = await paths();
    const store = await create(options);
    expect(store.mode).toBe('keyfile');
    const onDisk = await readFile(options.dataPath, 'utf8');
    expect(onDisk).not.toContain('Mallory');
    expect(onDisk).not.toContain('sausage');
    const envelope = JSON.parse(onDisk) as {
      format: string;
      version: number;
      kdf: { name: string };
      cipher: { name: string; iv: string };
      checksum: string;
    };
    expect(envelope).toMatchObject({
      format: 'txlab-encrypted-store',
      version: 2,
      kdf: { name: 'keyfile' },
      cipher: { name: 'aes-256-gcm' },
    });
    expect(envelope.cipher.iv).toMatch(/^[0-9a-f]{24}$/);
    expect(envelope.checksum).toMatch(/^[0-9a-f]{64}$/);
    if (process.platform !== 'win32') {
      expect((await stat(options.keyFilePath)).mode & 0o777).toBe(0o600);
      expect((await stat(options.dataPath)).mode & 0o777).toBe(0o600);
    }
    expect((await readFile(options.keyFilePath)).length).toBe(32);
    const reopened = await EncryptedStore.open(options);
    expect(reopened.ok && reopened.value.payload).toEqual(SECRET_PAYLOAD);
  });

  it('uses a fresh IV on every write', async () => {
    const options = await paths();
    const store = await create(options);
    const first = await readFile(options.dataPath, 'utf8');
    await store.write(SECRET_PAYLOAD);
    const second = await readFile(options.dataPath, 'utf8');
    type Envelope = { cipher: { iv: string }; ciphertext: string };
    const [a, b] = [JSON.parse(first) as Envelope, JSON.parse(second) as Envelope];
    expect(a.cipher.iv).not.toBe(b.cipher.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });

  it('with a passphrase: scrypt parameters and salt in the header, no key file, typed refusals', async () => {
    const options = await paths({ passphrase: 'open sesame' });
    const store = await create(options);
    expect(store.mode).toBe('passphrase');
    const envelope = JSON.parse(await readFile(options.dataPath, 'utf8')) as { kdf: Record<string, unknown> };
    expect(envelope.kdf).toMatchObject({ name: 'scrypt', N: 1024, r: 8, p: 1 });
    expect(envelope.kdf.salt).toMatch(/^[0-9a-f]{32}$/);
    await expect(stat(options.keyFilePath)).rejects.toThrow();
    expect(await openError({ ...options, passphrase: 'open sesame!' })).toMatchObject({
      code: 'KEYSTORE_LOCKED',
      detail: 'WRONG_PASSPHRASE',
    });
    expect(await openError({ ...options, passphrase: undefined })).toMatchObject({
      code: 'KEYSTORE_LOCKED',
      detail: 'PASSPHRASE_REQUIRED',
    });
    const reopened = await EncryptedStore.open(options);
    expect(reopened.ok && reopened.value.payload).toEqual(SECRET_PAYLOAD);
  });

  it('switches between passphrase and key file, in both directions', async () => {
    const options = await paths();
    const store = await create(options);
    expect((await store.setPassphrase('pw', SECRET_PAYLOAD)).ok).toBe(true);
    await expect(stat(options.keyFilePath)).rejects.toThrow(); // the old key file is gone
    expect(await store.checkPassphrase('pw')).toBe(true);
    expect(await store.checkPassphrase('px')).toBe(false);
    expect(await openError(options)).toMatchObject({ code: 'KEYSTORE_LOCKED', detail: 'PASSPHRASE_REQUIRED' });
    expect((await store.setPassphrase(undefined, { changed: true })).ok).toBe(true);
    const reopened = await EncryptedStore.open(options);
    expect(reopened.ok && reopened.value.payload).toEqual({ changed: true });
  });

  it('reports damaged files as typed errors and leaves them untouched', async () => {
    const options = await paths();
    await create(options);
    const good = await readFile(options.dataPath);
    const damaged: Array<[string, (bytes: Buffer) => Promise<void>, string]> = [
      ['truncated', (b) => writeFile(options.dataPath, b.subarray(0, b.length - 20)), 'CORRUPT'],
      ['not JSON', () => writeFile(options.dataPath, 'hello'), 'CORRUPT'],
      ['empty', () => writeFile(options.dataPath, ''), 'CORRUPT'],
      ['missing field', (b) => writeFile(options.dataPath, b.toString().replace('"cipher"', '"cypher"')), 'CORRUPT'],
      [
        'one ciphertext bit flipped',
        () =>
          editEnvelope(options.dataPath, (e) => {
            const c = Buffer.from(e.ciphertext as string, 'base64');
            c[5]! ^= 1;
            e.ciphertext = c.toString('base64');
          }),
        'CORRUPT',
      ],
      [
        'tag changed',
        () => editEnvelope(options.dataPath, (e) => ((e.cipher as { tag: string }).tag = '00'.repeat(16))),
        'CORRUPT',
      ],
      ['version changed', () => editEnvelope(options.dataPath, (e) => (e.version = 3)), 'CORRUPT'],
      [
        'future version (its checksum holds)',
        () => editEnvelope(options.dataPath, (e) => ((e.version = 3), (e.checksum = checksumOf(e)))),
        'UNSUPPORTED_VERSION',
      ],
    ];
    for (const [what, damage, detail] of damaged) {
      await damage(good);
      const before = await readFile(options.dataPath);
      expect({ what, error: await openError(options) }).toMatchObject({
        what,
        error: { code: 'INVALID_STATE', detail },
      });
      expect(await readFile(options.dataPath)).toEqual(before);
      await writeFile(options.dataPath, good);
    }
  });

  it('refuses hostile scrypt parameters without running them, and a missing or foreign key file', async () => {
    const options = await paths({ passphrase: 'pw' });
    await create(options);
    // With the checksum recomputed, as a hostile file would have it: the bounds, not the checksum, refuse it.
    const good = await readFile(options.dataPath);
    for (const kdf of [{ N: 2 ** 30 }, { N: 2 ** 20, r: 32 }, { p: 1000 }, { r: 0.5 }]) {
      await writeFile(options.dataPath, good);
      await editEnvelope(
        options.dataPath,
        (e) => ((e.kdf = { ...(e.kdf as object), ...kdf }), (e.checksum = checksumOf(e))),
      );
      const started = Date.now();
      expect(await openError(options)).toMatchObject({ code: 'INVALID_STATE', detail: 'CORRUPT' });
      expect(Date.now() - started).toBeLessThan(1000);
    }

    const plain = await paths();
    await create(plain);
    await writeFile(plain.keyFilePath, new Uint8Array(32).fill(9));
    expect(await openError(plain)).toMatchObject({ code: 'INVALID_STATE', detail: 'KEY_FILE_MISMATCH' });
    await writeFile(plain.keyFilePath, new Uint8Array(5));
    expect(await openError(plain)).toMatchObject({ code: 'INVALID_STATE', detail: 'KEY_FILE_MISMATCH' });
    await unlink(plain.keyFilePath);
    expect(await openError(plain)).toMatchObject({ code: 'INVALID_STATE', detail: 'KEY_FILE_MISSING' });
    expect(await openError({ ...plain, passphrase: 'pw' })).toMatchObject({
      code: 'KEYSTORE_LOCKED',
      detail: 'NO_PASSPHRASE_SET',
    });
    expect((await EncryptedStore.open({ ...plain, kdf: { N: 1000, r: 8, p: 1 } })).ok).toBe(false); // N not a power of two
  });
});
