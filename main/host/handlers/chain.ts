/** chain.* handlers: blocks and mempool listings, mining, time, policy. */
import { blockSubsidy } from '../../../shared/chain/profiles';
import { err, errFrom, errText, ok } from '../../../shared/contract/result';
import { defaultRewardWallet } from '../../../shared/contract/rewardWallet';
import type { BlockSummary, MempoolEntryView } from '../../../shared/contract/views';
import { type ActionHandlers, CHANGED, VIEW_ONLY } from '../actions';
import { payeeScript } from '../payees';
import type { Workbench } from '../workbench';

export function chainHandlers(
  bench: Workbench,
): Pick<
  ActionHandlers,
  | 'chain.blocks'
  | 'chain.mempool'
  | 'chain.mine'
  | 'chain.advanceTime'
  | 'chain.setPolicy'
  | 'chain.setBackend'
  | 'chain.backendOptions'
  | 'chain.chooseDaemon'
> {
  return {
    'chain.backendOptions': async () => ok(await bench.offers.list()),
    // The desktop app's main process answers this one itself with a file dialog (transport/ipc.ts).
    'chain.chooseDaemon': () => errText('INVALID_STATE', 'host.daemonNeedsDesktop'),
    'chain.blocks': (p) => {
      const chain = bench.chains.get(p.chain);
      if (!chain) return errText('NOT_FOUND', 'host.noChain', { chain: p.chain });
      const node = chain.primary;
      const top = Math.min(p.fromHeight ?? node.height, node.height);
      const blocks: BlockSummary[] = [];
      for (let h = top; h >= 0 && blocks.length < p.limit; h--) {
        const b = node.blockAt(h)!.block;
        const coinbase = b.txs[0]!.tx;
        const reward = coinbase.outs.reduce((s, o) => s + o.value, 0n);
        blocks.push({
          hash: b.hash,
          height: h,
          time: b.header.time,
          txCount: b.txs.length,
          size: b.size,
          weight: b.weight,
          minedBy: b.minedBy,
          fees: (h === 0 ? 0n : reward - blockSubsidy(node.profile, h)).toString(),
        });
      }
      return ok({ blocks, height: node.height });
    },
    'chain.mempool': (p) => {
      const chain = bench.chains.get(p.chain);
      if (!chain) return errText('NOT_FOUND', 'host.noChain', { chain: p.chain });
      const byTxid = new Map<string, string>();
      for (const [id, a] of bench.assembled()) byTxid.set(a.record.txid, id);
      const entries: MempoolEntryView[] = [...chain.primary.mempool.all()]
        .map((e) => ({
          txid: e.record.txid,
          vsize: e.record.vsize,
          fee: e.fee.toString(),
          feeRate: Number(e.fee) / e.record.vsize,
          time: e.time,
          ...(byTxid.has(e.record.txid) ? { node: byTxid.get(e.record.txid)! } : {}),
        }))
        .sort((a, b) => b.feeRate - a.feeRate || a.time - b.time);
      return ok({ entries: entries.slice(p.offset, p.offset + p.limit), total: entries.length });
    },
    'chain.mine': async (p) => {
      const chain = bench.chains.get(p.chain);
      if (!chain) return errText('NOT_FOUND', 'host.noChain', { chain: p.chain });
      const reward = defaultRewardWallet(bench.wallets.listWallets());
      const to = p.to ?? (reward ? { wallet: reward.id } : undefined);
      if (!to) return errText('INVALID_STATE', 'host.noRewardWallet');
      const payee = await payeeScript(bench.wallets, to, p.chain, chain.primary.policy.era);
      if (!payee.ok) return payee;
      const result = await bench.applyChain(
        { op: 'mine', chain: p.chain, count: p.count, script: payee.value.scriptPubKey },
        `mine-${p.chain}`,
      );
      if (result.op === 'failed')
        return errFrom(chain.kind === 'real' ? 'BACKEND_UNAVAILABLE' : 'INVALID_STATE', result);
      if (result.op !== 'mine') return err('INTERNAL', 'mining failed');
      if (result.cancelled) {
        // The blocks found so far stay: the page hears of them, though the call answers with the cancellation.
        bench.changed();
        return errText('CANCELLED', 'host.mineCancelled', { done: result.hashes.length, total: p.count });
      }
      return ok({ changed: true, extra: { hashes: result.hashes } });
    },
    'chain.advanceTime': async (p) => {
      if (!bench.hasChain(p.chain)) return errText('NOT_FOUND', 'host.noChain', { chain: p.chain });
      const r = await bench.applyChain({ op: 'advanceTime', chain: p.chain, seconds: p.seconds });
      if (r.op === 'failed') return errFrom('INVALID_STATE', r);
      return ok(CHANGED);
    },
    'chain.setBackend': async (p) => {
      if (!bench.hasChain(p.chain)) return errText('NOT_FOUND', 'host.noChain', { chain: p.chain });
      const r = await bench.setBackend(p.chain, p.backend);
      return r.ok ? ok(VIEW_ONLY) : r;
    },
    'chain.setPolicy': async (p) => {
      if (!bench.hasChain(p.chain)) return errText('NOT_FOUND', 'host.noChain', { chain: p.chain });
      const r = await bench.applyChain({
        op: 'setPolicy',
        chain: p.chain,
        ...(p.era ? { era: p.era } : {}),
        ...(p.rules ? { rules: p.rules } : {}),
        ...(p.rbf ? { rbf: p.rbf } : {}),
      });
      if (r.op === 'failed') return errFrom('INVALID_STATE', r);
      return ok(CHANGED);
    },
  };
}
