/**
 * Where a workspace's wallets live. The app keeps them in the encrypted on-disk keystore; the
 * CLI and tests keep them in memory. Either way a workspace switch builds its wallets in a fresh
 * in-memory keystore first and adopts them only when the switch succeeded.
 */
import { err, ok, type Result } from '../../shared/contract/result';
import { Keystore } from '../keystore/keystore';
import type { WalletStore, WalletStoreProvider } from './walletStore';

function asKeystore(store: WalletStore): Keystore {
  if (!(store instanceof Keystore)) throw new Error('bug: a wallet store not made by this provider');
  return store;
}

/** A copy of a store's wallets (keys, handed-over keys, the log) in a fresh in-memory keystore. */
async function copyWallets(store: WalletStore): Promise<Result<WalletStore>> {
  // Both providers keep wallets in Keystores.
  if (!(store instanceof Keystore)) return err('INTERNAL', 'the wallet store cannot be copied');
  const into = Keystore.inMemory();
  const copied = await into.importWallets(store.exportWallets({ includePrivateKeys: true }), { mode: 'replace' });
  return copied.ok ? ok(into) : copied;
}

/** The app's provider: adopting copies the wallets (with their keys) into the persistent keystore. */
export class PersistentWalletProvider implements WalletStoreProvider {
  constructor(private readonly keystore: Keystore) {}
  current(): WalletStore {
    return this.keystore;
  }
  fresh(): Promise<WalletStore> {
    return Promise.resolve(Keystore.inMemory());
  }
  async adopt(store: WalletStore): Promise<Result<unknown>> {
    if (store === this.keystore) return ok(true);
    return this.keystore.importWallets(asKeystore(store).exportWallets({ includePrivateKeys: true }), {
      mode: 'replace',
    });
  }
  copy(store: WalletStore): Promise<Result<WalletStore>> {
    return copyWallets(store);
  }
}

/** Headless use (CLI, tests, benchmarks): wallets in memory, adopting simply switches to them. */
export class MemoryWalletProvider implements WalletStoreProvider {
  private store: WalletStore = Keystore.inMemory();
  current(): WalletStore {
    return this.store;
  }
  fresh(): Promise<WalletStore> {
    return Promise.resolve(Keystore.inMemory());
  }
  adopt(store: WalletStore): Promise<Result<unknown>> {
    this.store = store;
    return Promise.resolve(ok(true));
  }
  copy(store: WalletStore): Promise<Result<WalletStore>> {
    return copyWallets(store);
  }
}
