/**
 * Graph edits as pure functions: (graph, request, context) → a new graph or an error value.
 * The workbench records the graph before each edit, so undo/redo is a matter of swapping graphs
 * (the graph is immutable data, so a snapshot shares everything an edit did not touch).
 */
import { type AsmError, type AsmProblem, fromAsm } from '../../shared/bitcoin/asm';
import { toHex } from '../../shared/bitcoin/bytes';
import { errText, ok, type Result } from '../../shared/contract/result';
import type { ParsedRequest } from '../../shared/contract/methods';
import { withoutSignatures } from '../../shared/workspace/assemble';
import {
  type DraftNode,
  type DraftOutput,
  type Graph,
  type GraphNode,
  type LockDescriptor,
  moneyRangeProblem,
  type PrevoutRef,
  type TxDraft,
} from '../../shared/workspace/model';
import { EMPTY_UNLOCK, type PubKeyByHash, unlockFor } from '../../shared/workspace/unlock';

export type Payee = NonNullable<ParsedRequest<'graph.setOutput'>['payTo']>;

export interface PayeeScript {
  readonly scriptPubKey: string;
  readonly owner?: string;
  readonly lock?: LockDescriptor;
}

export interface EditContext {
  /** The output an input would spend: a draft's output or a chain transaction's. */
  outputOf(
    graph: Graph,
    chain: GraphNode['chain'],
    ref: PrevoutRef,
  ): { scriptPubKey: string; lock?: LockDescriptor } | undefined;
  pubKeyByHash: PubKeyByHash;
  payeeScript(payee: Payee, chain: GraphNode['chain']): Result<PayeeScript>;
}

export interface EditResult {
  readonly graph: Graph;
  readonly created?: string;
}

export function findDraft(graph: Graph, id: string): Result<DraftNode> {
  const node = graph.nodes.find((n) => n.id === id);
  if (!node) return errText('NOT_FOUND', 'host.noNode', { node: id });
  if (node.kind !== 'draft') return errText('INVALID_STATE', 'host.confirmedNotEditable', { node: node.label });
  return ok(node);
}

function replaceNode(graph: Graph, node: GraphNode): Graph {
  return { nodes: graph.nodes.map((n) => (n.id === node.id ? node : n)) };
}

export function withTx(graph: Graph, node: DraftNode, tx: TxDraft, keepSignatures = false): EditResult {
  return { graph: replaceNode(graph, { ...node, tx: keepSignatures ? tx : withoutSignatures(tx) }) };
}

export function uniqueId(graph: Graph, base: string): string {
  const taken = new Set(graph.nodes.map((n) => n.id));
  const clean = base.replace(/[^A-Za-z0-9_.:-]/g, '') || 'tx';
  if (!taken.has(clean)) return clean;
  for (let i = 2; ; i++) if (!taken.has(`${clean}-${i}`)) return `${clean}-${i}`;
}

export function addNode(graph: Graph, node: GraphNode): EditResult {
  const id = uniqueId(graph, node.id);
  return { graph: { nodes: [...graph.nodes, { ...node, id }] }, created: id };
}

export function removeNodes(graph: Graph, ids: readonly string[]): Result<EditResult> {
  const present = new Set(graph.nodes.map((n) => n.id));
  const missing = ids.find((id) => !present.has(id));
  if (missing) return errText('NOT_FOUND', 'host.noNode', { node: missing });
  const gone = new Set(ids);
  // Inputs that spent a removed node become unconnected.
  const nodes = graph.nodes
    .filter((n) => !gone.has(n.id))
    .map((n) => {
      if (n.kind !== 'draft' || !n.tx.inputs.some((i) => i.prevout && 'node' in i.prevout && gone.has(i.prevout.node)))
        return n;
      const inputs = n.tx.inputs.map((i) =>
        i.prevout && 'node' in i.prevout && gone.has(i.prevout.node) ? { sequence: i.sequence, unlock: i.unlock } : i,
      );
      return { ...n, tx: withoutSignatures({ ...n.tx, inputs }) };
    });
  return ok({ graph: { nodes } });
}

/**
 * Deletes a selection in one edit (one undo step): the nodes, and the edges (by the input they
 * feed) that do not end at a removed node. Nothing changes if any of them is not there.
 */
export function deleteSelection(
  graph: Graph,
  nodes: readonly string[],
  edges: readonly { readonly node: string; readonly input: number }[],
): Result<EditResult> {
  let next = graph;
  if (nodes.length > 0) {
    const removed = removeNodes(graph, nodes);
    if (!removed.ok) return removed;
    next = removed.value.graph;
  }
  const gone = new Set(nodes);
  for (const edge of edges) {
    if (gone.has(edge.node)) continue;
    const r = disconnect(next, edge.node, edge.input);
    if (!r.ok) return r;
    next = r.value.graph;
  }
  return ok({ graph: next });
}

export function moveNodes(graph: Graph, moves: ParsedRequest<'graph.moveNodes'>['moves']): Result<EditResult> {
  const to = new Map(moves.map((m) => [m.id, m.position]));
  for (const id of to.keys())
    if (!graph.nodes.some((n) => n.id === id)) return errText('NOT_FOUND', 'host.noNode', { node: id });
  return ok({ graph: { nodes: graph.nodes.map((n) => (to.has(n.id) ? { ...n, position: to.get(n.id)! } : n)) } });
}

export function renameNode(graph: Graph, id: string, label: string): Result<EditResult> {
  const node = graph.nodes.find((n) => n.id === id);
  if (!node) return errText('NOT_FOUND', 'host.noNode', { node: id });
  return ok({ graph: replaceNode(graph, { ...node, label }) });
}

export function connect(graph: Graph, req: ParsedRequest<'graph.connect'>, ctx: EditContext): Result<EditResult> {
  const child = findDraft(graph, req.to.node);
  if (!child.ok) return child;
  const parent = graph.nodes.find((n) => n.id === req.from.node);
  if (!parent) return errText('NOT_FOUND', 'host.noNode', { node: req.from.node });
  if (parent.id === child.value.id) return errText('INVALID_STATE', 'host.selfSpend');
  if (parent.chain !== child.value.chain)
    return errText('INVALID_STATE', 'host.crossChain', {
      from: parent.label,
      fromChain: parent.chain.toUpperCase(),
      to: child.value.label,
      toChain: child.value.chain.toUpperCase(),
    });
  if (dependsOn(graph, parent.id, child.value.id)) return errText('INVALID_STATE', 'host.cycle');
  const input = child.value.tx.inputs[req.to.input];
  if (!input) return errText('NOT_FOUND', 'host.noInput', { node: child.value.label, input: req.to.input });
  const ref: PrevoutRef = { node: parent.id, output: req.from.output };
  const spent = ctx.outputOf(graph, child.value.chain, ref);
  if (!spent) return errText('NOT_FOUND', 'host.noOutput', { node: parent.label, output: req.from.output });
  const spentBy = graph.nodes.find(
    (n) =>
      n.kind === 'draft' &&
      n.tx.inputs.some(
        (i, k) =>
          (n.id !== child.value.id || k !== req.to.input) &&
          i.prevout &&
          'node' in i.prevout &&
          i.prevout.node === parent.id &&
          i.prevout.output === req.from.output,
      ),
  );
  if (spentBy)
    return errText('INVALID_STATE', 'host.alreadySpent', {
      output: req.from.output,
      from: parent.label,
      by: spentBy.label,
    });
  const hasTemplate = input.unlock.scriptSig.length + input.unlock.witness.length > 0;
  const unlock = hasTemplate ? input.unlock : unlockFor(spent.scriptPubKey, spent.lock, ctx.pubKeyByHash);
  const inputs = child.value.tx.inputs.map((i, k) => (k === req.to.input ? { ...i, prevout: ref, unlock } : i));
  return ok(withTx(graph, child.value, { ...child.value.tx, inputs }));
}

/** Does `node` (transitively) spend an output of `ancestor`? */
function dependsOn(graph: Graph, node: string, ancestor: string): boolean {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const stack = [node];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === ancestor) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    const n = byId.get(id);
    if (n?.kind === 'draft')
      for (const i of n.tx.inputs) if (i.prevout && 'node' in i.prevout) stack.push(i.prevout.node);
  }
  return false;
}

export function disconnect(graph: Graph, nodeId: string, input: number): Result<EditResult> {
  const node = findDraft(graph, nodeId);
  if (!node.ok) return node;
  if (!node.value.tx.inputs[input]) return errText('NOT_FOUND', 'host.noInput', { node: node.value.label, input });
  const inputs = node.value.tx.inputs.map((i, k) => (k === input ? { sequence: i.sequence, unlock: i.unlock } : i));
  return ok(withTx(graph, node.value, { ...node.value.tx, inputs }));
}

export function setTxFields(graph: Graph, req: ParsedRequest<'graph.setTxFields'>): Result<EditResult> {
  const node = findDraft(graph, req.node);
  if (!node.ok) return node;
  const tx = {
    ...node.value.tx,
    ...(req.version !== undefined ? { version: req.version } : {}),
    ...(req.locktime !== undefined ? { locktime: req.locktime } : {}),
  };
  return ok(withTx(graph, node.value, tx));
}

/** A script typed in ASM that does not read, said by what is wrong with which word. */
export function asmRefused(field: string, error: AsmError, path: string): Result<never> {
  return errText('BAD_REQUEST', ASM_PROBLEM_TEXT[error.problem], { field, token: error.token }, { path });
}

const ASM_PROBLEM_TEXT = {
  sighash: 'host.asm.sighash',
  oddHex: 'host.asm.oddHex',
  pushTooBig: 'host.asm.pushTooBig',
  opcode: 'host.asm.opcode',
  range: 'host.asm.range',
} as const satisfies Record<AsmProblem, string>;

export function setInput(graph: Graph, req: ParsedRequest<'graph.setInput'>): Result<EditResult> {
  const node = findDraft(graph, req.node);
  if (!node.ok) return node;
  const current = node.value.tx.inputs[req.input];
  if (!current) return errText('NOT_FOUND', 'host.noInput', { node: node.value.label, input: req.input });
  let unlock = current.unlock;
  if (req.scriptSigAsm !== undefined) {
    const parsed = fromAsm(req.scriptSigAsm);
    if (!parsed.ok) return asmRefused('scriptSig', parsed.error, 'scriptSigAsm');
    unlock = { ...unlock, scriptSig: parsed.value.length > 0 ? [{ kind: 'raw', hex: toHex(parsed.value) }] : [] };
  }
  if (req.witnessHex !== undefined) {
    const bad = req.witnessHex.findIndex((h) => !/^(?:[0-9a-fA-F]{2})*$/.test(h));
    if (bad >= 0) return errText('BAD_REQUEST', 'host.witnessNotHex', { item: bad }, { path: `witnessHex[${bad}]` });
    unlock = { ...unlock, witness: req.witnessHex.map((h) => ({ kind: 'data', hex: h.toLowerCase() })) };
  }
  const inputs = node.value.tx.inputs.map((i, k) =>
    k === req.input ? { ...i, sequence: req.sequence ?? i.sequence, unlock } : i,
  );
  // Editing the unlock by hand keeps other signatures; changing the sequence invalidates them.
  return ok(withTx(graph, node.value, { ...node.value.tx, inputs }, req.sequence === undefined));
}

export function setOutput(graph: Graph, req: ParsedRequest<'graph.setOutput'>, ctx: EditContext): Result<EditResult> {
  const node = findDraft(graph, req.node);
  if (!node.ok) return node;
  const current = node.value.tx.outputs[req.output];
  if (!current) return errText('NOT_FOUND', 'host.noOutput', { node: node.value.label, output: req.output });
  let next: DraftOutput = {
    ...current,
    ...(req.value !== undefined ? { value: req.value } : {}),
    ...(req.label !== undefined ? { label: req.label } : {}),
  };
  if (req.payTo) {
    const payee = ctx.payeeScript(req.payTo, node.value.chain);
    if (!payee.ok) return payee;
    const { owner: _o, lock: _l, ...rest } = next;
    next = {
      ...rest,
      scriptPubKey: payee.value.scriptPubKey,
      ...(payee.value.owner ? { owner: payee.value.owner } : {}),
      ...(payee.value.lock ? { lock: payee.value.lock } : {}),
    };
  } else if (req.scriptPubKeyAsm !== undefined) {
    const parsed = fromAsm(req.scriptPubKeyAsm);
    if (!parsed.ok) return asmRefused('scriptPubKey', parsed.error, 'scriptPubKeyAsm');
    const { owner: _o, lock: _l, ...rest } = next;
    next = { ...rest, scriptPubKey: toHex(parsed.value), lock: { kind: 'raw' } };
  }
  const outputs = node.value.tx.outputs.map((o, k) => (k === req.output ? next : o));
  const money = moneyRangeProblem(outputs, node.value.chain);
  if (money) return errText('BAD_REQUEST', money.key, money.params, { path: 'value' });
  return ok(withTx(graph, node.value, { ...node.value.tx, outputs }));
}

export function addInput(graph: Graph, nodeId: string): Result<EditResult> {
  const node = findDraft(graph, nodeId);
  if (!node.ok) return node;
  return ok(
    withTx(graph, node.value, {
      ...node.value.tx,
      inputs: [...node.value.tx.inputs, { sequence: 0xffffffff, unlock: EMPTY_UNLOCK }],
    }),
  );
}

export function addOutput(graph: Graph, req: ParsedRequest<'graph.addOutput'>, ctx: EditContext): Result<EditResult> {
  const node = findDraft(graph, req.node);
  if (!node.ok) return node;
  let output: DraftOutput = { value: req.value ?? '0', scriptPubKey: '' };
  if (req.payTo) {
    const payee = ctx.payeeScript(req.payTo, node.value.chain);
    if (!payee.ok) return payee;
    output = { ...output, ...payee.value };
  }
  const outputs = [...node.value.tx.outputs, output];
  const money = moneyRangeProblem(outputs, node.value.chain);
  if (money) return errText('BAD_REQUEST', money.key, money.params, { path: 'value' });
  return ok(withTx(graph, node.value, { ...node.value.tx, outputs }));
}

export function removeInput(graph: Graph, nodeId: string, input: number): Result<EditResult> {
  const node = findDraft(graph, nodeId);
  if (!node.ok) return node;
  if (!node.value.tx.inputs[input]) return errText('NOT_FOUND', 'host.noInput', { node: node.value.label, input });
  return ok(
    withTx(graph, node.value, { ...node.value.tx, inputs: node.value.tx.inputs.filter((_, k) => k !== input) }),
  );
}

export function removeOutput(graph: Graph, nodeId: string, output: number): Result<EditResult> {
  const node = findDraft(graph, nodeId);
  if (!node.ok) return node;
  if (!node.value.tx.outputs[output]) return errText('NOT_FOUND', 'host.noOutput', { node: node.value.label, output });
  // Inputs elsewhere that spent this or a later output are renumbered or disconnected.
  const nodes = graph.nodes.map((n) => {
    if (n.id === nodeId)
      return {
        ...node.value,
        tx: withoutSignatures({ ...node.value.tx, outputs: node.value.tx.outputs.filter((_, k) => k !== output) }),
      };
    if (n.kind !== 'draft') return n;
    let changed = false;
    const inputs = n.tx.inputs.map((i) => {
      if (!i.prevout || !('node' in i.prevout) || i.prevout.node !== nodeId || i.prevout.output < output) return i;
      changed = true;
      return i.prevout.output === output
        ? { sequence: i.sequence, unlock: i.unlock }
        : { ...i, prevout: { node: nodeId, output: i.prevout.output - 1 } };
    });
    return changed ? { ...n, tx: withoutSignatures({ ...n.tx, inputs }) } : n;
  });
  return ok({ graph: { nodes } });
}
