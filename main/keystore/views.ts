/** Public views of the state: what listWallets, ownedKeys and handovers return. No secrets here. */
import { fromHex, toHex } from '../../shared/bitcoin/bytes';
import { hash160 } from '../../shared/bitcoin/hashes';
import { bip86OutputKey } from '../../shared/bitcoin/taproot';
import { pathFor } from './derivation';
import { derivedKeyOf, handedOverTo, importedKeyOf } from './lookup';
import {
  defaultLabel,
  keyIdOf,
  type DerivedKeyRecord,
  type HandoverRecord,
  type KeystoreState,
  type WalletRecord,
} from './state';
import type { HandoverEntry, KeyInfo, KeyPurpose, OwnedKey, WalletInfo } from './types';

/**
 * State records are never changed once made (a change makes new ones), so a key's hash160 is
 * kept with its record; lookups by id and the handover log by key are indexed in lookup.ts.
 * Views of a wallet with hundreds of keys and handovers (a busy payment channel) then cost what
 * they show.
 */
const pubKeyHashes = new WeakMap<object, string>();

function pubKeyHashOf(record: { readonly publicKey: string }): string {
  let hash = pubKeyHashes.get(record);
  if (hash === undefined) {
    hash = toHex(hash160(fromHex(record.publicKey)));
    pubKeyHashes.set(record, hash);
  }
  return hash;
}

const taprootKeys = new WeakMap<object, string>();

/** A `taproot` key's BIP86 output key (x-only hex), kept with its record as its hash160 is. */
function taprootKeyOf(record: { readonly purpose: KeyPurpose; readonly publicKey: string }): { taprootKey?: string } {
  if (record.purpose !== 'taproot') return {};
  let key = taprootKeys.get(record);
  if (key === undefined) {
    const outputKey = bip86OutputKey(fromHex(record.publicKey));
    if (!outputKey) return {};
    key = toHex(outputKey);
    taprootKeys.set(record, key);
  }
  return { taprootKey: key };
}

type DerivedRecord = WalletRecord['keys'][number];
type ImportedRecord = WalletRecord['imported'][number];

/** `state` undefined: the key is fresh, handed over to nobody. */
function derivedInfo(state: KeystoreState | undefined, wallet: WalletRecord, key: DerivedRecord): KeyInfo {
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
    ...taprootKeyOf(key),
    origin: 'derived',
    handedOverTo: state ? handedOverTo(state.handovers, wallet.id, id) : [],
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
    ...taprootKeyOf(key),
    origin: 'imported',
    handedOverTo: handedOverTo(state.handovers, wallet.id, key.keyId),
    handedOverFrom: {
      handoverId: key.handoverId,
      walletId: key.fromWalletId,
      walletName: key.fromWalletName,
      time: key.time,
    },
    canSign: key.privateKey !== undefined,
  };
}

function keyInfosOf(state: KeystoreState, wallet: WalletRecord): KeyInfo[] {
  return [
    ...wallet.keys.map((key) => derivedInfo(state, wallet, key)),
    ...wallet.imported.map((key) => importedInfo(state, wallet, key)),
  ];
}

/** A key just derived (so handed over to nobody) of `wallet`, before it is in the state. */
export function freshKeyInfo(wallet: WalletRecord, key: DerivedKeyRecord): KeyInfo {
  return derivedInfo(undefined, wallet, key);
}

/** What a handover copies of a key: its place, label and public key (no log search, no hashing). */
export function keyRecordOf(
  wallet: WalletRecord,
  keyId: string,
):
  | {
      readonly purpose: KeyPurpose;
      readonly index: number;
      readonly path: string;
      readonly label: string;
      readonly publicKey: string;
    }
  | undefined {
  const derived = derivedKeyOf(wallet, keyId);
  if (derived)
    return {
      purpose: derived.purpose,
      index: derived.index,
      path: pathFor(derived.purpose, derived.index),
      label: derived.label ?? defaultLabel(wallet.name, derived.purpose, derived.index),
      publicKey: derived.publicKey,
    };
  const imported = importedKeyOf(wallet, keyId);
  return imported
    ? {
        purpose: imported.purpose,
        index: imported.index,
        path: imported.path,
        label: imported.label,
        publicKey: imported.publicKey,
      }
    : undefined;
}

export function walletInfoOf(state: KeystoreState, wallet: WalletRecord): WalletInfo {
  return {
    id: wallet.id,
    name: wallet.name,
    order: wallet.order,
    watchOnly: wallet.mnemonic === undefined,
    keys: keyInfosOf(state, wallet),
  };
}

export function ownedKeysOf(state: KeystoreState, wallet: WalletRecord): OwnedKey[] {
  return keyInfosOf(state, wallet).map((k) => ({
    keyId: k.id,
    purpose: k.purpose,
    label: k.label,
    publicKey: k.publicKey,
    pubKeyHash: k.pubKeyHash,
    ...(k.taprootKey ? { taprootKey: k.taprootKey } : {}),
    canSign: k.canSign,
  }));
}

export function handoverEntryOf(record: HandoverRecord): HandoverEntry {
  return { ...record };
}
