/** Who gets paid: a wallet's receive key (P2PKH, P2WPKH or P2SH-P2WPKH), its taproot key (P2TR) or an address. */
import { addressToScript } from '../../shared/bitcoin/address';
import { toHex } from '../../shared/bitcoin/bytes';
import { PROFILES, type ChainId } from '../../shared/chain/profiles';
import { errText, ok, type Result } from '../../shared/contract/result';
import type { PayeeScript, Payee } from './graphEdits';
import type { KeyInfo, WalletInfo, WalletStore } from './walletStore';
import { p2pkhHex, p2wpkhHex } from './workbench';
import type { Era } from '../../shared/chain/era';
import type { PayType } from '../../shared/workspace/payTypes';
import { p2shP2wpkhHex } from '../../shared/workspace/unlock';

export function findWallet(store: WalletStore, idOrName: string): Result<WalletInfo> {
  const wallets = store.listWallets();
  const wallet =
    wallets.find((w) => w.id === idOrName) ??
    wallets.find((w) => w.name.toLowerCase() === idOrName.trim().toLowerCase());
  return wallet ? ok(wallet) : errText('NOT_FOUND', 'host.noWallet', { wallet: idOrName });
}

/** The wallet's first receive key, derived on first use (one address per wallet keeps lessons readable). */
export async function receiveKey(store: WalletStore, wallet: WalletInfo) {
  const existing = wallet.keys.find((k) => k.purpose === 'receive' && k.origin === 'derived');
  if (existing) return ok(existing);
  return store.deriveKey(wallet.id, 'receive');
}

/** The wallet's first `taproot` key (BIP86), derived on first use: P2TR pays it, not the receive key. */
export async function taprootKey(store: WalletStore, wallet: WalletInfo) {
  const existing = wallet.keys.find((k) => k.purpose === 'taproot' && k.origin === 'derived');
  if (existing) return ok(existing);
  return store.deriveKey(wallet.id, 'taproot');
}

/** `OP_1 <32-byte output key>`: BIP341's witness v1 program. */
const p2trHex = (outputKeyHex: string): string => '5120' + outputKeyHex;

const SCRIPT_OF_TYPE: Readonly<Record<PayType, (key: KeyInfo) => string | undefined>> = {
  p2pkh: (k) => p2pkhHex(k.pubKeyHash),
  p2wpkh: (k) => p2wpkhHex(k.pubKeyHash),
  'p2sh-p2wpkh': (k) => p2shP2wpkhHex(k.pubKeyHash),
  p2tr: (k) => (k.taprootKey === undefined ? undefined : p2trHex(k.taprootKey)),
};

/**
 * The script paying `payee`. A wallet without an address type is paid in `defaultType` (a
 * template's own type) if given, else in the era's (P2WPKH today, P2PKH in 2014).
 */
export async function payeeScript(
  store: WalletStore,
  payee: Payee,
  chain: ChainId,
  era: Era,
  defaultType?: PayType,
): Promise<Result<PayeeScript>> {
  if ('address' in payee) {
    const r = addressToScript(payee.address, PROFILES[chain].network);
    return r.ok
      ? ok({ scriptPubKey: toHex(r.value) })
      : errText(
          'BAD_REQUEST',
          'host.badAddress',
          { address: payee.address, network: PROFILES[chain].network.bech32 },
          { path: 'payTo.address' },
        );
  }
  const wallet = findWallet(store, payee.wallet);
  if (!wallet.ok) return wallet;
  const type = payee.type ?? defaultType ?? (era === 'modern' ? 'p2wpkh' : 'p2pkh');
  if (type !== 'p2pkh' && era === '2014') return errText('INVALID_STATE', 'host.segwitIn2014');
  const key = type === 'p2tr' ? await taprootKey(store, wallet.value) : await receiveKey(store, wallet.value);
  if (!key.ok) return key;
  const scriptPubKey = SCRIPT_OF_TYPE[type](key.value);
  if (scriptPubKey === undefined) throw new Error('bug: a taproot key without its output key');
  return ok({
    scriptPubKey,
    owner: wallet.value.name,
    lock: { kind: type, pubKey: key.value.publicKey },
  });
}
