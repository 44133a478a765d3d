/**
 * P2TR outputs with a script tree (graph.setTaprootOutput) and the way an input spends one
 * (graph.setSpendPath). Wallets are resolved to their taproot keys first (a key may be derived),
 * then the edit itself is pure, like those of graphEdits.ts.
 */
import { fromAsm } from '../../shared/bitcoin/asm';
import { toHex } from '../../shared/bitcoin/bytes';
import type { ParsedRequest, TapLeafRequest } from '../../shared/contract/methods';
import { errText, ok, type Result } from '../../shared/contract/result';
import type { DraftOutput, Graph, TapLeafForm } from '../../shared/workspace/model';
import { NUMS_INTERNAL_KEY, treeOutput, treeSpend, type TreeSpendProblem } from '../../shared/workspace/taprootTree';
import { asmRefused, type EditContext, type EditResult, findDraft, withTx } from './graphEdits';
import { findWallet, taprootKey } from './payees';
import type { WalletStore } from './walletStore';

/** A wallet's taproot key (derived on first use) and the wallet's name. */
async function walletKey(store: WalletStore, wallet: string): Promise<Result<{ pubKey: string; name: string }>> {
  const found = findWallet(store, wallet);
  if (!found.ok) return found;
  const key = await taprootKey(store, found.value);
  return key.ok ? ok({ pubKey: key.value.publicKey, name: found.value.name }) : key;
}

async function leafForm(store: WalletStore, leaf: TapLeafRequest, at: number): Promise<Result<TapLeafForm>> {
  if (leaf.kind === 'asm') {
    const parsed = fromAsm(leaf.asm);
    if (!parsed.ok) return asmRefused(`leaf ${at}`, parsed.error, `leaves[${at}].asm`);
    return ok({ kind: 'asm', script: toHex(parsed.value) });
  }
  if (leaf.kind === 'multi') {
    const pubKeys: string[] = [];
    for (const wallet of leaf.wallets) {
      const key = await walletKey(store, wallet);
      if (!key.ok) return key;
      pubKeys.push(key.value.pubKey);
    }
    return ok({ kind: 'multi', pubKeys, required: leaf.required });
  }
  const key = await walletKey(store, leaf.wallet);
  if (!key.ok) return key;
  const pubKey = key.value.pubKey;
  switch (leaf.kind) {
    case 'key':
      return ok({ kind: 'key', pubKey });
    case 'after':
      return ok({ kind: 'after', pubKey, blocks: leaf.blocks });
    case 'at':
      return ok({ kind: 'at', pubKey, locktime: leaf.locktime });
    case 'hash':
      return ok({ kind: 'hash', pubKey, hash: leaf.hash });
  }
}

/**
 * The output's new script and lock, its owner the internal key's wallet. Resolving may derive
 * keys (a wallet action, as paying a wallet is); the edit that uses it is `setTaprootOutput`.
 */
export async function taprootOutputOf(
  store: WalletStore,
  req: ParsedRequest<'graph.setTaprootOutput'>,
): Promise<Result<Pick<DraftOutput, 'scriptPubKey' | 'owner' | 'lock'>>> {
  let internalKey = NUMS_INTERNAL_KEY;
  let owner: string | undefined;
  if ('wallet' in req.internal) {
    const key = await walletKey(store, req.internal.wallet);
    if (!key.ok) return key;
    internalKey = key.value.pubKey;
    owner = key.value.name;
  }
  const leaves: TapLeafForm[] = [];
  for (const [i, leaf] of req.leaves.entries()) {
    const form = await leafForm(store, leaf, i);
    if (!form.ok) return form;
    leaves.push(form.value);
  }
  const lock = { kind: 'p2tr-tree' as const, internalKey, leaves };
  const output = treeOutput(lock);
  if (!output) throw new Error('bug: a wallet key or NUMS point that cannot be tweaked');
  return ok({ scriptPubKey: toHex(output.scriptPubKey), ...(owner ? { owner } : {}), lock });
}

export function setTaprootOutput(
  graph: Graph,
  req: Pick<ParsedRequest<'graph.setTaprootOutput'>, 'node' | 'output'>,
  paid: Pick<DraftOutput, 'scriptPubKey' | 'owner' | 'lock'>,
): Result<EditResult> {
  const node = findDraft(graph, req.node);
  if (!node.ok) return node;
  const current = node.value.tx.outputs[req.output];
  if (!current) return errText('NOT_FOUND', 'host.noOutput', { node: node.value.label, output: req.output });
  const { owner: _o, lock: _l, ...rest } = current;
  const outputs = node.value.tx.outputs.map((o, k) => (k === req.output ? { ...rest, ...paid } : o));
  return ok(withTx(graph, node.value, { ...node.value.tx, outputs }));
}

const SPEND_PROBLEM_TEXT = {
  noKeyPath: 'host.taproot.noKeyPath',
  noLeaf: 'host.taproot.noLeaf',
  needsPreimage: 'host.taproot.needsPreimage',
  wrongPreimage: 'host.taproot.wrongPreimage',
} as const satisfies Record<TreeSpendProblem, string>;

/**
 * The input's unlock for the chosen path, with what the leaf's timelock asks: the input's
 * sequence (CSV, and version 2, which BIP68 needs), the transaction's locktime (CLTV).
 */
export function setSpendPath(
  graph: Graph,
  req: ParsedRequest<'graph.setSpendPath'>,
  ctx: Pick<EditContext, 'outputOf'>,
): Result<EditResult> {
  const node = findDraft(graph, req.node);
  if (!node.ok) return node;
  const input = node.value.tx.inputs[req.input];
  if (!input) return errText('NOT_FOUND', 'host.noInput', { node: node.value.label, input: req.input });
  const spent = input.prevout ? ctx.outputOf(graph, node.value.chain, input.prevout) : undefined;
  if (spent?.lock?.kind !== 'p2tr-tree') return errText('INVALID_STATE', 'host.taproot.notTree', { input: req.input });
  const spend = treeSpend(spent.lock, req.path, req.preimage);
  if (!spend.ok)
    return errText('BAD_REQUEST', SPEND_PROBLEM_TEXT[spend.problem], { leaf: String(req.path) }, { path: 'path' });
  const { unlock, sequence, locktime } = spend.value;
  const tx = node.value.tx;
  // CLTV fails on an input whose sequence is final (it would switch nLockTime off).
  const nextSequence = sequence ?? (locktime !== undefined && input.sequence === 0xffffffff ? 0xfffffffe : undefined);
  const inputs = tx.inputs.map((i, k) =>
    k === req.input ? { ...i, unlock, sequence: nextSequence ?? i.sequence } : i,
  );
  return ok(
    withTx(graph, node.value, {
      ...tx,
      version: sequence !== undefined ? Math.max(tx.version, 2) : tx.version,
      locktime: locktime !== undefined ? Math.max(tx.locktime, locktime) : tx.locktime,
      inputs,
    }),
  );
}
