/**
 * BIP371's script-path fields. Export: an input spending a P2TR output by one leaf, not yet fully
 * signed, names the leaf with its control block (PSBT_IN_TAP_LEAF_SCRIPT), the internal key and
 * Merkle root the block proves, the signatures its slots already hold (PSBT_IN_TAP_SCRIPT_SIG),
 * and the BIP32 origins of the wallet keys it involves. Import: a PSBT input that names one leaf
 * (or whose signatures all name one) becomes a draft input spending by that leaf. An output paying
 * a script tree the draft built (a `p2tr-tree` lock) names its internal key and its leaves
 * (PSBT_OUT_TAP_TREE); on import such an output is its script again, as every output is.
 */
import { errText, ok, type Result } from '../contract/result';
import { type Bytes, fromHex, toHex } from '../bitcoin/bytes';
import { OP } from '../bitcoin/opcodes';
import { decodeScript, witnessProgram } from '../bitcoin/script';
import { SIGHASH_DEFAULT } from '../bitcoin/sighash';
import { controlBlockMerkleRoot, tapleafHash, tweakedOutputKey, verifyTaprootCommitment } from '../bitcoin/taproot';
import type { DraftOutput, Unlock, UnlockItem } from './model';
import type { PsbtKeys, TapBip32Derivation } from './psbtTaproot';
import { taprootKeyPathUnlock, tapscriptLeafOf, tapscriptUnlock } from './taprootUnlock';
import { treeOutput } from './taprootTree';
import type { PubKeyByHash } from './unlock';

export interface TapscriptInputFields {
  readonly tapInternalKey: Bytes;
  readonly tapMerkleRoot: Bytes;
  readonly tapLeafScript: { leafVersion: number; script: Bytes; controlBlock: Bytes }[];
  readonly tapScriptSig?: { pubkey: Bytes; leafHash: Bytes; signature: Bytes }[];
  readonly tapBip32Derivation?: TapBip32Derivation[];
}

type SigItem = Extract<UnlockItem, { kind: 'sig' }>;

const xOnly = (key: Bytes): Bytes => (key.length === 33 ? key.subarray(1) : key);

/** The P2TR output key a prevout's script pays; undefined for any other script. */
function outputKeyOf(prevScript: Bytes): Bytes | undefined {
  const program = witnessProgram(prevScript);
  return program && program.version === 1 && program.program.length === 32 ? program.program : undefined;
}

/**
 * A TAPSCRIPT unlock's fields, once its control block is checked against the output key it
 * spends; undefined when the unlock reveals no leaf (nothing a signer could use).
 */
export function tapscriptInputFields(
  index: number,
  unlock: Unlock,
  prevScript: Bytes,
  keys: PsbtKeys | undefined,
): Result<TapscriptInputFields | undefined> {
  const leaf = tapscriptLeafOf(unlock);
  if (!leaf) return ok(undefined);
  const outputKey = outputKeyOf(prevScript);
  if (!outputKey || !verifyTaprootCommitment(leaf.controlBlock, outputKey, leaf.script))
    return errText('BAD_REQUEST', 'host.psbt.tap.leafNotCommitted', { index });
  const internalKey = leaf.controlBlock.subarray(1, 33);
  const slots = unlock.witness.filter((i): i is SigItem => i.kind === 'sig');
  const tapScriptSig = slots
    .filter((s) => s.signature !== undefined)
    .map((s) => ({ pubkey: xOnly(fromHex(s.pubKey)), leafHash: leaf.leafHash, signature: fromHex(s.signature!) }));
  // BIP371: a leaf's keys list the leaves they sign in; the internal key lists none.
  const derivations = new Map<string, TapBip32Derivation>();
  const addOrigin = (pubKey: string | undefined, leafHashes: Bytes[]) => {
    const origin = pubKey ? keys?.originOf(pubKey) : undefined;
    const pubkey = pubKey ? xOnly(fromHex(pubKey)) : undefined;
    if (origin && pubkey && !derivations.has(toHex(pubkey)))
      derivations.set(toHex(pubkey), { ...origin, pubkey, leafHashes });
  };
  for (const s of slots) addOrigin(s.pubKey, [leaf.leafHash]);
  addOrigin(keys?.pubKeyByHash(toHex(internalKey)), []);
  return ok({
    tapInternalKey: internalKey,
    tapMerkleRoot: controlBlockMerkleRoot(leaf.controlBlock, leaf.leafHash),
    tapLeafScript: [{ leafVersion: leaf.leafVersion, script: leaf.script, controlBlock: leaf.controlBlock }],
    ...(tapScriptSig.length > 0 ? { tapScriptSig } : {}),
    ...(derivations.size > 0 ? { tapBip32Derivation: [...derivations.values()] } : {}),
  });
}

/**
 * The keys a leaf checks signatures by (32-byte pushes before CHECKSIG, CHECKSIGVERIFY or
 * CHECKSIGADD), in witness order: the first key checked takes the top item, so it comes last.
 * Each carries the position of the OP_CODESEPARATOR before it, if any (BIP342's codesep_pos).
 */
function leafSignatureKeys(script: Bytes): { xOnly: string; codesepPos?: number }[] {
  const { ops } = decodeScript(script);
  const found: { xOnly: string; codesepPos?: number }[] = [];
  let codesepPos: number | undefined;
  for (const [i, op] of ops.entries()) {
    if (op.opcode === OP.OP_CODESEPARATOR) codesepPos = i;
    const next = ops[i + 1]?.opcode;
    const checks = next === OP.OP_CHECKSIG || next === OP.OP_CHECKSIGVERIFY || next === OP.OP_CHECKSIGADD;
    if (op.data?.length === 32 && checks)
      found.push({ xOnly: toHex(op.data), ...(codesepPos !== undefined ? { codesepPos } : {}) });
  }
  return found.reverse();
}

/** What bitcoinjs-lib read of an input's Taproot fields. */
export interface PsbtTaprootInput {
  readonly tapLeafScript?: readonly { leafVersion: number; script: Bytes; controlBlock: Bytes }[];
  readonly tapScriptSig?: readonly { pubkey: Bytes; leafHash: Bytes; signature: Bytes }[];
  readonly tapInternalKey?: Bytes;
  readonly tapMerkleRoot?: Bytes;
}

/**
 * The unlock an imported P2TR input gets from its script-path fields: the one leaf it names (or
 * the one its signatures name), with a slot per key the leaf checks — the wallet's key when a
 * wallet holds it, else the x-only key — filled from PSBT_IN_TAP_SCRIPT_SIG. With no leaf: the
 * key path of a tree whose internal key a wallet holds. Undefined: the fields say neither.
 * Several leaves and no signature: refused, since a draft spends by one path and the others
 * would be lost without a word.
 */
export function unlockFromTapFields(
  index: number,
  data: PsbtTaprootInput,
  prevScript: Bytes | undefined,
  pubKeyByHash: PubKeyByHash,
): Result<Unlock | undefined> {
  const leaves = data.tapLeafScript ?? [];
  const signedLeaves = new Set((data.tapScriptSig ?? []).map((s) => toHex(s.leafHash)));
  const hashOf = (l: (typeof leaves)[number]) => toHex(tapleafHash(l.leafVersion, l.script));
  const chosen =
    leaves.length === 1
      ? leaves[0]
      : signedLeaves.size === 1
        ? leaves.find((l) => signedLeaves.has(hashOf(l)))
        : undefined;
  if (!chosen) {
    if (leaves.length > 1)
      return errText('BAD_REQUEST', 'host.psbt.tap.severalLeaves', { index, count: leaves.length });
    return ok(keyPathWithTree(data, prevScript, pubKeyByHash));
  }
  const leafHash = hashOf(chosen);
  const sigs = new Map(
    (data.tapScriptSig ?? []).filter((s) => toHex(s.leafHash) === leafHash).map((s) => [toHex(s.pubkey), s.signature]),
  );
  const items: UnlockItem[] = leafSignatureKeys(chosen.script).map(({ xOnly: key, codesepPos }) => {
    const signature = sigs.get(key);
    return {
      kind: 'sig',
      pubKey: pubKeyByHash(key) ?? key,
      sighashType: signature?.length === 65 ? signature[64]! : SIGHASH_DEFAULT,
      ...(signature ? { signature: toHex(signature) } : {}),
      ...(codesepPos !== undefined ? { codesepPos } : {}),
    };
  });
  return ok(
    tapscriptUnlock(
      { leaf: { script: chosen.script, leafVersion: chosen.leafVersion }, controlBlock: chosen.controlBlock },
      items,
    ),
  );
}

/** A key-path unlock tweaked by PSBT_IN_TAP_MERKLE_ROOT, when a wallet holds the internal key and the tweak gives the output key. */
function keyPathWithTree(
  data: PsbtTaprootInput,
  prevScript: Bytes | undefined,
  pubKeyByHash: PubKeyByHash,
): Unlock | undefined {
  const outputKey = prevScript && outputKeyOf(prevScript);
  if (!data.tapInternalKey || !data.tapMerkleRoot || !outputKey) return undefined;
  const pubKey = pubKeyByHash(toHex(data.tapInternalKey));
  const tweaked = tweakedOutputKey(data.tapInternalKey, data.tapMerkleRoot);
  if (!pubKey || !tweaked || toHex(tweaked.outputKey) !== toHex(outputKey)) return undefined;
  return taprootKeyPathUnlock(pubKey, data.tapMerkleRoot);
}

export interface TapTreeOutputFields {
  readonly tapInternalKey: Bytes;
  readonly tapTree: { leaves: { depth: number; leafVersion: number; script: Bytes }[] };
  readonly tapBip32Derivation?: TapBip32Derivation[];
}

/**
 * An output paying a tree lock, once the tree gives its script: the internal key, the leaves in
 * depth-first order with their depths, and the origins of wallet keys — the internal key with no
 * leaf hash, each leaf key with the hashes of the leaves it signs in. Undefined for any other output.
 */
export function tapTreeOutputFields(output: DraftOutput, keys: PsbtKeys | undefined): TapTreeOutputFields | undefined {
  if (output.lock?.kind !== 'p2tr-tree') return undefined;
  const tree = treeOutput(output.lock);
  if (!tree || toHex(tree.scriptPubKey) !== output.scriptPubKey) return undefined;
  const leafHashesOf = new Map<string, Bytes[]>();
  for (const spend of tree.leaves)
    for (const { xOnly: key } of leafSignatureKeys(spend.leaf.script)) {
      const hashes = leafHashesOf.get(key) ?? [];
      if (!hashes.some((h) => toHex(h) === toHex(spend.leafHash))) hashes.push(spend.leafHash);
      leafHashesOf.set(key, hashes);
    }
  // The internal key lists no leaf, unless it also signs in some.
  const internalKey = toHex(tree.internalKey);
  if (!leafHashesOf.has(internalKey)) leafHashesOf.set(internalKey, []);
  const derivations: TapBip32Derivation[] = [];
  for (const [key, leafHashes] of leafHashesOf) {
    const pubKey = keys?.pubKeyByHash(key);
    const origin = pubKey ? keys?.originOf(pubKey) : undefined;
    if (origin) derivations.push({ ...origin, pubkey: fromHex(key), leafHashes });
  }
  return {
    tapInternalKey: tree.internalKey,
    tapTree: {
      leaves: tree.leaves.map((l) => ({
        depth: l.path.length,
        leafVersion: l.leaf.leafVersion,
        script: l.leaf.script,
      })),
    },
    ...(derivations.length > 0 ? { tapBip32Derivation: derivations } : {}),
  };
}
