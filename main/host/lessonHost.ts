/**
 * The host's side of the lessons' port (shared/lessons/host.ts): a lesson's tasks and templates
 * are pure code in shared/lessons/<name>/, and this is the one place that hands them the
 * workbench — its graph, chains and lesson panel, the contract's handlers, and wallets' public
 * keys. Signing goes through the handlers (`tx.sign` with a wallet name), so no private key
 * reaches lesson code.
 */
import { fromHex } from '../../shared/bitcoin/bytes';
import type { ChainId } from '../../shared/chain/profiles';
import type { Handlers } from '../../shared/contract/dispatch';
import { ok } from '../../shared/contract/result';
import type { LessonHost, TemplateContext } from '../../shared/lessons/host';
import { MINER_WALLET } from '../../shared/lessons/types';
import { uniqueId } from './graphEdits';
import { findWallet, payeeScript } from './payees';
import type { Workbench } from './workbench';
import { Cancelled } from './work';

export function lessonHost(bench: Workbench, handlers: Handlers): LessonHost {
  return {
    seed: bench.doc.seed,
    calls: handlers,
    graph: () => bench.doc.graph,
    editGraph: (graph) => bench.editGraph(graph),
    freeId: (base) => uniqueId(bench.doc.graph, base),
    chainConfig: (chain) => bench.doc.chains.find((c) => c.id === chain),
    simulated: (chain) => bench.chains.simulated(chain),
    findTransaction: (chain, txid) => bench.chains.findTransaction(chain, txid),
    applyChain: (action) => bench.applyChain(action),
    publicKey(wallet, label) {
      const w = bench.wallets.listWallets().find((x) => x.name === wallet);
      const key = w?.keys.find((k) => k.label === label && k.origin === 'derived');
      return key ? fromHex(key.publicKey) : undefined;
    },
    async minerScript(chain) {
      const era = bench.chains.get(chain)?.primary.policy.era ?? 'modern';
      const payee = await payeeScript(bench.wallets, { wallet: MINER_WALLET }, chain, era);
      return payee.ok ? ok(payee.value.scriptPubKey) : payee;
    },
    view: () => bench.view(),
    assembled: () => bench.assembled(),
    lessonPosition: () => bench.doc.lesson?.position,
    lessonData: (key) => bench.lessonData.get(key),
    showLessonData: (key, datum) => bench.showLessonData(key, datum),
    changed: () => bench.changed(),
    tick: () => bench.work.tick(),
    progress: (report) => bench.work.progress(report),
    cancelled() {
      throw new Cancelled();
    },
    sandbox: (job, onProgress) => bench.sandbox.get(job, bench.work, onProgress),
  };
}

/** What a palette template builds with on `chain`: its era and clock, and the wallets' public keys. */
export function templateContext(bench: Workbench, chain: ChainId): TemplateContext | undefined {
  const backend = bench.chains.get(chain);
  if (!backend) return undefined;
  return {
    chain,
    era: backend.primary.policy.era,
    time: backend.clock.now(),
    async publicKey(wallet, purpose, label) {
      const w = findWallet(bench.wallets, wallet);
      if (!w.ok) return w;
      const held = w.value.keys.find((k) => k.label === label && k.origin === 'derived');
      if (held) return ok(fromHex(held.publicKey));
      const derived = await bench.wallets.deriveKey(w.value.id, purpose, label);
      return derived.ok ? ok(fromHex(derived.value.publicKey)) : derived;
    },
  };
}
