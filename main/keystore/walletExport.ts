/**
 * Wallet export and import. The public export is built field by field from a whitelist, so a
 * secret added to the state later cannot slip into it by accident. Import is checked in full
 * before anything changes: a mnemonic must derive the listed public keys, a private key must match
 * its public key, ids and names must be unique.
 */
import { z } from 'zod';
import { fromHex, toHex } from '../../shared/bitcoin/bytes';
import { errText, ok, type Result } from '../../shared/contract/result';
import type { MessageKey } from '../../shared/ui/i18n/en';
import { deriveNode, isValidMnemonic, publicKeyOfPrivate, rootFromMnemonic } from './derivation';
import {
  cleanText,
  handoverSchema,
  keyIdOf,
  LABEL_MAX,
  NAME_MAX,
  nameKey,
  STATE_SCHEMA_VERSION,
  walletSchema,
  type DerivedKeyRecord,
  type HandoverRecord,
  type ImportedKeyRecord,
  type KeystoreState,
  type WalletRecord,
} from './state';

const WALLET_EXPORT_FORMAT = 'txlab-wallets';
const WALLET_EXPORT_VERSION = 1;

export type PublicImportedKey = Omit<ImportedKeyRecord, 'privateKey'>;
export interface PublicWalletRecord {
  readonly id: string;
  readonly name: string;
  readonly order: number;
  readonly keys: readonly DerivedKeyRecord[];
  readonly imported: readonly PublicImportedKey[];
}

interface ExportHeader {
  readonly format: typeof WALLET_EXPORT_FORMAT;
  readonly version: typeof WALLET_EXPORT_VERSION;
  readonly handovers: readonly HandoverRecord[];
}
export interface PublicWalletExport extends ExportHeader {
  readonly includesPrivateKeys: false;
  readonly wallets: readonly PublicWalletRecord[];
}
/** Holds mnemonics and private keys. */
export interface SecretWalletExport extends ExportHeader {
  readonly includesPrivateKeys: true;
  readonly wallets: readonly WalletRecord[];
}

export function buildPublicExport(state: KeystoreState): PublicWalletExport {
  return {
    format: WALLET_EXPORT_FORMAT,
    version: WALLET_EXPORT_VERSION,
    includesPrivateKeys: false,
    wallets: state.wallets.map((w) => ({
      id: w.id,
      name: w.name,
      order: w.order,
      keys: w.keys.map((k) => ({
        purpose: k.purpose,
        index: k.index,
        publicKey: k.publicKey,
        ...(k.label === undefined ? {} : { label: k.label }),
      })),
      imported: w.imported.map((k) => ({
        keyId: k.keyId,
        purpose: k.purpose,
        index: k.index,
        path: k.path,
        label: k.label,
        publicKey: k.publicKey,
        handoverId: k.handoverId,
        fromWalletId: k.fromWalletId,
        fromWalletName: k.fromWalletName,
        time: k.time,
      })),
    })),
    handovers: state.handovers.map((h) => ({ ...h })),
  };
}

export function buildSecretExport(state: KeystoreState): SecretWalletExport {
  return {
    format: WALLET_EXPORT_FORMAT,
    version: WALLET_EXPORT_VERSION,
    includesPrivateKeys: true,
    wallets: state.wallets,
    handovers: state.handovers,
  };
}

const importSchema = z.object({
  format: z.literal(WALLET_EXPORT_FORMAT),
  version: z.literal(WALLET_EXPORT_VERSION),
  includesPrivateKeys: z.boolean().optional(),
  wallets: z.array(walletSchema).max(1000),
  handovers: z.array(handoverSchema).max(100_000).default([]),
});

/** A refusal of the file at `path`, in catalogue words. */
const failed = (
  key: MessageKey,
  params: Readonly<Record<string, string | number>> | undefined,
  path: string,
): Result<never> => errText('IMPORT_FAILED', key, params, { path });

/** zod's ['wallets', 2, 'id'] as the contract's JSON path `wallets[2].id`. */
function jsonPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

/** Checks one wallet's secrets against its public keys; returns the wallet with a cleaned name. */
function checkWallet(wallet: WalletRecord, at: string): Result<WalletRecord> {
  const name = cleanText(wallet.name, NAME_MAX);
  if (!name.ok) return failed(`host.import.walletName.${name.error.kind}`, { max: NAME_MAX }, `${at}.name`);
  const seen = new Set<string>();
  const root =
    wallet.mnemonic === undefined
      ? undefined
      : isValidMnemonic(wallet.mnemonic)
        ? rootFromMnemonic(wallet.mnemonic)
        : null;
  if (root === null) return failed('host.import.badMnemonic', undefined, `${at}.mnemonic`);
  for (const [i, key] of wallet.keys.entries()) {
    const id = keyIdOf(wallet.id, key.purpose, key.index);
    if (seen.has(id)) return failed('host.import.keyTwice', { key: id }, `${at}.keys[${i}]`);
    seen.add(id);
    if (key.label !== undefined && !cleanText(key.label, LABEL_MAX).ok)
      return failed('host.import.badKeyLabel', undefined, `${at}.keys[${i}].label`);
    if (root && toHex(deriveNode(root, key.purpose, key.index).publicKey) !== key.publicKey) {
      return failed('host.import.wrongPublicKey', { key: id }, `${at}.keys[${i}].publicKey`);
    }
  }
  for (const [i, key] of wallet.imported.entries()) {
    if (seen.has(key.keyId)) return failed('host.import.keyTwice', { key: key.keyId }, `${at}.imported[${i}]`);
    seen.add(key.keyId);
    if (key.privateKey !== undefined) {
      const publicKey = publicKeyOfPrivate(fromHex(key.privateKey));
      if (!publicKey || toHex(publicKey) !== key.publicKey)
        return failed('host.import.wrongPrivateKey', undefined, `${at}.imported[${i}].privateKey`);
    }
  }
  return ok({ ...wallet, name: name.value });
}

function checkUnique(wallets: readonly WalletRecord[], existing: readonly WalletRecord[]): Result<void> {
  const ids = new Set(existing.map((w) => w.id));
  const names = new Set(existing.map((w) => nameKey(w.name)));
  for (const [i, w] of wallets.entries()) {
    if (ids.has(w.id)) return failed('host.import.walletIdTaken', { id: w.id }, `wallets[${i}].id`);
    if (names.has(nameKey(w.name))) return failed('host.walletNameTaken', { name: w.name }, `wallets[${i}].name`);
    ids.add(w.id);
    names.add(nameKey(w.name));
  }
  return ok(undefined);
}

export type ImportMode = 'replace' | 'merge';

/**
 * The state after importing `data` (an export, from a file or a scenario: unknown until checked).
 * 'replace' makes the keystore exactly the imported wallets and log; 'merge' adds them after the
 * existing wallets and refuses any id or name that is already taken.
 */
export function stateAfterImport(state: KeystoreState, data: unknown, mode: ImportMode): Result<KeystoreState> {
  const parsed = importSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return failed(
      'host.import.notExport',
      { problem: issue?.message ?? 'unknown problem' },
      issue ? jsonPath(issue.path) : '',
    );
  }
  const checked: WalletRecord[] = [];
  for (const [i, wallet] of parsed.data.wallets.entries()) {
    const result = checkWallet(wallet, `wallets[${i}]`);
    if (!result.ok) return result;
    checked.push(result.value);
  }
  const unique = checkUnique(checked, mode === 'merge' ? state.wallets : []);
  if (!unique.ok) return unique;
  const handoverIds = new Set<string>();
  for (const [i, h] of parsed.data.handovers.entries()) {
    if (handoverIds.has(h.id)) return failed('host.import.handoverTwice', { id: h.id }, `handovers[${i}].id`);
    handoverIds.add(h.id);
  }

  if (mode === 'replace') {
    const wallets = [...checked].sort((a, b) => a.order - b.order);
    const nextOrder = wallets.reduce((max, w) => Math.max(max, w.order + 1), 1);
    return ok({ schema: STATE_SCHEMA_VERSION, nextOrder, wallets, handovers: parsed.data.handovers });
  }
  const added = checked.map((w, i) => ({ ...w, order: state.nextOrder + i }));
  const known = new Set(state.handovers.map((h) => h.id));
  return ok({
    schema: STATE_SCHEMA_VERSION,
    nextOrder: state.nextOrder + added.length,
    wallets: [...state.wallets, ...added],
    handovers: [...state.handovers, ...parsed.data.handovers.filter((h) => !known.has(h.id))],
  });
}
