/**
 * PSBTs of the built-in lessons' transactions, and what the node must find in them. A lesson's
 * draft is exported as it stands (the host's `tx.exportPsbt`) or in another signing state (the same
 * `draftToPsbt` on a copy of the draft with some signatures taken out); the expectation is read
 * from TxLab's assembled draft: the unsigned transaction, each input's spent output, its redeem or
 * witness script and the signatures made so far.
 */
import { z } from 'zod';
import { fromHex, toHex } from '../../../shared/bitcoin/bytes';
import { solve } from '../../../shared/bitcoin/scriptType';
import { PROFILES } from '../../../shared/chain/profiles';
import { Transaction } from '../../../shared/bitcoin/transaction';
import {
  type AssembledDraft,
  assembleGraph,
  signatureSlots,
  type SignatureSlot,
  withSignature,
} from '../../../shared/workspace/assemble';
import type { TxDraft, UnlockItem } from '../../../shared/workspace/model';
import { draftToPsbt } from '../../../shared/workspace/psbt';
import type { Workbench } from '../../../main/host/workbench';
import { type DecodeTarget, jsonDifferences, txlabDecoded, withoutMwebFlags } from './decoded';
import { toSats } from './node';

export const DecodedPsbt = z.object({
  tx: z.unknown(),
  unknown: z.record(z.string(), z.string()),
  inputs: z.array(
    z.object({
      non_witness_utxo: z.object({ txid: z.string() }).optional(),
      witness_utxo: z.object({ amount: z.number(), scriptPubKey: z.object({ hex: z.string() }) }).optional(),
      partial_signatures: z.record(z.string(), z.string()).optional(),
      sighash: z.string().optional(),
      redeem_script: z.object({ hex: z.string() }).optional(),
      witness_script: z.object({ hex: z.string() }).optional(),
      final_scriptSig: z.object({ hex: z.string() }).optional(),
      final_scriptwitness: z.array(z.string()).optional(),
      unknown: z.record(z.string(), z.string()).optional(),
    }),
  ),
  outputs: z.array(z.object({ unknown: z.record(z.string(), z.string()).optional() })),
  fee: z.number().optional(),
});
export type DecodedPsbt = z.infer<typeof DecodedPsbt>;

/** The draft node `id` of a played lesson, assembled with `draft` in place of its own. */
export function assembledWith(bench: Workbench, id: string, draft?: TxDraft): AssembledDraft {
  const graph = {
    nodes: bench.doc.graph.nodes.map((n) => (n.id === id && n.kind === 'draft' && draft ? { ...n, tx: draft } : n)),
  };
  const assembled = assembleGraph(graph, (chain, txid, vout) => bench.chains.lookupOutput(chain, txid, vout)).get(id);
  if (!assembled) throw new Error(`the lesson has no draft "${id}"`);
  return assembled;
}

/** What the host's export does, for a draft in another signing state. */
export function exportDraft(bench: Workbench, id: string, draft: TxDraft): string {
  const assembled = assembledWith(bench, id, draft);
  const drafts = [...bench.assembled().values()];
  const chain = assembled.node.chain;
  const previousTx = (txid: string) =>
    bench.chains.findRecord(chain, txid)?.tx ?? drafts.find((d) => d.record.txid === txid)?.record.tx;
  const psbt = draftToPsbt(assembled, PROFILES[chain].network, previousTx);
  if (!psbt.ok) throw new Error(`${id}: ${psbt.error.message}`);
  return psbt.value;
}

/** The draft with only the signatures `keep` accepts. */
export function keepSignatures(draft: TxDraft, keep: (slot: SignatureSlot, index: number) => boolean): TxDraft {
  let out = draft;
  signatureSlots(draft)
    .filter((s) => s.signed)
    .forEach((slot, i) => {
      if (!keep(slot, i)) out = withSignature(out, slot, undefined);
    });
  return out;
}

/** The transaction a PSBT carries: TxLab's, with every scriptSig and witness empty. */
export function unsignedTx(tx: Transaction): Transaction {
  const copy = Transaction.fromBuffer(tx.toBuffer());
  copy.ins.forEach((_, i) => {
    copy.setInputScript(i, new Uint8Array(0));
    copy.setWitness(i, []);
  });
  return copy;
}

const scriptItem = (items: readonly UnlockItem[]): string | undefined => {
  const item = [...items].reverse().find((i) => i.kind === 'script');
  return item?.kind === 'script' ? item.hex : undefined;
};

/**
 * Where the node's decodepsbt differs from what TxLab's draft holds, as readable lines.
 * `finalizedByTxlab`: false for a PSBT TxLab did not write last (the node's combinepsbt).
 */
export function psbtDifferences(
  decoded: DecodedPsbt,
  assembled: AssembledDraft,
  target: DecodeTarget,
  finalizedByTxlab = true,
): string[] {
  const out: string[] = [];
  const check = (path: string, node: unknown, txlab: unknown): void => {
    if (JSON.stringify(node) !== JSON.stringify(txlab))
      out.push(`${path}: node ${JSON.stringify(node)} ≠ txlab ${JSON.stringify(txlab)}`);
  };
  out.push(
    ...jsonDifferences(withoutMwebFlags(decoded.tx), txlabDecoded(unsignedTx(assembled.record.tx), target)).map(
      (d) => `tx.${d}`,
    ),
  );
  check('unknown', decoded.unknown, {});
  check('inputs.length', decoded.inputs.length, assembled.node.tx.inputs.length);
  let valueIn = 0n;
  assembled.node.tx.inputs.forEach((input, i) => {
    const got = decoded.inputs[i];
    const prevout = assembled.prevouts[i];
    if (!got || !prevout) return;
    valueIn += prevout.output.value;
    const at = `inputs[${i}]`;
    // BIP174: a witness input carries the spent output; a legacy one the whole previous transaction.
    if (input.unlock.sigVersion === 'WITNESS_V0') {
      check(
        `${at}.witness_utxo`,
        got.witness_utxo && {
          sats: toSats(got.witness_utxo.amount).toString(),
          script: got.witness_utxo.scriptPubKey.hex,
        },
        {
          sats: prevout.output.value.toString(),
          script: toHex(prevout.output.script),
        },
      );
    } else check(`${at}.non_witness_utxo.txid`, got.non_witness_utxo?.txid, prevout.txid);
    const witnessScript = input.unlock.sigVersion === 'WITNESS_V0' ? scriptItem(input.unlock.witness) : undefined;
    const redeemScript = scriptItem(input.unlock.scriptSig);
    const items = [...input.unlock.scriptSig, ...input.unlock.witness];
    const signatures = items.flatMap((item) =>
      item.kind === 'sig' && item.signature ? [[item.pubKey, item.signature] as const] : [],
    );
    const script = witnessScript ?? redeemScript;
    // Once signed, a script no generic finalizer knows (an HTLC) must come finalized: the preimage
    // and the branch selector have no PSBT field of their own.
    const final =
      finalizedByTxlab &&
      script !== undefined &&
      solve(fromHex(script)).type !== 'multisig' &&
      signatures.length === items.filter((i) => i.kind === 'sig').length;
    const assembledInput = assembled.record.tx.ins[i]!;
    check(
      `${at}.final_scriptwitness`,
      got.final_scriptwitness,
      final && assembledInput.witness.length > 0 ? assembledInput.witness.map(toHex) : undefined,
    );
    check(
      `${at}.final_scriptSig`,
      got.final_scriptSig?.hex,
      final && assembledInput.script.length > 0 ? toHex(assembledInput.script) : undefined,
    );
    check(`${at}.witness_script`, got.witness_script?.hex, final ? undefined : witnessScript);
    check(`${at}.redeem_script`, got.redeem_script?.hex, final ? undefined : redeemScript);
    const sorted = (entries: readonly (readonly [string, string])[]) =>
      Object.fromEntries([...entries].sort(([a], [b]) => a.localeCompare(b)));
    check(
      `${at}.partial_signatures`,
      sorted(Object.entries(got.partial_signatures ?? {})),
      final ? {} : sorted(signatures),
    );
    // The hash type travels in each signature's last byte; TxLab writes no PSBT_IN_SIGHASH_TYPE.
    check(`${at}.sighash`, got.sighash, undefined);
    check(`${at}.unknown`, got.unknown ?? {}, {});
  });
  check('outputs.length', decoded.outputs.length, assembled.node.tx.outputs.length);
  decoded.outputs.forEach((o, n) => check(`outputs[${n}].unknown`, o.unknown ?? {}, {}));
  const valueOut = assembled.record.tx.outs.reduce((t, o) => t + o.value, 0n);
  check('fee', decoded.fee === undefined ? undefined : toSats(decoded.fee).toString(), (valueIn - valueOut).toString());
  return out;
}

export const FinalizedPsbt = z.object({
  hex: z.string().optional(),
  psbt: z.string().optional(),
  complete: z.boolean(),
});

export const AnalyzedPsbt = z.object({
  inputs: z.array(
    z.object({
      has_utxo: z.boolean(),
      is_final: z.boolean(),
      next: z.string().optional(),
      missing: z
        .object({ pubkeys: z.array(z.string()).optional(), signatures: z.array(z.string()).optional() })
        .optional(),
    }),
  ),
  next: z.string(),
  fee: z.number().optional(),
});
