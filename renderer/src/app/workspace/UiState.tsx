/**
 * What the person is looking at (not what the workspace is): the selected nodes and edges, the
 * dock's open tab, the input under the debugger, the part of a transaction highlighted in hex.
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { readPreference, writePreference } from '../preferences';

const WHOLE_KEY = 'txlab.wholeProtocol';

export const DOCK_TABS = ['btc', 'ltc', 'wallets', 'timelocks', 'debugger', 'lesson', 'console'] as const;
export type DockTab = (typeof DOCK_TABS)[number];

/** A part of the selected transaction: a whole input or output, or a named field. */
export type TxFocus = { readonly input: number } | { readonly output: number } | { readonly field: string } | undefined;

export interface DebugTarget {
  readonly node: string;
  readonly input: number;
}

interface UiValue {
  readonly selectedNodes: readonly string[];
  readonly selectedEdges: readonly string[];
  readonly select: (nodes: readonly string[], edges?: readonly string[]) => void;
  readonly dockTab: DockTab;
  readonly setDockTab: (tab: DockTab) => void;
  readonly dockOpen: boolean;
  readonly setDockOpen: (open: boolean) => void;
  readonly debugTarget: DebugTarget | undefined;
  readonly openDebugger: (target: DebugTarget) => void;
  readonly focus: TxFocus;
  readonly setFocus: (focus: TxFocus) => void;
  readonly shortcutsOpen: boolean;
  readonly setShortcutsOpen: (open: boolean) => void;
  readonly aboutOpen: boolean;
  readonly setAboutOpen: (open: boolean) => void;
  /** The chain clock when this window first saw a time lock (where an absolute lock's bar starts). */
  readonly firstSeen: (key: string, now: number) => number;
  /** In a lesson: show every transaction, also those the narration has not introduced yet. */
  readonly wholeProtocol: boolean;
  readonly setWholeProtocol: (on: boolean) => void;
  /** Bumped to ask the canvas to frame the lesson step again ("Frame the step", F). */
  readonly frameRequest: number;
  readonly requestFrame: () => void;
}

const UiContext = createContext<UiValue | null>(null);

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

export function UiStateProvider({ children }: { readonly children: ReactNode }): ReactNode {
  const [selectedNodes, setSelectedNodes] = useState<readonly string[]>([]);
  const [selectedEdges, setSelectedEdges] = useState<readonly string[]>([]);
  const [dockTab, setDockTab] = useState<DockTab>('btc');
  const [dockOpen, setDockOpen] = useState(true);
  const [debugTarget, setDebugTarget] = useState<DebugTarget | undefined>();
  const [focus, setFocus] = useState<TxFocus>();
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [aboutOpen, setAboutOpen] = useState(false);
  // Remembered: an instructor who shows the whole protocol wants it again next time.
  const [wholeProtocol, setWholeProtocolState] = useState(() => readPreference(WHOLE_KEY) === 'on');
  const setWholeProtocol = useCallback((on: boolean) => {
    setWholeProtocolState(on);
    writePreference(WHOLE_KEY, on ? 'on' : 'off');
  }, []);
  const [frameRequest, setFrameRequest] = useState(0);
  const requestFrame = useCallback(() => setFrameRequest((n) => n + 1), []);
  const seen = useRef(new Map<string, number>());
  const firstSeen = useCallback((key: string, now: number) => {
    const known = seen.current.get(key);
    if (known !== undefined) return known;
    seen.current.set(key, now);
    return now;
  }, []);

  const select = useCallback((nodes: readonly string[], edges: readonly string[] = []) => {
    setSelectedNodes((prev) => {
      if (sameList(prev, nodes)) return prev;
      setFocus(undefined);
      return nodes;
    });
    setSelectedEdges((prev) => (sameList(prev, edges) ? prev : edges));
  }, []);

  const openDebugger = useCallback((target: DebugTarget) => {
    setDebugTarget(target);
    setDockTab('debugger');
    setDockOpen(true);
  }, []);

  const value = useMemo<UiValue>(
    () => ({
      selectedNodes,
      selectedEdges,
      select,
      dockTab,
      setDockTab,
      dockOpen,
      setDockOpen,
      debugTarget,
      openDebugger,
      focus,
      setFocus,
      shortcutsOpen,
      setShortcutsOpen,
      aboutOpen,
      setAboutOpen,
      firstSeen,
      wholeProtocol,
      setWholeProtocol,
      frameRequest,
      requestFrame,
    }),
    [
      selectedNodes,
      selectedEdges,
      select,
      dockTab,
      dockOpen,
      debugTarget,
      openDebugger,
      focus,
      shortcutsOpen,
      aboutOpen,
      firstSeen,
      wholeProtocol,
      setWholeProtocol,
      frameRequest,
      requestFrame,
    ],
  );
  return <UiContext.Provider value={value}>{children}</UiContext.Provider>;
}

export function useUi(): UiValue {
  const value = useContext(UiContext);
  if (!value) throw new Error('useUi outside UiStateProvider'); // a wiring bug
  return value;
}
