/**
 * Wallets as the workspace view shows them: who owns which key and script, each wallet's
 * balances on each chain, and its view, kept while nothing it shows changed.
 */
import { toHex } from '../../shared/bitcoin/bytes';
import type { ChainNode } from '../../shared/chain/chainNode';
import { CHAIN_IDS, type ChainId } from '../../shared/chain/profiles';
import type { BalanceView, WalletView } from '../../shared/contract/views';
import { sameValue } from '../../shared/contract/viewPatch';
import { visibleText } from '../../shared/text/safeText';
import { p2shP2wpkhHex } from '../../shared/workspace/unlock';
import type { KeyOwner, ViewCaches } from './nodeViews';
import type { WalletInfo } from './walletStore';
import type { Workbench } from './workbench';

/**
 * The output scripts a key can be paid to: P2PKH, P2WPKH, bare P2PK and P2SH-P2WPKH (in this
 * order: the RPC wallet lists the first two), and P2TR to a `taproot` key's BIP86 output key.
 */
export function scriptsOfKey(publicKey: string, pubKeyHash: string, taprootKey?: string): string[] {
  const scripts = [`76a914${pubKeyHash}88ac`, `0014${pubKeyHash}`, `21${publicKey}ac`, p2shP2wpkhHex(pubKeyHash)];
  return taprootKey === undefined ? scripts : [...scripts, `5120${taprootKey}`];
}

export interface Ownership {
  readonly ownerOf: (pubKeyHex: string) => KeyOwner | undefined;
  readonly ownerOfScript: (scriptHex: string) => string | undefined;
  /** A key by its HASH160, its P2SH-P2WPKH redeem script's, its BIP86 output key or its x-only form (see PubKeyByHash). */
  readonly keyByHash: (hashHex: string) => string | undefined;
  /** Every key's owner and every paid-to script's wallet, for telling what a wallet change touched. */
  readonly keyOwners: ReadonlyMap<string, KeyOwner>;
  readonly scriptOwners: ReadonlyMap<string, string>;
}

/** The keystore hands out the same list until the wallets change: its ownership is kept with it. */
const ownerships = new WeakMap<readonly WalletInfo[], Ownership>();

export function ownership(wallets: readonly WalletInfo[]): Ownership {
  let known = ownerships.get(wallets);
  if (!known) ownerships.set(wallets, (known = ownershipOf(wallets)));
  return known;
}

function ownershipOf(wallets: readonly WalletInfo[]): Ownership {
  const byPubKey = new Map<string, KeyOwner>();
  const byScript = new Map<string, string>();
  const byHash = new Map<string, string>();
  for (const w of wallets) {
    for (const k of w.keys) {
      const owner = { walletId: w.id, walletName: w.name, keyId: k.id, keyLabel: k.label };
      // The deriving wallet is the owner shown; a handed-over copy does not displace it.
      if (k.origin === 'derived' || !byPubKey.has(k.publicKey)) byPubKey.set(k.publicKey, owner);
      byHash.set(k.pubKeyHash, k.publicKey);
      byHash.set(p2shP2wpkhHex(k.pubKeyHash).slice(4, 44), k.publicKey);
      // A P2TR program is the output key itself: unlockFor finds the internal key by it.
      if (k.taprootKey !== undefined) byHash.set(k.taprootKey, k.publicKey);
      // A tapscript names a key x-only: a PSBT's leaf is matched to the wallet key by it.
      if (k.publicKey.length === 66) byHash.set(k.publicKey.slice(2), k.publicKey);
      if (k.origin === 'derived')
        for (const s of scriptsOfKey(k.publicKey, k.pubKeyHash, k.taprootKey)) byScript.set(s, w.name);
    }
  }
  return {
    ownerOf: (p) => byPubKey.get(p),
    ownerOfScript: (s) => byScript.get(s),
    keyByHash: (h) => byHash.get(h),
    keyOwners: byPubKey,
    scriptOwners: byScript,
  };
}

/** The output scripts a wallet's own keys can be paid to; kept with the wallet's (unchanging) info. */
const walletScripts = new WeakMap<WalletInfo, ReadonlySet<string>>();
function scriptsOfWallet(wallet: WalletInfo): ReadonlySet<string> {
  let scripts = walletScripts.get(wallet);
  if (!scripts) {
    const all = new Set<string>();
    for (const k of wallet.keys)
      if (k.origin === 'derived') for (const s of scriptsOfKey(k.publicKey, k.pubKeyHash, k.taprootKey)) all.add(s);
    walletScripts.set(wallet, (scripts = all));
  }
  return scripts;
}

/**
 * What the mempool pays each script, less what it spends again: made once per mempool revision
 * for every wallet, instead of every wallet reading every mempool output.
 */
const pendingTotals = new WeakMap<object, { readonly revision: number; readonly totals: Map<string, bigint> }>();
function unconfirmedByScript(node: ChainNode): ReadonlyMap<string, bigint> {
  // Kept with the mempool itself: a revision number means something only within one mempool.
  const known = pendingTotals.get(node.mempool);
  if (known && known.revision === node.mempool.revision) return known.totals;
  const totals = new Map<string, bigint>();
  for (const entry of node.mempool.all()) {
    entry.record.tx.outs.forEach((out, vout) => {
      if (node.mempool.spenderOf(`${entry.record.txid}:${vout}`)) return;
      const script = toHex(out.script);
      totals.set(script, (totals.get(script) ?? 0n) + out.value);
    });
  }
  pendingTotals.set(node.mempool, { revision: node.mempool.revision, totals });
  return totals;
}

/**
 * A wallet's coins on one chain. A coinbase counts as confirmed once the next block may spend it
 * (consensus: 100 confirmations); `coreWallet` applies Bitcoin Core's wallet rule instead, which
 * waits one block more (101), so `getbalance` after 101 blocks says 50 as Core's does.
 */
export function walletBalance(
  node: ChainNode,
  wallet: WalletInfo,
  options: { readonly coreWallet?: boolean } = {},
): BalanceView {
  const maturity = node.profile.coinbaseMaturity + (options.coreWallet ? 1 : 0);
  let confirmed = 0n;
  let immature = 0n;
  let unconfirmed = 0n;
  const scripts = scriptsOfWallet(wallet);
  const pending = unconfirmedByScript(node);
  for (const script of scripts) {
    for (const outpoint of node.coins.outpointsForScript(script)) {
      const coin = node.coins.get(outpoint)!;
      if (node.mempool.spenderOf(outpoint)) continue; // being spent: no longer ours to count
      if (coin.coinbase && node.height + 1 - coin.height < maturity) immature += coin.output.value;
      else confirmed += coin.output.value;
    }
    unconfirmed += pending.get(script) ?? 0n;
  }
  return { confirmed: confirmed.toString(), unconfirmed: unconfirmed.toString(), immature: immature.toString() };
}

/** Serials for chain nodes, so a stamp tells a chain replaced (a switch, a real node) from the one before. */
const serials = new WeakMap<object, number>();
let lastSerial = 0;
function serialOf(object: object): number {
  let serial = serials.get(object);
  if (serial === undefined) serials.set(object, (serial = ++lastSerial));
  return serial;
}

/** What a balance on `node` reads: its coins (which move only with the tip) and its mempool. */
function balanceStamp(node: ChainNode | undefined): string {
  return node ? `${serialOf(node)}.${node.tip.block.hash}.${node.mempool.revision}` : '-';
}

/** Everything a wallet's view shows but its balances, as one string (for a wallet info not seen before). */
function keyStampOf(w: WalletInfo): string {
  return JSON.stringify([
    w.name,
    w.keys.map((k) => [
      k.id,
      k.purpose,
      k.label,
      k.publicKey,
      k.path,
      k.handedOverFrom?.walletName ?? null,
      k.origin,
      k.pubKeyHash,
      k.taprootKey ?? '',
    ]),
  ]);
}

const NO_BALANCE: BalanceView = { confirmed: '0', unconfirmed: '0', immature: '0' };

/**
 * A wallet's view. With a cache, the same object as last time while nothing it shows changed
 * (its name and keys, the chains its balances read), and a balance is counted again only on a
 * chain whose tip or mempool moved: balances are the one part whose cost grows with the chain.
 * The keystore hands out the same wallet info until the wallets change, so an unchanged wallet
 * costs an identity check; when only the balances moved, the keys keep their objects too.
 */
export function walletView(bench: Workbench, w: WalletInfo, cache: ViewCaches['wallets'] | undefined): WalletView {
  const nodes = CHAIN_IDS.map((c) => bench.chains.get(c)?.primary);
  const chainStamps = nodes.map(balanceStamp);
  const cached = cache?.get(w.id);
  const keyStamp = !cache ? '' : cached?.info === w ? cached.keyStamp : keyStampOf(w);
  const sameKeys = cached !== undefined && cached.keyStamp === keyStamp;
  const sameChain = (i: number): boolean => sameKeys && cached.chainStamps[i] === chainStamps[i];
  let view: WalletView;
  if (sameKeys && chainStamps.every((_, i) => sameChain(i))) {
    view = cached.view;
  } else {
    const balances = Object.fromEntries(
      CHAIN_IDS.map((c, i) => {
        const before = cached?.view.balances[c];
        if (before && sameChain(i)) return [c, before];
        const node = nodes[i];
        const balance = node ? walletBalance(node, w) : NO_BALANCE;
        return [c, before && sameValue(before, balance) ? before : balance];
      }),
    ) as Record<ChainId, BalanceView>;
    const sameBalances = cached !== undefined && sameValue(cached.view.balances, balances);
    view =
      sameKeys && sameBalances
        ? cached.view
        : {
            id: w.id,
            name: sameKeys ? cached.view.name : visibleText(w.name),
            keys: sameKeys ? cached.view.keys : keyViews(w),
            balances: sameBalances ? cached.view.balances : balances,
          };
  }
  cache?.set(w.id, { info: w, keyStamp, chainStamps, view });
  return view;
}

function keyViews(w: WalletInfo): WalletView['keys'] {
  return w.keys.map((k) => ({
    id: k.id,
    purpose: k.purpose,
    label: visibleText(k.label),
    publicKey: k.publicKey,
    path: k.path,
    ...(k.handedOverFrom ? { handedOverFrom: visibleText(k.handedOverFrom.walletName) } : {}),
  }));
}

export function pruneWalletCache(cache: Map<string, unknown>, wallets: readonly WalletInfo[]): void {
  if (cache.size <= wallets.length) return;
  const ids = new Set(wallets.map((w) => w.id));
  for (const id of cache.keys()) if (!ids.has(id)) cache.delete(id);
}
