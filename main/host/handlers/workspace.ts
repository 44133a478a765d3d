/** workspace.* handlers: new, export, import, undo/redo. */
import { errText, errWithin, ok } from '../../../shared/contract/result';
import { parseScenarioJson, serializeScenario } from '../../../shared/scenario/parse';
import type { ScenarioFile } from '../../../shared/scenario/schema';
import { type ActionHandlers, CHANGED, VIEW_ONLY } from '../actions';
import type { Workbench } from '../workbench';

/**
 * The open workspace as a scenario file: wallets' public parts; mnemonics only when the main
 * process asks on the user's explicit request (never through the renderer's contract).
 */
export function exportDocument(bench: Workbench, includePrivateKeys: boolean): ScenarioFile {
  const mnemonics = includePrivateKeys ? bench.wallets.exportMnemonicsDangerously() : new Map<string, string>();
  const wallets = bench.wallets.listWallets().map((w) => ({
    name: w.name,
    keys: w.keys
      .filter((k) => k.origin === 'derived')
      .map((k) => ({ purpose: k.purpose, index: k.index, label: k.label, publicKey: k.publicKey })),
    ...(mnemonics.has(w.id) ? { private: { mnemonic: mnemonics.get(w.id)! } } : {}),
  }));
  const handovers = bench.wallets.handovers().map((h) => ({
    keyLabel: h.keyLabel,
    publicKey: h.publicKey,
    from: h.fromWalletName,
    to: h.toWalletName,
    reason: h.reason,
  }));
  return { ...bench.doc, wallets, handovers };
}

/** Wallets, keys and handovers of a file, in a fresh store (not yet the app's). */
export async function walletsFor(bench: Workbench, doc: ScenarioFile) {
  const store = await bench.freshWallets(doc);
  if (!store.ok) return store;
  for (const [i, h] of doc.handovers.entries()) {
    const wallets = store.value.listWallets();
    const from = wallets.find((w) => w.name === h.from);
    const to = wallets.find((w) => w.name === h.to);
    const key = from?.keys.find((k) => k.publicKey === h.publicKey);
    if (!from || !to || !key)
      return errText(
        'IMPORT_FAILED',
        'host.handoverMissing',
        { i, key: h.keyLabel },
        {
          path: `handovers[${i}]`,
        },
      );
    const r = await store.value.handOverKey(key.id, from.id, to.id, h.reason);
    if (!r.ok) {
      const path = `handovers[${i}]`;
      return errWithin('IMPORT_FAILED', { key: 'host.import.at', params: { path } }, r.error, { path });
    }
  }
  return store;
}

export function workspaceHandlers(
  bench: Workbench,
): Pick<ActionHandlers, `workspace.${string}` & keyof ActionHandlers> {
  return {
    'workspace.get': () => ok(VIEW_ONLY),
    'workspace.new': async (p) => {
      const r = await bench.newWorkspace();
      if (!r.ok) return r;
      if (p.name) bench.rename(p.name);
      return ok({ changed: p.name !== undefined });
    },
    'workspace.export': () => {
      const file = exportDocument(bench, false);
      return ok({
        json: serializeScenario(file),
        fileName: `${file.name.replace(/[^A-Za-z0-9_-]+/g, '-') || 'workspace'}.txlab.json`,
      });
    },
    'workspace.import': async (p) => {
      const parsed = parseScenarioJson(p.json);
      if (!parsed.ok) return parsed;
      const store = await walletsFor(bench, parsed.value);
      if (!store.ok) return store;
      // A lesson file keeps its starting point so its steps can be replayed from the lesson panel.
      const base = parsed.value.lesson && parsed.value.lesson.position === 0 ? parsed.value : undefined;
      const switched = await bench.switchTo(parsed.value, store.value, base);
      return switched.ok ? ok(VIEW_ONLY) : switched;
    },
    'workspace.undo': () => (bench.undo() ? ok(CHANGED) : errText('INVALID_STATE', 'host.nothingToUndo')),
    'workspace.redo': () => (bench.redo() ? ok(CHANGED) : errText('INVALID_STATE', 'host.nothingToRedo')),
  };
}
