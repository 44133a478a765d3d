/**
 * Where the keystore persists its state: the encrypted file (atomic writes, see
 * storage/encryptedStore.ts), or nowhere (Keystore.inMemory).
 */
import { errText, ok, type Result } from '../../shared/contract/result';
import type { EncryptedStore } from '../storage/encryptedStore';
import type { KeystoreState } from './state';

/**
 * Where the state is persisted: the encrypted file, or nowhere (Keystore.inMemory). `write` gets
 * the state to persist as a function, so a store that keeps nothing does not build it.
 */
export interface StateStore {
  readonly mode: EncryptedStore['mode'];
  /** True when a write costs enough (a file, fsync'd) that changes waiting together share one. */
  readonly batchesWrites: boolean;
  /** True when `write` keeps nothing (Keystore.inMemory): a change can then be made at once. */
  readonly writesNothing: boolean;
  write(state: () => KeystoreState): Promise<Result<void>>;
  checkPassphrase(passphrase: string | undefined): Promise<boolean>;
  setPassphrase(passphrase: string | undefined, state: KeystoreState): Promise<Result<void>>;
}

export class FileStore implements StateStore {
  readonly batchesWrites = true;
  readonly writesNothing = false;
  constructor(private readonly file: EncryptedStore) {}
  get mode(): EncryptedStore['mode'] {
    return this.file.mode;
  }
  write(state: () => KeystoreState): Promise<Result<void>> {
    return this.file.write(state());
  }
  checkPassphrase(passphrase: string | undefined): Promise<boolean> {
    return this.file.checkPassphrase(passphrase);
  }
  setPassphrase(passphrase: string | undefined, state: KeystoreState): Promise<Result<void>> {
    return this.file.setPassphrase(passphrase, state);
  }
}

export class MemoryStore implements StateStore {
  readonly mode = 'keyfile' as const;
  readonly batchesWrites = false;
  readonly writesNothing = true;
  write(): Promise<Result<void>> {
    return Promise.resolve(ok(undefined));
  }
  checkPassphrase(passphrase: string | undefined): Promise<boolean> {
    return Promise.resolve(!passphrase);
  }
  setPassphrase(): Promise<Result<void>> {
    return Promise.resolve(errText('INVALID_STATE', 'host.keystore.noPassphrase'));
  }
}
