/**
 * The open workspace as the host describes it. Every graph edit and chain action answers with
 * the new WorkspaceView, which replaces the old one whole; `workspace.changed` events from
 * elsewhere (a lesson step, the Electron menu, another window) trigger a refetch. The renderer
 * keeps no Bitcoin state of its own.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { typedClient, type TypedClient } from '../../../../shared/contract/client';
import type { HostEvents, MethodName, MethodRequest, MethodResponses } from '../../../../shared/contract/methods';
import type { Result } from '../../../../shared/contract/result';
import type { TemplateInfo, WorkspaceView } from '../../../../shared/contract/views';
import { useConnection, useHost } from '../HostContext';
import { useNotify } from '../Notifications';
import { useI18n } from '../../i18n';
import { hostMessage } from '../../i18n/hostMessage';

export type Progress = HostEvents['progress'];

export interface ActOptions {
  /** Do not show the host's error (the caller shows it in place, e.g. under a field). */
  readonly quiet?: boolean;
  /** Prefix for the error notice ("Sign", "Import"). */
  readonly title?: string;
}

export type Act = <M extends MethodName>(
  method: M,
  params: MethodRequest<M>,
  options?: ActOptions,
) => Promise<Result<MethodResponses[M]>>;

interface WorkspaceValue {
  readonly view: WorkspaceView | undefined;
  readonly templates: readonly TemplateInfo[];
  readonly client: TypedClient;
  /** Calls the host, adopts a returned workspace view, reports an error to the person. */
  readonly act: Act;
  /** How many calls are in flight (a busy indicator). */
  readonly pending: number;
  readonly progress: Progress | undefined;
}

const WorkspaceContext = createContext<WorkspaceValue | null>(null);
/** Each chain's height, apart from the view: a new block re-renders what counts confirmations, not every node. */
const ChainHeightsContext = createContext<Readonly<Record<string, number>>>({});

function isWorkspaceView(value: unknown): value is WorkspaceView {
  return typeof value === 'object' && value !== null && 'revision' in value && 'nodes' in value && 'chains' in value;
}

export function WorkspaceProvider({ children }: { readonly children: ReactNode }): ReactNode {
  const host = useHost();
  const connection = useConnection();
  const notify = useNotify();
  const client = useMemo(() => typedClient(host), [host]);
  const [view, setView] = useState<WorkspaceView | undefined>();
  const [templates, setTemplates] = useState<readonly TemplateInfo[]>([]);
  const [pending, setPending] = useState(0);
  const [progress, setProgress] = useState<Progress | undefined>();
  const revision = useRef(-1);
  const inFlight = useRef(0);
  const announced = useRef(-1);
  // The reader's language for the host's errors, without making `act` change when it changes.
  const { t } = useI18n();
  const tRef = useRef(t);
  useEffect(() => {
    tRef.current = t;
  }, [t]);

  const adopt = useCallback((next: WorkspaceView) => {
    // Answers can overtake each other; an older revision never replaces a newer one.
    if (next.revision < revision.current) return;
    revision.current = next.revision;
    setView(next);
  }, []);

  const refetch = useCallback(async () => {
    const r = await client.call('workspace.get', {});
    if (r.ok) adopt(r.value);
  }, [client, adopt]);

  const act = useCallback<Act>(
    async (method, params, options = {}) => {
      inFlight.current++;
      setPending((n) => n + 1);
      try {
        const r = await client.call(method, params);
        if (r.ok && isWorkspaceView(r.value)) adopt(r.value);
        // A cancel the person asked for is news, not an error.
        if (!r.ok && !options.quiet)
          notify({
            severity: r.error.code === 'CANCELLED' ? 'info' : 'error',
            message: hostMessage(tRef.current, r.error),
            ...(options.title ? { title: options.title } : {}),
          });
        return r;
      } finally {
        inFlight.current--;
        setPending((n) => n - 1);
        if (inFlight.current === 0) setProgress(undefined);
        // A change announced while this call ran (a lesson step's inner calls) and not in its answer.
        if (inFlight.current === 0 && announced.current > revision.current) void refetch();
      }
    },
    [client, adopt, notify, refetch],
  );

  useEffect(() => {
    if (connection.kind !== 'open') return;
    let current = true;
    void client.call('workspace.get', {}).then((r) => {
      if (!current) return;
      if (r.ok) adopt(r.value);
      else notify({ severity: 'error', message: hostMessage(tRef.current, r.error) });
    });
    void client.call('graph.templates', {}).then((r) => {
      if (current && r.ok) setTemplates(r.value.templates);
    });
    return () => {
      current = false;
    };
  }, [client, connection.kind, adopt, notify]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const offChanged = client.on('workspace.changed', ({ revision: announcedRevision }) => {
      announced.current = Math.max(announced.current, announcedRevision);
      if (announcedRevision <= revision.current || inFlight.current > 0) return;
      // Coalesce bursts (mining emits one per block) into one fetch.
      if (timer === undefined) {
        timer = setTimeout(() => {
          timer = undefined;
          void refetch();
        }, 40);
      }
    });
    // Progress re-renders the whole workbench: at most every 150 ms (mining 1000 blocks reports 40 times).
    let progressTimer: ReturnType<typeof setTimeout> | undefined;
    let latestProgress: Progress | undefined;
    const offProgress = client.on('progress', (p) => {
      latestProgress = p;
      if (p.done >= p.total) {
        // A part of the work is done: shown full at once. The panel stays until the call answers
        // (the act above clears it), so a step of several long actions does not flicker between them.
        if (progressTimer !== undefined) clearTimeout(progressTimer);
        progressTimer = undefined;
        setProgress(p);
      } else if (progressTimer === undefined) {
        progressTimer = setTimeout(() => {
          progressTimer = undefined;
          setProgress(latestProgress);
        }, 150);
      }
    });
    return () => {
      offChanged();
      offProgress();
      if (timer !== undefined) clearTimeout(timer);
      if (progressTimer !== undefined) clearTimeout(progressTimer);
    };
  }, [client, refetch]);

  const value = useMemo<WorkspaceValue>(
    () => ({ view, templates, client, act, pending, progress }),
    [view, templates, client, act, pending, progress],
  );
  const heightsKey = view?.chains.map((c) => `${c.id}:${c.height}`).join(',') ?? '';
  // A new object only when a height changed (the key says so), so its readers re-render only then.
  const heights = useMemo(
    () =>
      Object.fromEntries(
        heightsKey === ''
          ? []
          : heightsKey.split(',').map((entry) => [entry.split(':')[0]!, Number(entry.split(':')[1])]),
      ),
    [heightsKey],
  );
  return (
    <WorkspaceContext.Provider value={value}>
      <ChainHeightsContext.Provider value={heights}>{children}</ChainHeightsContext.Provider>
    </WorkspaceContext.Provider>
  );
}

/** The height of a chain of the workspace (undefined before the first view). */
export function useChainHeight(chain: string): number | undefined {
  return useContext(ChainHeightsContext)[chain];
}

export function useWorkspace(): WorkspaceValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace outside WorkspaceProvider'); // a wiring bug
  return value;
}
