/**
 * A damaged data file is reported as damage (CORRUPT), never as a wrong passphrase; files written
 * by format version 1 (no checksum) are still read and are rewritten as version 2.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checksumOf } from '../../../main/storage/envelope';
import type { OpenOptions, StoreFiles } from '../../../main/storage/encryptedStore';
import { DISK_FILES } from '../../../main/storage/keyFiles';
import { createStore, filesIn, openError, openOk, storeIn } from './storeHelpers';

const PASSPHRASE = 'open sesame';
const PAYLOAD = {
  wallets: [
    { name: 'Mallory', mnemonic: 'legal winner thank year wave sausage worth useful legal winner thank yellow' },
  ],
};
const V1_FIXTURES = join(import.meta.dirname, '..', 'keystore', 'fixtures');

/** Options whose data file reads as `bytes()` (the disk copy stays good) and that refuse to write. */
function readingAs(options: OpenOptions, bytes: () => Uint8Array): OpenOptions {
  const refuse = () => Promise.reject(new Error('a refused open must not write'));
  const files: StoreFiles = {
    read: (path) => (path === options.dataPath ? Promise.resolve(bytes()) : DISK_FILES.read(path)),
    write: refuse,
    rename: refuse,
    remove: refuse,
  };
  return { ...options, files };
}

type Envelope = Record<string, unknown> & { kdf: Record<string, unknown>; cipher: Record<string, unknown> };
const edited = (good: Uint8Array, edit: (e: Envelope) => void): Uint8Array => {
  const envelope = JSON.parse(Buffer.from(good).toString('utf8')) as Envelope;
  edit(envelope);
  return Buffer.from(JSON.stringify(envelope));
};
const flipHex = (text: unknown): string => {
  const s = String(text);
  return `${s[0] === '0' ? '1' : '0'}${s.slice(1)}`;
};

describe('a damaged header is damage, not a wrong passphrase', () => {
  it('each header field edited (checksum not recomputed) → CORRUPT with the right and a wrong passphrase', async () => {
    const options = await storeIn({ passphrase: PASSPHRASE });
    await createStore(options, PAYLOAD);
    const good = new Uint8Array(await readFile(options.dataPath));
    expect(await openError({ ...options, passphrase: 'open sesame!' })).toMatchObject({
      code: 'KEYSTORE_LOCKED',
      detail: 'WRONG_PASSPHRASE',
    });

    const edits: Array<[string, (e: Envelope) => void]> = [
      ['salt', (e) => (e.kdf.salt = flipHex(e.kdf.salt))],
      ['N', (e) => (e.kdf.N = 2048)],
      ['r', (e) => (e.kdf.r = 9)],
      ['p', (e) => (e.kdf.p = 2)],
      ['kdf name', (e) => (e.kdf = { name: 'keyfile' })],
      ['keyCheck', (e) => (e.keyCheck = flipHex(e.keyCheck))],
      ['version 2 → 1', (e) => (e.version = 1)],
      ['version 2 → 3', (e) => (e.version = 3)],
      ['version 2 → 0', (e) => (e.version = 0)],
      ['iv', (e) => (e.cipher.iv = flipHex(e.cipher.iv))],
      ['tag', (e) => (e.cipher.tag = flipHex(e.cipher.tag))],
      ['checksum', (e) => (e.checksum = flipHex(e.checksum))],
      ['checksum removed', (e) => delete e.checksum],
      ['a field added', (e) => (e.note = 'hello')],
    ];
    for (const [what, edit] of edits) {
      const bytes = edited(good, edit);
      for (const passphrase of [PASSPHRASE, 'open sesame!', undefined]) {
        const error = await openError(readingAs({ ...options, passphrase }, () => bytes));
        expect({ what, passphrase, error }).toMatchObject({
          what,
          passphrase,
          error: { code: 'INVALID_STATE', detail: 'CORRUPT' },
        });
      }
    }
    expect((await openOk(options)).payload).toEqual(PAYLOAD); // the good file on disk was never touched
  });

  it('every single-bit flip anywhere in the file → CORRUPT, with the right and a wrong passphrase', async () => {
    const options = await storeIn({ passphrase: PASSPHRASE });
    await createStore(options, PAYLOAD);
    const good = new Uint8Array(await readFile(options.dataPath));
    let damaged = good;
    const outcomes = new Map<string, number>();
    const started = Date.now();
    for (let i = 0; i < good.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        damaged = good.slice();
        damaged[i]! ^= 1 << bit;
        for (const passphrase of [PASSPHRASE, 'wrong']) {
          const error = await openError(readingAs({ ...options, passphrase }, () => damaged));
          const key = `${error.code}/${error.detail ?? ''}`;
          outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        }
      }
    }
    console.log(
      `bit flips: ${good.length * 8} flips × 2 passphrases → ${[...outcomes].map(([k, n]) => `${k} ${n}`).join(', ')} (${Date.now() - started} ms)`,
    );
    expect([...outcomes.keys()]).toEqual(['INVALID_STATE/CORRUPT']);
    expect(outcomes.get('INVALID_STATE/CORRUPT')).toBe(good.length * 16);
  });
});

describe('format version 1 (written before the checksum)', () => {
  for (const [name, passphrase] of [
    ['v1-passphrase', 'correct horse v1'],
    ['v1-keyfile', undefined],
  ] as const) {
    it(`opens ${name} as the old code wrote it, then writes version 2`, async () => {
      const options = await storeIn();
      await cp(join(V1_FIXTURES, name), options.dir, { recursive: true });
      const at = {
        ...options,
        dataPath: join(options.dir, 'keystore.json'),
        keyFilePath: join(options.dir, 'keystore.key'),
        passphrase,
      };
      expect(JSON.parse(await readFile(at.dataPath, 'utf8'))).toMatchObject({ version: 1 });
      expect(JSON.parse(await readFile(at.dataPath, 'utf8'))).not.toHaveProperty('checksum');
      const { store, payload } = await openOk(at);
      expect(payload).toMatchObject({
        schema: 1,
        wallets: expect.arrayContaining([
          expect.objectContaining({ id: 'alice', mnemonic: expect.any(String) as unknown }),
        ]) as unknown,
      });
      expect(store.mode).toBe(passphrase ? 'passphrase' : 'keyfile');
      expect(await filesIn(options.dir)).toEqual(passphrase ? ['keystore.json'] : ['keystore.json', 'keystore.key']);

      expect((await store.write(payload)).ok).toBe(true);
      expect(JSON.parse(await readFile(at.dataPath, 'utf8'))).toMatchObject({
        version: 2,
        checksum: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
      });
      expect((await openOk(at)).payload).toEqual(payload);
    });
  }

  it('a v1 file is refused when damaged; header damage there still reads as a wrong passphrase (no redundancy in v1)', async () => {
    const options = await storeIn();
    await cp(join(V1_FIXTURES, 'v1-passphrase'), options.dir, { recursive: true });
    const at = {
      ...options,
      dataPath: join(options.dir, 'keystore.json'),
      keyFilePath: join(options.dir, 'keystore.key'),
      passphrase: 'correct horse v1',
    };
    const good = new Uint8Array(await readFile(at.dataPath));
    const cases: Array<[string, (e: Envelope) => void, string]> = [
      ['salt', (e) => (e.kdf.salt = flipHex(e.kdf.salt)), 'WRONG_PASSPHRASE'],
      ['tag', (e) => (e.cipher.tag = flipHex(e.cipher.tag)), 'CORRUPT'],
      ['a checksum in a v1 header', (e) => (e.checksum = checksumOf(e)), 'CORRUPT'],
      ['future version without checksum', (e) => (e.version = 3), 'CORRUPT'],
    ];
    for (const [what, edit, detail] of cases) {
      const bytes = edited(good, edit);
      expect({ what, error: await openError(readingAs(at, () => bytes)) }).toMatchObject({ what, error: { detail } });
    }
    await writeFile(at.dataPath, good);
    expect((await openOk(at)).payload).toMatchObject({ schema: 1 });
  });
});
