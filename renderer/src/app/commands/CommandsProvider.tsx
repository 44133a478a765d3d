/**
 * What each command does, one place for the menu bar, the keyboard, the Help dialog and the
 * Electron menu (which sends `menu.command` events to this window).
 */
import { useReactFlow } from '@xyflow/react';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { isMenuCommand } from '../../../../shared/contract/menu';
import { download, graphImage } from '../../features/graph/exportImage';
import { fitGraph } from '../../features/graph/fit';
import type { SpendEdge, TxFlowNode } from '../../features/graph/flowTypes';
import { useLesson } from '../../features/lessons/useLesson';
import { useI18n } from '../../i18n';
import { useThemeMode } from '../../theme/ThemeModeProvider';
import { useNotify } from '../Notifications';
import { useUi } from '../workspace/UiState';
import { useWorkspace } from '../workspace/WorkspaceProvider';
import { ConfirmNewDialog } from './ConfirmNewDialog';
import { exportWorkspace, importFile, pickAndImport } from './fileCommands';
import { COMMANDS, isTypingTarget, matches, type CommandId } from './registry';

interface CommandsValue {
  readonly run: (id: CommandId) => void;
  readonly enabled: (id: CommandId) => boolean;
}

const CommandsContext = createContext<CommandsValue | null>(null);

export function CommandsProvider({ children }: { readonly children: ReactNode }): ReactNode {
  const { t, language, setLanguage } = useI18n();
  const { toggle, togglePresenter, mode, presenter } = useThemeMode();
  const { view, act, client } = useWorkspace();
  const ui = useUi();
  const notify = useNotify();
  const flow = useReactFlow<TxFlowNode, SpendEdge>();
  const lesson = useLesson();
  const fileInput = useRef<HTMLInputElement>(null);
  const [confirmNew, setConfirmNew] = useState(false);

  const mine = useCallback(
    async (count: number) => {
      // The selected node's chain, else the dock's.
      const node = view?.nodes.find((n) => n.id === ui.selectedNodes[0]);
      const chain = node?.chain ?? (ui.dockTab === 'ltc' ? 'ltc' : 'btc');
      // No wallet named: the host mines to the workspace's default (shared/contract/rewardWallet.ts).
      const r = await act('chain.mine', { chain, count }, { title: t('chain.mine') });
      if (r.ok)
        notify({
          severity: 'success',
          message: t(count === 1 ? 'chain.minedOne' : 'chain.mined', {
            n: count,
            height: r.value.chains.find((c) => c.id === chain)?.height ?? 0,
          }),
        });
    },
    [act, notify, t, view, ui.selectedNodes, ui.dockTab],
  );

  const exportImage = useCallback(
    async (format: 'png' | 'svg') => {
      const nodes = flow.getNodes();
      if (nodes.length === 0) return notify({ severity: 'warning', message: t('file.nothingToExport') });
      try {
        const url = await graphImage(nodes, format, mode === 'dark' ? '#121418' : '#ffffff');
        download(`${view?.name ?? 'graph'}.${format}`, url);
      } catch (e) {
        notify({
          severity: 'error',
          title: t('file.exportImage'),
          message: e instanceof Error ? e.message : String(e),
        });
      }
    },
    [flow, mode, notify, t, view?.name],
  );

  const run = useCallback(
    (id: CommandId) => {
      switch (id) {
        case 'file.new':
          return setConfirmNew(true);
        case 'file.open':
          return pickAndImport(fileInput.current);
        case 'file.save':
          return void exportWorkspace(act, notify, t);
        case 'file.exportPng':
          return void exportImage('png');
        case 'file.exportSvg':
          return void exportImage('svg');
        case 'edit.undo':
          return void act('workspace.undo', {}, { title: t('cmd.edit.undo') });
        case 'edit.redo':
          return void act('workspace.redo', {}, { title: t('cmd.edit.redo') });
        case 'edit.delete': {
          const edges = (view?.edges ?? []).filter((e) => ui.selectedEdges.includes(e.id));
          if (ui.selectedNodes.length === 0 && edges.length === 0) return;
          // The whole selection in one call: one edit, one undo step.
          void act('graph.deleteSelection', {
            nodes: [...ui.selectedNodes],
            edges: edges.map((e) => ({ node: e.to.node, input: e.to.input })),
          }).then((r) => r.ok && ui.select([]));
          return;
        }
        case 'chain.mine1':
          return void mine(1);
        case 'chain.mine6':
          return void mine(6);
        case 'lesson.next':
          return lesson.next();
        case 'lesson.previous':
          return lesson.previous();
        case 'view.fit':
          // In a lesson, "fit" frames the step's transactions.
          return view?.lesson ? ui.requestFrame() : fitGraph(flow, { overlay: false, duration: 250 });
        case 'view.dock':
          return ui.setDockOpen(!ui.dockOpen);
        case 'view.presenter':
          // The panels fold away for the audience and come back afterwards.
          ui.setDockOpen(presenter);
          return togglePresenter();
        case 'view.theme':
          return toggle();
        case 'view.language':
          return setLanguage(language === 'en' ? 'zh-CN' : 'en');
        case 'help.shortcuts':
          return ui.setShortcutsOpen(true);
        case 'help.about':
          return ui.setAboutOpen(true);
      }
    },
    [
      act,
      notify,
      t,
      exportImage,
      view,
      ui,
      mine,
      lesson,
      flow,
      togglePresenter,
      presenter,
      toggle,
      setLanguage,
      language,
    ],
  );

  const enabled = useCallback(
    (id: CommandId) => {
      if (id === 'edit.undo') return view?.canUndo ?? false;
      if (id === 'edit.redo') return view?.canRedo ?? false;
      if (id === 'edit.delete') return ui.selectedNodes.length > 0 || ui.selectedEdges.length > 0;
      if (id === 'lesson.next' || id === 'lesson.previous') return view?.lesson !== undefined;
      return true;
    },
    [view, ui.selectedNodes, ui.selectedEdges],
  );

  // The keyboard: one listener for every shortcut in the registry.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented) return;
      const typing = isTypingTarget(event.target);
      for (const spec of COMMANDS) {
        const shortcut = spec.shortcuts.find((s) => matches(s, event));
        if (!shortcut || (typing && !shortcut.inFields)) continue;
        // Delete acts on the canvas selection only, not on whatever else has focus.
        if (
          spec.id === 'edit.delete' &&
          event.target instanceof HTMLElement &&
          event.target !== document.body &&
          !event.target.closest('.react-flow')
        )
          return;
        if (dialogOpen()) return;
        event.preventDefault();
        run(spec.id);
        return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run]);

  // The Electron menu asks through the host's event stream.
  useEffect(() => client.on('menu.command', ({ command }) => isMenuCommand(command) && run(command)), [client, run]);

  const value = useMemo(() => ({ run, enabled }), [run, enabled]);
  return (
    <CommandsContext.Provider value={value}>
      {children}
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        data-testid="file-input"
        style={{ display: 'none' }}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void importFile(file, act, notify, t).then((ok) => ok && ui.select([]));
        }}
      />
      <ConfirmNewDialog open={confirmNew} onClose={() => setConfirmNew(false)} />
    </CommandsContext.Provider>
  );
}

/** A modal dialog has the keyboard; shortcuts wait. */
function dialogOpen(): boolean {
  return document.querySelector('.MuiDialog-root') !== null;
}

export function useCommands(): CommandsValue {
  const value = useContext(CommandsContext);
  if (!value) throw new Error('useCommands outside CommandsProvider'); // a wiring bug
  return value;
}
