/**
 * Finding a key in a wallet, the next free index of a purpose and who a key was handed to,
 * without walking the lists: a channel that has revoked thousands of states has thousands of
 * keys and handovers, and each update looks several of them up.
 *
 * Lists in the state only ever grow (state.ts), so what is learnt from a list is kept with it
 * (by identity, with how many items it has covered) and brought up to date when the list has
 * grown since. A list from a replaced state is simply never asked about again.
 */
import type { HandoverRef, KeyPurpose } from './types';
import type { DerivedKeyRecord, HandoverRecord, ImportedKeyRecord, WalletRecord } from './state';

interface Summary<S> {
  readonly summary: S;
  covered: number;
}

/** A summary of `list` kept in `cache`, extended by `add` with the items appended since last time. */
function summaryOf<R, S>(
  cache: WeakMap<readonly R[], Summary<S>>,
  list: readonly R[],
  empty: () => S,
  add: (summary: S, item: R) => void,
): S {
  let kept = cache.get(list);
  if (!kept) {
    kept = { summary: empty(), covered: 0 };
    cache.set(list, kept);
  }
  for (; kept.covered < list.length; kept.covered++) add(kept.summary, list[kept.covered]!);
  return kept.summary;
}

/** The first of several records under one key wins, as a search from the start would find. */
function addFirst<R>(map: Map<string, R>, key: string, record: R): void {
  if (!map.has(key)) map.set(key, record);
}

const derivedByPlace = new WeakMap<readonly DerivedKeyRecord[], Summary<Map<string, DerivedKeyRecord>>>();
const nextIndexes = new WeakMap<readonly DerivedKeyRecord[], Summary<Map<KeyPurpose, number>>>();
const importedById = new WeakMap<readonly ImportedKeyRecord[], Summary<Map<string, ImportedKeyRecord>>>();
const handoversByKey = new WeakMap<readonly HandoverRecord[], Summary<Map<string, HandoverRef[]>>>();

/** The wallet's derived key with id `keyId` (`walletId/purpose/index`, see keyIdOf). */
export function derivedKeyOf(wallet: WalletRecord, keyId: string): DerivedKeyRecord | undefined {
  const prefix = `${wallet.id}/`;
  if (!keyId.startsWith(prefix)) return undefined;
  return summaryOf(derivedByPlace, wallet.keys, newMap, addByPlace).get(keyId.slice(prefix.length));
}

// The summaries' makers and extenders, made once (not a closure per lookup: several lookups an update).
const newMap = <K, V>(): Map<K, V> => new Map<K, V>();
const addByPlace = (map: Map<string, DerivedKeyRecord>, key: DerivedKeyRecord): void =>
  addFirst(map, `${key.purpose}/${key.index}`, key);
const addById = (map: Map<string, ImportedKeyRecord>, key: ImportedKeyRecord): void => addFirst(map, key.keyId, key);
const addNextIndex = (map: Map<KeyPurpose, number>, key: DerivedKeyRecord): void => {
  if (key.index >= (map.get(key.purpose) ?? 0)) map.set(key.purpose, key.index + 1);
};

export function importedKeyOf(wallet: WalletRecord, keyId: string): ImportedKeyRecord | undefined {
  return summaryOf(importedById, wallet.imported, newMap, addById).get(keyId);
}

/** One past the highest index of `purpose` in the wallet (0 when it has none). */
export function nextIndex(wallet: WalletRecord, purpose: KeyPurpose): number {
  return summaryOf(nextIndexes, wallet.keys, newMap, addNextIndex).get(purpose) ?? 0;
}

/** Where the log says key `keyId` of wallet `walletId` went, oldest first (a fresh copy). */
export function handedOverTo(handovers: readonly HandoverRecord[], walletId: string, keyId: string): HandoverRef[] {
  const byKey = summaryOf(
    handoversByKey,
    handovers,
    () => new Map<string, HandoverRef[]>(),
    (map, h) => {
      const key = `${h.fromWalletId}\0${h.keyId}`;
      const refs = map.get(key) ?? [];
      refs.push({ handoverId: h.id, walletId: h.toWalletId, walletName: h.toWalletName, time: h.time });
      map.set(key, refs);
    },
  );
  return [...(byKey.get(`${walletId}\0${keyId}`) ?? [])];
}
