/**
 * The keystore of the mock wallets: HD wallets (BIP39/BIP32) with keys by purpose, signing of
 * 32-byte digests inside the host, and the one logged exception to "private keys never move":
 * the RSMC revocation handover (SPEC §3.5), which copies a key from wallet to wallet inside here.
 *
 * Every method returns public data only (see types.ts), except `exportWallets` with
 * `includePrivateKeys: true`. Every change is persisted (encrypted, atomic) before it is visible.
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fromHex, toHex } from '../../shared/bitcoin/bytes';
import { tweakedOutputKey } from '../../shared/bitcoin/taproot';
import { errText, ok, type Result } from '../../shared/contract/result';
import { EncryptedStore, type KdfParams, type StoreFiles } from '../storage/encryptedStore';
import { type Change, type NewState, StateChanges } from './changes';
import { musigPartialWith } from './musigSigning';
import { SeedCache } from './seedCache';
import { FileStore, MemoryStore, type StateStore } from './stateStores';
import {
  mnemonicFor,
  mnemonicFromEntropy,
  signDigestWith,
  signSchnorrUntweakedWith,
  signSchnorrWith,
  type CreateWalletOptions,
} from './derivation';

export type { CreateWalletOptions };
export { DERIVED_KEYS_KEPT } from './seedCache';
import {
  cleanText,
  EMPTY_STATE,
  isNameTaken,
  LABEL_MAX,
  NAME_MAX,
  newWalletId,
  REASON_MAX,
  replaceWallet,
  stateSchema,
  type DerivedKeyRecord,
  type HandoverRecord,
  type ImportedKeyRecord,
  type KeystoreState,
  type WalletRecord,
} from './state';
import {
  KEY_PURPOSES,
  type DigestSignature,
  type MusigPartial,
  type MusigRequest,
  type SchnorrSignature,
  type TaprootSpendPath,
  type HandoverEntry,
  type KeyInfo,
  type KeyPurpose,
  type OwnedKey,
  type WalletInfo,
} from './types';
import { derivedKeyOf, importedKeyOf, nextIndex } from './lookup';
import { freshKeyInfo, handoverEntryOf, keyRecordOf, ownedKeysOf, walletInfoOf } from './views';
import {
  buildPublicExport,
  buildSecretExport,
  stateAfterImport,
  type ImportMode,
  type PublicWalletExport,
  type SecretWalletExport,
} from './walletExport';

export const DEFAULT_WALLET_NAMES = ['Alice', 'Bob', 'Carol', 'Dave', 'Exchange', 'Mallory'] as const;
export const KEYSTORE_FILE = 'keystore.json';
export const KEYSTORE_KEY_FILE = 'keystore.key';

export interface KeystoreOpenOptions {
  /** The app's data folder (created with mode 0700 if missing). */
  readonly dir: string;
  /** Empty or absent: no passphrase (see encryptedStore.ts for what protects the file then). */
  readonly passphrase?: string;
  /** scrypt parameters for a new passphrase; tests pass cheap ones. */
  readonly kdf?: KdfParams;
  /** Clock for the handover log (default Date.now). */
  readonly now?: () => number;
  /** The store's file operations (default: atomic writes on disk); tests pass failing ones. */
  readonly files?: StoreFiles;
  /**
   * Called before each write of a change: the host session keeps the state before a request's
   * first write, so a crash in the middle of the request rolls the wallets back with the workspace.
   */
  readonly beforeWrite?: () => Promise<void>;
}

const walletMissing = (wallet: string): Result<never> => errText('NOT_FOUND', 'host.walletMissing', { wallet });
const keyMissing = (key: string, wallet: string): Result<never> =>
  errText('NOT_FOUND', 'host.keyMissing', { key, wallet });

/** The fields a person names: their words in the catalogue, per problem. */
type NamedField = 'walletName' | 'keyLabel' | 'reason';

function checkedText(raw: unknown, max: number, field: NamedField, path: string): Result<string> {
  if (typeof raw !== 'string') return errText('BAD_REQUEST', `host.text.${field}.notText`, {}, { path });
  const text = cleanText(raw, max);
  return text.ok ? text : errText('BAD_REQUEST', `host.text.${field}.${text.error.kind}`, { max }, { path });
}

export class Keystore {
  // ES private fields (not TypeScript's `private`): console.log and util.inspect do not show them,
  // so logging the keystore by mistake prints no mnemonic.
  /** Seeds' BIP32 nodes and the private keys derived lately (seedCache.ts). */
  readonly #seeds = new SeedCache();
  /** Random bytes for handover ids, drawn 8 at a time (one call to the generator per 64 ids). */
  #randomPool = new Uint8Array(0);
  #randomUsed = 0;
  /** The state, and how it changes (one at a time, on disk before it is visible). */
  readonly #changes: StateChanges;
  #listed: { readonly revision: number; readonly wallets: readonly WalletInfo[] } | undefined;
  readonly #now: () => number;

  private constructor(store: StateStore, state: KeystoreState, now: () => number) {
    this.#changes = new StateChanges(store, state);
    this.#now = now;
  }

  /** Serialising the keystore by mistake yields a summary, never its state. */
  toJSON(): { readonly keystore: string; readonly wallets: number } {
    return { keystore: 'txlab', wallets: this.#changes.state.wallets.length };
  }

  /**
   * A keystore with no wallets that lives only in memory: the host builds a workspace's wallets
   * in one (a scenario load, an import) and copies them into the persistent keystore only when
   * the whole switch succeeded.
   */
  static inMemory(options: { readonly now?: () => number } = {}): Keystore {
    return new Keystore(new MemoryStore(), EMPTY_STATE, options.now ?? Date.now);
  }

  static async open(options: KeystoreOpenOptions): Promise<Result<Keystore>> {
    try {
      await mkdir(options.dir, { recursive: true, mode: 0o700 });
    } catch (error) {
      return errText(
        'INVALID_STATE',
        'host.keystore.dataFolder',
        { error: error instanceof Error ? error.message : String(error) },
        { detail: 'IO' },
      );
    }
    const opened = await EncryptedStore.open({
      dataPath: join(options.dir, KEYSTORE_FILE),
      keyFilePath: join(options.dir, KEYSTORE_KEY_FILE),
      ...(options.passphrase === undefined ? {} : { passphrase: options.passphrase }),
      ...(options.kdf === undefined ? {} : { kdf: options.kdf }),
      ...(options.files === undefined ? {} : { files: options.files }),
    });
    if (!opened.ok) return opened;
    const { store, payload } = opened.value;
    const now = options.now ?? Date.now;
    if (payload !== undefined) {
      const parsed = stateSchema.safeParse(payload);
      if (!parsed.success) {
        return errText('INVALID_STATE', 'host.keystore.damaged', undefined, { detail: 'CORRUPT' });
      }
      const opened = new Keystore(new FileStore(store), parsed.data, now);
      if (options.beforeWrite) opened.#changes.beforeWrite = options.beforeWrite;
      return ok(opened);
    }
    // First start: all six default wallets in one write, so a crash cannot leave half of them.
    const keystore = new Keystore(new FileStore(store), EMPTY_STATE, now);
    const created = await keystore.#changes.apply((state): Change<null> => {
      let next = state;
      for (const name of DEFAULT_WALLET_NAMES) {
        const added = keystore.walletAdded(next, name, mnemonicFromEntropy(randomBytes(16)), true);
        if (!added.ok) return added;
        next = added.value.state;
      }
      return ok({ state: next, value: null });
    });
    if (options.beforeWrite) keystore.#changes.beforeWrite = options.beforeWrite;
    return created.ok ? ok(keystore) : created;
  }

  get hasPassphrase(): boolean {
    return this.#changes.store.mode === 'passphrase';
  }

  // ---- reading (public data only) ----

  /**
   * The same list, and the same objects, until the wallets change: the workspace view is built on
   * every request and compares wallets by identity first.
   */
  listWallets(): readonly WalletInfo[] {
    const revision = this.#changes.revision;
    if (this.#listed?.revision !== revision)
      this.#listed = {
        revision,
        wallets: this.#changes.state.wallets.map((w) => walletInfoOf(this.#changes.state, w)),
      };
    return this.#listed.wallets;
  }

  getWallet(walletId: string): Result<WalletInfo> {
    const wallet = this.walletById(walletId);
    return wallet ? ok(walletInfoOf(this.#changes.state, wallet)) : walletMissing(walletId);
  }

  /** Public keys and pubkey hashes the wallet can spend with (its own and handed-over ones). */
  ownedKeys(walletId: string): Result<OwnedKey[]> {
    const wallet = this.walletById(walletId);
    return wallet ? ok(ownedKeysOf(this.#changes.state, wallet)) : walletMissing(walletId);
  }

  handovers(): HandoverEntry[] {
    return this.#changes.state.handovers.map(handoverEntryOf);
  }

  // ---- wallets ----

  /** A new HD wallet; without `options.entropy` its seed comes from the OS's randomness. */
  createWallet(name: string, options: CreateWalletOptions = {}): Promise<Result<WalletInfo>> {
    const seed = mnemonicFor(options);
    if (!seed.ok) return Promise.resolve(seed);
    return this.#changes.apply((state) => this.walletAdded(state, name, seed.value, false));
  }

  /** Default wallets get plain ids ("alice"); others get their creation order too ("eve-7"). */
  private walletAdded(
    state: KeystoreState,
    name: string,
    mnemonic: string,
    defaultWallet: boolean,
  ): NewState<WalletInfo> {
    const clean = checkedText(name, NAME_MAX, 'walletName', 'name');
    if (!clean.ok) return clean;
    if (isNameTaken(state, clean.value))
      return errText(
        'BAD_REQUEST',
        'host.walletNameTaken',
        { name: clean.value },
        {
          path: 'name',
          detail: 'DUPLICATE_NAME',
        },
      );
    if (state.wallets.some((w) => w.mnemonic === mnemonic)) {
      return errText('INVALID_STATE', 'host.walletSeedTaken', undefined, { detail: 'DUPLICATE_SEED' });
    }
    const order = state.nextOrder;
    // Every wallet starts with one receiving key, so it has an address from the start.
    const wallet: WalletRecord = {
      id: newWalletId(state, clean.value, order, defaultWallet),
      name: clean.value,
      order,
      mnemonic,
      keys: [{ purpose: 'receive', index: 0, publicKey: this.#seeds.publicKeyHex(mnemonic, 'receive', 0) }],
      imported: [],
    };
    const next: KeystoreState = { ...state, nextOrder: order + 1, wallets: [...state.wallets, wallet] };
    return ok({ state: next, value: walletInfoOf(next, wallet) });
  }

  renameWallet(walletId: string, name: string): Promise<Result<WalletInfo>> {
    return this.#changes.apply((state): Change<WalletInfo> => {
      const wallet = state.wallets.find((w) => w.id === walletId);
      if (!wallet) return walletMissing(walletId);
      const clean = checkedText(name, NAME_MAX, 'walletName', 'name');
      if (!clean.ok) return clean;
      if (isNameTaken(state, clean.value, walletId))
        return errText(
          'BAD_REQUEST',
          'host.walletNameTaken',
          { name: clean.value },
          {
            path: 'name',
            detail: 'DUPLICATE_NAME',
          },
        );
      const renamed: WalletRecord = { ...wallet, name: clean.value };
      const next = replaceWallet(state, renamed);
      return ok({ state: next, value: walletInfoOf(next, renamed) });
    });
  }

  /** Removes the wallet and its secrets. Copies of its keys handed to other wallets stay there; the log stays. */
  deleteWallet(walletId: string): Promise<Result<{ readonly id: string }>> {
    return this.#changes.apply((state): Change<{ id: string }> => {
      const wallet = state.wallets.find((w) => w.id === walletId);
      if (!wallet) return walletMissing(walletId);
      if (wallet.mnemonic !== undefined) this.#seeds.forget(wallet.mnemonic);
      return ok({
        state: { ...state, wallets: state.wallets.filter((w) => w.id !== walletId) },
        value: { id: walletId },
      });
    });
  }

  // ---- keys ----

  /** The next key of `purpose` (index = one past the highest so far). Labels default to "Alice2"-style names. */
  deriveKey(walletId: string, purpose: KeyPurpose, label?: string): Promise<Result<KeyInfo>> {
    return this.#changes.apply((state): Change<KeyInfo> => {
      const wallet = state.wallets.find((w) => w.id === walletId);
      if (!wallet) return walletMissing(walletId);
      if (!KEY_PURPOSES.includes(purpose))
        return errText(
          'BAD_REQUEST',
          'host.keystore.unknownPurpose',
          { purpose: String(purpose) },
          { path: 'purpose' },
        );
      if (wallet.mnemonic === undefined)
        return errText(
          'INVALID_STATE',
          'host.watchOnlyDerive',
          { wallet: wallet.name },
          {
            detail: 'WATCH_ONLY',
          },
        );
      let customLabel: string | undefined;
      if (label !== undefined) {
        const clean = checkedText(label, LABEL_MAX, 'keyLabel', 'label');
        if (!clean.ok) return clean;
        customLabel = clean.value;
      }
      const index = nextIndex(wallet, purpose);
      const key: DerivedKeyRecord = {
        purpose,
        index,
        publicKey: this.#seeds.publicKeyHex(wallet.mnemonic, purpose, index),
        ...(customLabel === undefined ? {} : { label: customLabel }),
      };
      return ok({ growth: { kind: 'key', walletId, key }, value: freshKeyInfo(wallet, key) });
    });
  }

  /** Signs a 32-byte digest (the host computed the sighash). Returns the DER signature without the sighash byte. */
  signDigest(walletId: string, keyId: string, digest: Uint8Array): Result<DigestSignature> {
    const wallet = this.walletById(walletId);
    if (!wallet) return walletMissing(walletId);
    if (!(digest instanceof Uint8Array) || digest.length !== 32)
      return errText('BAD_REQUEST', 'host.keystore.digestSize', undefined, { path: 'digest' });
    const key = this.privateKeyOf(wallet, keyId);
    if (!key.ok) return key;
    return ok(signDigestWith(key.value.privateKey, digest, fromHex(key.value.publicKey)));
  }

  /**
   * A BIP340 signature over a BIP341 signature hash. Key path with no tree: by a `taproot` key
   * tweaked as BIP86 says; with a script tree's Merkle root: by any key, tweaked with it. Script
   * path (BIP342): by any key, untweaked (the leaf names its x-only key). `auxRand` comes from the
   * caller (the scenario's seed), so replays sign alike.
   */
  signSchnorr(
    walletId: string,
    keyId: string,
    digest: Uint8Array,
    auxRand: Uint8Array,
    path: TaprootSpendPath = { kind: 'key' },
  ): Result<SchnorrSignature> {
    const wallet = this.walletById(walletId);
    if (!wallet) return walletMissing(walletId);
    if (!(digest instanceof Uint8Array) || digest.length !== 32)
      return errText('BAD_REQUEST', 'host.keystore.digestSize', undefined, { path: 'digest' });
    if (!(auxRand instanceof Uint8Array) || auxRand.length !== 32)
      return errText('BAD_REQUEST', 'host.keystore.auxRandSize', undefined, { path: 'auxRand' });
    const merkleRoot = path.kind === 'key' ? path.merkleRoot : undefined;
    if (merkleRoot !== undefined && (!(merkleRoot instanceof Uint8Array) || merkleRoot.length !== 32))
      return errText('BAD_REQUEST', 'host.keystore.merkleRootSize', undefined, { path: 'merkleRoot' });
    const record = keyRecordOf(wallet, keyId);
    if (!record) return keyMissing(keyId, wallet.name);
    if (path.kind === 'key' && merkleRoot === undefined && record.purpose !== 'taproot')
      return errText('BAD_REQUEST', 'host.keystore.notTaproot', { key: record.label }, { path: 'keyId' });
    const key = this.privateKeyOf(wallet, keyId);
    if (!key.ok) return key;
    const internalKey = fromHex(key.value.publicKey).subarray(1);
    if (path.kind === 'script')
      return ok({ signature: signSchnorrUntweakedWith(key.value.privateKey, digest, auxRand), outputKey: internalKey });
    const outputKey = tweakedOutputKey(internalKey, merkleRoot)?.outputKey;
    if (!outputKey) throw new Error('bug: a keystore public key is not a valid key');
    return ok({ signature: signSchnorrWith(key.value.privateKey, digest, auxRand, merkleRoot), outputKey });
  }

  /**
   * One participant's partial signature in a MuSig2 key-path session: the wallet's key signs,
   * and the other participants' public nonces are derived from their keys, which this keystore
   * must hold too (mock wallets; see musigSigning.ts for why that is the only safe case).
   */
  musig2PartialSign(walletId: string, keyId: string, request: MusigRequest): Result<MusigPartial> {
    const wallet = this.walletById(walletId);
    if (!wallet) return walletMissing(walletId);
    const key = this.privateKeyOf(wallet, keyId);
    if (!key.ok) return key;
    return musigPartialWith(key.value, (publicKey) => this.#secretByPublicKey(publicKey), request);
  }

  /** The private key of any wallet's key with this public key, for a MuSig2 cosigner's nonce. */
  #secretByPublicKey(publicKey: string): Result<Uint8Array> {
    for (const wallet of this.#changes.state.wallets) {
      const key = walletInfoOf(this.#changes.state, wallet).keys.find((k) => k.publicKey === publicKey && k.canSign);
      if (key) {
        const secret = this.privateKeyOf(wallet, key.id);
        if (secret.ok) return ok(secret.value.privateKey);
      }
    }
    return errText('INVALID_STATE', 'host.keystore.noCosigner', { publicKey }, { path: 'keys' });
  }

  /**
   * The BIP32 fingerprint of the wallet's master key (HASH160 of its public key, first 4 bytes,
   * hex): public, and what a PSBT's derivation fields name a key's origin by. Undefined for a
   * watch-only wallet, which has no master key.
   */
  masterFingerprint(walletId: string): string | undefined {
    const mnemonic = this.walletById(walletId)?.mnemonic;
    return mnemonic === undefined ? undefined : toHex(this.#seeds.root(mnemonic).fingerprint);
  }

  /**
   * The RSMC revocation step (SPEC §3.5): copies the private key of `keyId` from one wallet into
   * another, where it appears as an imported key, and logs the handover. Nothing is returned but
   * the log entry; the key bytes never leave the keystore.
   */
  handOverKey(keyId: string, fromWalletId: string, toWalletId: string, reason: string): Promise<Result<HandoverEntry>> {
    return this.#changes.apply((state): Change<HandoverEntry> => {
      const from = state.wallets.find((w) => w.id === fromWalletId);
      if (!from) return walletMissing(fromWalletId);
      const to = state.wallets.find((w) => w.id === toWalletId);
      if (!to) return walletMissing(toWalletId);
      if (from.id === to.id) return errText('BAD_REQUEST', 'host.handOverToSelf', undefined, { path: 'toWalletId' });
      const cleanReason = checkedText(reason, REASON_MAX, 'reason', 'reason');
      if (!cleanReason.ok) return cleanReason;
      const key = keyRecordOf(from, keyId);
      if (!key) return keyMissing(keyId, from.name);
      if (keyRecordOf(to, keyId)) {
        return errText(
          'INVALID_STATE',
          'host.keyAlreadyHeld',
          { wallet: to.name, key: key.label },
          { detail: 'ALREADY_HELD' },
        );
      }
      const privateKey = this.privateKeyOf(from, keyId);
      if (!privateKey.ok) return privateKey;
      const time = this.#now();
      const record: HandoverRecord = {
        id: this.#handoverId(),
        time,
        keyId,
        keyLabel: key.label,
        publicKey: key.publicKey,
        fromWalletId: from.id,
        fromWalletName: from.name,
        toWalletId: to.id,
        toWalletName: to.name,
        reason: cleanReason.value,
      };
      const imported: ImportedKeyRecord = {
        keyId,
        purpose: key.purpose,
        index: key.index,
        path: key.path,
        label: key.label,
        publicKey: key.publicKey,
        privateKey: toHex(privateKey.value.privateKey),
        handoverId: record.id,
        fromWalletId: from.id,
        fromWalletName: from.name,
        time,
      };
      return ok({
        growth: { kind: 'handover', toWalletId: to.id, imported, handover: record },
        value: handoverEntryOf(record),
      });
    });
  }

  // ---- export, import, passphrase ----

  /**
   * Wallets as data for a file or a scenario.
   * ⚠ `includePrivateKeys: true` returns MNEMONICS AND PRIVATE KEYS. It is the only call that does;
   * use it only for an export the user asked for explicitly ("export with keys").
   */
  exportWallets(options: { readonly includePrivateKeys: false }): PublicWalletExport;
  exportWallets(options: { readonly includePrivateKeys: true }): SecretWalletExport;
  exportWallets(options: { readonly includePrivateKeys: boolean }): PublicWalletExport | SecretWalletExport;
  exportWallets(options: { readonly includePrivateKeys: boolean }): PublicWalletExport | SecretWalletExport {
    return options.includePrivateKeys === true
      ? structuredClone(buildSecretExport(this.#changes.state))
      : buildPublicExport(this.#changes.state);
  }

  /** Imports an export (checked in full first). A public-only export gives watch-only wallets. */
  importWallets(data: unknown, options: { readonly mode: ImportMode }): Promise<Result<WalletInfo[]>> {
    return this.#changes.apply((state): Change<WalletInfo[]> => {
      const next = stateAfterImport(state, data, options.mode);
      if (!next.ok) return next;
      return ok({ state: next.value, value: next.value.wallets.map((w) => walletInfoOf(next.value, w)) });
    });
  }

  /** Empty or undefined means "no passphrase" on either side. */
  changePassphrase(oldPassphrase: string | undefined, newPassphrase: string | undefined): Promise<Result<void>> {
    const run = async (): Promise<Result<void>> => {
      if (newPassphrase !== undefined && newPassphrase.length > 1024)
        return errText('BAD_REQUEST', 'host.passphrase.tooLong', {}, { path: 'newPassphrase' });
      if (!(await this.#changes.store.checkPassphrase(oldPassphrase))) {
        return errText('KEYSTORE_LOCKED', 'host.passphrase.wrong', {}, { detail: 'WRONG_PASSPHRASE' });
      }
      return this.#changes.store.setPassphrase(newPassphrase, this.#changes.state);
    };
    return this.#changes.exclusive(run);
  }

  /**
   * ⚠ RETURNS EVERY WALLET'S MNEMONIC (wallet id → mnemonic), which is all its private keys.
   * Only for a scenario export with keys that the user chose on purpose. Keys handed over from
   * other wallets are not in it (see `exportWallets({ includePrivateKeys: true })` for those).
   */
  exportMnemonicsDangerously(): ReadonlyMap<string, string> {
    const out = new Map<string, string>();
    for (const w of this.#changes.state.wallets) if (w.mnemonic !== undefined) out.set(w.id, w.mnemonic);
    return out;
  }

  // ---- internals ----

  private walletById(walletId: string): WalletRecord | undefined {
    return this.#changes.state.wallets.find((w) => w.id === walletId);
  }

  /** A new handover's id: 8 random bytes as hex. */
  #handoverId(): string {
    if (this.#randomUsed + 8 > this.#randomPool.length) {
      this.#randomPool = randomBytes(8 * 64);
      this.#randomUsed = 0;
    }
    const id = toHex(this.#randomPool.subarray(this.#randomUsed, this.#randomUsed + 8));
    this.#randomUsed += 8;
    return id;
  }

  /** The key's private bytes, for this class to read at once: for a derived key, the kept copy itself. */
  private privateKeyOf(
    wallet: WalletRecord,
    keyId: string,
  ): Result<{ readonly privateKey: Uint8Array; readonly publicKey: string }> {
    const derived = derivedKeyOf(wallet, keyId);
    if (derived) {
      if (wallet.mnemonic === undefined)
        return errText('INVALID_STATE', 'host.watchOnlySign', { wallet: wallet.name }, { detail: 'WATCH_ONLY' });
      return ok({
        privateKey: this.#seeds.keptKey(wallet.mnemonic, derived.purpose, derived.index),
        publicKey: derived.publicKey,
      });
    }
    const imported = importedKeyOf(wallet, keyId);
    if (!imported) return keyMissing(keyId, wallet.name);
    if (imported.privateKey === undefined)
      return errText(
        'INVALID_STATE',
        'host.importedKeyCannotSign',
        { key: imported.label },
        {
          detail: 'WATCH_ONLY',
        },
      );
    return ok({ privateKey: fromHex(imported.privateKey), publicKey: imported.publicKey });
  }
}
