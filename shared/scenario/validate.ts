/**
 * The rules a scenario file must keep across its fields, after its schema: what a schema cannot
 * say (a lesson's path is one of its paths, ids are unique, a network can mine, a broadcast goes
 * to a node the chain has). Every entry path runs these (import, the CLI, autosave restore), so
 * a file the schema accepts can never reach code that assumes them and crash.
 */
import type { ChainId } from '../chain/profiles';
import { ok, type Result } from '../contract/result';
import { refuse } from './refuse';
import type { ChainConfig } from './chainActions';
import { taskOf } from '../lessons/runners';
import type { LessonAction, ScenarioFile } from './schema';

/** The byte size one draft may reach: Core's largest block. A bigger transaction can never be valid. */
const MAX_DRAFT_BYTES = 1_000_000;

/** A single-node chain's node when the file names none (chainSet.ts gives it this name). */
const DEFAULT_NODE = 'node';

function nodeNamesOf(config: Pick<ChainConfig, 'nodes'>): readonly string[] {
  return config.nodes?.map((n) => n.name) ?? [DEFAULT_NODE];
}

function duplicate<T>(items: readonly T[], key: (item: T) => string): { index: number; key: string } | undefined {
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    const k = key(item);
    if (seen.has(k)) return { index, key: k };
    seen.add(k);
  }
  return undefined;
}

function checkChains(chains: readonly ChainConfig[]): Result<true> {
  const dup = duplicate(chains, (c) => c.id);
  if (dup) return refuse(`chains[${dup.index}].id`, 'file.chainTwice', { chain: dup.key });
  for (const [i, config] of chains.entries()) {
    const nodes = config.nodes ?? [];
    const dupNode = duplicate(nodes, (n) => n.name);
    if (dupNode)
      return refuse(`chains[${i}].nodes[${dupNode.index}].name`, 'file.peerNameTwice', { name: dupNode.key });
    if (nodes.length > 1 && !nodes.some((n) => (n.hashShare ?? 0) > 0)) {
      return refuse(`chains[${i}].nodes`, 'file.noMiner', { n: nodes.length });
    }
  }
  return ok(true);
}

/** Checks that `name` is a node of `chain`'s network. */
export function knownNode(
  file: { readonly chains: readonly ChainConfig[] },
  chain: ChainId,
  name: string | undefined,
  path: string,
): Result<true> {
  if (name === undefined) return ok(true);
  const config = file.chains.find((c) => c.id === chain);
  if (!config) return refuse(path, 'file.noChain', { chain });
  const names = nodeNamesOf(config);
  if (!names.includes(name)) return refuse(path, 'file.noPeer', { chain, peer: name, peers: names.join(', ') });
  return ok(true);
}

function knownChain(file: ScenarioFile, chain: ChainId, path: string): Result<true> {
  return file.chains.some((c) => c.id === chain) ? ok(true) : refuse(path, 'file.noChain', { chain });
}

function checkHistory(file: ScenarioFile): Result<true> {
  for (const [i, action] of file.history.entries()) {
    const path = `history[${i}]`;
    const chain = knownChain(file, action.chain, `${path}.chain`);
    if (!chain.ok) return chain;
    if (action.op === 'broadcast') {
      const via = knownNode(file, action.chain, action.via, `${path}.via`);
      if (!via.ok) return via;
    }
    if (action.op === 'mine') {
      const miner = knownNode(file, action.chain, action.miner, `${path}.miner`);
      if (!miner.ok) return miner;
    }
  }
  return ok(true);
}

/** Rough serialized size of a draft from its hex fields: what its scripts and signatures weigh. */
export function draftBytes(tx: ScenarioFile['graph']['nodes'][number] & { kind: 'draft' }): number {
  let bytes = 10;
  for (const input of tx.tx.inputs) {
    bytes += 41 + input.unlock.scriptCode.length / 2;
    for (const item of [...input.unlock.scriptSig, ...input.unlock.witness]) {
      bytes +=
        1 +
        ('hex' in item
          ? item.hex.length
          : item.pubKey.length + ('signature' in item && item.signature ? item.signature.length : 0)) /
          2;
    }
  }
  for (const output of tx.tx.outputs) bytes += 9 + output.scriptPubKey.length / 2;
  return bytes;
}

function checkGraph(file: ScenarioFile): Result<true> {
  const nodes = file.graph.nodes;
  const dup = duplicate(nodes, (n) => n.id);
  if (dup) return refuse(`graph.nodes[${dup.index}].id`, 'file.nodeIdTwice', { id: dup.key });
  for (const [i, node] of nodes.entries()) {
    const chain = knownChain(file, node.chain, `graph.nodes[${i}].chain`);
    if (!chain.ok) return chain;
    if (node.kind === 'draft' && draftBytes(node) > MAX_DRAFT_BYTES) {
      return refuse(`graph.nodes[${i}].tx`, 'file.draftTooBig', { max: MAX_DRAFT_BYTES.toLocaleString('en') });
    }
  }
  return ok(true);
}

function checkLessonAction(file: ScenarioFile, action: LessonAction, path: string): Result<true> {
  if ('call' in action) {
    switch (action.call) {
      case 'chain.mine':
      case 'chain.advanceTime':
      case 'chain.setPolicy':
        return knownChain(file, action.params.chain, `${path}.params.chain`);
      case 'tx.broadcast': {
        // The node's chain is known only when the step runs; the name must exist on some chain.
        const via = action.params.via;
        if (via !== undefined && !file.chains.some((c) => nodeNamesOf(c).includes(via)))
          return refuse(`${path}.params.via`, 'file.noPeerAnywhere', { peer: via });
        return ok(true);
      }
      default:
        return ok(true);
    }
  }
  if ('run' in action) {
    const at = `${path}.params`;
    switch (action.run) {
      case 'mine-at':
        return knownNode(file, action.params.chain, action.params.miner, `${at}.miner`);
      case 'mutate-broadcast': {
        const via = action.params.via;
        if (via !== undefined && !file.chains.some((c) => nodeNamesOf(c).includes(via)))
          return refuse(`${at}.via`, 'file.noPeerAnywhere', { peer: via });
        return ok(true);
      }
      default:
        return taskOf(action.run).check?.(action.params, file, at) ?? ok(true);
    }
  }
  return ok(true);
}

function checkLesson(file: ScenarioFile): Result<true> {
  const lesson = file.lesson;
  if (!lesson) return ok(true);
  const names = Object.keys(lesson.paths);
  if (names.length === 0) return refuse('lesson.paths', 'file.noPaths');
  if (!Object.hasOwn(lesson.paths, lesson.path))
    return refuse('lesson.path', 'file.unknownPath', { name: lesson.path, paths: names.join(', ') });
  const steps = lesson.paths[lesson.path]!;
  if (lesson.position > steps.length)
    return refuse('lesson.position', 'file.positionTooFar', {
      name: lesson.path,
      steps: steps.length,
      position: lesson.position,
    });
  for (const [name, path] of Object.entries(lesson.paths)) {
    for (const [s, step] of path.entries()) {
      for (const [a, action] of step.actions.entries()) {
        const r = checkLessonAction(file, action, `lesson.paths.${name}[${s}].actions[${a}]`);
        if (!r.ok) return r;
      }
    }
  }
  return ok(true);
}

export function checkScenarioRules(file: ScenarioFile): Result<ScenarioFile> {
  for (const check of [checkChains(file.chains), checkHistory(file), checkGraph(file), checkLesson(file)])
    if (!check.ok) return check;
  const dupWallet = duplicate(file.wallets, (w) => w.name.normalize('NFC').trim().toLowerCase());
  if (dupWallet)
    return refuse(`wallets[${dupWallet.index}].name`, 'file.walletNameTwice', {
      name: file.wallets[dupWallet.index]!.name,
    });
  return ok(file);
}
