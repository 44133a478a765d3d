/**
 * P2TR outputs with a script tree built from simple forms (a key signs; a key after N blocks or
 * at a time; a key with a hash's preimage; k-of-n with CHECKSIGADD; raw ASM): the leaf scripts,
 * the tree (balanced, leaves in order), the output, and the unlock of each way to spend it.
 */
import { type Bytes, fromHex, toHex } from '../bitcoin/bytes';
import { sha256 } from '../bitcoin/hashes';
import { OP } from '../bitcoin/opcodes';
import { compileScript } from '../bitcoin/script';
import {
  TAPROOT_LEAF_TAPSCRIPT,
  type TapLeaf,
  taprootOutput,
  type TaprootOutput,
  type TapTree,
} from '../bitcoin/taproot';
import type { LockDescriptor, TapLeafForm, Unlock, UnlockItem } from './model';
import { taprootKeyPathUnlock, tapscriptSig, tapscriptUnlock, xOnlyHex } from './taprootUnlock';

export type TaprootTreeLock = Extract<LockDescriptor, { kind: 'p2tr-tree' }>;

/**
 * BIP341's H: the x coordinate of SHA256 of the uncompressed generator, a point nobody knows the
 * discrete logarithm of. An internal key of H makes a script-only output: no key path exists.
 */
export const NUMS_INTERNAL_KEY = '50929b74c1a04954b78b4b6035e97a5e078a5a0f28ec96d547bfee9ace803ac0';

const xOnly = (pubKey: string): Bytes => fromHex(xOnlyHex(pubKey));

/** The tapscript of a leaf form. */
function leafScript(form: TapLeafForm): Bytes {
  switch (form.kind) {
    case 'key':
      return compileScript([xOnly(form.pubKey), OP.OP_CHECKSIG]);
    case 'after':
      return compileScript([
        { num: form.blocks },
        OP.OP_CHECKSEQUENCEVERIFY,
        OP.OP_DROP,
        xOnly(form.pubKey),
        OP.OP_CHECKSIG,
      ]);
    case 'at':
      return compileScript([
        { num: form.locktime },
        OP.OP_CHECKLOCKTIMEVERIFY,
        OP.OP_DROP,
        xOnly(form.pubKey),
        OP.OP_CHECKSIG,
      ]);
    case 'hash':
      return compileScript([OP.OP_SHA256, fromHex(form.hash), OP.OP_EQUALVERIFY, xOnly(form.pubKey), OP.OP_CHECKSIG]);
    case 'multi':
      return compileScript([
        ...form.pubKeys.flatMap((k, i) => [xOnly(k), i === 0 ? OP.OP_CHECKSIG : OP.OP_CHECKSIGADD]),
        { num: form.required },
        OP.OP_NUMEQUAL,
      ]);
    case 'asm':
      return fromHex(form.script);
  }
}

/** A tree's shape over leaf indexes: a leaf, or a branch of two subtrees. */
export type TreeShape = number | readonly [TreeShape, TreeShape];

/** Leaves 0…count−1 in order, paired into a balanced tree (the left half one larger when odd). */
export function treeShape(count: number, first = 0): TreeShape {
  if (count === 1) return first;
  const half = Math.ceil(count / 2);
  return [treeShape(half, first), treeShape(count - half, first + half)];
}

function tapTreeOf(shape: TreeShape, leaves: readonly TapLeaf[]): TapTree {
  return typeof shape === 'number' ? leaves[shape]! : [tapTreeOf(shape[0], leaves), tapTreeOf(shape[1], leaves)];
}

export function isNumsKey(internalKey: string): boolean {
  return xOnlyHex(internalKey) === NUMS_INTERNAL_KEY;
}

/** The output of a tree lock (its leaves in the lock's order); undefined for an invalid internal key. */
export function treeOutput(lock: TaprootTreeLock): TaprootOutput | undefined {
  const leaves = lock.leaves.map((form) => ({ script: leafScript(form), leafVersion: TAPROOT_LEAF_TAPSCRIPT }));
  return taprootOutput(xOnly(lock.internalKey), tapTreeOf(treeShape(leaves.length), leaves));
}

/** The inputs' items of a leaf spend, bottom of the stack first; `preimage` for a hash leaf. */
function leafItems(form: TapLeafForm, preimage: string | undefined): UnlockItem[] {
  switch (form.kind) {
    case 'key':
    case 'after':
    case 'at':
      return [tapscriptSig(form.pubKey)];
    case 'hash':
      return [tapscriptSig(form.pubKey), { kind: 'data', hex: preimage ?? '', label: 'preimage' }];
    case 'multi':
      // The first key's CHECKSIG takes the top item: the signatures go in reverse. A slot left
      // unsigned is an empty item, which CHECKSIGADD counts as no signature.
      return [...form.pubKeys].reverse().map((k) => tapscriptSig(k));
    case 'asm':
      return [];
  }
}

export type SpendPath = 'key' | number;

export interface TreeSpend {
  readonly unlock: Unlock;
  /** A CSV leaf's blocks: the input's nSequence (BIP68). */
  readonly sequence?: number;
  /** A CLTV leaf's height or time: the least nLockTime of the transaction. */
  readonly locktime?: number;
}

export type TreeSpendProblem = 'noKeyPath' | 'noLeaf' | 'needsPreimage' | 'wrongPreimage';

/** The unlock spending a tree lock by its key path or one leaf. */
export function treeSpend(
  lock: TaprootTreeLock,
  path: SpendPath,
  preimage?: string,
): { ok: true; value: TreeSpend } | { ok: false; problem: TreeSpendProblem } {
  const output = treeOutput(lock);
  if (!output) return { ok: false, problem: 'noLeaf' };
  if (path === 'key') {
    if (isNumsKey(lock.internalKey)) return { ok: false, problem: 'noKeyPath' };
    return { ok: true, value: { unlock: taprootKeyPathUnlock(lock.internalKey, output.merkleRoot) } };
  }
  const form = lock.leaves[path];
  const proof = output.leaves[path];
  if (!form || !proof) return { ok: false, problem: 'noLeaf' };
  if (form.kind === 'hash') {
    if (preimage === undefined) return { ok: false, problem: 'needsPreimage' };
    if (toHex(sha256(fromHex(preimage))) !== form.hash) return { ok: false, problem: 'wrongPreimage' };
  }
  const unlock = tapscriptUnlock(proof, leafItems(form, preimage));
  if (form.kind === 'after') return { ok: true, value: { unlock, sequence: form.blocks } };
  if (form.kind === 'at') return { ok: true, value: { unlock, locktime: form.locktime } };
  return { ok: true, value: { unlock } };
}

/** Which way an input's unlock spends a tree lock: the key path, a leaf (by its control block), or neither. */
export function spendPathOf(lock: TaprootTreeLock, unlock: Unlock): SpendPath | undefined {
  if (unlock.sigVersion === 'TAPROOT') return 'key';
  if (unlock.sigVersion !== 'TAPSCRIPT') return undefined;
  const last = unlock.witness.at(-1);
  if (!last || last.kind === 'sig' || last.kind === 'pubkey') return undefined;
  const leaves = treeOutput(lock)?.leaves ?? [];
  const i = leaves.findIndex((l) => toHex(l.controlBlock) === last.hex);
  return i >= 0 ? i : undefined;
}
