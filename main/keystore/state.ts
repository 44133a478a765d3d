/**
 * The keystore's persisted state: the JSON payload inside the encrypted store, and (minus the
 * secrets unless asked) the wallet export format. Plain read-only data: a record is never changed
 * once made. Most changes make a new state; the two a payment channel makes by the thousand (a new
 * key, a handover) append to the lists instead (see `grownInPlace`), so a wallet's key lists and
 * the handover log only ever grow. Secrets live here and only here: `mnemonic` and imported
 * `privateKey`.
 */
import { z } from 'zod';
import { KEY_PURPOSES, type KeyPurpose } from './types';
import { fail, ok, type Result } from '../../shared/contract/result';

export const STATE_SCHEMA_VERSION = 1;

const hexOf = (bytes: number) =>
  z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`), `expected ${bytes} bytes of lowercase hex`);
const compressedKeyHex = hexOf(33).refine(
  (k) => k.startsWith('02') || k.startsWith('03'),
  'expected a compressed public key',
);

const walletIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'a wallet id is lowercase letters, digits and dashes');
const purposeSchema = z.enum(KEY_PURPOSES);
const indexSchema = z.number().int().min(0).max(0x7fffffff);
const timeSchema = z.number().int().min(0);
const shortText = z.string().max(200);

export const derivedKeySchema = z.object({
  purpose: purposeSchema,
  index: indexSchema,
  /** Absent: the label follows the wallet's name ("Alice2"); present: the user's own label. */
  label: shortText.optional(),
  publicKey: compressedKeyHex,
});

export const importedKeySchema = z.object({
  keyId: z.string().min(1).max(120),
  purpose: purposeSchema,
  index: indexSchema,
  path: z.string().max(120),
  /** The label the key had when it was handed over (its wallet may be renamed or deleted since). */
  label: shortText,
  publicKey: compressedKeyHex,
  /** SECRET. Absent after a public-only import. */
  privateKey: hexOf(32).optional(),
  handoverId: z.string().min(1).max(64),
  fromWalletId: walletIdSchema,
  fromWalletName: shortText,
  time: timeSchema,
});

export const walletSchema = z.object({
  id: walletIdSchema,
  name: z.string().max(200),
  order: z.number().int().min(1),
  /** SECRET. Absent for a watch-only wallet. */
  mnemonic: z.string().max(400).optional(),
  keys: z.array(derivedKeySchema).max(10_000),
  imported: z.array(importedKeySchema).max(10_000),
});

export const handoverSchema = z.object({
  id: z.string().min(1).max(64),
  time: timeSchema,
  keyId: z.string().min(1).max(120),
  keyLabel: shortText,
  publicKey: compressedKeyHex,
  fromWalletId: walletIdSchema,
  fromWalletName: shortText,
  toWalletId: walletIdSchema,
  toWalletName: shortText,
  reason: shortText,
});

export const stateSchema = z.object({
  schema: z.literal(STATE_SCHEMA_VERSION),
  nextOrder: z.number().int().min(1),
  wallets: z.array(walletSchema).max(1000),
  handovers: z.array(handoverSchema).max(100_000),
});

export type DerivedKeyRecord = Readonly<z.infer<typeof derivedKeySchema>>;
export type ImportedKeyRecord = Readonly<z.infer<typeof importedKeySchema>>;
export type WalletRecord = Readonly<Omit<z.infer<typeof walletSchema>, 'keys' | 'imported'>> & {
  readonly keys: readonly DerivedKeyRecord[];
  readonly imported: readonly ImportedKeyRecord[];
};
export type HandoverRecord = Readonly<z.infer<typeof handoverSchema>>;
export interface KeystoreState {
  readonly schema: typeof STATE_SCHEMA_VERSION;
  readonly nextOrder: number;
  readonly wallets: readonly WalletRecord[];
  readonly handovers: readonly HandoverRecord[];
}

export const EMPTY_STATE: KeystoreState = Object.freeze({
  schema: STATE_SCHEMA_VERSION,
  nextOrder: 1,
  wallets: [],
  handovers: [],
});

export const keyIdOf = (walletId: string, purpose: KeyPurpose, index: number): string =>
  `${walletId}/${purpose}/${index}`;

// ---- text rules shared by the keystore and the import check ----

export const NAME_MAX = 40;
export const LABEL_MAX = 40;
export const REASON_MAX = 200;

// eslint-disable-next-line no-control-regex -- names and reasons are refused if they hold control characters
const CONTROL = /[\u0000-\u001f\u007f]/;

/** What is wrong with a name, a label or a reason: its kind, which the catalogue says per field. */
export interface TextProblem {
  readonly kind: 'empty' | 'tooLong' | 'control';
}

/** A trimmed, NFC-normalised text of 1…max characters without control characters; or what is wrong with it. */
export function cleanText(raw: string, max: number): Result<string, TextProblem> {
  const text = raw.normalize('NFC').trim();
  if (text.length === 0) return fail({ kind: 'empty' });
  // Code points, counted only when the UTF-16 length could exceed `max` (it is never fewer).
  if (text.length > max && [...text].length > max) return fail({ kind: 'tooLong' });
  if (CONTROL.test(text)) return fail({ kind: 'control' });
  return ok(text);
}

export const nameKey = (name: string): string => name.normalize('NFC').trim().toLowerCase();

export function isNameTaken(state: KeystoreState, name: string, exceptWalletId?: string): boolean {
  const wanted = nameKey(name);
  return state.wallets.some((w) => w.id !== exceptWalletId && nameKey(w.name) === wanted);
}

/** Default label: revocation keys count from 2 as in the seed ("Alice2", "Alice3" …). */
export function defaultLabel(walletName: string, purpose: KeyPurpose, index: number): string {
  return purpose === 'revocation' ? `${walletName}${index + 2}` : `${walletName} ${purpose} ${index}`;
}

/** An id for a new wallet: a slug of its name, with its order when not a default wallet. */
export function newWalletId(state: KeystoreState, name: string, order: number, plain: boolean): string {
  const slug =
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 32)
      .replace(/-+$/, '') || 'wallet';
  const taken = (id: string) => state.wallets.some((w) => w.id === id);
  if (plain && !taken(slug)) return slug;
  let id = `${slug}-${order}`;
  for (let n = 2; taken(id); n++) id = `${slug}-${order}-${n}`;
  return id;
}

export function replaceWallet(state: KeystoreState, wallet: WalletRecord): KeystoreState {
  return { ...state, wallets: state.wallets.map((w) => (w.id === wallet.id ? wallet : w)) };
}

// ---- growth: the changes that append ----

/** What a new key or a handover adds to the state. */
export type Growth =
  | { readonly kind: 'key'; readonly walletId: string; readonly key: DerivedKeyRecord }
  | {
      readonly kind: 'handover';
      readonly toWalletId: string;
      readonly imported: ImportedKeyRecord;
      readonly handover: HandoverRecord;
    };

/** The state with `growth` added, as a new value that shares nothing it changes (what the file store writes). */
export function grownCopy(state: KeystoreState, growth: Growth): KeystoreState {
  if (growth.kind === 'key') {
    return {
      ...state,
      wallets: state.wallets.map((w) => (w.id === growth.walletId ? { ...w, keys: [...w.keys, growth.key] } : w)),
    };
  }
  return {
    ...state,
    wallets: state.wallets.map((w) =>
      w.id === growth.toWalletId ? { ...w, imported: [...w.imported, growth.imported] } : w,
    ),
    handovers: [...state.handovers, growth.handover],
  };
}

/**
 * The state with `growth` added, appending in place to lists in `owned` (ones this keystore made
 * and never handed out). A list from elsewhere (a parsed file, an import, EMPTY_STATE) is copied
 * once into a new owned list, so appending never reaches data another keystore or a caller holds.
 * Returns the state to make current: `state` itself when every list it appended to was owned.
 * The wallet must exist (the change checked it).
 */
export function grownInPlace(state: KeystoreState, growth: Growth, owned: WeakSet<object>): KeystoreState {
  const walletId = growth.kind === 'key' ? growth.walletId : growth.toWalletId;
  const wallet = state.wallets.find((w) => w.id === walletId);
  if (!wallet) throw new Error(`bug: growth of a missing wallet ${walletId}`);
  let next = state;
  if (growth.kind === 'key') {
    const keys = appended(wallet.keys, growth.key, owned);
    if (keys !== wallet.keys) next = replaceWallet(next, { ...wallet, keys });
  } else {
    const imported = appended(wallet.imported, growth.imported, owned);
    if (imported !== wallet.imported) next = replaceWallet(next, { ...wallet, imported });
    const handovers = appended(next.handovers, growth.handover, owned);
    if (handovers !== next.handovers) next = { ...next, handovers };
  }
  return next;
}

/** `list` with `item` appended: in place when `owned` holds it, else as a new owned copy. */
function appended<T>(list: readonly T[], item: T, owned: WeakSet<object>): readonly T[] {
  if (owned.has(list)) {
    (list as T[]).push(item);
    return list;
  }
  const copy = [...list, item];
  owned.add(copy);
  return copy;
}
