/** Public views of the state: what listWallets, ownedKeys and handovers return. No secrets here. */
import { fromHex, toHex } from '../../shared/bitcoin/bytes';
import { hash160 } from '../../shared/bitcoin/hashes';
import { pathFor } from './derivation';
import { defaultLabel, keyIdOf, type HandoverRecord, type KeystoreState, type WalletRecord } from './state';
import type { HandoverEntry, HandoverRef, KeyInfo, OwnedKey, WalletInfo } from './types';

const pubKeyHashOf = (publicKeyHex: string): string => toHex(hash160(fromHex(publicKeyHex)));

function handedOverTo(handovers: readonly HandoverRecord[], walletId: string, keyId: string): HandoverRef[] {
  return handovers
    .filter((h) => h.fromWalletId === walletId && h.keyId === keyId)
    .map((h) => ({ handoverId: h.id, walletId: h.toWalletId, walletName: h.toWalletName, time: h.time }));
}

export function keyInfosOf(state: KeystoreState, wallet: WalletRecord): KeyInfo[] {
  const canSignDerived = wallet.mnemonic !== undefined;
  const derived = wallet.keys.map((key): KeyInfo => {
    const id = keyIdOf(wallet.id, key.purpose, key.index);
    return {
      id,
      walletId: wallet.id,
      purpose: key.purpose,
      label: key.label ?? defaultLabel(wallet.name, key.purpose, key.index),
      index: key.index,
      path: pathFor(key.purpose, key.index),
      publicKey: key.publicKey,
      pubKeyHash: pubKeyHashOf(key.publicKey),
      origin: 'derived',
      handedOverTo: handedOverTo(state.handovers, wallet.id, id),
      canSign: canSignDerived,
    };
  });
  const imported = wallet.imported.map(
    (key): KeyInfo => ({
      id: key.keyId,
      walletId: wallet.id,
      purpose: key.purpose,
      label: key.label,
      index: key.index,
      path: key.path,
      publicKey: key.publicKey,
      pubKeyHash: pubKeyHashOf(key.publicKey),
      origin: 'imported',
      handedOverTo: handedOverTo(state.handovers, wallet.id, key.keyId),
      handedOverFrom: { handoverId: key.handoverId, walletId: key.fromWalletId, walletName: key.fromWalletName, time: key.time },
      canSign: key.privateKey !== undefined,
    }),
  );
  return [...derived, ...imported];
}

export function walletInfoOf(state: KeystoreState, wallet: WalletRecord): WalletInfo {
  return { id: wallet.id, name: wallet.name, order: wallet.order, watchOnly: wallet.mnemonic === undefined, keys: keyInfosOf(state, wallet) };
}

export function ownedKeysOf(state: KeystoreState, wallet: WalletRecord): OwnedKey[] {
  return keyInfosOf(state, wallet).map((k) => ({
    keyId: k.id,
    purpose: k.purpose,
    label: k.label,
    publicKey: k.publicKey,
    pubKeyHash: k.pubKeyHash,
    canSign: k.canSign,
  }));
}

export function handoverEntryOf(record: HandoverRecord): HandoverEntry {
  return { ...record };
}
