/** graph.* handlers: each returns the edited graph; the action layer records it for undo and answers with the view. */
import { toHex } from '../../../shared/bitcoin/bytes';
import { PROFILES } from '../../../shared/chain/profiles';
import { importTransaction } from '../../../shared/workspace/psbt';
import { err, errText, ok, type Result } from '../../../shared/contract/result';
import { AT_OUTPUT, type Graph, moneyRangeProblem } from '../../../shared/workspace/model';
import type { ActionHandlers, Edit } from '../actions';
import * as edits from '../graphEdits';
import { payeeScript } from '../payees';
import { setSpendPath, setTaprootOutput, taprootOutputOf } from '../taprootEdits';
import { chainTxNode, payFromCoin } from '../payFromCoin';
import { templateContext } from '../lessonHost';
import { findTemplate, templateIds, templateList, templatePayType } from '../templates';
import type { Workbench } from '../workbench';
import { ownership } from '../walletViews';

/** An edit context bound to the workbench (payees need the wallet store, prevouts the chains). */
function editContext(bench: Workbench): edits.EditContext {
  const own = ownership(bench.wallets.listWallets());
  return {
    outputOf: (graph: Graph, chain, ref) => {
      if ('txid' in ref) {
        const out = bench.chains.lookupOutput(chain, ref.txid, ref.vout);
        return out ? { scriptPubKey: toHex(out.script) } : undefined;
      }
      const parent = graph.nodes.find((n) => n.id === ref.node);
      if (!parent) return undefined;
      if (parent.kind === 'draft') {
        const o = parent.tx.outputs[ref.output];
        return o ? { scriptPubKey: o.scriptPubKey, ...(o.lock ? { lock: o.lock } : {}) } : undefined;
      }
      const out = bench.chains.lookupOutput(parent.chain, parent.txid, ref.output);
      return out ? { scriptPubKey: toHex(out.script) } : undefined;
    },
    pubKeyByHash: own.keyByHash,
    // Resolved before the edit runs (see withPayee), so the pure edit stays synchronous.
    payeeScript: () => err('INTERNAL', 'payee not resolved'),
  };
}

/** A pure edit's result as the action layer takes it (actions.ts applies the history policy). */
function commit(r: Result<edits.EditResult>, target?: string): Result<Edit> {
  if (!r.ok) return r;
  return ok({ graph: r.value.graph, ...(target !== undefined ? { target } : {}) });
}

/** An edit that creates a node: the answer names it. */
function created(r: edits.EditResult): Result<Edit<{ readonly created: string }>> {
  return ok({ graph: r.graph, extra: { created: r.created! } });
}

/** Resolves an optional payee first (it may derive a key), then runs the edit with it. */
async function withPayee(
  bench: Workbench,
  nodeId: string,
  payTo: edits.Payee | undefined,
  run: (ctx: edits.EditContext) => Result<edits.EditResult>,
): Promise<Result<edits.EditResult>> {
  const ctx = editContext(bench);
  if (!payTo) return run(ctx);
  const node = bench.doc.graph.nodes.find((n) => n.id === nodeId);
  if (!node) return errText('NOT_FOUND', 'host.noNode', { node: nodeId });
  const era = bench.chains.get(node.chain)?.primary.policy.era ?? 'modern';
  // A payment template pays wallets in its own type (a P2PKH payment's outputs are P2PKH).
  const payee = await payeeScript(
    bench.wallets,
    payTo,
    node.chain,
    era,
    node.kind === 'draft' ? templatePayType(node.template) : undefined,
  );
  if (!payee.ok) return payee;
  return run({ ...ctx, payeeScript: () => payee });
}

export function graphHandlers(bench: Workbench): Pick<ActionHandlers, `graph.${string}` & keyof ActionHandlers> {
  return {
    'graph.templates': () => ok({ templates: templateList() }),
    'graph.addNode': async (p) => {
      const template = findTemplate(p.template);
      if (!template)
        return errText(
          'BAD_REQUEST',
          'host.unknownTemplate',
          { template: p.template, known: templateIds().join(', ') },
          {
            path: 'template',
          },
        );
      const ctx = templateContext(bench, p.chain);
      if (!ctx) return errText('NOT_FOUND', 'host.noChain', { chain: p.chain });
      const built = await template.build(ctx, p.params ?? {});
      if (!built.ok) return built;
      const label = built.value.label ?? template.label;
      const r = edits.addNode(bench.doc.graph, {
        kind: 'draft',
        id: label,
        label,
        chain: p.chain,
        template: p.template,
        position: p.position,
        tx: built.value.tx,
      });
      return created(r);
    },
    'graph.addChainTx': (p) => {
      if (!bench.chains.findRecord(p.chain, p.txid))
        return errText('NOT_FOUND', 'host.noTransaction', { txid: p.txid, chain: p.chain });
      const r = edits.addNode(bench.doc.graph, chainTxNode(bench, p.chain, p.txid, p.position));
      return created(r);
    },
    'graph.payFromCoin': (p) => payFromCoin(bench, p, editContext(bench)),
    'graph.importTx': (p) => {
      if (!bench.hasChain(p.chain)) return errText('NOT_FOUND', 'host.noChain', { chain: p.chain });
      const own = ownership(bench.wallets.listWallets());
      const imported = importTransaction(
        p.data,
        PROFILES[p.chain].network,
        (txid, vout) => bench.chains.lookupOutput(p.chain, txid, vout),
        own.keyByHash,
      );
      if (!imported.ok) return { ok: false, error: { ...imported.error, path: 'data' } };
      const money = moneyRangeProblem(imported.value.tx.outputs, p.chain);
      if (money)
        return errText(
          'BAD_REQUEST',
          AT_OUTPUT[money.key],
          { ...money.params, output: money.output },
          { path: 'data' },
        );
      // Inputs that spend a node already on the canvas become edges to it.
      const byTxid = new Map<string, string>();
      for (const [id, a] of bench.assembled()) if (a.node.chain === p.chain) byTxid.set(a.record.txid, id);
      for (const n of bench.doc.graph.nodes) if (n.kind === 'chain' && n.chain === p.chain) byTxid.set(n.txid, n.id);
      const inputs = imported.value.tx.inputs.map((input, i) => {
        const ref = imported.value.prevouts[i]!;
        const node = byTxid.get(ref.txid);
        return { ...input, prevout: node ? { node, output: ref.vout } : { txid: ref.txid, vout: ref.vout } };
      });
      const r = edits.addNode(bench.doc.graph, {
        kind: 'draft',
        id: 'Imported',
        label: 'Imported',
        chain: p.chain,
        template: 'imported',
        position: p.position,
        tx: { ...imported.value.tx, inputs },
      });
      return created(r);
    },
    'graph.removeNodes': (p) => commit(edits.removeNodes(bench.doc.graph, p.ids)),
    'graph.deleteSelection': (p) => commit(edits.deleteSelection(bench.doc.graph, p.nodes, p.edges)),
    // Dragging and typing: the same nodes moved, or the same node renamed, in a moment is one undo step.
    'graph.moveNodes': (p) =>
      commit(
        edits.moveNodes(bench.doc.graph, p.moves),
        p.moves
          .map((m) => m.id)
          .sort()
          .join('\u0000'),
      ),
    'graph.renameNode': (p) => commit(edits.renameNode(bench.doc.graph, p.id, p.label), p.id),
    'graph.connect': (p) => commit(edits.connect(bench.doc.graph, p, editContext(bench))),
    'graph.disconnect': (p) => commit(edits.disconnect(bench.doc.graph, p.node, p.input)),
    'graph.setTxFields': (p) => commit(edits.setTxFields(bench.doc.graph, p)),
    'graph.setInput': (p) => commit(edits.setInput(bench.doc.graph, p)),
    'graph.setOutput': async (p) =>
      commit(await withPayee(bench, p.node, p.payTo, (ctx) => edits.setOutput(bench.doc.graph, p, ctx))),
    'graph.setTaprootOutput': async (p) => {
      const node = bench.doc.graph.nodes.find((n) => n.id === p.node);
      if (node && bench.chains.get(node.chain)?.primary.policy.era === '2014')
        return errText('INVALID_STATE', 'host.segwitIn2014');
      const paid = await taprootOutputOf(bench.wallets, p);
      return paid.ok ? commit(setTaprootOutput(bench.doc.graph, p, paid.value)) : paid;
    },
    'graph.setSpendPath': (p) => commit(setSpendPath(bench.doc.graph, p, editContext(bench))),
    'graph.addInput': (p) => commit(edits.addInput(bench.doc.graph, p.node)),
    'graph.addOutput': async (p) =>
      commit(await withPayee(bench, p.node, p.payTo, (ctx) => edits.addOutput(bench.doc.graph, p, ctx))),
    'graph.removeInput': (p) => commit(edits.removeInput(bench.doc.graph, p.node, p.input)),
    'graph.removeOutput': (p) => commit(edits.removeOutput(bench.doc.graph, p.node, p.output)),
  };
}
