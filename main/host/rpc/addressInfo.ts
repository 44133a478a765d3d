/**
 * getaddressinfo (Litecoin Core 0.21, wallet/rpcwallet.cpp): what the console's wallet knows of
 * an address. Mine when a key the wallet derived pays to it (P2PKH, P2WPKH, P2SH-P2WPKH, and
 * P2TR by the key's BIP86 output key); then solvable, with a descriptor naming the key's BIP32
 * origin, its public key and, for P2SH-P2WPKH, the embedded P2WPKH. TxLab records no key birth
 * time nor HD seed id, so `timestamp` and `hdseedid` are left out; the key's label is the address
 * label. Core 0.21 knows no P2TR descriptor: a wallet's P2TR address is described with Core 22's
 * `tr()`. The wallet-independent part is validateaddress's (decode.ts).
 */
import { scriptToAddress } from '../../../shared/bitcoin/address';
import { fromHex } from '../../../shared/bitcoin/bytes';
import { p2shP2wpkhHex } from '../../../shared/workspace/unlock';
import { type DecodeChain, type DecodeStyle, validateAddressObject } from './decode';
import { withChecksum } from './descriptorChecksum';
import { RPC, rpcFail } from './errors';

/** A key of the console's wallet, with what an answer says of it. */
export interface WalletKeyInfo {
  readonly publicKey: string;
  readonly pubKeyHash: string;
  readonly taprootKey?: string;
  readonly purpose: string;
  readonly label: string;
  /** E.g. m/84'/1'/0'/0/0. */
  readonly path: string;
  /** The master key's fingerprint (hex); undefined when the wallet has no known master. */
  readonly masterFingerprint?: string;
}

type Described = Record<string, unknown>;

/** validateaddress's fields past the address and script: isscript, iswitness, the program. */
function describeAddress(address: string, chain: DecodeChain, style: DecodeStyle): Described {
  const {
    isvalid: _valid,
    address: _address,
    scriptPubKey: _script,
    ...detail
  } = validateAddressObject(address, chain, style);
  return detail;
}

/** How a derived key pays to `scriptHex`, if it does. */
function spendKind(key: WalletKeyInfo, scriptHex: string): 'pkh' | 'wpkh' | 'sh-wpkh' | 'tr' | undefined {
  if (scriptHex === `76a914${key.pubKeyHash}88ac`) return 'pkh';
  if (scriptHex === `0014${key.pubKeyHash}`) return 'wpkh';
  if (scriptHex === p2shP2wpkhHex(key.pubKeyHash)) return 'sh-wpkh';
  if (key.taprootKey !== undefined && scriptHex === `5120${key.taprootKey}`) return 'tr';
  return undefined;
}

export function addressInfoObject(
  address: string,
  chain: DecodeChain,
  style: DecodeStyle,
  walletKeys: readonly WalletKeyInfo[],
): Described {
  const valid = validateAddressObject(address, chain, style);
  if (valid['isvalid'] !== true) rpcFail(RPC.INVALID_ADDRESS_OR_KEY, 'Invalid address');
  const scriptPubKey = valid['scriptPubKey'] as string;
  let owned: { key: WalletKeyInfo; kind: 'pkh' | 'wpkh' | 'sh-wpkh' | 'tr' } | undefined;
  for (const key of walletKeys) {
    const kind = spendKind(key, scriptPubKey);
    if (kind) {
      owned = { key, kind };
      break;
    }
  }
  const head = { address: valid['address'], scriptPubKey };
  const detail = describeAddress(address, chain, style);
  if (!owned)
    return { ...head, ismine: false, solvable: false, iswatchonly: false, ...detail, ischange: false, labels: [] };

  const { key, kind } = owned;
  const xOnly = key.publicKey.slice(2);
  const origin = key.masterFingerprint ? `[${key.masterFingerprint}${key.path.replace(/^m/, '')}]` : '';
  const desc = {
    pkh: `pkh(${origin}${key.publicKey})`,
    wpkh: `wpkh(${origin}${key.publicKey})`,
    'sh-wpkh': `sh(wpkh(${origin}${key.publicKey}))`,
    tr: `tr(${origin}${xOnly})`,
  }[kind];
  let walletDetail: Described = {};
  if (kind === 'pkh') walletDetail = { pubkey: key.publicKey, iscompressed: key.publicKey.length === 66 };
  else if (kind === 'wpkh') walletDetail = { pubkey: key.publicKey };
  else if (kind === 'sh-wpkh') {
    // ProcessSubScript: the redeem script's type and hex, the embedded P2WPKH described, its key on top.
    const redeem = `0014${key.pubKeyHash}`;
    const embeddedAddress = scriptToAddress(fromHex(redeem), chain.network)!;
    walletDetail = {
      script: 'witness_v0_keyhash',
      hex: redeem,
      pubkey: key.publicKey,
      embedded: {
        ...describeAddress(embeddedAddress, chain, style),
        pubkey: key.publicKey,
        address: embeddedAddress,
        scriptPubKey: redeem,
      },
    };
  }
  return {
    ...head,
    ismine: true,
    solvable: true,
    desc: withChecksum(desc),
    iswatchonly: false,
    ...detail,
    ...walletDetail,
    ischange: key.purpose === 'change',
    hdkeypath: key.path,
    ...(key.masterFingerprint ? { hdmasterfingerprint: key.masterFingerprint } : {}),
    labels: [key.label],
  };
}
