/** tx.* handlers: sign (in the keystore), broadcast (to the chain), inspect and debug. */
import { toAsm } from '../../../shared/bitcoin/asm';
import { toHex } from '../../../shared/bitcoin/bytes';
import { flagsToNames } from '../../../shared/bitcoin/flags';
import { opcodeLongName } from '../../../shared/bitcoin/opcodes';
import { PrecomputedTx } from '../../../shared/bitcoin/checker';
import { TraceRecorder } from '../../../shared/bitcoin/trace';
import { verifyInput } from '../../../shared/bitcoin/transaction';
import { policyFlags } from '../../../shared/chain/era';
import { err, errFrom, errText, fail, ok, type Result } from '../../../shared/contract/result';
import type { InspectView, SighashView, TraceView } from '../../../shared/contract/views';
import { type AssembledDraft, slotSighash } from '../../../shared/workspace/assemble';
import { fieldRanges } from '../../../shared/workspace/layout';
import { draftToPsbt } from '../../../shared/workspace/psbt';
import { PROFILES } from '../../../shared/chain/profiles';
import { nodeView, spentOutputs, verdicts } from '../nodeViews';
import type { ActionHandlers } from '../actions';
import { findWallet } from '../payees';
import type { Workbench } from '../workbench';
import { signSlots } from '../slotSigning';
import { psbtKeysOf } from '../psbtKeys';
import { ownership } from '../walletViews';

function assembledNode(bench: Workbench, id: string): Result<AssembledDraft> {
  const node = bench.doc.graph.nodes.find((n) => n.id === id);
  if (!node) return errText('NOT_FOUND', 'host.noNode', { node: id });
  if (node.kind !== 'draft') return errText('INVALID_STATE', 'host.alreadyOnChain', { node: node.label });
  return ok(bench.assembled().get(id)!);
}

function viewContext(bench: Workbench) {
  const own = ownership(bench.wallets.listWallets());
  return {
    caches: bench.viewCaches,
    graph: bench.doc.graph,
    assembled: bench.assembled(),
    chains: bench.chains,
    ownerOf: own.ownerOf,
    ownerOfScript: own.ownerOfScript,
    rejections: bench.rejections,
  };
}

export function txHandlers(
  bench: Workbench,
): Pick<ActionHandlers, 'tx.sign' | 'tx.broadcast' | 'tx.inspect' | 'tx.debug' | 'tx.exportPsbt'> {
  return {
    'tx.exportPsbt': (p) => {
      const a = assembledNode(bench, p.node);
      if (!a.ok) return a;
      const drafts = [...bench.assembled().values()];
      const previousTx = (txid: string) =>
        bench.chains.findRecord(a.value.node.chain, txid)?.tx ?? drafts.find((d) => d.record.txid === txid)?.record.tx;
      const r = draftToPsbt(a.value, PROFILES[a.value.node.chain].network, previousTx, psbtKeysOf(bench.wallets));
      // The catalogue text goes along, so the refusal is said in the user's language.
      if (!r.ok) return { ok: false, error: { ...r.error, code: 'INVALID_STATE' } };
      return ok({
        psbt: r.value,
        fileName: `${a.value.node.label.replace(/[^A-Za-z0-9_-]+/g, '-') || 'transaction'}.psbt`,
      });
    },
    'tx.sign': async (p) => {
      const a = assembledNode(bench, p.node);
      if (!a.ok) return a;
      const wallet = findWallet(bench.wallets, p.wallet);
      if (!wallet.ok) return wallet;
      const keys = new Map(
        wallet.value.keys.filter((k) => k.canSign && (!p.keyId || k.id === p.keyId)).map((k) => [k.publicKey, k]),
      );
      // A MuSig2 slot is the wallet's to sign when one of its participants' keys is.
      const keyOf = (s: (typeof a.value.slots)[number]) =>
        keys.get(s.pubKey) ?? s.musig?.keys.map((k) => keys.get(k)).find((k) => k !== undefined);
      const slots = a.value.slots.filter((s) => (p.input === undefined || s.input === p.input) && keyOf(s));
      if (slots.length === 0) {
        return errText('INVALID_STATE', p.input !== undefined ? 'host.noKeyToSignInput' : 'host.noKeyToSign', {
          wallet: wallet.value.name,
          node: a.value.node.label,
          ...(p.input !== undefined ? { input: p.input } : {}),
        });
      }
      const signed = await signSlots(
        bench.wallets,
        wallet.value.id,
        a.value,
        slots,
        keyOf,
        bench.doc.seed,
        p.sighashType,
      );
      if (!signed.ok) return signed;
      const tx = signed.value;
      return ok({
        graph: { nodes: bench.doc.graph.nodes.map((n) => (n.id === p.node && n.kind === 'draft' ? { ...n, tx } : n)) },
        extra: { signed: slots.length },
      });
    },

    'tx.broadcast': async (p) => {
      const a = assembledNode(bench, p.node);
      if (!a.ok) return a;
      if (!a.value.connected) return errText('INVALID_STATE', 'host.inputSpendsNothing', { node: a.value.node.label });
      const hex = toHex(a.value.record.tx.toBuffer());
      const result = await bench.applyChain({
        op: 'broadcast',
        chain: a.value.node.chain,
        hex,
        ...(p.via ? { via: p.via } : {}),
      });
      if (result.op === 'failed') return errFrom('INVALID_STATE', result);
      if (result.op !== 'broadcast') return err('INTERNAL', 'unexpected chain result');
      const outcome = result.outcome;
      const refusal = outcome.ok
        ? undefined
        : {
            reason: outcome.rejection.reason,
            message: outcome.rejection.message,
            ...(outcome.rejection.text ? { text: outcome.rejection.text } : {}),
          };
      bench.noteBroadcast(p.node, refusal);
      return ok({
        changed: true,
        extra: {
          broadcast: outcome.ok
            ? { accepted: true, txid: outcome.txid, ...(outcome.replaced.length ? { replaced: outcome.replaced } : {}) }
            : { accepted: false, txid: outcome.txid, ...refusal },
        },
      });
    },

    'tx.inspect': (p) => {
      const a = assembledNode(bench, p.node);
      if (!a.ok) return a;
      const ctx = viewContext(bench);
      const view = nodeView(a.value.node, ctx);
      if (!view) return errText('NOT_FOUND', 'host.nodeOnMissingChain', { node: p.node });
      const sighashes: SighashView[] = [];
      for (const slot of a.value.slots) {
        const s = slotSighash(a.value, slot);
        if (s)
          sighashes.push({
            input: slot.input,
            sighashType: slot.sighashType,
            ...(s.preimage ? { preimage: toHex(s.preimage) } : {}),
            digest: toHex(s.digest),
          });
      }
      const node = bench.chains.get(a.value.node.chain)!.primary;
      const result: InspectView = {
        node: view,
        hex: toHex(a.value.record.tx.toBuffer()),
        ranges: fieldRanges(a.value.record.tx),
        sighashes,
        verdicts: verdicts(node, a.value.record.tx, a.value.prevouts),
      };
      return ok(result);
    },

    'tx.debug': (p) => {
      const a = assembledNode(bench, p.node);
      if (!a.ok) return a;
      const prevout = a.value.prevouts[p.input];
      if (!a.value.node.tx.inputs[p.input])
        return errText('NOT_FOUND', 'host.noInput', { node: a.value.node.label, input: p.input });
      if (!prevout) return errText('INVALID_STATE', 'host.inputNotConnectedDebug', { input: p.input });
      const node = bench.chains.get(a.value.node.chain)!.primary;
      const flags = policyFlags(node.policy, node.profile.rules);
      const recorder = new TraceRecorder();
      const verdict = verifyInput(
        a.value.record.tx,
        p.input,
        { scriptPubKey: prevout.output.script, amount: prevout.output.value },
        flags,
        // Every input's spent output: a multi-input Taproot spend's signatures commit to them all.
        { trace: recorder, precomputed: new PrecomputedTx(a.value.record.tx, spentOutputs(a.value.prevouts)) },
      );
      const trace = recorder.result();
      const view: TraceView = {
        node: p.node,
        input: p.input,
        flags: flagsToNames(flags),
        phases: trace.phases.map((ph) => ({
          script: ph.role,
          hex: toHex(ph.script),
          asm: toAsm(ph.script, ph.role === 'scriptSig'),
          initialStack: ph.initialStack.map(toHex),
        })),
        steps: trace.phases.flatMap((ph) =>
          ph.steps.map((s) => ({
            script: s.role,
            offset: s.offset,
            opcode: s.opcode >= 0 ? opcodeLongName(s.opcode) : 'END',
            ...(s.pushData ? { pushData: toHex(s.pushData) } : {}),
            executed: s.executed,
            stack: s.stack.map(toHex),
            altStack: s.altStack.map(toHex),
            conditions: s.conditions,
            ...(s.signatureChecks
              ? {
                  signatureChecks: s.signatureChecks.map((c) => ({
                    signature: toHex(c.signature),
                    pubKey: toHex(c.pubKey),
                    sigVersion: c.sigVersion,
                    scriptCode: toHex(c.scriptCode),
                    ...(c.hashType !== undefined ? { hashType: c.hashType } : {}),
                    ...(c.preimage ? { preimage: toHex(c.preimage) } : {}),
                    ...(c.digest ? { digest: toHex(c.digest) } : {}),
                    valid: c.valid,
                  })),
                }
              : {}),
            ...(s.validationWeightLeft !== undefined ? { validationWeightLeft: s.validationWeightLeft } : {}),
            ...(s.error ? { error: s.error } : {}),
          })),
        ),
        result: verdict.ok ? verdict : fail({ code: verdict.error.code, message: verdict.error.message }),
      };
      return ok(view);
    },
  };
}
