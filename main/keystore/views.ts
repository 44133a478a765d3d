/** Public views of the state: what listWallets, ownedKeys and handovers return. No secrets here. */
import { fromHex, toHex } from '../../shared/bitcoin/bytes';
import { hash160 } from '../../shared/bitcoin/hashes';
import { pathFor } from './derivation';
import { defaultLabel, keyIdOf, type HandoverRecord, type KeystoreState, type WalletRecord } from './state';
import type { HandoverEntry, HandoverRef, KeyInfo, KeyPurpose, OwnedKey, WalletInfo } from './types';

/**
 * State records are never changed once made (a change makes new ones), so what is computed from
 * one is kept with it: a key's hash160, the handover log indexed by key. Views of a wallet with
 * hundreds of keys and handovers (a busy payment channel) then cost what they show.
 */
const pubKeyHashes = new WeakMap<object, string>();
const handoverIndexes = new WeakMap<readonly HandoverRecord[], ReadonlyMap<string, HandoverRef[]>>();

function pubKeyHashOf(record: { readonly publicKey: string }): string {
  let hash = pubKeyHashes.get(record);
  if (hash === undefined) {
    hash = toHex(hash160(fromHex(record.publicKey)));
    pubKeyHashes.set(record, hash);
  }
  return hash;
}

function handedOverTo(handovers: readonly HandoverRecord[], walletId: string, keyId: string): HandoverRef[] {
  let index = handoverIndexes.get(handovers);
  if (!index) {
    const byKey = new Map<string, HandoverRef[]>();
    for (const h of handovers) {
      const key = `${h.fromWalletId}\0${h.keyId}`;
      byKey.set(key, [...(byKey.get(key) ?? []), { handoverId: h.id, walletId: h.toWalletId, walletName: h.toWalletName, time: h.time }]);
    }
    index = byKey;
    handoverIndexes.set(handovers, index);
  }
  return [...(index.get(`${walletId}\0${keyId}`) ?? [])];
}

type DerivedRecord = WalletRecord['keys'][number];
type ImportedRecord = WalletRecord['imported'][number];

function derivedInfo(state: KeystoreState, wallet: WalletRecord, key: DerivedRecord, fresh = false): KeyInfo {
  const id = keyIdOf(wallet.id, key.purpose, key.index);
  return {
    id,
    walletId: wallet.id,
    purpose: key.purpose,
    label: key.label ?? defaultLabel(wallet.name, key.purpose, key.index),
    index: key.index,
    path: pathFor(key.purpose, key.index),
    publicKey: key.publicKey,
    pubKeyHash: pubKeyHashOf(key),
    origin: 'derived',
    handedOverTo: fresh ? [] : handedOverTo(state.handovers, wallet.id, id),
    canSign: wallet.mnemonic !== undefined,
  };
}

function importedInfo(state: KeystoreState, wallet: WalletRecord, key: ImportedRecord): KeyInfo {
  return {
    id: key.keyId,
    walletId: wallet.id,
    purpose: key.purpose,
    label: key.label,
    index: key.index,
    path: key.path,
    publicKey: key.publicKey,
    pubKeyHash: pubKeyHashOf(key),
    origin: 'imported',
    handedOverTo: handedOverTo(state.handovers, wallet.id, key.keyId),
    handedOverFrom: { handoverId: key.handoverId, walletId: key.fromWalletId, walletName: key.fromWalletName, time: key.time },
    canSign: key.privateKey !== undefined,
  };
}

export function keyInfosOf(state: KeystoreState, wallet: WalletRecord): KeyInfo[] {
  return [...wallet.keys.map((key) => derivedInfo(state, wallet, key)), ...wallet.imported.map((key) => importedInfo(state, wallet, key))];
}

/** One key of the wallet, without building the others'. `fresh`: just derived, so handed over to nobody. */
export function keyInfoOf(state: KeystoreState, wallet: WalletRecord, keyId: string, options: { readonly fresh?: boolean } = {}): KeyInfo | undefined {
  const derived = wallet.keys.find((k) => keyIdOf(wallet.id, k.purpose, k.index) === keyId);
  if (derived) return derivedInfo(state, wallet, derived, options.fresh);
  const imported = wallet.imported.find((k) => k.keyId === keyId);
  return imported ? importedInfo(state, wallet, imported) : undefined;
}

/** What a handover copies of a key: its place, label and public key (no log search, no hashing). */
export function keyRecordOf(wallet: WalletRecord, keyId: string): { readonly purpose: KeyPurpose; readonly index: number; readonly path: string; readonly label: string; readonly publicKey: string } | undefined {
  const derived = wallet.keys.find((k) => keyIdOf(wallet.id, k.purpose, k.index) === keyId);
  if (derived) return { purpose: derived.purpose, index: derived.index, path: pathFor(derived.purpose, derived.index), label: derived.label ?? defaultLabel(wallet.name, derived.purpose, derived.index), publicKey: derived.publicKey };
  const imported = wallet.imported.find((k) => k.keyId === keyId);
  return imported ? { purpose: imported.purpose, index: imported.index, path: imported.path, label: imported.label, publicKey: imported.publicKey } : undefined;
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
