/**
 * BIP371's Taproot fields as a draft knows them: for a P2TR key-path input, the internal key, its
 * BIP32 origin and the key-path signature once made; for an output paying a wallet's BIP86 key,
 * the internal key and its origin, so the receiving wallet can recognise its change. A key-path
 * input with a script tree also names the tree's Merkle root. A draft output records no script
 * tree (its lock names a BIP86 key at most), so no PSBT_OUT_TAP_TREE is written. Leaf spends:
 * psbtTapscript.ts.
 */
import { fromHex, toHex, type Bytes } from '../bitcoin/bytes';
import { SIGHASH_DEFAULT } from '../bitcoin/sighash';
import { bip86OutputKey } from '../bitcoin/taproot';
import { solve } from '../bitcoin/scriptType';
import type { DraftOutput, Unlock, UnlockItem } from './model';
import type { PubKeyByHash } from './unlock';

/** Where a wallet key comes from: its master key's fingerprint and its BIP32 path. */
export interface KeyOrigin {
  /** The first 4 bytes of HASH160 of the master public key (BIP32). */
  readonly masterFingerprint: Bytes;
  /** E.g. m/86'/1'/0'/0/3. */
  readonly path: string;
}

/** What an export knows of the workspace's keys beyond the draft. */
export interface PsbtKeys {
  /** By compressed public key (hex); undefined for keys of no wallet or without a known master. */
  readonly originOf: (pubKeyHex: string) => KeyOrigin | undefined;
  /** A P2TR program's internal key, for outputs the draft did not label with their lock. */
  readonly pubKeyByHash: PubKeyByHash;
}

export interface TapBip32Derivation {
  readonly masterFingerprint: Bytes;
  readonly pubkey: Bytes;
  readonly path: string;
  readonly leafHashes: Bytes[];
}

export interface TaprootInputFields {
  readonly tapInternalKey: Bytes;
  readonly tapKeySig?: Bytes;
  readonly tapMerkleRoot?: Bytes;
  readonly tapBip32Derivation?: TapBip32Derivation[];
}

export interface TaprootOutputFields {
  readonly tapInternalKey: Bytes;
  readonly tapBip32Derivation?: TapBip32Derivation[];
}

const xOnly = (compressed: Bytes): Bytes => (compressed.length === 33 ? compressed.subarray(1) : compressed);

function derivation(pubKeyHex: string, keys: PsbtKeys | undefined): { tapBip32Derivation?: TapBip32Derivation[] } {
  const origin = keys?.originOf(pubKeyHex);
  if (!origin) return {};
  // A key-path key signs no leaf: its leaf hash list is empty (BIP371).
  const pubkey = xOnly(fromHex(pubKeyHex));
  return {
    tapBip32Derivation: [{ masterFingerprint: origin.masterFingerprint, pubkey, path: origin.path, leafHashes: [] }],
  };
}

/** A key-path input's fields (BIP86 or with a tree); undefined for any other input. */
export function taprootInputFields(unlock: Unlock, keys: PsbtKeys | undefined): TaprootInputFields | undefined {
  if (unlock.sigVersion !== 'TAPROOT') return undefined;
  const slot = unlock.witness.find((i): i is Extract<UnlockItem, { kind: 'sig' }> => i.kind === 'sig');
  if (!slot) return undefined;
  return {
    tapInternalKey: xOnly(fromHex(slot.pubKey)),
    ...(slot.signature !== undefined ? { tapKeySig: fromHex(slot.signature) } : {}),
    // A key path with a script tree: the signer tweaks the internal key by the tree's root.
    ...(unlock.merkleRoot ? { tapMerkleRoot: fromHex(unlock.merkleRoot) } : {}),
    ...derivation(slot.pubKey, keys),
  };
}

/** An output paying a known key's BIP86 output key: its fields; undefined for any other output. */
export function taprootOutputFields(output: DraftOutput, keys: PsbtKeys | undefined): TaprootOutputFields | undefined {
  const solved = solve(fromHex(output.scriptPubKey));
  if (solved.type !== 'witness_v1_taproot') return undefined;
  const program = toHex(solved.program);
  const pubKey = output.lock?.kind === 'p2tr' ? output.lock.pubKey : keys?.pubKeyByHash(program);
  if (!pubKey) return undefined;
  const outputKey = bip86OutputKey(fromHex(pubKey));
  if (!outputKey || toHex(outputKey) !== program) return undefined;
  return { tapInternalKey: xOnly(fromHex(pubKey)), ...derivation(pubKey, keys) };
}

/** Fills a key-path unlock's signature slot from PSBT_IN_TAP_KEY_SIG (64 bytes: SIGHASH_DEFAULT). */
export function withTapKeySig(unlock: Unlock, tapKeySig: Bytes | undefined): Unlock {
  if (unlock.sigVersion !== 'TAPROOT' || !tapKeySig) return unlock;
  const sighashType = tapKeySig.length === 65 ? tapKeySig[64]! : SIGHASH_DEFAULT;
  return {
    ...unlock,
    witness: unlock.witness.map((item) =>
      item.kind === 'sig' ? { ...item, signature: toHex(tapKeySig), sighashType } : item,
    ),
  };
}
