/**
 * An encrypted, versioned JSON document on disk (the keystore's file).
 *
 * Envelope (UTF-8 JSON, written atomically):
 *   { format: "txlab-encrypted-store", version: 1,
 *     kdf: { name: "scrypt", salt, N, r, p } | { name: "keyfile" },
 *     keyCheck,                                  // 16 bytes of HMAC-SHA256(key, label): tells a wrong key from a damaged file
 *     cipher: { name: "aes-256-gcm", iv, tag },  // fresh random 12-byte IV on every write
 *     ciphertext }                               // base64 of the encrypted JSON payload
 * The header (format, version, kdf, keyCheck) is bound to the ciphertext as GCM additional data, so
 * editing the KDF parameters or the salt makes decryption fail instead of silently changing meaning.
 *
 * Without a passphrase the payload is still encrypted: a random 256-bit key lives in a separate key
 * file (mode 0600) next to the data. This keeps the mnemonics out of plain sight in backups, sync
 * folders, bug-report attachments and a grep of the disk, whenever the data file travels without
 * its key file. It does not stop someone who can read the whole data folder as this user; a
 * passphrase (scrypt) does. Setting a passphrase removes the key file.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { err, ok, type Result } from '../../shared/contract/result';
import { readFileIfExists, removeFileIfExists, removeStaleTempFiles, writeFileAtomic } from './atomicFile';

export interface KdfParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** About 100 ms and 32 MiB on a desktop: slow for a guesser, unnoticed at start-up. */
export const DEFAULT_KDF: KdfParams = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });

const FORMAT = 'txlab-encrypted-store';
const VERSION = 1;
const KEY_CHECK_LABEL = 'txlab-encrypted-store key check v1';
const MAX_SCRYPT_MEMORY = 256 * 1024 * 1024;

/** Bounds for parameters read from a file, so a hostile file cannot ask for gigabytes or hours. */
function kdfProblem(kdf: KdfParams): string | undefined {
  const { N, r, p } = kdf;
  if (!Number.isInteger(N) || N < 2 || N > 2 ** 20 || (N & (N - 1)) !== 0) return 'N must be a power of two between 2 and 2^20';
  if (!Number.isInteger(r) || r < 1 || r > 32) return 'r must be an integer from 1 to 32';
  if (!Number.isInteger(p) || p < 1 || p > 16) return 'p must be an integer from 1 to 16';
  if (128 * N * r > MAX_SCRYPT_MEMORY) return 'N × r asks for more than 256 MiB';
  return undefined;
}

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

const kdfSchema = z.discriminatedUnion('name', [
  z.object({ name: z.literal('scrypt'), salt: hex(16), N: z.number(), r: z.number(), p: z.number() }),
  z.object({ name: z.literal('keyfile') }),
]);
type KdfHeader = z.infer<typeof kdfSchema>;

const envelopeSchema = z.object({
  format: z.literal(FORMAT),
  version: z.number().int(),
  kdf: kdfSchema,
  keyCheck: hex(16),
  cipher: z.object({ name: z.literal('aes-256-gcm'), iv: hex(12), tag: hex(16) }),
  ciphertext: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/),
});

export type StoreMode = 'passphrase' | 'keyfile';

interface KeyMaterial {
  readonly key: Buffer;
  readonly kdf: KdfHeader;
}

export interface OpenedStore {
  readonly store: EncryptedStore;
  /** The decrypted payload, or undefined when no data file existed yet. */
  readonly payload: unknown;
}

export interface OpenOptions {
  readonly dataPath: string;
  readonly keyFilePath: string;
  /** Empty or absent: the key-file scheme. */
  readonly passphrase?: string;
  /** scrypt parameters for new passphrases (tests pass cheap ones). */
  readonly kdf?: KdfParams;
}

function deriveScryptKey(passphrase: string, salt: Buffer, kdf: KdfParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFKC'), salt, 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: MAX_SCRYPT_MEMORY + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function keyCheckOf(key: Buffer): Buffer {
  return createHmac('sha256', key).update(KEY_CHECK_LABEL).digest().subarray(0, 16);
}

function headerAad(kdf: KdfHeader, keyCheck: string): Buffer {
  // Built field by field so the bytes do not depend on the order in which a file listed them.
  const kdfPart = kdf.name === 'scrypt' ? { name: kdf.name, salt: kdf.salt, N: kdf.N, r: kdf.r, p: kdf.p } : { name: kdf.name };
  return Buffer.from(JSON.stringify({ format: FORMAT, version: VERSION, kdf: kdfPart, keyCheck }), 'utf8');
}

const ioError = (action: string, error: unknown): Result<never> =>
  err('INVALID_STATE', `Could not ${action}: ${error instanceof Error ? error.message : String(error)}`, { detail: 'IO' });

export class EncryptedStore {
  private constructor(
    private readonly dataPath: string,
    private readonly keyFilePath: string,
    private keys: KeyMaterial,
    private readonly defaultKdf: KdfParams,
  ) {}

  get mode(): StoreMode {
    return this.keys.kdf.name === 'scrypt' ? 'passphrase' : 'keyfile';
  }

  static async open(options: OpenOptions): Promise<Result<OpenedStore>> {
    const kdf = options.kdf ?? DEFAULT_KDF;
    const problem = kdfProblem(kdf);
    if (problem) return err('BAD_REQUEST', `scrypt parameters: ${problem}`, { path: 'kdf' });
    const passphrase = options.passphrase ? options.passphrase : undefined;
    let raw: Uint8Array | undefined;
    try {
      await removeStaleTempFiles(options.dataPath);
      await removeStaleTempFiles(options.keyFilePath);
      raw = await readFileIfExists(options.dataPath);
    } catch (error) {
      return ioError('read the keystore file', error);
    }
    if (raw === undefined) {
      const keys = passphrase === undefined ? await loadOrCreateKeyFile(options.keyFilePath) : ok(await newScryptKeys(passphrase, kdf));
      if (!keys.ok) return keys;
      return ok({ store: new EncryptedStore(options.dataPath, options.keyFilePath, keys.value, kdf), payload: undefined });
    }
    const opened = await decryptEnvelope(raw, passphrase, options.keyFilePath);
    if (!opened.ok) return opened;
    const store = new EncryptedStore(options.dataPath, options.keyFilePath, opened.value.keys, kdf);
    return ok({ store, payload: opened.value.payload });
  }

  /** Encrypts and atomically replaces the data file. */
  async write(payload: unknown): Promise<Result<void>> {
    const bytes = encryptEnvelope(this.keys, payload);
    try {
      await writeFileAtomic(this.dataPath, bytes);
    } catch (error) {
      return ioError('write the keystore file', error);
    }
    return ok(undefined);
  }

  /**
   * Re-encrypts `payload` under a new passphrase (or under a key file when `passphrase` is empty).
   * Order matters for crashes: a new key file is in place before the data that needs it, and an old
   * key file is removed only after the data no longer needs it.
   */
  async setPassphrase(passphrase: string | undefined, payload: unknown): Promise<Result<void>> {
    let keys: KeyMaterial;
    if (passphrase) {
      keys = await newScryptKeys(passphrase, this.defaultKdf);
    } else {
      const created = await createKeyFile(this.keyFilePath);
      if (!created.ok) return created;
      keys = created.value;
    }
    const previous = this.keys;
    this.keys = keys;
    const written = await this.write(payload);
    if (!written.ok) {
      this.keys = previous;
      return written;
    }
    if (passphrase) {
      try {
        await removeFileIfExists(this.keyFilePath);
      } catch (error) {
        return ioError('remove the old key file', error);
      }
    }
    return ok(undefined);
  }

  /** True when `passphrase` unlocks this store (an empty one matches the key-file mode). */
  async checkPassphrase(passphrase: string | undefined): Promise<boolean> {
    const kdf = this.keys.kdf;
    if (kdf.name === 'keyfile') return !passphrase;
    if (!passphrase) return false;
    const key = await deriveScryptKey(passphrase, Buffer.from(kdf.salt, 'hex'), kdf);
    return timingSafeEqual(key, this.keys.key);
  }
}

async function newScryptKeys(passphrase: string, kdf: KdfParams): Promise<KeyMaterial> {
  const salt = randomBytes(16);
  const key = await deriveScryptKey(passphrase, salt, kdf);
  return { key, kdf: { name: 'scrypt', salt: salt.toString('hex'), N: kdf.N, r: kdf.r, p: kdf.p } };
}

async function createKeyFile(path: string): Promise<Result<KeyMaterial>> {
  const key = randomBytes(32);
  try {
    await writeFileAtomic(path, key, { mode: 0o600 });
  } catch (error) {
    return ioError('write the key file', error);
  }
  return ok({ key, kdf: { name: 'keyfile' } });
}

async function readKeyFile(path: string): Promise<Result<Buffer | undefined>> {
  let bytes: Uint8Array | undefined;
  try {
    bytes = await readFileIfExists(path);
  } catch (error) {
    return ioError('read the key file', error);
  }
  if (bytes === undefined) return ok(undefined);
  if (bytes.length !== 32) return err('INVALID_STATE', 'The keystore key file is damaged (it must hold 32 bytes).', { detail: 'KEY_FILE_MISMATCH' });
  return ok(Buffer.from(bytes));
}

async function loadOrCreateKeyFile(path: string): Promise<Result<KeyMaterial>> {
  const existing = await readKeyFile(path);
  if (!existing.ok) return existing;
  if (existing.value) return ok({ key: existing.value, kdf: { name: 'keyfile' } });
  return createKeyFile(path);
}

function encryptEnvelope(keys: KeyMaterial, payload: unknown): Uint8Array {
  const keyCheck = keyCheckOf(keys.key).toString('hex');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.key, iv);
  cipher.setAAD(headerAad(keys.kdf, keyCheck));
  const plaintext = Buffer.from(JSON.stringify(payload), 'utf8');
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const envelope = {
    format: FORMAT,
    version: VERSION,
    kdf: keys.kdf,
    keyCheck,
    cipher: { name: 'aes-256-gcm', iv: iv.toString('hex'), tag: cipher.getAuthTag().toString('hex') },
    ciphertext: ciphertext.toString('base64'),
  };
  return Buffer.from(JSON.stringify(envelope), 'utf8');
}

const corrupt = (why: string): Result<never> =>
  err('INVALID_STATE', `The keystore file is damaged (${why}); it was left untouched.`, { detail: 'CORRUPT' });

async function decryptEnvelope(
  raw: Uint8Array,
  passphrase: string | undefined,
  keyFilePath: string,
): Promise<Result<{ keys: KeyMaterial; payload: unknown }>> {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw).toString('utf8'));
  } catch {
    return corrupt('not JSON');
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) return corrupt(`bad envelope at ${parsed.error.issues[0]?.path.join('.') || 'top level'}`);
  const envelope = parsed.data;
  if (envelope.version !== VERSION) {
    return err('INVALID_STATE', `The keystore file has format version ${envelope.version}; this TxLab reads version ${VERSION}.`, { detail: 'UNSUPPORTED_VERSION' });
  }

  let keys: KeyMaterial;
  if (envelope.kdf.name === 'scrypt') {
    if (!passphrase) return err('KEYSTORE_LOCKED', 'The keystore is protected by a passphrase; enter it to unlock.', { detail: 'PASSPHRASE_REQUIRED' });
    const problem = kdfProblem(envelope.kdf);
    if (problem) return corrupt(`scrypt parameters: ${problem}`);
    const key = await deriveScryptKey(passphrase, Buffer.from(envelope.kdf.salt, 'hex'), envelope.kdf);
    if (!timingSafeEqual(keyCheckOf(key), Buffer.from(envelope.keyCheck, 'hex'))) {
      return err('KEYSTORE_LOCKED', 'Wrong passphrase: the keystore stays locked.', { detail: 'WRONG_PASSPHRASE' });
    }
    keys = { key, kdf: envelope.kdf };
  } else {
    if (passphrase) return err('KEYSTORE_LOCKED', 'This keystore has no passphrase; open it without one.', { detail: 'NO_PASSPHRASE_SET' });
    const key = await readKeyFile(keyFilePath);
    if (!key.ok) return key;
    if (!key.value) return err('INVALID_STATE', 'The keystore key file is missing, so the keystore cannot be decrypted.', { detail: 'KEY_FILE_MISSING' });
    if (!timingSafeEqual(keyCheckOf(key.value), Buffer.from(envelope.keyCheck, 'hex'))) {
      return err('INVALID_STATE', 'The keystore key file does not belong to this keystore.', { detail: 'KEY_FILE_MISMATCH' });
    }
    keys = { key: key.value, kdf: envelope.kdf };
  }

  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keys.key, Buffer.from(envelope.cipher.iv, 'hex'));
    decipher.setAAD(headerAad(envelope.kdf, envelope.keyCheck));
    decipher.setAuthTag(Buffer.from(envelope.cipher.tag, 'hex'));
    plaintext = Buffer.concat([decipher.update(Buffer.from(envelope.ciphertext, 'base64')), decipher.final()]);
  } catch {
    return corrupt('authentication failed');
  }
  try {
    return ok({ keys, payload: JSON.parse(plaintext.toString('utf8')) as unknown });
  } catch {
    return corrupt('payload is not JSON');
  }
}
