/**
 * Drafts → transactions. Inputs that spend other drafts get their parent's txid, so the graph is
 * assembled parents first (a legacy parent's txid changes when it is signed — malleability in
 * miniature). Signature slots give the digest to sign and take the signature back.
 */
import { type Bytes, concat, equal, fromHex, hexToHash, toHex } from '../bitcoin/bytes';
import { pushMinimal } from '../bitcoin/script';
import { bip143Sighash, legacySighash, type Sighash, taprootSighash } from '../bitcoin/sighash';
import { Transaction } from '../bitcoin/transaction';
import type { TxOutputLike } from '../bitcoin/txTypes';
import { type TxRecord, txRecord } from '../chain/txRecord';
import { tapscriptLeafOf } from './taprootUnlock';
import type { DraftNode, Graph, GraphNode, MusigSlot, PrevoutRef, TxDraft, Unlock, UnlockItem } from './model';

export interface PrevoutInfo {
  readonly txid: string;
  readonly vout: number;
  readonly output: TxOutputLike;
}

/** Looks up a confirmed or mempool output on a chain (the host answers from its node). */
export type ChainOutputLookup = (chain: GraphNode['chain'], txid: string, vout: number) => TxOutputLike | undefined;

export interface AssembledDraft {
  readonly node: DraftNode;
  readonly record: TxRecord;
  /** Per input; undefined where the input is unconnected or its prevout unknown. */
  readonly prevouts: readonly (PrevoutInfo | undefined)[];
  readonly slots: readonly SignatureSlot[];
  readonly connected: boolean;
}

export interface SignatureSlot {
  readonly input: number;
  readonly area: 'scriptSig' | 'witness';
  readonly item: number;
  readonly pubKey: string;
  readonly sighashType: number;
  readonly signed: boolean;
  /** A MuSig2 key-path slot: who signs it, and who has given a partial signature. */
  readonly musig?: MusigSlot;
  /** TAPSCRIPT: BIP342's codesep_pos for this signature (absent: 0xffffffff). */
  readonly codesepPos?: number;
}

/** An unsigned slot's empty item: never written to (it has no bytes), so every draft shares it. */
const EMPTY: Bytes = new Uint8Array(0);

function pushItem(item: UnlockItem): Bytes {
  switch (item.kind) {
    case 'sig':
      return pushMinimal(item.signature ? fromHex(item.signature) : EMPTY);
    case 'pubkey':
      return pushMinimal(fromHex(item.pubKey));
    case 'data':
    case 'script':
      return pushMinimal(fromHex(item.hex));
    case 'raw':
      return fromHex(item.hex);
  }
}

function witnessItem(item: UnlockItem): Bytes {
  switch (item.kind) {
    case 'sig':
      return item.signature ? fromHex(item.signature) : EMPTY;
    case 'pubkey':
      return fromHex(item.pubKey);
    default:
      return item.hex.length === 0 ? EMPTY : fromHex(item.hex);
  }
}

export function unlockScriptSig(unlock: Unlock): Bytes {
  return concat(...unlock.scriptSig.map(pushItem));
}

export function unlockWitness(unlock: Unlock): Bytes[] {
  return unlock.witness.map(witnessItem);
}

function checkU32(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff)
    throw new RangeError(`${what} must be a 32-bit unsigned integer, not ${value}`);
  return value;
}

/**
 * Builds the transaction of a draft whose inputs' prevouts are resolved (missing ones get a zero
 * outpoint). Inputs and outputs go into the transaction's lists directly, checked as bitcoinjs-lib's
 * addInput and addOutput check them: those build their argument schemas on every call, which was
 * a third of assembling a draft.
 */
export function buildTransaction(draft: TxDraft, prevouts: readonly (PrevoutInfo | undefined)[]): Transaction {
  const tx = new Transaction();
  tx.version = draft.version;
  tx.locktime = draft.locktime;
  draft.inputs.forEach((input, i) => {
    const p = prevouts[i];
    const hash = p ? hexToHash(p.txid) : new Uint8Array(32);
    if (hash.length !== 32) throw new RangeError(`input ${i}: a txid must be 32 bytes`);
    const witness = input.unlock.witness.length > 0 ? unlockWitness(input.unlock) : [];
    tx.ins.push({
      hash,
      index: checkU32(p ? p.vout : 0, `input ${i}'s vout`),
      script: unlockScriptSig(input.unlock),
      sequence: checkU32(input.sequence, `input ${i}'s sequence`),
      witness,
    });
  });
  draft.outputs.forEach((output, o) => {
    const value = BigInt(output.value);
    if (value < 0n || value > 0x7fffffffffffffffn) throw new RangeError(`output ${o}'s value is out of range`);
    tx.outs.push({ script: fromHex(output.scriptPubKey), value });
  });
  return tx;
}

const UNLOCK_AREAS = ['scriptSig', 'witness'] as const;

export function signatureSlots(draft: TxDraft): SignatureSlot[] {
  const slots: SignatureSlot[] = [];
  draft.inputs.forEach((input, i) => {
    for (const area of UNLOCK_AREAS) {
      input.unlock[area].forEach((item, n) => {
        if (item.kind === 'sig') {
          slots.push({
            input: i,
            area,
            item: n,
            pubKey: item.pubKey,
            sighashType: item.sighashType,
            signed: item.signature !== undefined,
            ...(item.musig ? { musig: item.musig } : {}),
            ...(item.codesepPos !== undefined ? { codesepPos: item.codesepPos } : {}),
          });
        }
      });
    }
  });
  return slots;
}

/**
 * Remembers assembled drafts from one call to the next on a graph that changes a little at a time
 * (the host's workspace, a channel's states). Drafts are immutable, so the same draft object with
 * the same resolved prevouts assembles to the same transaction. Keyed by node id, holding the
 * draft last assembled under it; each call keeps only the drafts of the graph it assembled.
 *
 * Not a WeakMap keyed by the draft: V8 keeps a WeakMap's values alive through its young-generation
 * collections, so every assembled transaction of a busy channel was copied into the old
 * generation before it could be freed (most of a channel update's garbage-collection time).
 */
export class AssemblyCache {
  readonly #entries = new Map<string, { readonly node: DraftNode; readonly assembled: AssembledDraft }>();

  /** The draft's assembly if it was made from this very draft object and the same prevouts. */
  get(node: DraftNode, prevouts: readonly (PrevoutInfo | undefined)[]): AssembledDraft | undefined {
    const entry = this.#entries.get(node.id);
    return entry && entry.node === node && samePrevouts(entry.assembled.prevouts, prevouts)
      ? entry.assembled
      : undefined;
  }

  set(assembled: AssembledDraft): void {
    this.#entries.set(assembled.node.id, { node: assembled.node, assembled });
  }

  /** Forgets every draft but those of `ids` (the graph just assembled). */
  keepOnly(ids: ReadonlyMap<string, unknown>): void {
    for (const id of this.#entries.keys()) if (!ids.has(id)) this.#entries.delete(id);
  }

  get size(): number {
    return this.#entries.size;
  }
}

function samePrevouts(a: readonly (PrevoutInfo | undefined)[], b: readonly (PrevoutInfo | undefined)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (!x || !y || x.txid !== y.txid || x.vout !== y.vout) return false;
    if (x.output !== y.output && (x.output.value !== y.output.value || !equal(x.output.script, y.output.script)))
      return false;
  }
  return true;
}

/**
 * What an input spends: a chain output by txid, a chain node's output, or a draft parent's
 * (`assemble` gives the parent's assembly; undefined on a cycle).
 */
export function resolvePrevout(
  node: GraphNode,
  ref: PrevoutRef | undefined,
  lookup: ChainOutputLookup,
  nodeOf: (id: string) => GraphNode | undefined,
  assemble: (parent: DraftNode) => AssembledDraft | undefined,
): PrevoutInfo | undefined {
  if (!ref) return undefined;
  if ('txid' in ref) {
    const output = lookup(node.chain, ref.txid, ref.vout);
    return output ? { txid: ref.txid, vout: ref.vout, output } : undefined;
  }
  const parent = nodeOf(ref.node);
  if (!parent || parent.chain !== node.chain) return undefined;
  if (parent.kind === 'chain') {
    const output = lookup(parent.chain, parent.txid, ref.output);
    return output ? { txid: parent.txid, vout: ref.output, output } : undefined;
  }
  const assembled = assemble(parent);
  const output = assembled?.record.tx.outs[ref.output];
  return assembled && output ? { txid: assembled.record.txid, vout: ref.output, output } : undefined;
}

/** A draft's assembly from its resolved prevouts; the cache's when it holds this very draft with them. */
export function assembleDraft(
  node: DraftNode,
  prevouts: readonly (PrevoutInfo | undefined)[],
  cache?: AssemblyCache,
): AssembledDraft {
  const hit = cache?.get(node, prevouts);
  if (hit) return hit;
  const assembled: AssembledDraft = {
    node,
    record: txRecord(buildTransaction(node.tx, prevouts)),
    prevouts,
    slots: signatureSlots(node.tx),
    connected: prevouts.every((p) => p !== undefined),
  };
  cache?.set(assembled);
  return assembled;
}

/** An earlier assembly of the same workspace, and which drafts a chain change may have reached since. */
export interface PreviousAssembly {
  readonly graph: Graph;
  readonly drafts: ReadonlyMap<string, AssembledDraft>;
  /** True for a draft whose chain-side prevouts (txid references, chain nodes it spends) may resolve differently now. */
  readonly stale: (node: DraftNode) => boolean;
}

/**
 * Assembles every draft of a graph, parents before children. Cycles and dangling references
 * leave inputs unresolved rather than failing the whole graph. Given a `previous` assembly, a
 * draft that is the same object, spends the same parents' assemblies and is not `stale` is
 * taken from it without resolving anything: an edit costs what it changed, not the graph.
 */
export function assembleGraph(
  graph: Graph,
  lookup: ChainOutputLookup,
  cache?: AssemblyCache,
  previous?: PreviousAssembly,
): ReadonlyMap<string, AssembledDraft> {
  // The same graph, and no chain change reaching a draft (a broadcast, a block): the same assembly.
  if (previous?.graph === graph && !graph.nodes.some((n) => n.kind === 'draft' && previous.stale(n)))
    return previous.drafts;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const before = previous ? new Map(previous.graph.nodes.map((n) => [n.id, n])) : undefined;
  const done = new Map<string, AssembledDraft>();
  const visiting = new Set<string>();

  const resolve = (node: GraphNode, ref: PrevoutRef | undefined): PrevoutInfo | undefined =>
    resolvePrevout(node, ref, lookup, (id) => byId.get(id), visit);

  /** The previous assembly of `node`, when nothing it depends on changed. */
  const unchanged = (node: DraftNode): AssembledDraft | undefined => {
    const old = previous?.drafts.get(node.id);
    if (!old || old.node !== node || previous!.stale(node)) return undefined;
    for (const input of node.tx.inputs) {
      const ref = input.prevout;
      if (!ref || 'txid' in ref) continue;
      const parent = byId.get(ref.node);
      if (parent !== before!.get(ref.node)) return undefined;
      if (parent?.kind === 'draft' && visit(parent) !== previous!.drafts.get(parent.id)) return undefined;
    }
    return old;
  };

  const visit = (node: DraftNode): AssembledDraft | undefined => {
    const cached = done.get(node.id);
    if (cached) return cached;
    if (visiting.has(node.id)) return undefined; // a cycle: leave the input unresolved
    visiting.add(node.id);
    const kept = unchanged(node);
    if (kept) {
      visiting.delete(node.id);
      done.set(node.id, kept);
      return kept;
    }
    const prevouts = node.tx.inputs.map((input) => resolve(node, input.prevout));
    visiting.delete(node.id);
    const assembled = assembleDraft(node, prevouts, cache);
    done.set(node.id, assembled);
    return assembled;
  };

  for (const node of graph.nodes) if (node.kind === 'draft') visit(node);
  cache?.keepOnly(done);
  return done;
}

/** The digest a signature slot commits to (and its preimage, for the inspector). */
export function slotSighash(
  assembled: AssembledDraft,
  slot: Pick<SignatureSlot, 'input' | 'sighashType' | 'codesepPos'>,
): Sighash | undefined {
  const prevout = assembled.prevouts[slot.input];
  if (!prevout) return undefined;
  const unlock = assembled.node.tx.inputs[slot.input]!.unlock;
  const tx = assembled.record.tx;
  if (unlock.sigVersion === 'TAPROOT' || unlock.sigVersion === 'TAPSCRIPT') {
    // BIP341 commits to every input's spent output: all must be known. (No annex: drafts add none.)
    if (assembled.prevouts.some((p) => !p)) return undefined;
    const spent = assembled.prevouts.map((p) => ({ scriptPubKey: p!.output.script, amount: p!.output.value }));
    if (unlock.sigVersion === 'TAPROOT')
      return taprootSighash(tx, slot.input, spent, slot.sighashType, 'TAPROOT', { annexHash: undefined });
    // BIP342: the message also commits to the leaf (its tapleaf hash) and the last code separator.
    const leaf = tapscriptLeafOf(unlock);
    if (!leaf) return undefined;
    return taprootSighash(tx, slot.input, spent, slot.sighashType, 'TAPSCRIPT', {
      annexHash: undefined,
      tapleafHash: leaf.leafHash,
      ...(slot.codesepPos !== undefined ? { codeSeparatorPos: slot.codesepPos } : {}),
    });
  }
  const scriptCode = fromHex(unlock.scriptCode);
  return unlock.sigVersion === 'WITNESS_V0'
    ? bip143Sighash(tx, slot.input, scriptCode, prevout.output.value, slot.sighashType)
    : legacySighash(tx, slot.input, scriptCode, slot.sighashType);
}

/** A draft with one slot's signature set (DER + sighash byte), or cleared with `undefined`. */
export function withSignature(
  draft: TxDraft,
  slot: Pick<SignatureSlot, 'input' | 'area' | 'item'>,
  signature: Bytes | undefined,
): TxDraft {
  return {
    ...draft,
    inputs: draft.inputs.map((input, i) => {
      if (i !== slot.input) return input;
      const items = input.unlock[slot.area].map((item, n): UnlockItem => {
        if (n !== slot.item || item.kind !== 'sig') return item;
        // Written out rather than copied with a rest pattern: a signature slot has these fields only.
        const { pubKey, sighashType, musig, codesepPos } = item;
        // Clearing a MuSig2 slot clears its partial signatures too: they signed the old message.
        const aggregate = musig ? { musig: signature ? musig : { ...musig, partials: [] } } : {};
        const position = codesepPos !== undefined ? { codesepPos } : {};
        return signature
          ? { kind: 'sig', pubKey, sighashType, signature: toHex(signature), ...aggregate, ...position }
          : { kind: 'sig', pubKey, sighashType, ...aggregate, ...position };
      });
      return { ...input, unlock: { ...input.unlock, [slot.area]: items } };
    }),
  };
}

/** A draft with one MuSig2 slot's partial signatures replaced (and its signature, once they add up). */
export function withMusig(
  draft: TxDraft,
  slot: Pick<SignatureSlot, 'input' | 'area' | 'item'>,
  musig: MusigSlot,
  signature: Bytes | undefined,
): TxDraft {
  const set = withSignature(draft, slot, signature);
  return {
    ...set,
    inputs: set.inputs.map((input, i) =>
      i !== slot.input
        ? input
        : {
            ...input,
            unlock: {
              ...input.unlock,
              [slot.area]: input.unlock[slot.area].map((item, n) =>
                n === slot.item && item.kind === 'sig' ? { ...item, musig } : item,
              ),
            },
          },
    ),
  };
}

/** Clears every signature (after an edit that changes what they commit to). */
export function withoutSignatures(draft: TxDraft): TxDraft {
  let out = draft;
  for (const slot of signatureSlots(draft))
    if (slot.signed || (slot.musig?.partials.length ?? 0) > 0) out = withSignature(out, slot, undefined);
  return out;
}
