/**
 * The lesson's table: one Taproot spend from the workspace beside the seed's version of the same
 * spend (swap.ts's claim or refund, built for the same keys and hash): its bytes on the chain and
 * what an observer learns from it. The Taproot side is measured on the signed draft; the seed's
 * is built here with 72-byte signatures in its slots (a DER signature is 71–73 bytes).
 */
import { fromHex } from '../../bitcoin/bytes';
import { errFrom, errText, ok, type Result } from '../../contract/result';
import { buildClaim, buildTx2, buildTx4, type SwapContract, withSecret } from '../../protocols/swap';
import { factsTable, table, yesNo } from '../../scenario/lessonData';
import { buildTransaction, signatureSlots, withSignature } from '../../workspace/assemble';
import type { TxDraft } from '../../workspace/model';
import type { LessonHost, TaskReport } from '../host';
import { bilingual } from '../narration';
import { en } from './en';
import { zh } from './zh';

const say = bilingual(en, zh).tasks.compare;

export type SpendKind = 'key-path' | 'hashlock' | 'refund';

export interface CompareParams {
  readonly key: string;
  readonly node: string;
  readonly kind: SpendKind;
  readonly contract: SwapContract;
  readonly hash: string;
  readonly start: number;
}

const SEED_SIGNATURE_BYTES = 72;
const FEE = 2_000n;

function seedSpend(p: CompareParams, alice: Uint8Array, bob: Uint8Array): Result<TxDraft> {
  const terms = { alice, bob, hash: fromHex(p.hash), start: p.start };
  const spend = {
    terms,
    wrap: 'p2wsh' as const,
    payout: 'p2wpkh' as const,
    value: 100_000_000n,
    fee: FEE,
    contractOutput: { txid: '11'.repeat(32), vout: 0 },
  };
  const built =
    p.kind === 'refund' ? (p.contract === 'Tx1' ? buildTx2(spend) : buildTx4(spend)) : buildClaim(p.contract, spend);
  if (!built.ok) return errFrom('INVALID_STATE', built.error);
  // X is 32 bytes whatever it is; the seed's claim shows it as the taproot one does.
  let draft = withSecret(built.value, new Uint8Array(32));
  for (const slot of signatureSlots(draft)) draft = withSignature(draft, slot, new Uint8Array(SEED_SIGNATURE_BYTES));
  return ok(draft);
}

function measure(draft: TxDraft) {
  const tx = buildTransaction(draft, []);
  const size = tx.byteLength();
  const weight = tx.weight();
  const base = (weight - size) / 3;
  return { vsize: Math.ceil(weight / 4), witness: size - base };
}

export function compareTask(host: LessonHost, p: CompareParams): Result<TaskReport> {
  const alice = host.publicKey('Alice', 'Alice');
  const bob = host.publicKey('Bob', 'Bob');
  if (!alice || !bob) return errText('NOT_FOUND', 'lesson.task.needsAliceBob');
  const view = host.view().nodes.find((n) => n.id === p.node);
  const draft = host.assembled().get(p.node);
  if (!view || !draft) return errText('NOT_FOUND', 'lesson.task.noDraft', { node: p.node });
  const seedDraft = seedSpend(p, alice, bob);
  if (!seedDraft.ok) return seedDraft;
  const seed = measure(seedDraft.value);
  const seedScript = seedDraft.value.inputs[0]!.unlock.witness.find((i) => i.kind === 'script');
  const seedScriptBytes = seedScript && 'hex' in seedScript ? seedScript.hex.length / 2 : 0;
  const leaf = draft.node.tx.inputs[0]!.unlock.witness.find((i) => i.kind === 'script');
  const leafBytes = leaf && 'hex' in leaf ? leaf.hex.length / 2 : 0;
  const taproot = { vsize: view.vsize, witness: view.size - (view.weight - view.size) / 3 };
  const keyPath = p.kind === 'key-path';
  const rows = [
    { id: 'witness', label: say.witnessBytes, cells: [seed.witness, taproot.witness] },
    { id: 'vsize', label: say.vsize, cells: [seed.vsize, { text: String(taproot.vsize), tone: 'good' as const }] },
    {
      id: 'script',
      label: say.script,
      cells: [
        { text: say.wholeScript({ bytes: seedScriptBytes }), tone: 'bad' as const },
        keyPath ? { text: say.noScript, tone: 'good' as const } : { text: say.oneLeaf({ bytes: leafBytes }) },
      ],
    },
    {
      id: 'hash',
      label: say.hash,
      // The seed's refund spends the same script, so it shows the hash too.
      cells: [{ text: yesNo(true), tone: 'bad' as const }, p.kind === 'hashlock'],
    },
    {
      id: 'keys',
      label: say.keys,
      cells: [
        { text: say.bothKeys, tone: 'bad' as const },
        keyPath ? { text: say.outputKeyOnly, tone: 'good' as const } : { text: say.leafKeyAndInternal },
      ],
    },
    {
      id: 'hidden',
      label: say.hidden,
      cells: [
        { text: say.nothingHidden, tone: 'bad' as const },
        { text: keyPath ? say.bothLeaves : say.otherLeaf, tone: 'good' as const },
      ],
    },
    { id: 'payment', label: say.looksLikePayment, cells: [false, keyPath] },
  ];
  host.showLessonData(p.key, table(say.title({ node: p.node }), [say.seed, say.taproot], rows));
  host.showLessonData(
    `${p.key}.facts`,
    factsTable(say.note, [
      { id: 'seedVsize', label: say.seedVsize, value: seed.vsize },
      { id: 'taprootVsize', label: say.taprootVsize, value: taproot.vsize, tone: 'good' },
      { id: 'seedWitness', label: say.seedWitness, value: seed.witness },
      { id: 'taprootWitness', label: say.taprootWitness, value: taproot.witness, tone: 'good' },
    ]),
  );
  return ok({ detail: `${p.node}: ${taproot.vsize} vB (seed ${seed.vsize} vB)` });
}
