/** wallet.* handlers: the keystore's wallets, keys and handovers, and each wallet's coins. */
import { scriptToAddress } from '../../../shared/bitcoin/address';
import { fromHex } from '../../../shared/bitcoin/bytes';
import { PROFILES } from '../../../shared/chain/profiles';
import { errText, ok } from '../../../shared/contract/result';
import type { UtxoView } from '../../../shared/contract/methods';
import { type ActionHandlers, CHANGED } from '../actions';
import { findWallet } from '../payees';
import type { Workbench } from '../workbench';
import { scriptsOfKey } from '../walletViews';

export function walletHandlers(bench: Workbench): Pick<ActionHandlers, `wallet.${string}` & keyof ActionHandlers> {
  return {
    'wallet.list': () => ok({ wallets: bench.view().wallets }),
    'wallet.create': async (p) => {
      const r = await bench.wallets.createWallet(p.name.trim());
      return r.ok ? ok(CHANGED) : r;
    },
    'wallet.rename': async (p) => {
      const w = findWallet(bench.wallets, p.wallet);
      if (!w.ok) return w;
      const r = await bench.wallets.renameWallet(w.value.id, p.name.trim());
      return r.ok ? ok(CHANGED) : r;
    },
    'wallet.delete': async (p) => {
      const w = findWallet(bench.wallets, p.wallet);
      if (!w.ok) return w;
      const r = await bench.wallets.deleteWallet(w.value.id);
      return r.ok ? ok(CHANGED) : r;
    },
    'wallet.deriveKey': async (p) => {
      const w = findWallet(bench.wallets, p.wallet);
      if (!w.ok) return w;
      const r = await bench.wallets.deriveKey(w.value.id, p.purpose, p.label);
      return r.ok ? ok({ changed: true, extra: { keyId: r.value.id } }) : r;
    },
    'wallet.handOver': async (p) => {
      const from = findWallet(bench.wallets, p.from);
      if (!from.ok) return from;
      const to = findWallet(bench.wallets, p.to);
      if (!to.ok) return to;
      const key = from.value.keys.find((k) => k.id === p.keyId || k.label === p.keyId);
      if (!key) return errText('NOT_FOUND', 'host.noKey', { wallet: from.value.name, key: p.keyId });
      const r = await bench.wallets.handOverKey(key.id, from.value.id, to.value.id, p.reason);
      if (!r.ok) return r;
      bench.emit('keystore.handover', { from: from.value.name, to: to.value.name, keyLabel: key.label });
      return ok(CHANGED);
    },
    'wallet.utxos': (p) => {
      const w = findWallet(bench.wallets, p.wallet);
      if (!w.ok) return w;
      const node = bench.chains.get(p.chain)?.primary;
      if (!node) return errText('NOT_FOUND', 'host.noChain', { chain: p.chain });
      const utxos: UtxoView[] = [];
      for (const k of w.value.keys) {
        if (k.origin !== 'derived') continue;
        for (const script of scriptsOfKey(k.publicKey, k.pubKeyHash, k.taprootKey)) {
          for (const outpoint of node.coins.outpointsForScript(script)) {
            const coin = node.coins.get(outpoint)!;
            const confirmations = node.height - coin.height + 1;
            const address = scriptToAddress(fromHex(script), PROFILES[p.chain].network);
            utxos.push({
              txid: outpoint.slice(0, 64),
              vout: Number(outpoint.slice(65)),
              value: coin.output.value.toString(),
              confirmations,
              coinbase: coin.coinbase,
              mature: !coin.coinbase || confirmations >= node.profile.coinbaseMaturity,
              ...(address ? { address } : {}),
            });
          }
        }
      }
      utxos.sort((a, b) => b.confirmations - a.confirmations || a.txid.localeCompare(b.txid));
      return ok({ utxos });
    },
  };
}
