/**
 * PSBT round trips with a real node (issue 6 §3). Transactions of the built-in lessons — P2PKH,
 * P2WPKH, the channel's Funding and its P2WSH 2-of-2 commitments, HTLC spends — are exported by
 * TxLab unsigned, partly and fully signed; the node's decodepsbt must read in each what TxLab's
 * draft holds, analyzepsbt must see what is missing, combinepsbt must merge two signers' halves,
 * and finalizepsbt must give exactly TxLab's transaction. The other way: PSBTs the node made
 * (converttopsbt, createpsbt) import into the lesson's graph as the same transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LocalDaemon } from '../../main/backends/localDaemon';
import { scriptToAddress } from '../../shared/bitcoin/address';
import { fromHex, hashToHex, toHex } from '../../shared/bitcoin/bytes';
import { hash160 } from '../../shared/bitcoin/hashes';
import { type SignatureSlot, signatureSlots, withoutSignatures } from '../../shared/workspace/assemble';
import type { TxDraft } from '../../shared/workspace/model';
import { play, type Played } from '../scenarios/support';
import { type DecodeTarget, decodeTargetOf } from './support/decoded';
import { rpc, startNode } from './support/node';
import {
  AnalyzedPsbt,
  assembledWith,
  DecodedPsbt,
  exportDraft,
  FinalizedPsbt,
  keepSignatures,
  psbtDifferences,
} from './support/psbt';

/** `script`: what spends it — a key, a 2-of-2, or an HTLC (whose preimage and branch selector no PSBT field carries). */
const CASES = [
  { kind: 'P2PKH, 2014 era', lesson: 'p2pkh-basics', path: 'pay', node: 'Payment', script: 'key' },
  { kind: 'P2PKH', lesson: 'segwit', path: 'witness', node: 'Legacy', script: 'key' },
  { kind: 'P2WPKH', lesson: 'segwit', path: 'witness', node: 'SegWit', script: 'key' },
  {
    kind: 'Funding: two P2WPKH inputs, two signers',
    lesson: 'rsmc-channel',
    path: 'cooperative',
    node: 'Funding',
    script: 'key',
  },
  {
    kind: 'commitment C1a: P2WSH 2-of-2, left partly signed',
    lesson: 'rsmc-channel',
    path: 'cooperative',
    node: 'C1a',
    script: 'multisig',
  },
  {
    kind: 'breach remedy BR1a: P2WSH 2-of-2 with a handed-over key',
    lesson: 'rsmc-channel',
    path: 'cooperative',
    node: 'BR1a',
    script: 'multisig',
  },
  {
    kind: 'cooperative Close: P2WSH 2-of-2',
    lesson: 'rsmc-channel',
    path: 'cooperative',
    node: 'Close',
    script: 'multisig',
  },
  { kind: 'HTLC commitment C2b: P2WSH 2-of-2', lesson: 'htlc', path: 'redeem', node: 'C2b', script: 'multisig' },
  { kind: 'HTLC spend with R: HE1b', lesson: 'htlc', path: 'redeem', node: 'HE1b', script: 'htlc' },
  { kind: 'HTLC timeout HT1a, left partly signed', lesson: 'htlc', path: 'redeem', node: 'HT1a', script: 'htlc' },
  {
    kind: 'multi-hop HTLC redeemed with R',
    lesson: 'multihop',
    path: 'success',
    node: 'Redeem-Alice-Bob',
    script: 'htlc',
  },
  {
    kind: 'atomic swap: Alice claims the LTC with X',
    lesson: 'atomic-swap',
    path: 'success',
    node: 'Tx3-claim',
    script: 'htlc',
  },
] as const;
type Case = (typeof CASES)[number];

type State = 'as left' | 'unsigned' | 'first signature' | 'other signatures' | 'fully signed' | 'combined by the node';

interface Decoded {
  readonly state: State;
  readonly psbt: string;
  readonly decoded: DecodedPsbt;
  readonly differences: readonly string[];
}

interface CaseResult {
  readonly c: Case;
  readonly decoded: readonly Decoded[];
  /** TxLab's fully signed transaction (tx.inspect) and what finalizepsbt made of its PSBT. */
  readonly txlabHex: string;
  readonly txlabTxid: string;
  readonly finalized: z.infer<typeof FinalizedPsbt>;
  readonly finalizedCombined: z.infer<typeof FinalizedPsbt> | undefined;
  readonly analyzedUnsigned: z.infer<typeof AnalyzedPsbt>;
  readonly analyzedFirst: z.infer<typeof AnalyzedPsbt> | undefined;
  /** The pubkey hashes of the slots the 'first signature' PSBT leaves unsigned. */
  readonly missingAfterFirst: readonly string[];
  readonly slots: number;
  readonly segwitOnly: boolean;
  /** converttopsbt of TxLab's transaction, imported into the lesson's graph. */
  readonly imported: { readonly txid: string; readonly hexAfterSigning: string | undefined };
}

const sorted = (record: Record<string, string> | undefined) => Object.fromEntries(Object.entries(record ?? {}).sort());

describe('PSBT round trips with the node', () => {
  let node: LocalDaemon | undefined;
  let target: DecodeTarget;
  const lessons = new Map<string, Played>();
  const results: CaseResult[] = [];
  const created: { node: string; txid: string; imported: string }[] = [];

  beforeAll(async () => {
    const started = Date.now();
    node = await startNode();
    const n = node;
    target = await decodeTargetOf(n);
    for (const c of CASES)
      if (!lessons.has(`${c.lesson}/${c.path}`)) lessons.set(`${c.lesson}/${c.path}`, await play(c.lesson, c.path));

    for (const c of CASES) {
      const { t } = lessons.get(`${c.lesson}/${c.path}`)!;
      const bench = t.bench;
      const decoded: Decoded[] = [];
      const decode = async (state: State, psbt: string, draft?: TxDraft): Promise<void> => {
        const d = await rpc(n, 'decodepsbt', [psbt], DecodedPsbt);
        decoded.push({
          state,
          psbt,
          decoded: d,
          differences: psbtDifferences(
            d,
            assembledWith(bench, c.node, draft),
            target,
            state !== 'combined by the node',
          ),
        });
      };
      const asLeft = assembledWith(bench, c.node).node.tx;
      await decode('as left', (await t.must('tx.exportPsbt', { node: c.node })).psbt);
      const unsigned = withoutSignatures(asLeft);
      const unsignedPsbt = exportDraft(bench, c.node, unsigned);
      await decode('unsigned', unsignedPsbt, unsigned);

      // Sign what the lesson left unsigned, with the wallets that own the keys (the host's tx.sign).
      const view = bench.view().nodes.find((x) => x.id === c.node)!;
      const owners = new Set(
        view.inputs.flatMap((i) => i.slots.filter((s) => !s.signed && s.owner).map((s) => s.owner!.walletName)),
      );
      for (const wallet of owners) await t.must('tx.sign', { node: c.node, wallet });
      const full = assembledWith(bench, c.node);
      const slots: SignatureSlot[] = signatureSlots(full.node.tx);
      const fullPsbt = (await t.must('tx.exportPsbt', { node: c.node })).psbt;
      await decode('fully signed', fullPsbt);
      const inspected = await t.must('tx.inspect', { node: c.node });

      let finalizedCombined: z.infer<typeof FinalizedPsbt> | undefined;
      let analyzedFirst: z.infer<typeof AnalyzedPsbt> | undefined;
      let missingAfterFirst: string[] = [];
      if (slots.length >= 2) {
        // Two signers' halves, merged by the node.
        const first = keepSignatures(full.node.tx, (_, i) => i === 0);
        const others = keepSignatures(full.node.tx, (_, i) => i !== 0);
        const firstPsbt = exportDraft(bench, c.node, first);
        const othersPsbt = exportDraft(bench, c.node, others);
        await decode('first signature', firstPsbt, first);
        await decode('other signatures', othersPsbt, others);
        const combined = await rpc(n, 'combinepsbt', [[firstPsbt, othersPsbt]], z.string());
        await decode('combined by the node', combined);
        finalizedCombined = await rpc(n, 'finalizepsbt', [combined], FinalizedPsbt);
        analyzedFirst = await rpc(n, 'analyzepsbt', [firstPsbt], AnalyzedPsbt);
        missingAfterFirst = slots.slice(1).map((s) => toHex(hash160(fromHex(s.pubKey))));
      }

      // The node's own PSBT of the same transaction, imported into the lesson's graph.
      const converted = await rpc(n, 'converttopsbt', [inspected.hex, true], z.string());
      const importedView = await t.must('graph.importTx', {
        chain: full.node.chain,
        data: converted,
        position: { x: 0, y: 2_000 },
      });
      const imported = importedView.nodes.find((x) => x.id === importedView.created)!;
      let hexAfterSigning: string | undefined;
      if (!slots.every((s) => s.area === 'witness')) {
        // A legacy txid covers the scriptSig: the imported draft is the same transaction once signed.
        const toSign = new Set(
          imported.inputs.flatMap((i) => i.slots.filter((s) => s.owner).map((s) => s.owner!.walletName)),
        );
        for (const wallet of toSign) await t.must('tx.sign', { node: importedView.created, wallet });
        hexAfterSigning = (await t.must('tx.inspect', { node: importedView.created })).hex;
      }

      results.push({
        c,
        decoded,
        txlabHex: inspected.hex,
        txlabTxid: full.record.txid,
        finalized: await rpc(n, 'finalizepsbt', [fullPsbt], FinalizedPsbt),
        finalizedCombined,
        analyzedUnsigned: await rpc(n, 'analyzepsbt', [unsignedPsbt], AnalyzedPsbt),
        analyzedFirst,
        missingAfterFirst,
        slots: slots.length,
        segwitOnly: slots.every((s) => s.area === 'witness'),
        imported: { txid: imported.txid, hexAfterSigning },
      });
    }

    // createpsbt: the node writes the transaction from its parts alone (version 2, as the modern lessons' are).
    for (const c of CASES.filter((x) => x.node === 'SegWit' || x.node === 'Close')) {
      const { t } = lessons.get(`${c.lesson}/${c.path}`)!;
      const { record, node: draft } = assembledWith(t.bench, c.node);
      const tx = record.tx;
      const inputs = tx.ins.map((i) => ({ txid: hashToHex(i.hash), vout: i.index, sequence: i.sequence }));
      const outputs = tx.outs.map((o) => ({
        [scriptToAddress(o.script, target.chain.network)!]: Number(o.value) / 1e8,
      }));
      const psbt = await rpc(n, 'createpsbt', [inputs, outputs, tx.locktime], z.string());
      expect(tx.version, `${c.node} is a version 2 transaction, as createpsbt writes`).toBe(2);
      const view = await t.must('graph.importTx', { chain: draft.chain, data: psbt, position: { x: 0, y: 3_000 } });
      created.push({ node: c.node, txid: tx.getId(), imported: view.nodes.find((x) => x.id === view.created)!.txid });
    }
    const psbts = results.reduce((s, r) => s + r.decoded.length, 0);
    console.log(
      `psbt: ${CASES.length} lesson transactions, ${psbts} PSBTs decoded by the node, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });

  afterAll(async () => {
    await node?.stop();
  });

  it('covers every kind of lesson transaction, each in several signing states', () => {
    expect(results.map((r) => r.c.node)).toEqual(CASES.map((c) => c.node));
    for (const r of results) expect(r.decoded.length, r.c.node).toBeGreaterThanOrEqual(r.slots >= 2 ? 6 : 3);
    const of = (node: string, state: State) =>
      results.find((r) => r.c.node === node)!.decoded.find((d) => d.state === state)!.decoded;
    // What each kind must carry: the whole previous transaction for legacy, the spent output and the witness script for P2WSH.
    expect(of('Payment', 'as left').inputs[0]!.non_witness_utxo).toBeDefined();
    expect(of('SegWit', 'as left').inputs[0]!.witness_utxo).toBeDefined();
    expect(of('C1a', 'as left').inputs[0]!.witness_script).toBeDefined();
    expect(Object.keys(of('C1a', 'as left').inputs[0]!.partial_signatures ?? {})).toHaveLength(1);
    expect(Object.keys(of('Close', 'fully signed').inputs[0]!.partial_signatures ?? {})).toHaveLength(2);
    // A signed HTLC spend comes finalized by TxLab (R and the branch selector have no other field).
    expect(of('HE1b', 'fully signed').inputs[0]!.final_scriptwitness).toBeDefined();
    expect(of('HE1b', 'fully signed').inputs[0]!.partial_signatures).toBeUndefined();
    expect(of('HT1a', 'as left').inputs[0]!.final_scriptwitness).toBeUndefined();
  });

  it('decodepsbt reads in every PSBT what TxLab’s draft holds: transaction, spent outputs, scripts, signatures, fee', () => {
    const report = results.flatMap((r) =>
      r.decoded
        .filter((d) => d.differences.length > 0)
        .map((d) => `${r.c.kind} (${r.c.node}, ${d.state}):\n  ${d.differences.join('\n  ')}\n  psbt: ${d.psbt}`),
    );
    expect(report).toEqual([]);
  });

  it('finalizepsbt of a fully signed export is TxLab’s transaction, byte for byte', () => {
    for (const r of results) {
      expect(r.finalized, r.c.node).toMatchObject({ complete: true, hex: r.txlabHex });
    }
  });

  it('combinepsbt merges two signers’ halves; finalizepsbt turns the merged 2-of-2s into TxLab’s transaction', () => {
    const multi = results.filter((r) => r.slots >= 2);
    expect(multi.length).toBeGreaterThanOrEqual(6);
    for (const r of multi) {
      const halves = r.decoded.filter((d) => d.state === 'first signature' || d.state === 'other signatures');
      const combined = r.decoded.find((d) => d.state === 'combined by the node')!.decoded;
      const union = sorted(
        Object.fromEntries(
          halves.flatMap((h) => h.decoded.inputs.flatMap((i) => Object.entries(i.partial_signatures ?? {}))),
        ),
      );
      expect(
        sorted(Object.fromEntries(combined.inputs.flatMap((i) => Object.entries(i.partial_signatures ?? {})))),
        r.c.node,
      ).toEqual(union);
      expect(Object.keys(union), r.c.node).toHaveLength(r.slots);
      if (r.c.script === 'htlc') {
        // An HTLC also needs R and a branch selector, which a v0 PSBT cannot carry: only TxLab's own
        // fully signed export (finalized by TxLab) completes it.
        expect(r.finalizedCombined?.complete, r.c.node).toBe(false);
      } else expect(r.finalizedCombined, r.c.node).toMatchObject({ complete: true, hex: r.txlabHex });
    }
  });

  it('analyzepsbt sees every spent output, and the keys and signatures still missing', () => {
    for (const r of results) {
      expect(
        r.analyzedUnsigned.inputs.every((i) => i.has_utxo && !i.is_final),
        r.c.node,
      ).toBe(true);
      if (!r.analyzedFirst || r.c.script === 'htlc') continue;
      // A key spend names its key only by hash until signed (no BIP32 paths are exported); a
      // 2-of-2 names the signature it lacks.
      const missing = r.analyzedFirst.inputs.flatMap((i) => [
        ...(i.missing?.signatures ?? []),
        ...(i.missing?.pubkeys ?? []),
      ]);
      expect(missing.sort(), r.c.node).toEqual([...r.missingAfterFirst].sort());
    }
  });

  it('a PSBT the node made imports into the lesson’s graph as the same transaction', () => {
    for (const r of results) {
      if (r.segwitOnly) expect(r.imported.txid, r.c.node).toBe(r.txlabTxid);
      else expect(r.imported.hexAfterSigning, r.c.node).toBe(r.txlabHex);
    }
    expect(created.map((x) => x.node)).toEqual(['SegWit', 'Close']);
    for (const x of created) expect(x.imported, x.node).toBe(x.txid);
  });
});
