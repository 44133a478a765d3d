/**
 * What the workbench needs from a keystore. The encrypted on-disk Keystore implements it; a
 * workspace switch (new workspace, scenario load, import) builds a fresh store and adopts it
 * only once everything else succeeded, so a failed import leaves the open workspace untouched.
 */
import type { Result } from '../../shared/contract/result';
import type {
  DigestSignature,
  HandoverEntry,
  KeyInfo,
  KeyPurpose,
  MusigPartial,
  MusigRequest,
  SchnorrSignature,
  TaprootSpendPath,
  WalletInfo,
} from '../keystore/types';

export type {
  DigestSignature,
  HandoverEntry,
  KeyInfo,
  KeyPurpose,
  MusigPartial,
  MusigRequest,
  SchnorrSignature,
  TaprootSpendPath,
  WalletInfo,
};

export interface WalletStore {
  listWallets(): readonly WalletInfo[];
  handovers(): readonly HandoverEntry[];
  createWallet(name: string, options?: { entropy?: Uint8Array; mnemonic?: string }): Promise<Result<WalletInfo>>;
  renameWallet(walletId: string, name: string): Promise<Result<WalletInfo>>;
  deleteWallet(walletId: string): Promise<Result<unknown>>;
  deriveKey(walletId: string, purpose: KeyPurpose, label?: string): Promise<Result<KeyInfo>>;
  signDigest(
    walletId: string,
    keyId: string,
    digest: Uint8Array,
  ): Promise<Result<DigestSignature>> | Result<DigestSignature>;
  /**
   * A BIP340 signature with the caller's aux randomness: key path by a `taproot` key
   * (BIP86-tweaked), script path by any key, untweaked.
   */
  signSchnorr(
    walletId: string,
    keyId: string,
    digest: Uint8Array,
    auxRand: Uint8Array,
    path?: TaprootSpendPath,
  ): Promise<Result<SchnorrSignature>> | Result<SchnorrSignature>;
  /** The master key's BIP32 fingerprint (hex), for PSBT derivation fields; undefined when watch-only. */
  masterFingerprint?(walletId: string): string | undefined;
  /** One participant's MuSig2 partial signature (and every participant's public nonce). */
  musig2PartialSign(
    walletId: string,
    keyId: string,
    request: MusigRequest,
  ): Promise<Result<MusigPartial>> | Result<MusigPartial>;
  handOverKey(keyId: string, fromWalletId: string, toWalletId: string, reason: string): Promise<Result<HandoverEntry>>;
  /** Mnemonics of the wallets, for an export with private keys chosen on purpose. */
  exportMnemonicsDangerously(): ReadonlyMap<string, string>;
}

export interface WalletStoreProvider {
  /** The store of the open workspace. */
  current(): WalletStore;
  /** An empty store, not yet the app's; `adopt` makes it so (replacing the old one on disk). */
  fresh(): Promise<WalletStore>;
  adopt(store: WalletStore): Promise<Result<unknown>>;
  /** A copy of `store`'s wallets (keys, handed-over keys, the log) in a fresh store, for Undo of a switch. */
  copy(store: WalletStore): Promise<Result<WalletStore>>;
}
