/**
 * An encrypted, versioned JSON document on disk (the keystore's file). The file format is in
 * envelope.ts; the key file, and how a passphrase change swaps it, in keyFiles.ts.
 *
 * Without a passphrase the payload is still encrypted: a random 256-bit key lives in a separate key
 * file (mode 0600) next to the data. This keeps the mnemonics out of plain sight in backups, sync
 * folders, bug-report attachments and a grep of the disk, whenever the data file travels without
 * its key file. It does not stop someone who can read the whole data folder as this user; a
 * passphrase (scrypt) does. Setting a passphrase removes the key file.
 *
 * A passphrase change survives a kill at any moment: the new key (if it is a key file) is written
 * under a new name, then the data file sealed with it replaces the old one (the commit point:
 * before it the old passphrase opens the store, after it the new one), then the old key file is
 * removed or the new one promoted. Open looks at which key the data file names (its keyCheck) and
 * finishes or undoes an interrupted change, only after the data has been decrypted.
 *
 * One call at a time: the keystore serialises its calls.
 */
import { timingSafeEqual } from 'node:crypto';
import { err, ok, type Result } from '../../shared/contract/result';
import { removeStaleTempFiles } from './atomicFile';
import {
  DEFAULT_KDF,
  deriveScryptKey,
  isKeyOf,
  kdfProblem,
  newScryptKeys,
  openEnvelope,
  parseEnvelope,
  sealEnvelope,
  type KdfParams,
  type KeyMaterial,
} from './envelope';
import {
  DISK_FILES,
  findFileKey,
  ioError,
  keyFilePathsFor,
  loadOrCreateKeyFile,
  newFileKeys,
  settleKeyFiles,
  writeKeyFile,
  type KeyFilePaths,
  type StoreFiles,
} from './keyFiles';

export { type KdfParams } from './envelope';
export type { StoreFiles } from './keyFiles';

export type StoreMode = 'passphrase' | 'keyfile';

export interface OpenedStore {
  readonly store: EncryptedStore;
  /** The decrypted payload, or undefined when no data file existed yet. */
  readonly payload: unknown;
}

export interface OpenOptions {
  readonly dataPath: string;
  readonly keyFilePath: string;
  /** Empty or absent: the key-file scheme. */
  readonly passphrase?: string | undefined;
  /** scrypt parameters for new passphrases (tests pass cheap ones). */
  readonly kdf?: KdfParams;
  /** The file operations (default: atomic writes on disk); tests pass failing ones. */
  readonly files?: StoreFiles;
}

interface Location {
  readonly dataPath: string;
  readonly keyPaths: KeyFilePaths;
  readonly files: StoreFiles;
}

export class EncryptedStore {
  // ES private fields: util.inspect and console.log do not show them, so the key is never printed.
  #keys: KeyMaterial;
  /**
   * Set when a change could not finish tidying the key files, or could not tell whether its data
   * write landed: the keys the data file may be sealed with. The next change settles first.
   */
  #unsettled: readonly KeyMaterial[] | undefined;

  private constructor(
    private readonly at: Location,
    keys: KeyMaterial,
    private readonly defaultKdf: KdfParams,
  ) {
    this.#keys = keys;
  }

  get mode(): StoreMode {
    return this.#keys.kdf.name === 'scrypt' ? 'passphrase' : 'keyfile';
  }

  static async open(options: OpenOptions): Promise<Result<OpenedStore>> {
    const kdf = options.kdf ?? DEFAULT_KDF;
    const problem = kdfProblem(kdf);
    if (problem) return err('BAD_REQUEST', `scrypt parameters: ${problem}`, { path: 'kdf' });
    const passphrase = options.passphrase ? options.passphrase : undefined;
    const at: Location = {
      dataPath: options.dataPath,
      keyPaths: keyFilePathsFor(options.keyFilePath),
      files: options.files ?? DISK_FILES,
    };
    let raw: Uint8Array | undefined;
    try {
      // Temp files are never needed (nothing was renamed from them), so they go whatever happens next.
      await removeStaleTempFiles(at.dataPath);
      await removeStaleTempFiles(at.keyPaths.current);
      await removeStaleTempFiles(at.keyPaths.next);
      raw = await at.files.read(at.dataPath);
    } catch (error) {
      return ioError('read the keystore file', error);
    }
    let keys: KeyMaterial;
    let payload: unknown;
    if (raw === undefined) {
      const created =
        passphrase === undefined
          ? await loadOrCreateKeyFile(at.files, at.keyPaths)
          : ok(await newScryptKeys(passphrase, kdf));
      if (!created.ok) return created;
      keys = created.value;
    } else {
      const unlocked = await unlock(raw, passphrase, at);
      if (!unlocked.ok) return unlocked;
      ({ keys, payload } = unlocked.value);
    }
    // Only now that the data opened is it safe to finish or undo what an interrupted change left.
    const settled = await settleKeyFiles(at.files, at.keyPaths, keys);
    if (!settled.ok) return settled;
    return ok({ store: new EncryptedStore(at, keys, kdf), payload });
  }

  /** Encrypts and atomically replaces the data file. */
  async write(payload: unknown): Promise<Result<void>> {
    const bytes = sealEnvelope(this.#keys, payload);
    try {
      await this.at.files.write(this.at.dataPath, bytes);
    } catch (error) {
      return ioError('write the keystore file', error);
    }
    return ok(undefined);
  }

  /**
   * Re-encrypts `payload` under a new passphrase (or under a new key file when `passphrase` is
   * empty, which also rotates an existing key file). On failure the old passphrase still opens the
   * store, here and on disk, and nothing of the attempt is left behind.
   */
  async setPassphrase(passphrase: string | undefined, payload: unknown): Promise<Result<void>> {
    if (this.#unsettled) {
      const settled = await this.#reconcile();
      if (!settled.ok) return settled;
    }
    const previous = this.#keys;
    const next = passphrase ? await newScryptKeys(passphrase, this.defaultKdf) : newFileKeys();
    const bytes = sealEnvelope(next, payload);
    if (next.kdf.name === 'keyfile') {
      // Never over the current key file: the data on disk needs it until the commit point.
      const written = await writeKeyFile(this.at.files, this.at.keyPaths.next, next);
      if (!written.ok) {
        await this.at.files.remove(this.at.keyPaths.next).catch(() => undefined);
        return written;
      }
    }
    let failure: { readonly error: unknown } | undefined;
    try {
      await this.at.files.write(this.at.dataPath, bytes); // the commit point
    } catch (error) {
      failure = { error };
    }
    if (!failure) {
      this.#keys = next;
      const settled = await settleKeyFiles(this.at.files, this.at.keyPaths, next);
      // The change is in effect either way; leftovers are finished by the next change or open.
      if (!settled.ok) this.#unsettled = [next];
      return ok(undefined);
    }
    // A write can fail after its rename (the folder's fsync): look at which file is on disk.
    this.#unsettled = [previous, next];
    const reconciled = await this.#reconcile();
    if (reconciled.ok && this.#keys === next) return ok(undefined);
    return ioError('write the keystore file', failure.error);
  }

  /** True when `passphrase` unlocks this store (an empty one matches the key-file mode). */
  async checkPassphrase(passphrase: string | undefined): Promise<boolean> {
    const kdf = this.#keys.kdf;
    if (kdf.name === 'keyfile') return !passphrase;
    if (!passphrase) return false;
    const key = await deriveScryptKey(passphrase, Buffer.from(kdf.salt, 'hex'), kdf);
    return timingSafeEqual(key, this.#keys.key);
  }

  /** Adopts whichever of the possible keys the data file on disk is sealed with, then tidies the key files. */
  async #reconcile(): Promise<Result<void>> {
    const candidates = this.#unsettled ?? [this.#keys];
    let raw: Uint8Array | undefined;
    try {
      raw = await this.at.files.read(this.at.dataPath);
    } catch (error) {
      return ioError('read the keystore file', error);
    }
    let keys = this.#keys; // no data file yet: the keys in use stay
    if (raw !== undefined) {
      const envelope = parseEnvelope(raw);
      if (!envelope.ok) return envelope;
      const found = candidates.find((c) => isKeyOf(envelope.value, c.key));
      if (!found)
        return err('INVALID_STATE', 'The keystore file changed on disk while TxLab was using it.', {
          detail: 'CORRUPT',
        });
      keys = found;
    }
    this.#keys = keys;
    const settled = await settleKeyFiles(this.at.files, this.at.keyPaths, keys);
    this.#unsettled = settled.ok ? undefined : [keys];
    return settled;
  }
}

async function unlock(
  raw: Uint8Array,
  passphrase: string | undefined,
  at: Location,
): Promise<Result<{ keys: KeyMaterial; payload: unknown }>> {
  const parsed = parseEnvelope(raw);
  if (!parsed.ok) return parsed;
  const envelope = parsed.value;
  let keys: KeyMaterial;
  if (envelope.kdf.name === 'scrypt') {
    if (!passphrase)
      return err('KEYSTORE_LOCKED', 'The keystore is protected by a passphrase; enter it to unlock.', {
        detail: 'PASSPHRASE_REQUIRED',
      });
    const key = await deriveScryptKey(passphrase, Buffer.from(envelope.kdf.salt, 'hex'), envelope.kdf);
    // The header passed its checksum (v2), so a mismatch here is the passphrase, not damage.
    if (!isKeyOf(envelope, key))
      return err('KEYSTORE_LOCKED', 'Wrong passphrase: the keystore stays locked.', { detail: 'WRONG_PASSPHRASE' });
    keys = { key, kdf: envelope.kdf };
  } else {
    if (passphrase)
      return err('KEYSTORE_LOCKED', 'This keystore has no passphrase; open it without one.', {
        detail: 'NO_PASSPHRASE_SET',
      });
    const key = await findFileKey(at.files, at.keyPaths, envelope);
    if (!key.ok) return key;
    keys = { key: key.value, kdf: envelope.kdf };
  }
  const payload = openEnvelope(envelope, keys.key);
  return payload.ok ? ok({ keys, payload: payload.value }) : payload;
}
