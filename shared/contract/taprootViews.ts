/** What the inspector shows of a P2TR output with a script tree: every commitment, hash by hash. */
import type { TapLeafForm } from '../workspace/model';

export interface TapLeafView {
  readonly index: number;
  /** The form it was built from; its keys compressed, as wallets list them. */
  readonly form: TapLeafForm;
  /** The wallet owning each of the form's keys, in order; null where none of the workspace's does. */
  readonly owners: readonly (string | null)[];
  readonly scriptHex: string;
  readonly asm: string;
  /** TapLeaf hash (leaf version 0xc0 and the script). */
  readonly leafHash: string;
  /** What a spend by this leaf reveals: version and parity, internal key, then the path's hashes. */
  readonly controlBlock: string;
}

/** The tree's shape: a leaf (by index), or a TapBranch of two subtrees. */
export type TapNodeView =
  | { readonly kind: 'leaf'; readonly index: number; readonly hash: string }
  | { readonly kind: 'branch'; readonly hash: string; readonly children: readonly [TapNodeView, TapNodeView] };

export interface TaprootTreeView {
  /** x-only. */
  readonly internalKey: string;
  /** BIP341's unspendable H: no key path. */
  readonly nums: boolean;
  readonly internalOwner?: string;
  readonly leaves: readonly TapLeafView[];
  readonly root: TapNodeView;
  readonly merkleRoot: string;
  /** H_TapTweak(internal key || Merkle root). */
  readonly tweak: string;
  /** The x-only key in the output: internal key + tweak·G. */
  readonly outputKey: string;
  readonly parity: 0 | 1;
}
