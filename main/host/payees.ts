/** Who gets paid: a wallet's receive key (P2PKH, P2WPKH or P2SH-P2WPKH) or an address. */
import { addressToScript } from '../../shared/bitcoin/address';
import { toHex } from '../../shared/bitcoin/bytes';
import { PROFILES, type ChainId } from '../../shared/chain/profiles';
import { errText, ok, type Result } from '../../shared/contract/result';
import type { PayeeScript, Payee } from './graphEdits';
import type { WalletInfo, WalletStore } from './walletStore';
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

const SCRIPT_OF_TYPE: Readonly<Record<PayType, (pubKeyHashHex: string) => string>> = {
  p2pkh: p2pkhHex,
  p2wpkh: p2wpkhHex,
  'p2sh-p2wpkh': p2shP2wpkhHex,
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
  const key = await receiveKey(store, wallet.value);
  if (!key.ok) return key;
  const type = payee.type ?? defaultType ?? (era === 'modern' ? 'p2wpkh' : 'p2pkh');
  if (type !== 'p2pkh' && era === '2014') return errText('INVALID_STATE', 'host.segwitIn2014');
  return ok({
    scriptPubKey: SCRIPT_OF_TYPE[type](key.value.pubKeyHash),
    owner: wallet.value.name,
    lock: { kind: type, pubKey: key.value.publicKey },
  });
}
