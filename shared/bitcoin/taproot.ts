/**
 * BIP341 commitments: tagged hashes, TapLeaf/TapBranch/TapTweak, the output-key check a script-path
 * spend makes (Core's VerifyTaprootCommitment), and the wallet side: building an output key and
 * control blocks from an internal key and a script tree.
 */
import * as secp from 'tiny-secp256k1';
import { ByteWriter, type Bytes, compare, concat, utf8 } from './bytes';
import { sha256 } from './hashes';

export const TAPROOT_LEAF_MASK = 0xfe;
export const TAPROOT_LEAF_TAPSCRIPT = 0xc0;
const TAPROOT_CONTROL_BASE_SIZE = 33;
const TAPROOT_CONTROL_NODE_SIZE = 32;
const TAPROOT_CONTROL_MAX_NODE_COUNT = 128;
const TAPROOT_CONTROL_MAX_SIZE = TAPROOT_CONTROL_BASE_SIZE + TAPROOT_CONTROL_NODE_SIZE * TAPROOT_CONTROL_MAX_NODE_COUNT;
/** The first byte of an annex: the last witness item of a Taproot spend, when there are at least two. */
export const ANNEX_TAG = 0x50;

const TAGS = ['TapLeaf', 'TapBranch', 'TapTweak', 'TapSighash', 'BIP0340/challenge'] as const;
type Tag = (typeof TAGS)[number];

/** SHA256(tag) || SHA256(tag), the 64-byte prefix of every tagged hash (BIP340), per tag. */
const TAG_PREFIX: Readonly<Record<Tag, Bytes>> = Object.freeze(
  Object.fromEntries(
    TAGS.map((tag) => {
      const h = sha256(utf8(tag));
      return [tag, concat(h, h)];
    }),
  ) as Record<Tag, Bytes>,
);

export function taggedHash(tag: Tag, ...parts: readonly Bytes[]): Bytes {
  return sha256(concat(TAG_PREFIX[tag], ...parts));
}

/** TapLeaf: hash of the leaf version and the compact-size-prefixed script. */
export function tapleafHash(leafVersion: number, script: Bytes): Bytes {
  const w = new ByteWriter(script.length + 4);
  w.u8(leafVersion & TAPROOT_LEAF_MASK).varBytes(script);
  return taggedHash('TapLeaf', w.finish());
}

/** TapBranch: the two children sorted, so a proof needs no left/right bits. */
export function tapbranchHash(a: Bytes, b: Bytes): Bytes {
  return compare(a, b) < 0 ? taggedHash('TapBranch', a, b) : taggedHash('TapBranch', b, a);
}

/** TapTweak: internal key, then the Merkle root when there is a script tree. */
export function taptweakHash(internalKey: Bytes, merkleRoot?: Bytes): Bytes {
  return merkleRoot ? taggedHash('TapTweak', internalKey, merkleRoot) : taggedHash('TapTweak', internalKey);
}

export interface TweakedKey {
  readonly outputKey: Bytes;
  /** The parity of the tweaked point's y (the low bit of a control block's first byte). */
  readonly parity: 0 | 1;
}

/** internalKey + tweak·G as an x-only key; undefined for an invalid key or a tweak ≥ the order. */
function tweakXOnlyKey(internalKey: Bytes, tweak: Bytes): TweakedKey | undefined {
  try {
    const r = secp.xOnlyPointAddTweak(internalKey, tweak);
    return r ? { outputKey: r.xOnlyPubkey, parity: r.parity } : undefined;
  } catch {
    // tiny-secp256k1 throws for a key not on the curve or a tweak out of range: both fail the check.
    return undefined;
  }
}

/**
 * Core's VerifyTaprootCommitment (src/script/interpreter.cpp, Core 0.21 / Litecoin 0.21.5.5
 * line 1834): the leaf hash, folded up the control block's path with TapBranch, tweaks the
 * internal key into the program, with the control block's parity. The control block's size has
 * been checked by the caller. Returns the leaf hash when the commitment holds.
 */
export function verifyTaprootCommitment(control: Bytes, program: Bytes, script: Bytes): Bytes | undefined {
  const internalKey = control.subarray(1, TAPROOT_CONTROL_BASE_SIZE);
  const leafHash = tapleafHash(control[0]!, script);
  let k = leafHash;
  for (let at = TAPROOT_CONTROL_BASE_SIZE; at < control.length; at += TAPROOT_CONTROL_NODE_SIZE) {
    k = tapbranchHash(k, control.subarray(at, at + TAPROOT_CONTROL_NODE_SIZE));
  }
  const tweaked = tweakXOnlyKey(internalKey, taptweakHash(internalKey, k));
  if (!tweaked || tweaked.parity !== (control[0]! & 1)) return undefined;
  return compare(tweaked.outputKey, program) === 0 ? leafHash : undefined;
}

/**
 * The Merkle root a control block proves for a leaf: the leaf hash folded up the block's path
 * with TapBranch (the same fold as VerifyTaprootCommitment). The block's size has been checked.
 */
export function controlBlockMerkleRoot(control: Bytes, leafHash: Bytes): Bytes {
  let k = leafHash;
  for (let at = TAPROOT_CONTROL_BASE_SIZE; at < control.length; at += TAPROOT_CONTROL_NODE_SIZE) {
    k = tapbranchHash(k, control.subarray(at, at + TAPROOT_CONTROL_NODE_SIZE));
  }
  return k;
}

/** Size rule of a control block (interpreter.cpp:1909): 33 + 32·m bytes, m ≤ 128. */
export function isValidControlBlockSize(size: number): boolean {
  return (
    size >= TAPROOT_CONTROL_BASE_SIZE &&
    size <= TAPROOT_CONTROL_MAX_SIZE &&
    (size - TAPROOT_CONTROL_BASE_SIZE) % TAPROOT_CONTROL_NODE_SIZE === 0
  );
}

// ---- The wallet side: output keys and control blocks from a script tree ----

export interface TapLeaf {
  readonly script: Bytes;
  readonly leafVersion: number;
}

/** A leaf, or a branch of two subtrees (the shape BIP341's wallet vectors use). */
export type TapTree = TapLeaf | readonly [TapTree, TapTree];

export interface TapLeafSpend {
  readonly leaf: TapLeaf;
  readonly leafHash: Bytes;
  /** Sibling hashes from the leaf up to the root. */
  readonly path: readonly Bytes[];
  readonly controlBlock: Bytes;
}

export interface TaprootOutput {
  readonly internalKey: Bytes;
  readonly merkleRoot: Bytes | undefined;
  readonly tweak: Bytes;
  readonly outputKey: Bytes;
  readonly parity: 0 | 1;
  /** OP_1 <32-byte output key>. */
  readonly scriptPubKey: Bytes;
  /** One per leaf, depth first, left before right. */
  readonly leaves: readonly TapLeafSpend[];
}

function isLeaf(tree: TapTree): tree is TapLeaf {
  return !Array.isArray(tree);
}

/** The subtree's hash and its leaves, each with the path so far (siblings below this node). */
function walk(tree: TapTree): { hash: Bytes; leaves: { leaf: TapLeaf; leafHash: Bytes; path: Bytes[] }[] } {
  if (isLeaf(tree)) {
    const leafHash = tapleafHash(tree.leafVersion, tree.script);
    return { hash: leafHash, leaves: [{ leaf: tree, leafHash, path: [] }] };
  }
  const left = walk(tree[0]);
  const right = walk(tree[1]);
  for (const l of left.leaves) l.path.push(right.hash);
  for (const l of right.leaves) l.path.push(left.hash);
  return { hash: tapbranchHash(left.hash, right.hash), leaves: [...left.leaves, ...right.leaves] };
}

/** BIP341's taproot_output_script and control blocks; undefined if the key cannot be tweaked. */
export function taprootOutput(internalKey: Bytes, tree?: TapTree): TaprootOutput | undefined {
  const walked = tree ? walk(tree) : undefined;
  const merkleRoot = walked?.hash;
  const tweak = taptweakHash(internalKey, merkleRoot);
  const tweaked = tweakXOnlyKey(internalKey, tweak);
  if (!tweaked) return undefined;
  const leaves = (walked?.leaves ?? []).map(({ leaf, leafHash, path }) => ({
    leaf,
    leafHash,
    path,
    controlBlock: concat(Uint8Array.of((leaf.leafVersion & TAPROOT_LEAF_MASK) | tweaked.parity), internalKey, ...path),
  }));
  return {
    internalKey,
    merkleRoot,
    tweak,
    outputKey: tweaked.outputKey,
    parity: tweaked.parity,
    scriptPubKey: concat(Uint8Array.of(0x51, 32), tweaked.outputKey),
    leaves,
  };
}

/** The output key of an x-only internal key and a script tree's Merkle root (none: BIP86's). */
export function tweakedOutputKey(internalKey: Bytes, merkleRoot?: Bytes): TweakedKey | undefined {
  return tweakXOnlyKey(internalKey, taptweakHash(internalKey, merkleRoot));
}

/**
 * BIP86's output key of a single key (no script tree): the x-only key tweaked by H_TapTweak(P).
 * `publicKey` is compressed (33 bytes) or x-only (32); undefined when it is not a valid key.
 */
export function bip86OutputKey(publicKey: Bytes): Bytes | undefined {
  const internalKey = publicKey.length === 33 ? publicKey.subarray(1) : publicKey;
  if (internalKey.length !== 32) return undefined;
  return tweakXOnlyKey(internalKey, taptweakHash(internalKey))?.outputKey;
}
