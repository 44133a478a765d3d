/** The inspector's view of a P2TR output's script tree, and which way an input spends one. */
import { toAsm } from '../../shared/bitcoin/asm';
import { fromHex, toHex } from '../../shared/bitcoin/bytes';
import { tapbranchHash } from '../../shared/bitcoin/taproot';
import type { TapNodeView, TaprootTreeView } from '../../shared/contract/taprootViews';
import type { Graph, PrevoutRef, TapLeafForm, Unlock } from '../../shared/workspace/model';
import {
  isNumsKey,
  spendPathOf,
  type TaprootTreeLock,
  treeOutput,
  treeShape,
  type TreeShape,
} from '../../shared/workspace/taprootTree';
import { xOnlyHex } from '../../shared/workspace/taprootUnlock';
import { visibleText } from '../../shared/text/safeText';
import type { KeyOwner } from './nodeViews';

function keysOf(form: TapLeafForm): readonly string[] {
  if (form.kind === 'multi') return form.pubKeys;
  return form.kind === 'asm' ? [] : [form.pubKey];
}

export function taprootTreeView(
  lock: TaprootTreeLock,
  ownerOf: (pubKeyHex: string) => KeyOwner | undefined,
): TaprootTreeView | undefined {
  const output = treeOutput(lock);
  if (!output?.merkleRoot) return undefined;
  const leafHashes = output.leaves.map((l) => l.leafHash);
  const node = (shape: TreeShape): TapNodeView => {
    if (typeof shape === 'number') return { kind: 'leaf', index: shape, hash: toHex(leafHashes[shape]!) };
    const children = [node(shape[0]), node(shape[1])] as const;
    const hash = tapbranchHash(fromHex(children[0].hash), fromHex(children[1].hash));
    return { kind: 'branch', hash: toHex(hash), children };
  };
  const name = (pubKey: string): string | null => {
    const owner = ownerOf(pubKey)?.walletName;
    return owner === undefined ? null : visibleText(owner);
  };
  const nums = isNumsKey(lock.internalKey);
  const internalOwner = nums ? null : name(lock.internalKey);
  return {
    internalKey: xOnlyHex(lock.internalKey),
    nums,
    ...(internalOwner !== null ? { internalOwner } : {}),
    leaves: output.leaves.map((l, index) => ({
      index,
      form: lock.leaves[index]!,
      owners: keysOf(lock.leaves[index]!).map(name),
      scriptHex: toHex(l.leaf.script),
      asm: toAsm(l.leaf.script),
      leafHash: toHex(l.leafHash),
      controlBlock: toHex(l.controlBlock),
    })),
    root: node(treeShape(lock.leaves.length)),
    merkleRoot: toHex(output.merkleRoot),
    tweak: toHex(output.tweak),
    outputKey: toHex(output.outputKey),
    parity: output.parity,
  };
}

/** The tree lock of the draft output an input spends, if it has one. */
function spentTreeLock(graph: Graph, ref: PrevoutRef | undefined): TaprootTreeLock | undefined {
  if (!ref || !('node' in ref)) return undefined;
  const parent = graph.nodes.find((n) => n.id === ref.node);
  const lock = parent?.kind === 'draft' ? parent.tx.outputs[ref.output]?.lock : undefined;
  return lock?.kind === 'p2tr-tree' ? lock : undefined;
}

/** How an input spends a tree output: the key path, a leaf, or 'none' yet; undefined when it spends no tree. */
export function taprootPathOf(
  graph: Graph,
  ref: PrevoutRef | undefined,
  unlock: Unlock,
): 'key' | number | 'none' | undefined {
  const lock = spentTreeLock(graph, ref);
  if (!lock) return undefined;
  return spendPathOf(lock, unlock) ?? 'none';
}
