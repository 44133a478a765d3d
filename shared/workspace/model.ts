/**
 * The transaction graph a workspace holds and a scenario file carries: transaction drafts whose
 * inputs spend other drafts' outputs (the edges) or confirmed outpoints, with signature slots
 * that wallets fill. JSON-friendly: amounts are decimal strings of satoshis, bytes are hex.
 */
import { z } from 'zod';
import { type ChainId, PROFILES } from '../chain/profiles';
import { englishText } from '../contract/result';
import type { MessageKey } from '../ui/i18n/en';

const hex = z
  .string()
  .max(200_000)
  .regex(/^(?:[0-9a-f]{2})*$/, 'lowercase hex with an even number of digits');
const txidHex = z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits');
const u32 = z.number().int().min(0).max(0xffffffff);
export const satoshis = z.string().regex(/^(0|[1-9]\d{0,15})$/, 'a whole number of satoshis (at most 16 digits)');
const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only');

export const chainIdSchema = z.enum(['btc', 'ltc']);

/**
 * A key-path signature by several keys aggregated with MuSig2 (BIP327): the slot's `pubKey` is
 * the aggregate (the internal key), `keys` the participants' keys in KeySort order, `merkleRoot`
 * the script tree the output key also commits to (the TapTweak), and `partials` the partial
 * signatures given so far. When every participant's is there they add up to `signature`.
 */
export const musigSlotSchema = z
  .object({
    keys: z.array(hex).min(2).max(16),
    merkleRoot: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    partials: z.array(z.object({ pubKey: hex, psig: z.string().regex(/^[0-9a-f]{64}$/) }).strict()).max(16),
  })
  .strict();
export type MusigSlot = z.infer<typeof musigSlotSchema>;

/** One item of an unlocking script or witness. */
export const unlockItemSchema = z.discriminatedUnion('kind', [
  /**
   * A signature slot for one public key (compressed, as the wallet lists it); `signature` once
   * signed: DER + sighash byte, or BIP340's 64 bytes (+ the hash type unless SIGHASH_DEFAULT).
   */
  z
    .object({
      kind: z.literal('sig'),
      pubKey: hex,
      sighashType: z.number().int().min(0).max(255),
      signature: hex.optional(),
      /** A TAPROOT key-path slot whose key is a MuSig2 aggregate: see musigSlotSchema. */
      musig: musigSlotSchema.optional(),
      /**
       * TAPSCRIPT only: BIP342's codesep_pos, the opcode position of the last OP_CODESEPARATOR
       * executed before this signature's check. Absent: none was (0xffffffff).
       */
      codesepPos: u32.optional(),
    })
    .strict(),
  z.object({ kind: z.literal('pubkey'), pubKey: hex }).strict(),
  /** Data pushed as is (a preimage, a branch selector, the CHECKMULTISIG dummy); `label` names it. */
  z.object({ kind: z.literal('data'), hex, label: z.string().max(40).optional() }).strict(),
  /** A script pushed as one item (the P2SH redeem script, the P2WSH witness script). */
  z.object({ kind: z.literal('script'), hex }).strict(),
  /** Raw script bytes, not pushed (custom scriptSigs written in ASM). scriptSig only. */
  z.object({ kind: z.literal('raw'), hex }).strict(),
]);
export type UnlockItem = z.infer<typeof unlockItemSchema>;

export const unlockSchema = z
  .object({
    scriptSig: z.array(unlockItemSchema).max(64),
    witness: z.array(unlockItemSchema).max(64),
    /**
     * The script the signatures commit to (BIP143 scriptCode / legacy subscript; empty for
     * TAPROOT; the leaf script for TAPSCRIPT, which commits to it by its tapleaf hash).
     */
    scriptCode: hex,
    /**
     * TAPROOT: a P2TR key-path spend, signed with BIP340 over BIP341's message. TAPSCRIPT: a P2TR
     * script-path spend (BIP342), its witness ending in the leaf script and the control block.
     */
    sigVersion: z.enum(['BASE', 'WITNESS_V0', 'TAPROOT', 'TAPSCRIPT']),
    /**
     * TAPROOT only: the Merkle root of the script tree the output key commits to, so the key path
     * signs with the internal key tweaked by it. Absent: no tree (BIP86).
     */
    merkleRoot: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  })
  .strict();
export type Unlock = z.infer<typeof unlockSchema>;

export const prevoutRefSchema = z.union([
  z.object({ node: id, output: z.number().int().min(0).max(10_000) }).strict(),
  z.object({ txid: txidHex, vout: u32 }).strict(),
]);
export type PrevoutRef = z.infer<typeof prevoutRefSchema>;

export const draftInputSchema = z
  .object({
    /** Absent while the input is not connected yet. */
    prevout: prevoutRefSchema.optional(),
    sequence: u32,
    unlock: unlockSchema,
  })
  .strict();
export type DraftInput = z.infer<typeof draftInputSchema>;

const hex32 = z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits');

/**
 * A tapleaf of a P2TR script tree, as the inspector's forms build it; its script follows from it
 * (shared/workspace/taprootTree.ts). Keys are compressed (as wallets list them); leaves push their
 * x-only form.
 */
export const tapLeafFormSchema = z.discriminatedUnion('kind', [
  /** `<key> CHECKSIG`. */
  z.object({ kind: z.literal('key'), pubKey: hex }).strict(),
  /** `<blocks> CHECKSEQUENCEVERIFY DROP <key> CHECKSIG`: the key, once the coin is `blocks` deep. */
  z.object({ kind: z.literal('after'), pubKey: hex, blocks: z.number().int().min(1).max(0xffff) }).strict(),
  /** `<locktime> CHECKLOCKTIMEVERIFY DROP <key> CHECKSIG`: the key, from a height or time on. */
  z.object({ kind: z.literal('at'), pubKey: hex, locktime: z.number().int().min(1).max(0x7fffffff) }).strict(),
  /** `SHA256 <hash> EQUALVERIFY <key> CHECKSIG`: the key with the hash's preimage. */
  z.object({ kind: z.literal('hash'), pubKey: hex, hash: hex32 }).strict(),
  /** `<k1> CHECKSIG <k2> CHECKSIGADD … <required> NUMEQUAL` (BIP342's multi_a). */
  z
    .object({
      kind: z.literal('multi'),
      pubKeys: z.array(hex).min(1).max(16),
      required: z.number().int().min(1).max(16),
    })
    .strict(),
  /** A script written in ASM. */
  z.object({ kind: z.literal('asm'), script: hex }).strict(),
]);
export type TapLeafForm = z.infer<typeof tapLeafFormSchema>;

/** What an output's script means, for display and timelines (the script itself is authoritative). */
export const lockDescriptorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('p2pkh'), pubKey: hex }).strict(),
  z.object({ kind: z.literal('p2wpkh'), pubKey: hex }).strict(),
  /** P2WPKH nested in P2SH: the redeem script is `0 <HASH160(pubKey)>`. */
  z.object({ kind: z.literal('p2sh-p2wpkh'), pubKey: hex }).strict(),
  /** P2TR paying a key's BIP86 output key: `pubKey` is the internal key (compressed), as the wallet lists it. */
  z.object({ kind: z.literal('p2tr'), pubKey: hex }).strict(),
  /**
   * P2TR with a script tree: the internal key (a wallet's, compressed, or BIP341's unspendable
   * NUMS point, x-only) and the leaves, in a balanced tree in this order.
   */
  z
    .object({
      kind: z.literal('p2tr-tree'),
      internalKey: hex,
      leaves: z.array(tapLeafFormSchema).min(1).max(8),
    })
    .strict(),
  z
    .object({
      kind: z.literal('multisig'),
      required: z.number().int().min(1).max(20),
      pubKeys: z.array(hex).max(20),
      wrap: z.enum(['p2sh', 'p2wsh']),
    })
    .strict(),
  z
    .object({
      kind: z.literal('script'),
      script: hex,
      wrap: z.enum(['p2sh', 'p2wsh']),
      template: z.string().max(40),
      summary: z.string().max(300).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('raw') }).strict(),
]);
export type LockDescriptor = z.infer<typeof lockDescriptorSchema>;

export const draftOutputSchema = z
  .object({
    value: satoshis,
    scriptPubKey: hex,
    /** The wallet this pays, if any (shown on the node; balances come from the chain). */
    owner: z.string().max(40).optional(),
    label: z.string().max(80).optional(),
    lock: lockDescriptorSchema.optional(),
  })
  .strict();
export type DraftOutput = z.infer<typeof draftOutputSchema>;

export const txDraftSchema = z
  .object({
    version: u32,
    locktime: u32,
    inputs: z.array(draftInputSchema).max(500),
    outputs: z.array(draftOutputSchema).max(500),
  })
  .strict();
export type TxDraft = z.infer<typeof txDraftSchema>;

/** An output above MAX_MONEY: which, why in English (`message`), and the same as catalogue words. */
export interface MoneyRangeProblem {
  readonly output: number;
  readonly message: string;
  readonly key: 'host.money.tooMuch' | 'host.money.sumTooMuch';
  readonly params: Readonly<Record<string, string>>;
}

/** The same problem named with its output's index (a whole transaction at import). */
export const AT_OUTPUT: Readonly<Record<MoneyRangeProblem['key'], MessageKey>> = {
  'host.money.tooMuch': 'host.money.tooMuchAt',
  'host.money.sumTooMuch': 'host.money.sumTooMuchAt',
};

function moneyProblem(
  output: number,
  key: MoneyRangeProblem['key'],
  params: Readonly<Record<string, string>>,
): MoneyRangeProblem {
  return { output, message: englishText({ key, params }), key, params };
}

/**
 * Core's MoneyRange on a draft's outputs (CheckTransaction: bad-txns-vout-toolarge,
 * bad-txns-txouttotal-toolarge), against its chain's MAX_MONEY: where the first output or sum
 * above it is, and why. A file or a raw transaction is refused with this at import, before it
 * could be drawn as a draft with a negative fee.
 */
export function moneyRangeProblem(
  outputs: readonly { readonly value: string }[],
  chain: ChainId,
): MoneyRangeProblem | undefined {
  const { maxMoney } = PROFILES[chain].rules;
  const unit = PROFILES[chain].unit;
  const limit = `${(maxMoney / 100_000_000n).toLocaleString('en-US')} ${unit}`;
  let total = 0n;
  for (const [i, output] of outputs.entries()) {
    // The schema's refinement runs even when a value failed its own check: those are reported there.
    if (!/^\d{1,16}$/.test(output.value)) continue;
    const value = BigInt(output.value);
    if (value > maxMoney) return moneyProblem(i, 'host.money.tooMuch', { value: value.toString(), unit, limit });
    total += value;
    if (total > maxMoney) return moneyProblem(i, 'host.money.sumTooMuch', { total: total.toString(), unit, limit });
  }
  return undefined;
}

export const positionSchema = z.object({ x: z.number().min(-1e6).max(1e6), y: z.number().min(-1e6).max(1e6) }).strict();

export const graphNodeSchema = z.discriminatedUnion('kind', [
  /** A transaction being built: editable, signable, broadcastable. */
  z
    .object({
      kind: z.literal('draft'),
      id,
      label: z.string().min(1).max(40),
      chain: chainIdSchema,
      template: z.string().min(1).max(40),
      position: positionSchema,
      tx: txDraftSchema,
    })
    .strict()
    .superRefine((node, ctx) => {
      const problem = moneyRangeProblem(node.tx.outputs, node.chain);
      if (problem)
        ctx.addIssue({ code: 'custom', path: ['tx', 'outputs', problem.output, 'value'], message: problem.message });
    }),
  /** A transaction already on a chain (a coinbase, a wallet's coin), shown so its outputs can be spent. */
  z
    .object({
      kind: z.literal('chain'),
      id,
      label: z.string().min(1).max(40),
      chain: chainIdSchema,
      txid: txidHex,
      position: positionSchema,
    })
    .strict(),
]);
export type GraphNode = z.infer<typeof graphNodeSchema>;
export type DraftNode = Extract<GraphNode, { kind: 'draft' }>;

export const graphSchema = z.object({ nodes: z.array(graphNodeSchema).max(5_000) }).strict();
export type Graph = z.infer<typeof graphSchema>;
