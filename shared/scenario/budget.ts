/**
 * What a scenario file may ask of the machine, checked before anything of it runs. Each action
 * (a history entry, a lesson call or task) gets an estimate of its work in milliseconds on a
 * 2-core reference machine, from the parameters that make it grow: blocks times nodes for mining,
 * the graph's size for every call that rebuilds the workspace view, and for a lesson's own task
 * what it says itself (`cost`: transactions for the throughput crowd, runs times blocks times
 * miners for reorg statistics…). A file is refused, with the
 * path of the action, when one action is over `ACTION_BUDGET_MS` or the whole file (its history,
 * its graph and its longest lesson path) is over `FILE_BUDGET_MS`.
 *
 * The figures are measured (bench and test/hostile) and rounded up, so an estimate is an upper
 * bound: the hostile-file tests check that actions at the budget finish within it.
 */
import { fromHex, isHex } from '../bitcoin/bytes';
import { sigOpCount } from '../chain/sigops';
import { englishText, type HostText, ok, type Result } from '../contract/result';
import type { ChainAction, ChainConfig } from './chainActions';
import type { LessonAction, ScenarioFile } from './schema';
import { taskOf } from '../lessons/runners';
import { draftBytes } from './validate';
import { graphChange } from '../workspace/graphDiff';

/** One action: long enough for the heaviest built-in step (the throughput crowd), with progress shown. */
export const ACTION_BUDGET_MS = 15_000;
/** A whole file: its history replayed, its graph assembled and its longest lesson path played. */
export const FILE_BUDGET_MS = 45_000;

/**
 * Milliseconds per unit of work, measured on the reference machine and rounded up. A lesson's own
 * tasks estimate theirs from these and units of their own (`cost` in shared/lessons/<name>/tasks.ts).
 */
export const COST_MS = {
  /** One block mined and connected at one node of the network (0.12–0.2 measured). */
  blockPerNode: 0.25,
  /** One transaction accepted at one node (scripts checked once, then from the signature cache). */
  txPerNode: 0.6,
  /** A call's fixed part plus the workspace view it rebuilds, per graph node (0.2–0.3 measured). */
  call: 2,
  viewPerNode: 0.3,
  /** Bytes of signature-hash preimage hashed per millisecond (legacy sighash is quadratic). */
  hashBytesPerMs: 150_000,
  /** One look of Mallory's at her node in a simulated second with nothing arriving. */
  look: 0.003,
  /** One signature verified (tiny-secp256k1: about 2,500 a second). */
  verify: 0.5,
} as const;

export interface WorkEstimate {
  readonly ms: number;
  /** JSON path of the action, or of the part of the file, the estimate is for. */
  readonly path: string;
}

/** The nodes of `chain`'s network (one when the file names none). */
export function nodesOf(file: { readonly chains: readonly ChainConfig[] }, chain: string): number {
  const config: ChainConfig | undefined = file.chains.find((c) => c.id === chain);
  return Math.max(1, config?.nodes?.length ?? 1);
}

/** A chain action's work: mining grows with blocks × nodes, a broadcast with the nodes it reaches. */
export function chainActionMs(action: ChainAction, nodes: number): number {
  switch (action.op) {
    case 'mine':
      return action.count * nodes * COST_MS.blockPerNode;
    case 'broadcast':
      return nodes * COST_MS.txPerNode + (action.hex.length / 2) * 0.001;
    default:
      return nodes * COST_MS.txPerNode;
  }
}

/** A lesson action's work in a workspace of `graphNodes` transactions. */
function lessonActionMs(file: Pick<ScenarioFile, 'chains'>, action: LessonAction, graphNodes: number): number {
  const view = COST_MS.call + graphNodes * COST_MS.viewPerNode;
  if ('expect' in action) return view;
  if ('call' in action) {
    switch (action.call) {
      case 'chain.mine':
        return view + action.params.count * nodesOf(file, action.params.chain) * COST_MS.blockPerNode;
      case 'tx.broadcast':
        return view + Math.max(...file.chains.map((c) => nodesOf(file, c.id))) * COST_MS.txPerNode;
      default:
        return view;
    }
  }
  switch (action.run) {
    case 'mine-at':
      return view + action.params.count * nodesOf(file, action.params.chain) * COST_MS.blockPerNode;
    case 'mutate-broadcast':
      return view + nodesOf(file, 'btc') * COST_MS.txPerNode;
    default:
      return taskOf(action.run).cost?.(action.params, file, view) ?? view + 5;
  }
}

/** Signature checks a hex script can make (CHECKSIG 1, CHECKMULTISIG its key count, else 20). */
function sigOpsOf(hex: string): number {
  if (hex.length === 0 || !isHex(hex)) return 0;
  return sigOpCount(fromHex(hex), true);
}

/**
 * The graph's part: every draft is assembled, and every input's scripts run for the view's
 * verdict. Each signature check hashes the transaction (legacy sighash: the whole of it) and
 * verifies, so an input costs its scripts' signature checks times that.
 */
/** A graph's estimate, kept per graph object: the workbench asks again before every mining action. */
const graphEstimates = new WeakMap<ScenarioFile['graph'], number>();

/** The graph estimated last, and where its ids sit: the next graph is usually an edit of it. */
let lastEstimate:
  | { readonly graph: ScenarioFile['graph']; readonly ms: number; readonly position: ReadonlyMap<string, number> }
  | undefined;

function graphMs(graph: ScenarioFile['graph']): number {
  const known = graphEstimates.get(graph);
  if (known !== undefined) return known;
  const last = lastEstimate;
  let ms = last && estimateFrom(last.graph, last.ms, last.position, graph);
  let position = last?.position;
  if (ms === undefined || !position) {
    ms = estimateGraphMs(graph);
    position = new Map(graph.nodes.map((n, i) => [n.id, i]));
  }
  graphEstimates.set(graph, ms);
  lastEstimate = { graph, ms, position };
  return ms;
}

/**
 * The estimate of `graph` from that of `before`, when an edit replaced nodes in their places and
 * left their outputs' signature checks as they were (what their spenders' estimates read):
 * only the replaced nodes' own parts are taken out and put back. Undefined otherwise.
 */
function estimateFrom(
  before: ScenarioFile['graph'],
  ms: number,
  position: ReadonlyMap<string, number>,
  graph: ScenarioFile['graph'],
): number | undefined {
  const change = graphChange(before, graph);
  if (!change) return undefined;
  const nodeIn = (g: ScenarioFile['graph'], id: string) => g.nodes[position.get(id) ?? -1];
  for (const i of change.at) {
    const old = before.nodes[i]!;
    const now = graph.nodes[i]!;
    const a = old.kind === 'draft' ? factsOf(old).outputSigOps : [];
    const b = now.kind === 'draft' ? factsOf(now).outputSigOps : [];
    if (a.length !== b.length || a.some((x, k) => x !== b[k])) return undefined;
    ms += nodeMs(now, (id) => nodeIn(graph, id)) - nodeMs(old, (id) => nodeIn(before, id));
  }
  return ms;
}

type DraftOf = ScenarioFile['graph']['nodes'][number] & { kind: 'draft' };

/** What a draft's estimate needs of it alone, kept per node object (an edit replaces only the nodes it changes). */
interface DraftFacts {
  readonly outputSigOps: readonly number[];
  /** Each input's signature checks in its own scripts (its parent's output adds more). */
  readonly inputChecks: readonly number[];
  readonly perCheck: number;
}
const draftFacts = new WeakMap<DraftOf, DraftFacts>();

function factsOf(node: DraftOf): DraftFacts {
  let facts = draftFacts.get(node);
  if (!facts) {
    facts = {
      outputSigOps: node.tx.outputs.map((o) => sigOpsOf(o.scriptPubKey)),
      inputChecks: node.tx.inputs.map(({ unlock }) => {
        let checks = 1 + sigOpsOf(unlock.scriptCode);
        for (const item of [...unlock.scriptSig, ...unlock.witness])
          if (item.kind === 'script' || item.kind === 'raw') checks += sigOpsOf(item.hex);
        return checks;
      }),
      perCheck: COST_MS.verify + draftBytes(node) / COST_MS.hashBytesPerMs,
    };
    draftFacts.set(node, facts);
  }
  return facts;
}

type GraphNodeOf = ScenarioFile['graph']['nodes'][number];

/** One node's part: its view, and each input's signature checks (its parent's output's included). */
function nodeMs(node: GraphNodeOf, nodeOf: (id: string) => GraphNodeOf | undefined): number {
  let ms = COST_MS.viewPerNode;
  if (node.kind !== 'draft') return ms;
  const facts = factsOf(node);
  node.tx.inputs.forEach((input, i) => {
    let parent: number | undefined;
    if (input.prevout && 'node' in input.prevout) {
      const p = nodeOf(input.prevout.node);
      parent = p?.kind === 'draft' ? factsOf(p).outputSigOps[input.prevout.output] : undefined;
    }
    ms += (facts.inputChecks[i]! + (parent ?? 0)) * facts.perCheck;
  });
  return ms;
}

function estimateGraphMs(graph: ScenarioFile['graph']): number {
  const drafts = new Map<string, GraphNodeOf>();
  for (const node of graph.nodes) if (node.kind === 'draft') drafts.set(node.id, node);
  let ms = 0;
  for (const node of graph.nodes) ms += nodeMs(node, (id) => drafts.get(id));
  return ms;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

function overBudget(estimate: WorkEstimate, limit: number, what: 'file' | 'action'): Result<never> {
  const text: HostText = {
    key: what === 'file' ? 'file.overBudget' : 'file.actionOverBudget',
    params: { path: estimate.path, needed: seconds(estimate.ms), limit: seconds(limit) },
  };
  return {
    ok: false,
    error: { code: 'IMPORT_FAILED', message: englishText(text), path: estimate.path, detail: 'WORK_BUDGET', text },
  };
}

/** The estimate of a whole file, refusing at the first action over its budget. */
export function checkWorkBudget(file: ScenarioFile): Result<WorkEstimate> {
  let history = 0;
  for (const [i, action] of file.history.entries()) {
    const ms = chainActionMs(action, nodesOf(file, action.chain));
    if (ms > ACTION_BUDGET_MS) return overBudget({ ms, path: `history[${i}]` }, ACTION_BUDGET_MS, 'action');
    history += ms;
  }
  const graph = graphMs(file.graph);
  const graphNodes = file.graph.nodes.length;
  let longest: WorkEstimate = { ms: 0, path: 'lesson' };
  for (const [name, steps] of Object.entries(file.lesson?.paths ?? {})) {
    let path = 0;
    for (const [s, step] of steps.entries()) {
      for (const [a, action] of step.actions.entries()) {
        const ms = lessonActionMs(file, action, graphNodes);
        const where = `lesson.paths.${name}[${s}].actions[${a}]`;
        if (ms > ACTION_BUDGET_MS) return overBudget({ ms, path: where }, ACTION_BUDGET_MS, 'action');
        path += ms;
      }
    }
    if (path > longest.ms) longest = { ms: path, path: `lesson.paths.${name}` };
  }
  const total = history + graph + longest.ms;
  if (total > FILE_BUDGET_MS) {
    const parts = [
      ['history', history],
      ['graph', graph],
      [longest.path, longest.ms],
    ] as const;
    const heaviest = parts.reduce((a, b) => (b[1] > a[1] ? b : a));
    return overBudget({ ms: total, path: heaviest[0] }, FILE_BUDGET_MS, 'file');
  }
  return ok({ ms: total, path: '' });
}
