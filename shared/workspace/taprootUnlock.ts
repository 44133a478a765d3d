/**
 * P2TR unlocks with a script tree (BIP341/342). Key path: one signature slot naming the internal
 * key, and the tree's Merkle root, so tx.sign tweaks the key by it. Script path: the leaf's own
 * items (signature slots, preimages…), then the leaf script, then the control block; tx.sign
 * fills the slots with BIP340 signatures by the named keys, untweaked, over BIP342's message.
 */
import { type Bytes, fromHex, toHex } from '../bitcoin/bytes';
import { SIGHASH_DEFAULT } from '../bitcoin/sighash';
import { isValidControlBlockSize, TAPROOT_LEAF_MASK, tapleafHash, type TapLeaf } from '../bitcoin/taproot';
import type { Unlock, UnlockItem } from './model';

/**
 * The unlock spending a P2TR output by its key path: `internalPubKey` (the wallet key,
 * compressed) signs, tweaked by the tree's `merkleRoot` (none: BIP86).
 */
export function taprootKeyPathUnlock(
  internalPubKey: string,
  merkleRoot: Bytes | undefined,
  sighashType: number = SIGHASH_DEFAULT,
): Unlock {
  return {
    scriptSig: [],
    witness: [{ kind: 'sig', pubKey: internalPubKey, sighashType }],
    scriptCode: '',
    sigVersion: 'TAPROOT',
    ...(merkleRoot ? { merkleRoot: toHex(merkleRoot) } : {}),
  };
}

/** A leaf and the control block that proves it (one of taprootOutput(...).leaves). */
export interface TapLeafProof {
  readonly leaf: TapLeaf;
  readonly controlBlock: Bytes;
}

/**
 * The unlock spending a P2TR output by one leaf: `items` (the leaf script's inputs, bottom of the
 * stack first, as a witness lists them), then the leaf script and its control block.
 */
export function tapscriptUnlock(proof: TapLeafProof, items: readonly UnlockItem[]): Unlock {
  const script = toHex(proof.leaf.script);
  return {
    scriptSig: [],
    witness: [
      ...items,
      { kind: 'script', hex: script },
      { kind: 'data', hex: toHex(proof.controlBlock), label: 'control block' },
    ],
    scriptCode: script,
    sigVersion: 'TAPSCRIPT',
  };
}

/**
 * A signature slot for a tapscript CHECKSIG/CHECKSIGADD by `pubKey` (the wallet key, compressed;
 * the leaf holds its x-only form, see xOnlyHex). tx.sign signs with SIGHASH_DEFAULT unless its
 * request names another type, and records the type used in the slot.
 */
export function tapscriptSig(pubKey: string, options: { readonly codesepPos?: number } = {}): UnlockItem {
  return {
    kind: 'sig',
    pubKey,
    sighashType: SIGHASH_DEFAULT,
    ...(options.codesepPos !== undefined ? { codesepPos: options.codesepPos } : {}),
  };
}

/** The 32-byte x-only form of a compressed public key (hex), as a tapscript pushes it. */
export function xOnlyHex(pubKey: string): string {
  return pubKey.length === 66 ? pubKey.slice(2) : pubKey;
}

export interface TapscriptLeafOfUnlock {
  readonly script: Bytes;
  readonly controlBlock: Bytes;
  readonly leafVersion: number;
  readonly leafHash: Bytes;
}

/**
 * The leaf a TAPSCRIPT unlock reveals, read from its witness (its last two items: drafts carry no
 * annex); undefined when they are not a script and a well-sized control block.
 */
export function tapscriptLeafOf(unlock: Unlock): TapscriptLeafOfUnlock | undefined {
  if (unlock.sigVersion !== 'TAPSCRIPT') return undefined;
  const n = unlock.witness.length;
  const scriptItem = unlock.witness[n - 2];
  const controlItem = unlock.witness[n - 1];
  if (!scriptItem || !controlItem || scriptItem.kind === 'sig' || scriptItem.kind === 'pubkey') return undefined;
  if (controlItem.kind === 'sig' || controlItem.kind === 'pubkey') return undefined;
  const controlBlock = fromHex(controlItem.hex);
  if (!isValidControlBlockSize(controlBlock.length)) return undefined;
  const script = fromHex(scriptItem.hex);
  const leafVersion = controlBlock[0]! & TAPROOT_LEAF_MASK;
  return { script, controlBlock, leafVersion, leafHash: tapleafHash(leafVersion, script) };
}
