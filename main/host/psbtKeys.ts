/**
 * What a PSBT export may say about the workspace's keys (BIP174/BIP371 derivation fields): each
 * key's BIP32 path and the fingerprint of the master key it was derived from. Public data only.
 */
import { fromHex } from '../../shared/bitcoin/bytes';
import type { KeyOrigin, PsbtKeys } from '../../shared/workspace/psbtTaproot';
import type { WalletStore } from './walletStore';
import { ownership } from './walletViews';

export function psbtKeysOf(store: WalletStore): PsbtKeys {
  const wallets = store.listWallets();
  const fingerprints = new Map<string, string | undefined>();
  const fingerprintOf = (walletId: string) => {
    if (!fingerprints.has(walletId)) fingerprints.set(walletId, store.masterFingerprint?.(walletId));
    return fingerprints.get(walletId);
  };
  const origins = new Map<string, { walletId: string; path: string }>();
  for (const w of wallets)
    for (const k of w.keys) {
      // A handed-over key was derived by the wallet it came from: its path is that wallet's.
      const walletId = k.origin === 'imported' ? k.handedOverFrom?.walletId : w.id;
      if (walletId && !origins.has(k.publicKey)) origins.set(k.publicKey, { walletId, path: k.path });
    }
  return {
    originOf: (pubKeyHex): KeyOrigin | undefined => {
      const origin = origins.get(pubKeyHex);
      const fingerprint = origin && fingerprintOf(origin.walletId);
      return origin && fingerprint ? { masterFingerprint: fromHex(fingerprint), path: origin.path } : undefined;
    },
    pubKeyByHash: ownership(wallets).keyByHash,
  };
}
