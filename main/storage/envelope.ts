/**
 * The bytes of the encrypted store's data file: sealing a payload under a key, and reading a file
 * back into a checked envelope (without a key) before anything expensive runs.
 *
 * Envelope (UTF-8 JSON):
 *   { format: "txlab-encrypted-store", version: 2,
 *     kdf: { name: "scrypt", salt, N, r, p } | { name: "keyfile" },
 *     keyCheck,                                  // 16 bytes of HMAC-SHA256(key, label): which key opens the file
 *     cipher: { name: "aes-256-gcm", iv, tag },  // fresh random 12-byte IV on every write
 *     ciphertext,                                // base64 of the encrypted JSON payload
 *     checksum }                                 // SHA-256 of everything else (see checksumOf), unkeyed
 * The header (format, version, kdf, keyCheck) is GCM additional data, so an edited salt or KDF
 * parameter makes decryption fail instead of silently changing meaning. The checksum is there for
 * damage, not for attackers: with it a flipped bit in the salt or the keyCheck reads as a damaged
 * file (CORRUPT), where without it it would look exactly like a wrong passphrase.
 *
 * Version 1 (written until the checksum was added) is the same without `checksum`; it is still
 * read, and rewritten as version 2 by the next write. Header damage in a v1 file cannot be told
 * from a wrong passphrase; that is why version 2 exists.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';
import { z } from 'zod';
import { err, ok, type Result } from '../../shared/contract/result';

export interface KdfParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** About 100 ms and 32 MiB on a desktop: slow for a guesser, unnoticed at start-up. */
export const DEFAULT_KDF: KdfParams = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });

const FORMAT = 'txlab-encrypted-store';
/** The version this code writes. Rule for every version ≥ 2: `checksum` is computed as in checksumOf. */
const ENVELOPE_VERSION = 2;
const KEY_CHECK_LABEL = 'txlab-encrypted-store key check v1';
const MAX_SCRYPT_MEMORY = 256 * 1024 * 1024;
/** Our envelope is three levels deep; anything much deeper is not one (and must not recurse far). */
const MAX_DEPTH = 8;

/** Bounds for parameters read from a file, so a hostile file cannot ask for gigabytes or hours. */
export function kdfProblem(kdf: KdfParams): string | undefined {
  const { N, r, p } = kdf;
  if (!Number.isInteger(N) || N < 2 || N > 2 ** 20 || (N & (N - 1)) !== 0)
    return 'N must be a power of two between 2 and 2^20';
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
export type KdfHeader = z.infer<typeof kdfSchema>;

const envelopeSchema = z.object({
  format: z.literal(FORMAT),
  version: z.number().int(),
  kdf: kdfSchema,
  keyCheck: hex(16),
  cipher: z.object({ name: z.literal('aes-256-gcm'), iv: hex(12), tag: hex(16) }),
  ciphertext: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/),
  checksum: hex(32).optional(),
});
type EnvelopeJson = z.infer<typeof envelopeSchema>;

/** The key that opens a store, and how the file says it is found (a passphrase or the key file). */
export interface KeyMaterial {
  readonly key: Buffer;
  readonly kdf: KdfHeader;
}

/** A data file that passed every check that needs no key. */
export interface Envelope {
  readonly version: number;
  readonly kdf: KdfHeader;
  readonly keyCheck: Buffer;
  readonly iv: Buffer;
  readonly tag: Buffer;
  readonly ciphertext: Buffer;
}

export function deriveScryptKey(passphrase: string, salt: Buffer, kdf: KdfParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize('NFKC'),
      salt,
      32,
      { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: MAX_SCRYPT_MEMORY + 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

export async function newScryptKeys(passphrase: string, kdf: KdfParams): Promise<KeyMaterial> {
  const salt = randomBytes(16);
  const key = await deriveScryptKey(passphrase, salt, kdf);
  return { key, kdf: { name: 'scrypt', salt: salt.toString('hex'), N: kdf.N, r: kdf.r, p: kdf.p } };
}

function keyCheckOf(key: Buffer): Buffer {
  return createHmac('sha256', key).update(KEY_CHECK_LABEL).digest().subarray(0, 16);
}

/** True when `key` is the one the envelope was sealed with (compared in constant time). */
export function isKeyOf(envelope: Pick<Envelope, 'keyCheck'>, key: Buffer): boolean {
  return timingSafeEqual(keyCheckOf(key), envelope.keyCheck);
}

function headerAad(version: number, kdf: KdfHeader, keyCheck: string): Buffer {
  // Built field by field so the bytes do not depend on the order in which a file listed them.
  const kdfPart =
    kdf.name === 'scrypt' ? { name: kdf.name, salt: kdf.salt, N: kdf.N, r: kdf.r, p: kdf.p } : { name: kdf.name };
  return Buffer.from(JSON.stringify({ format: FORMAT, version, kdf: kdfPart, keyCheck }), 'utf8');
}

/** JSON with keys sorted at every level, or undefined when nested deeper than any envelope. */
function canonicalJson(value: unknown, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const parts: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      const part = canonicalJson(item, depth + 1);
      if (part === undefined) return undefined;
      parts.push(part);
    }
    return `[${parts.join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record).sort()) {
    const part = canonicalJson(record[key], depth + 1);
    if (part === undefined) return undefined;
    parts.push(`${JSON.stringify(key)}:${part}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * SHA-256 (hex) of the canonical JSON of every field but `checksum`. Defined on the parsed object,
 * not on the bytes, so it holds for any field list: a later version can add fields and a reader of
 * this version can still tell "newer" (checksum holds) from "damaged" (it does not).
 */
export function checksumOf(envelope: Readonly<Record<string, unknown>>): string | undefined {
  const { checksum: _ignored, ...rest } = envelope;
  const canonical = canonicalJson(rest);
  return canonical === undefined ? undefined : createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export function sealEnvelope(keys: KeyMaterial, payload: unknown): Uint8Array {
  const keyCheck = keyCheckOf(keys.key).toString('hex');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.key, iv);
  cipher.setAAD(headerAad(ENVELOPE_VERSION, keys.kdf, keyCheck));
  const plaintext = Buffer.from(JSON.stringify(payload), 'utf8');
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const envelope: Omit<EnvelopeJson, 'checksum'> = {
    format: FORMAT,
    version: ENVELOPE_VERSION,
    kdf: keys.kdf,
    keyCheck,
    cipher: { name: 'aes-256-gcm', iv: iv.toString('hex'), tag: cipher.getAuthTag().toString('hex') },
    ciphertext: ciphertext.toString('base64'),
  };
  const checksum = checksumOf(envelope);
  if (checksum === undefined) throw new Error('bug: an envelope we built is too deep to checksum');
  return Buffer.from(JSON.stringify({ ...envelope, checksum }), 'utf8');
}

const corrupt = (why: string): Result<never> =>
  err('INVALID_STATE', `The keystore file is damaged (${why}); it was left untouched.`, { detail: 'CORRUPT' });

const unsupported = (version: number): Result<never> =>
  err(
    'INVALID_STATE',
    `The keystore file has format version ${version}; this TxLab reads versions 1 to ${ENVELOPE_VERSION}.`,
    { detail: 'UNSUPPORTED_VERSION' },
  );

/** Parses and checks a data file: damage is CORRUPT, a newer format UNSUPPORTED_VERSION. No key needed. */
export function parseEnvelope(raw: Uint8Array): Result<Envelope> {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw).toString('utf8'));
  } catch {
    return corrupt('not JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return corrupt('not an envelope');
  const fields = json as Record<string, unknown>;
  if (fields.format !== FORMAT) return corrupt('bad envelope at format');
  const version = fields.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return corrupt('bad envelope at version');
  if (version === 1) {
    // v1 never had a checksum: one here means the version number itself was damaged.
    if ('checksum' in fields) return corrupt('a version 1 header with a checksum');
  } else {
    if (typeof fields.checksum !== 'string') return corrupt('the checksum is missing');
    if (checksumOf(fields) !== fields.checksum) return corrupt('the checksum does not match');
    if (version > ENVELOPE_VERSION) return unsupported(version);
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) return corrupt(`bad envelope at ${parsed.error.issues[0]?.path.join('.') || 'top level'}`);
  const envelope = parsed.data;
  if (envelope.kdf.name === 'scrypt') {
    const problem = kdfProblem(envelope.kdf);
    if (problem) return corrupt(`scrypt parameters: ${problem}`);
  }
  return ok({
    version,
    kdf: envelope.kdf,
    keyCheck: Buffer.from(envelope.keyCheck, 'hex'),
    iv: Buffer.from(envelope.cipher.iv, 'hex'),
    tag: Buffer.from(envelope.cipher.tag, 'hex'),
    ciphertext: Buffer.from(envelope.ciphertext, 'base64'),
  });
}

/** Decrypts with a key that passed isKeyOf; a failure now means the file is damaged. */
export function openEnvelope(envelope: Envelope, key: Buffer): Result<unknown> {
  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, envelope.iv);
    decipher.setAAD(headerAad(envelope.version, envelope.kdf, envelope.keyCheck.toString('hex')));
    decipher.setAuthTag(envelope.tag);
    plaintext = Buffer.concat([decipher.update(envelope.ciphertext), decipher.final()]);
  } catch {
    return corrupt('authentication failed');
  }
  try {
    return ok(JSON.parse(plaintext.toString('utf8')) as unknown);
  } catch {
    return corrupt('payload is not JSON');
  }
}
