/**
 * `graph.payFromCoin`: a first payment in one step (issue 14 §1). The coin's transaction goes on
 * the canvas (or the one already there is used), a payment draft to its right spends it, pays a
 * round amount to the payee and sends the rest back to the coin's owner less a fixed fee. It is
 * one graph edit, so one undo takes all of it back.
 */
import { toHex } from '../../shared/bitcoin/bytes';
import { isCoinbase } from '../../shared/bitcoin/transaction';
import type { ChainId } from '../../shared/chain/profiles';
import { PROFILES } from '../../shared/chain/profiles';
import { dustThreshold } from '../../shared/chain/policy';
import type { ParsedRequest } from '../../shared/contract/methods';
import { errText, ok, type Result } from '../../shared/contract/result';
import { HAND_FEE_SATS, splitCoin } from '../../shared/contract/firstPayment';
import type { Graph, GraphNode } from '../../shared/workspace/model';
import { addressType, PAY_TYPES, type PayType } from '../../shared/workspace/payTypes';
import type { Edit } from './actions';
import * as edits from './graphEdits';
import { templateContext } from './lessonHost';
import { findWallet, payeeScript } from './payees';
import { findTemplate, templateIds, templatePayType } from './templates';
import type { Workbench } from './workbench';
import { ownership } from './walletViews';

/** How far right of its coin the payment lands: a node's width and a gap for the edge. */
const PAYMENT_OFFSET_X = 420;

export async function payFromCoin(
  bench: Workbench,
  p: ParsedRequest<'graph.payFromCoin'>,
  context: edits.EditContext,
): Promise<Result<Edit<{ readonly created: string; readonly coinNode: string }>>> {
  const { txid, vout } = p.coin;
  const where = `${txid.slice(0, 8)}…:${vout}`;
  const backend = bench.chains.get(p.chain);
  if (!backend) return errText('NOT_FOUND', 'host.noChain', { chain: p.chain });
  const spent = bench.chains.lookupOutput(p.chain, txid, vout);
  if (!spent || !bench.chains.findRecord(p.chain, txid))
    return errText('NOT_FOUND', 'host.noCoin', { coin: where, chain: p.chain });
  const outpoint = `${txid}:${vout}`;
  const chainNode = backend.primary;
  if (chainNode.confirmedSpender(outpoint) ?? chainNode.mempool.spenderOf(outpoint))
    return errText('INVALID_STATE', 'host.coinSpent', { coin: where });

  const ownerName = ownership(bench.wallets.listWallets()).ownerOfScript(toHex(spent.script));
  const owner = ownerName === undefined ? undefined : findWallet(bench.wallets, ownerName);
  if (!owner?.ok) return errText('INVALID_STATE', 'host.coinNoOwner', { coin: where });

  // Change goes back in the coin's own kind of script, so the coin's dust limit is the change's.
  const dust = dustThreshold(spent, PROFILES[p.chain].rules.dustRelayFeeRate);
  const split = splitCoin(spent.value, dust, p.value === undefined ? undefined : BigInt(p.value));
  if (!split) {
    const fee = HAND_FEE_SATS.toLocaleString('en-US');
    const holds = spent.value.toLocaleString('en-US');
    return p.value === undefined
      ? errText('BAD_REQUEST', 'host.coinTooSmall', { value: holds, fee }, { path: 'value' })
      : errText(
          'BAD_REQUEST',
          'host.coinCannotPay',
          { value: holds, amount: BigInt(p.value).toLocaleString('en-US'), fee },
          { path: 'value' },
        );
  }

  const ctx = templateContext(bench, p.chain);
  // The payment of the coin's own type, so it spends and pays what its name says; a coin of no
  // wallet type (P2PK) gets the era's.
  const coinType = addressType(spent.script, ownerName !== undefined);
  const type: PayType = (PAY_TYPES as readonly string[]).includes(coinType)
    ? (coinType as PayType)
    : ctx?.era === '2014'
      ? 'p2pkh'
      : 'p2wpkh';
  const template = findTemplate(templateIds().find((id) => templatePayType(id) === type) ?? 'p2pkh-payment');
  if (!template || !ctx) return errText('INTERNAL', 'host.noPaymentTemplate');
  const built = await template.build(ctx, {});
  if (!built.ok) return built;
  const era = ctx.era;
  const payee = await payeeScript(bench.wallets, p.to, p.chain, era, type);
  if (!payee.ok) return payee;
  const change = await payeeScript(bench.wallets, { wallet: owner.value.id }, p.chain, era, type);
  if (!change.ok) return change;

  let graph: Graph = bench.doc.graph;
  const placed = graph.nodes.find((n) => n.kind === 'chain' && n.chain === p.chain && n.txid === txid);
  let coinNode = placed?.id;
  if (!coinNode) {
    const added = edits.addNode(graph, chainTxNode(bench, p.chain, txid, p.position));
    graph = added.graph;
    coinNode = added.created!;
  }
  const from = placed?.position ?? p.position;
  const label = built.value.label ?? template.label;
  const draft = edits.addNode(graph, {
    kind: 'draft',
    id: label,
    label,
    chain: p.chain,
    template: template.id,
    position: { x: from.x + PAYMENT_OFFSET_X, y: from.y },
    tx: built.value.tx,
  });
  const created = draft.created!;
  const steps: ((g: Graph) => Result<edits.EditResult>)[] = [
    (g) => edits.connect(g, { from: { node: coinNode, output: vout }, to: { node: created, input: 0 } }, context),
    (g) =>
      edits.setOutput(
        g,
        { node: created, output: 0, value: split.pay.toString(), payTo: p.to },
        { ...context, payeeScript: () => payee },
      ),
  ];
  if (split.change !== undefined) {
    const value = split.change.toString();
    steps.push((g) =>
      edits.addOutput(
        g,
        { node: created, value, payTo: { wallet: owner.value.id } },
        {
          ...context,
          payeeScript: () => change,
        },
      ),
    );
  }
  graph = draft.graph;
  for (const step of steps) {
    const r = step(graph);
    if (!r.ok) return r;
    graph = r.value.graph;
  }
  return ok({ graph, extra: { created, coinNode } });
}

/**
 * A chain transaction's node, titled by what it is rather than by a piece of its txid (which the
 * node shows anyway): "Coinbase" for new coins, "Coins" for a payment's outputs.
 */
export function chainTxNode(
  bench: Workbench,
  chain: ChainId,
  txid: string,
  position: GraphNode['position'],
): GraphNode {
  const record = bench.chains.findRecord(chain, txid);
  const label = record && isCoinbase(record.tx) ? 'Coinbase' : 'Coins';
  return { kind: 'chain', id: `tx-${txid.slice(0, 8)}`, label, chain, txid, position };
}
