/**
 * Mallory's mutators: each takes a signed transaction and returns a copy that spends the same
 * coins to the same outputs with the same signatures' meaning, made without any key — only the
 * bytes around the signature change. Signatures do not cover the scriptSig (or the witness), so
 * the copy still verifies where the rules allow it, and a legacy input's txid changes with it.
 *
 *   high-s           S → n − S (ECDSA's twin signature)
 *   der-padding      a zero byte in front of R (BER, accepted by the lax parser before BIP66)
 *   der-long-length  the sequence length in long form (0x81 <len>)
 *   pushdata1/2      the signature pushed with OP_PUSHDATA1/OP_PUSHDATA2 (the February 2014 wave
 *                    replaced `48` with `4d 48 00`)
 *   extra-push       one more push at the start of the scriptSig, left on the stack
 *   non-push         an OP_NOP at the start of the scriptSig
 *
 * For an input with a witness the same changes are made to the witness items (no push opcodes
 * exist there, so pushdata1/2 and non-push do not apply); the txid, which excludes the witness,
 * stays the same.
 *
 * Which rule stops which mutation is not written down here: `judge` runs the copy through a
 * chain node with the rules switched on or off and reports the node's verdict.
 */
import { type Bytes, concat } from '../bitcoin/bytes';
import type { ScriptErrorCode } from '../bitcoin/errors';
import { OP } from '../bitcoin/opcodes';
import { decodeScript, pushMinimal } from '../bitcoin/script';
import { encodeDer, negateS, parseDerLax } from '../bitcoin/signatureEncoding';
import { Transaction } from '../bitcoin/transaction';
import type { ChainNode } from '../chain/chainNode';
import { type ChainPolicy, defaultPolicy, type Era, isRuleLocked, type PolicyRule } from '../chain/era';
import { txRecord } from '../chain/txRecord';
import { failText, ok, type ProtocolResult } from './types';

export const MUTATIONS = [
  'high-s',
  'der-padding',
  'der-long-length',
  'pushdata1',
  'pushdata2',
  'extra-push',
  'non-push',
] as const;
export type MutationKind = (typeof MUTATIONS)[number];
export type MutationArea = 'scriptSig' | 'witness';

export interface MutatedTx {
  readonly kind: MutationKind;
  readonly area: MutationArea;
  readonly tx: Transaction;
  readonly raw: Bytes;
  readonly originalTxid: string;
  readonly txid: string;
  readonly wtxid: string;
  readonly txidChanged: boolean;
}

/** A DER signature with its hash-type byte, in any encoding the lax parser reads. */
function looksLikeSignature(item: Bytes): boolean {
  return (
    item.length >= 9 &&
    item.length <= 80 &&
    item[0] === 0x30 &&
    parseDerLax(item.subarray(0, item.length - 1)) !== undefined
  );
}

function splitSignature(sig: Bytes): { compact: Bytes; hashType: number } {
  return { compact: parseDerLax(sig.subarray(0, sig.length - 1))!, hashType: sig[sig.length - 1]! };
}

function highS(sig: Bytes): Bytes {
  const { compact, hashType } = splitSignature(sig);
  return concat(encodeDer(negateS(compact)), Uint8Array.of(hashType));
}

function derPadding(sig: Bytes): Bytes {
  const { compact, hashType } = splitSignature(sig);
  const der = encodeDer(compact);
  const lenR = der[3]!;
  return Uint8Array.from([
    0x30,
    der[1]! + 1,
    0x02,
    lenR + 1,
    0x00,
    ...der.subarray(4, 4 + lenR),
    ...der.subarray(4 + lenR),
    hashType,
  ]);
}

function derLongLength(sig: Bytes): Bytes {
  const { compact, hashType } = splitSignature(sig);
  const der = encodeDer(compact);
  return Uint8Array.from([0x30, 0x81, der[1]!, ...der.subarray(2), hashType]);
}

const SIGNATURE_CHANGES: Partial<Record<MutationKind, (sig: Bytes) => Bytes>> = {
  'high-s': highS,
  'der-padding': derPadding,
  'der-long-length': derLongLength,
};

function mutateScriptSig(script: Bytes, kind: MutationKind): ProtocolResult<Bytes> {
  const { ops, errorAt } = decodeScript(script);
  if (errorAt !== undefined) return failText('not-applicable', 'protocol.mutate.scriptSigUnparsed');
  if (kind === 'extra-push') return ok(concat(pushMinimal(new Uint8Array(0)), script));
  if (kind === 'non-push') return ok(concat(Uint8Array.of(OP.OP_NOP), script));
  const at = ops.findIndex((op) => op.data !== undefined && looksLikeSignature(op.data));
  if (at < 0) return failText('no-signature', 'protocol.mutate.noSignaturePush');
  const sig = ops[at]!.data!;
  let push: Bytes;
  const change = SIGNATURE_CHANGES[kind];
  if (change) push = pushMinimal(change(sig));
  else if (kind === 'pushdata1') push = concat(Uint8Array.of(OP.OP_PUSHDATA1, sig.length), sig);
  else push = concat(Uint8Array.of(OP.OP_PUSHDATA2, sig.length & 0xff, sig.length >> 8), sig);
  const op = ops[at]!;
  return ok(concat(script.subarray(0, op.start), push, script.subarray(op.end)));
}

function mutateWitness(witness: readonly Bytes[], kind: MutationKind): ProtocolResult<Bytes[]> {
  if (kind === 'extra-push') return ok([new Uint8Array(0), ...witness]);
  const change = SIGNATURE_CHANGES[kind];
  if (!change) return failText('not-applicable', 'protocol.mutate.witnessRaw');
  const at = witness.findIndex(looksLikeSignature);
  if (at < 0) return failText('no-signature', 'protocol.mutate.noWitnessSignature');
  return ok(witness.map((item, i) => (i === at ? change(item) : item)));
}

/**
 * The mutated copy of input `input` (the original is not touched). The witness is mutated when
 * the input has one, unless `area` says otherwise.
 */
export function mutate(
  signed: Transaction | Bytes,
  input: number,
  kind: MutationKind,
  area?: MutationArea,
): ProtocolResult<MutatedTx> {
  const original = signed instanceof Uint8Array ? Transaction.fromBuffer(signed) : signed;
  const target = original.ins[input];
  if (!target) return failText('not-applicable', 'protocol.mutate.noInput', { input }, 'input');
  const where: MutationArea = area ?? (target.witness.length > 0 ? 'witness' : 'scriptSig');
  const copy = Transaction.fromBuffer(original.toBuffer());
  if (where === 'scriptSig') {
    const script = mutateScriptSig(target.script, kind);
    if (!script.ok) return script;
    copy.setInputScript(input, script.value);
  } else {
    const witness = mutateWitness(target.witness, kind);
    if (!witness.ok) return witness;
    copy.setWitness(input, witness.value);
  }
  const record = txRecord(copy);
  const originalTxid = original.getId();
  return ok({
    kind,
    area: where,
    tx: copy,
    raw: copy.toBuffer(),
    originalTxid,
    txid: record.txid,
    wtxid: record.wtxid,
    txidChanged: record.txid !== originalTxid,
  });
}

// ---- verdicts from a real node ----

/** The era's default relay policy with some rules switched; rules that are consensus in the era stay on. */
export function policyWith(
  era: Era,
  rules: Partial<Record<PolicyRule, boolean>>,
  base: ChainPolicy = defaultPolicy(era),
): ChainPolicy {
  const merged = { ...base.rules };
  for (const [rule, on] of Object.entries(rules) as [PolicyRule, boolean][])
    merged[rule] = on || isRuleLocked(era, rule);
  return { ...base, era, rules: merged };
}

export interface Verdict {
  readonly accepted: boolean;
  /** Core's reject reason (`non-mandatory-script-verify-flag (…)`, `scriptsig-not-pushonly`, …). */
  readonly reason?: string;
  /** The script error behind a script failure (`SIG_HIGH_S`, `SIG_DER`, `MINIMALDATA`, …). */
  readonly scriptError?: ScriptErrorCode;
}

/**
 * testmempoolaccept on `node` under `policy`: every check runs, nothing is added, and the node's
 * own policy is put back. The node must see the spent coins and not hold a conflicting
 * transaction in its mempool (a conflict would be the verdict instead of the rule).
 */
export function judge(node: ChainNode, tx: Transaction, policy: ChainPolicy): Verdict {
  const saved = node.policy;
  node.setPolicy(policy);
  try {
    const outcome = node.acceptToMempool(txRecord(tx), { testOnly: true });
    if (outcome.ok) return { accepted: true };
    const { reason, scriptError } = outcome.rejection;
    return scriptError ? { accepted: false, reason, scriptError } : { accepted: false, reason };
  } finally {
    node.setPolicy(saved);
  }
}

export interface MutationRow {
  readonly kind: MutationKind;
  /** Undefined when the mutation does not apply to this input. */
  readonly mutated?: MutatedTx;
  readonly notApplicable?: string;
  /** One verdict per column, in the order given. */
  readonly verdicts: readonly Verdict[];
}

/** The lesson's table: every mutation of `signed`'s input, judged by `node` under each policy. */
export function mutationTable(
  node: ChainNode,
  signed: Transaction,
  input: number,
  columns: readonly ChainPolicy[],
): MutationRow[] {
  return MUTATIONS.map((kind) => {
    const mutated = mutate(signed, input, kind);
    if (!mutated.ok) return { kind, notApplicable: mutated.error.message, verdicts: [] };
    return { kind, mutated: mutated.value, verdicts: columns.map((policy) => judge(node, mutated.value.tx, policy)) };
  });
}
