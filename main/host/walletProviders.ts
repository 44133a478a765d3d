/**
 * Where a workspace's wallets live. The app keeps them in the encrypted on-disk keystore; the
 * CLI and tests keep them in memory. Either way a workspace switch builds its wallets in a fresh
 * in-memory keystore first and adopts them only when the switch succeeded.
 */
import { ok, type Result } from '../../shared/contract/result';
import { Keystore } from '../keystore/keystore';
import type { WalletStore, WalletStoreProvider } from './walletStore';

function asKeystore(store: WalletStore): Keystore {
  if (!(store instanceof Keystore)) throw new Error('bug: a wallet store not made by this provider');
  return store;
}

/** The app's provider: adopting copies the wallets (with their keys) into the persistent keystore. */
export class PersistentWalletProvider implements WalletStoreProvider {
  constructor(private readonly keystore: Keystore) {}
  current(): WalletStore {
    return this.keystore;
  }
  async fresh(): Promise<WalletStore> {
    return Keystore.inMemory();
  }
  async adopt(store: WalletStore): Promise<Result<unknown>> {
    if (store === this.keystore) return ok(true);
    return this.keystore.importWallets(asKeystore(store).exportWallets({ includePrivateKeys: true }), {
      mode: 'replace',
    });
  }
}

/** Headless use (CLI, tests, benchmarks): wallets in memory, adopting simply switches to them. */
export class MemoryWalletProvider implements WalletStoreProvider {
  private store: WalletStore = Keystore.inMemory();
  current(): WalletStore {
    return this.store;
  }
  async fresh(): Promise<WalletStore> {
    return Keystore.inMemory();
  }
  async adopt(store: WalletStore): Promise<Result<unknown>> {
    this.store = store;
    return ok(true);
  }
}
