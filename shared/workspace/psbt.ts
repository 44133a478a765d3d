/**
 * BIP174 PSBTs (bitcoinjs-lib does the format): a draft exports with everything a signer needs —
 * the spent outputs (the whole previous transaction for legacy inputs, as BIP174 asks), redeem
 * and witness scripts, and the signatures already made, with BIP371's Taproot fields for P2TR
 * inputs and outputs (key paths: psbtTaproot.ts; leaves and script trees: psbtTapscript.ts); a
 * PSBT or a raw transaction imports as a draft whose signature slots are filled from it, once its
 * Taproot fields passed psbtTaprootCheck.ts.
 */
import { errText, errWithin, ok, type Result } from '../contract/result';
import { Psbt, type Network } from 'bitcoinjs-lib';
import { ByteWriter, type Bytes, fromHex, hashToHex, isHex, toHex } from '../bitcoin/bytes';
import { parseTransaction, type Transaction } from '../bitcoin/transaction';
import { witnessProgram, isPayToScriptHash } from '../bitcoin/script';
import type { TxOutputLike } from '../bitcoin/txTypes';
import type { AssembledDraft } from './assemble';
import type { DraftInput, TxDraft, Unlock, UnlockItem } from './model';
import { EMPTY_UNLOCK, type PubKeyByHash, unlockFor } from './unlock';
import { type PsbtKeys, taprootInputFields, taprootOutputFields, withTapKeySig } from './psbtTaproot';
import { taprootFieldProblem } from './psbtTaprootCheck';
import {
  type TapscriptInputFields,
  tapscriptInputFields,
  tapTreeOutputFields,
  unlockFromTapFields,
} from './psbtTapscript';

/** The transaction that created a prevout, for legacy inputs' non-witness UTXO field. */
export type PreviousTx = (txid: string) => Transaction | undefined;

function scriptOf(unlock: Unlock, area: 'scriptSig' | 'witness'): Bytes | undefined {
  const item = [...unlock[area]].reverse().find((i) => i.kind === 'script');
  return item && item.kind === 'script' ? fromHex(item.hex) : undefined;
}

/** `keys` adds what the wallets know: BIP32 origins, and internal keys of outputs paying them (BIP371). */
export function draftToPsbt(
  assembled: AssembledDraft,
  network: Network,
  previousTx: PreviousTx,
  keys?: PsbtKeys,
): Result<string> {
  const draft = assembled.node.tx;
  const psbt = new Psbt({ network });
  psbt.setVersion(draft.version);
  psbt.setLocktime(draft.locktime);
  const signatures: [number, { pubkey: Bytes; signature: Bytes }[]][] = [];
  const taprootInputs: [number, NonNullable<ReturnType<typeof taprootInputFields>> | TapscriptInputFields][] = [];
  const finals: number[] = [];
  for (const [i, input] of draft.inputs.entries()) {
    const prevout = assembled.prevouts[i];
    if (!prevout) return errText('BAD_REQUEST', 'host.psbt.notConnected', { index: i });
    const prevScript = prevout.output.script;
    const segwit = witnessProgram(prevScript) !== undefined || input.unlock.sigVersion === 'WITNESS_V0';
    // P2SH (legacy or wrapping a witness program): the redeem script is the scriptSig's script push.
    const redeemScript = isPayToScriptHash(prevScript) ? scriptOf(input.unlock, 'scriptSig') : undefined;
    const witnessScript =
      input.unlock.sigVersion === 'WITNESS_V0' && input.unlock.witness.some((w) => w.kind === 'script')
        ? scriptOf(input.unlock, 'witness')
        : undefined;
    const partialSig = [...input.unlock.scriptSig, ...input.unlock.witness]
      .filter(
        (item): item is Extract<UnlockItem, { kind: 'sig' }> => item.kind === 'sig' && item.signature !== undefined,
      )
      .map((item) => ({ pubkey: fromHex(item.pubKey), signature: fromHex(item.signature!) }));
    let utxo: { witnessUtxo: { script: Bytes; value: bigint } } | { nonWitnessUtxo: Bytes };
    if (segwit) utxo = { witnessUtxo: { script: prevScript, value: prevout.output.value } };
    else {
      const previous = previousTx(prevout.txid);
      if (!previous) return errText('BAD_REQUEST', 'host.psbt.prevTxUnknown', { index: i, txid: prevout.txid });
      utxo = { nonWitnessUtxo: previous.toBuffer() };
    }
    try {
      psbt.addInput({
        hash: prevout.txid,
        index: prevout.vout,
        sequence: input.sequence,
        ...utxo,
        ...(redeemScript ? { redeemScript } : {}),
        ...(witnessScript ? { witnessScript } : {}),
      });
    } catch (e) {
      return errText('BAD_REQUEST', 'host.psbt.inputRefused', { index: i, reason: libraryWords(e) });
    }
    // A Taproot input is finalized here once signed: its witness alone completes it (a leaf's also
    // holds the script, the control block and perhaps a preimage), and Core and Litecoin Core 0.21
    // know no Taproot field to finalize it from. Not fully signed, it carries BIP371's fields for
    // a signer: a key-path input its internal key (and tree's Merkle root) and its origin; a leaf
    // spend its leaf, control block and the signatures made so far (psbtTapscript.ts).
    const taproot = input.unlock.sigVersion === 'TAPROOT' || input.unlock.sigVersion === 'TAPSCRIPT';
    const complete = partialSig.length === sigSlots(input.unlock);
    if (taproot && complete) finals.push(i);
    else if (input.unlock.sigVersion === 'TAPSCRIPT') {
      const fields = tapscriptInputFields(i, input.unlock, prevScript, keys);
      if (!fields.ok) return fields;
      if (fields.value) taprootInputs.push([i, fields.value]);
    } else if (taproot) {
      const fields = taprootInputFields(input.unlock, keys);
      if (fields) taprootInputs.push([i, fields]);
    } else {
      if (partialSig.length > 0) signatures.push([i, partialSig]);
      if (complete && onlyTxlabCanFinalize(input.unlock, witnessScript ?? redeemScript)) finals.push(i);
    }
  }
  for (const output of draft.outputs)
    psbt.addOutput({ script: fromHex(output.scriptPubKey), value: BigInt(output.value) });
  // Taproot fields through the PSBT map itself: bitcoinjs-lib's own checks of them need an ECC
  // library it is not given here; taprootOutputFields has checked the output key already.
  for (const [i, output] of draft.outputs.entries()) {
    const fields = taprootOutputFields(output, keys) ?? tapTreeOutputFields(output, keys);
    if (fields) psbt.data.updateOutput(i, fields);
  }
  // Signatures last: bitcoinjs-lib rightly refuses to change a transaction that carries some.
  for (const [i, partialSig] of signatures) psbt.updateInput(i, { partialSig });
  for (const [i, fields] of taprootInputs) psbt.data.updateInput(i, fields);
  // BIP174's finalizer role, for the inputs no other finalizer could complete: the final
  // scriptSig/witness exactly as TxLab assembles it; partial signatures and scripts are then cleared.
  const tx = assembled.record.tx;
  try {
    for (const i of finals) {
      const input = tx.ins[i]!;
      psbt.finalizeInput(i, () => ({
        finalScriptSig: input.script.length > 0 ? input.script : undefined,
        finalScriptWitness: input.witness.length > 0 ? encodeWitnessStack(input.witness) : undefined,
      }));
    }
  } catch (e) {
    return errText('BAD_REQUEST', 'host.psbt.cannotFinalize', { reason: libraryWords(e) });
  }
  return ok(psbt.toBase64());
}

/** bitcoinjs-lib's own words for what it refused (English: the catalogue sentence around them is translated). */
const libraryWords = (e: unknown): string => (e instanceof Error ? e.message : String(e));

const sigSlots = (unlock: Unlock): number =>
  [...unlock.scriptSig, ...unlock.witness].filter((i) => i.kind === 'sig').length;

/**
 * A generic finalizer (Core's, bitcoinjs-lib's) completes key spends and multisig from the
 * signatures and scripts alone. Any other script (an HTLC, a swap) also needs the items TxLab's
 * unlock holds — a preimage, a branch selector — and a PSBT has no field for them: unless TxLab
 * finalizes such an input itself, they are lost on export.
 */
function onlyTxlabCanFinalize(unlock: Unlock, innermostScript: Bytes | undefined): boolean {
  if (unlock.scriptSig.length === 0 && unlock.witness.length === 0) return false;
  // No script (a key spend) or a P2SH-wrapped key's witness program: generic.
  if (!innermostScript || witnessProgram(innermostScript) !== undefined) return false;
  return scriptLock(innermostScript, 'p2sh') === undefined;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 as bytes; undefined when it is not base64 (the parser then says so). */
function base64Bytes(text: string): Bytes | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  const digits = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((digits.length * 6) / 8));
  let bits = 0;
  let acc = 0;
  let at = 0;
  for (const c of digits) {
    acc = ((acc << 6) | BASE64.indexOf(c)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

function encodeWitnessStack(items: readonly Bytes[]): Bytes {
  const w = new ByteWriter();
  w.varInt(items.length);
  for (const item of items) w.varBytes(item);
  return w.finish();
}

export interface ImportedTx {
  readonly tx: TxDraft;
  /** Prevouts as outpoints; the host turns those that are graph nodes' outputs into edges. */
  readonly prevouts: readonly { readonly txid: string; readonly vout: number }[];
}

/** Fills a template's signature slots from a PSBT's partial signatures (matched by public key). */
function withPartialSigs(unlock: Unlock, sigs: ReadonlyMap<string, string>): Unlock {
  const fill = (items: readonly UnlockItem[]): UnlockItem[] =>
    items.map((item) =>
      item.kind === 'sig' && sigs.has(item.pubKey)
        ? { ...item, signature: sigs.get(item.pubKey)!, sighashType: fromHex(sigs.get(item.pubKey)!).at(-1)! }
        : item,
    );
  return { ...unlock, scriptSig: fill(unlock.scriptSig), witness: fill(unlock.witness) };
}

/** A final scriptSig/witness taken as it is: raw script bytes and witness data items. */
function finalUnlock(scriptSig: Bytes, witness: readonly Bytes[]): Unlock {
  return {
    ...EMPTY_UNLOCK,
    scriptSig: scriptSig.length > 0 ? [{ kind: 'raw', hex: toHex(scriptSig) }] : [],
    witness: witness.map((w) => ({ kind: 'data', hex: toHex(w) })),
  };
}

function decodeWitnessStack(bytes: Bytes): Bytes[] {
  const items: Bytes[] = [];
  let at = 0;
  const varInt = (): number => {
    const first = bytes[at++]!;
    if (first < 0xfd) return first;
    const size = first === 0xfd ? 2 : first === 0xfe ? 4 : 8;
    let n = 0;
    for (let i = 0; i < size; i++) n += bytes[at++]! * 2 ** (8 * i);
    return n;
  };
  const count = varInt();
  for (let i = 0; i < count; i++) {
    const length = varInt();
    items.push(bytes.subarray(at, at + length));
    at += length;
  }
  return items;
}

/**
 * Imports base64/hex PSBT or a raw transaction (hex). `outputOf` gives the spent output when a
 * PSBT does not carry it, so unsigned inputs can get their unlock template.
 */
export function importTransaction(
  data: string,
  network: Network,
  outputOf: (txid: string, vout: number) => TxOutputLike | undefined,
  pubKeyByHash: PubKeyByHash,
): Result<ImportedTx> {
  const text = data.trim();
  let psbt: Psbt | undefined;
  const raw = /^cHNidP8/.test(text)
    ? base64Bytes(text)
    : isHex(text) && text.startsWith('70736274ff')
      ? fromHex(text)
      : undefined;
  const taprootProblem = raw && taprootFieldProblem(raw);
  if (taprootProblem) return errText('BAD_REQUEST', taprootProblem.key, taprootProblem.params);
  if (/^cHNidP8/.test(text)) {
    try {
      psbt = Psbt.fromBase64(text, { network });
    } catch (e) {
      return errText('BAD_REQUEST', 'host.psbt.invalid', { reason: libraryWords(e) });
    }
  } else if (isHex(text) && text.startsWith('70736274ff')) {
    try {
      psbt = Psbt.fromHex(text, { network });
    } catch (e) {
      return errText('BAD_REQUEST', 'host.psbt.invalid', { reason: libraryWords(e) });
    }
  }
  if (!psbt) {
    const parsed = parseTransaction(text);
    if (!parsed.ok) return errWithin('BAD_REQUEST', { key: 'host.psbt.neither' }, parsed.error);
    const tx = parsed.value;
    return {
      ok: true,
      value: {
        tx: {
          version: tx.version,
          locktime: tx.locktime,
          inputs: tx.ins.map((input): DraftInput => ({
            sequence: input.sequence,
            unlock: finalUnlock(input.script, input.witness),
          })),
          outputs: tx.outs.map((o) => ({ value: o.value.toString(), scriptPubKey: toHex(o.script) })),
        },
        prevouts: tx.ins.map((input) => ({ txid: hashToHex(input.hash), vout: input.index })),
      },
    };
  }
  const inputs: DraftInput[] = [];
  for (const [i, txIn] of psbt.txInputs.entries()) {
    const data = psbt.data.inputs[i]!;
    if (data.finalScriptSig || data.finalScriptWitness) {
      inputs.push({
        sequence: txIn.sequence ?? 0xffffffff,
        unlock: finalUnlock(
          data.finalScriptSig ?? new Uint8Array(0),
          data.finalScriptWitness ? decodeWitnessStack(data.finalScriptWitness) : [],
        ),
      });
      continue;
    }
    const txid = hashToHex(txIn.hash);
    const previous = data.nonWitnessUtxo ? parseTransaction(data.nonWitnessUtxo) : undefined;
    const spent: TxOutputLike | undefined = data.witnessUtxo
      ? { script: data.witnessUtxo.script, value: data.witnessUtxo.value }
      : previous?.ok
        ? previous.value.outs[txIn.index]
        : outputOf(txid, txIn.index);
    const script = data.witnessScript ?? data.redeemScript;
    const lock = script ? scriptLock(script, data.witnessScript ? 'p2wsh' : 'p2sh') : undefined;
    const tapscript = unlockFromTapFields(i, data, spent?.script, pubKeyByHash);
    if (!tapscript.ok) return tapscript;
    const template = spent ? unlockFor(toHex(spent.script), lock, pubKeyByHash) : EMPTY_UNLOCK;
    const sigs = new Map((data.partialSig ?? []).map((p) => [toHex(p.pubkey), toHex(p.signature)]));
    const unlock = withTapKeySig(tapscript.value ?? withPartialSigs(template, sigs), data.tapKeySig);
    inputs.push({ sequence: txIn.sequence ?? 0xffffffff, unlock });
  }
  return {
    ok: true,
    value: {
      tx: {
        version: psbt.version,
        locktime: psbt.locktime,
        inputs,
        outputs: psbt.txOutputs.map((o) => ({ value: o.value.toString(), scriptPubKey: toHex(o.script) })),
      },
      prevouts: psbt.txInputs.map((txIn) => ({ txid: hashToHex(txIn.hash), vout: txIn.index })),
    },
  };
}

/** A multisig redeem/witness script as a descriptor, so the unlock template can be derived. */
function scriptLock(script: Bytes, wrap: 'p2sh' | 'p2wsh') {
  const n = script.length;
  const first = script[0]!;
  const last = script[n - 1]!;
  if (last !== 0xae || first < 0x51 || first > 0x60) return undefined;
  const keys: string[] = [];
  let at = 1;
  while (at < n - 2 && script[at] === 33) {
    keys.push(toHex(script.subarray(at + 1, at + 34)));
    at += 34;
  }
  if (at !== n - 2 || script[at] !== 0x50 + keys.length) return undefined;
  return { kind: 'multisig' as const, required: first - 0x50, pubKeys: keys, wrap };
}
