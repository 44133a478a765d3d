/**
 * The transaction graph canvas: a pure mapping of the host's workspace view (transactions as
 * nodes, spent outpoints as edges). Every edit goes to the host as a contract call: connecting
 * an output to an input, moving nodes, dropping a template; the host's answer is what shows.
 */
import { Box, Button, Typography, useTheme } from '@mui/material';
import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
  useStore,
  useStoreApi,
  type Connection,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
  type OnSelectionChangeParams,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useUi } from '../../app/workspace/UiState';
import { useWorkspace } from '../../app/workspace/WorkspaceProvider';
import { useI18n } from '../../i18n';
import { statusColours } from '../../theme/status';
import { useThemeMode } from '../../theme/ThemeModeProvider';
import { FIT_VIEW_OPTIONS, fitGraph, preframeGraph } from './fit';
import { handleIndex, NODE_WIDTH, type SpendEdge, type TxFlowNode } from './flowTypes';
import { StageBar } from '../stage/StageBar';
import { nodeStages, quietStage } from '../stage/stageModel';
import { useStageFraming } from '../stage/useStageFraming';
import { mapEdges, mapNodes, newMappingCache, type StageDecor } from './mapping';
import { OverviewLayer } from './OverviewLayer';
import { isFar, isOverview } from './OverviewNode';
import { TEMPLATE_MIME } from './Palette';
import { TxNode } from './TxNode';
import { useAddNode } from './useAddNode';
import type { ChainId } from '../../../../shared/chain/profiles';

// Module scope: React Flow re-renders everything when these identities change.
const NODE_TYPES = { tx: TxNode };
const PRO_OPTIONS = { hideAttribution: true };
const NO_EDGES: SpendEdge[] = [];
/** Above this many nodes, only the nodes on screen are rendered (far out none are: see `shownNodes`). */
const VISIBLE_ONLY_ABOVE = 300;

const dropSchema = (text: string): { template: string; chain: ChainId } | undefined => {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const template: unknown = Reflect.get(value, 'template');
    const chain: unknown = Reflect.get(value, 'chain');
    if (typeof template !== 'string' || (chain !== 'btc' && chain !== 'ltc')) return undefined;
    return { template, chain };
  } catch {
    return undefined;
  }
};

/** Graphs larger than this get a minimap. */
const MINIMAP_FROM = 40;

export function GraphCanvas(): ReactNode {
  const { t, language } = useI18n();
  const { mode, presenter } = useThemeMode();
  const { palette } = useTheme();
  const { view, act } = useWorkspace();
  const { select, selectedNodes, setDockTab, setDockOpen, wholeProtocol, frameRequest } = useUi();
  const flow = useReactFlow<TxFlowNode, SpendEdge>();
  const store = useStoreApi<TxFlowNode, SpendEdge>();
  const overview = useStore(isOverview);
  const far = useStore(isFar);
  const addNode = useAddNode();
  const [nodes, setNodes] = useState<TxFlowNode[]>([]);
  const [edges, setEdges] = useState<SpendEdge[]>([]);
  const cache = useRef(newMappingCache());
  const shownIds = useRef(new Set<string>());
  const container = useRef<HTMLDivElement>(null);
  // A lesson's stage (stage/): focus, marks, dimming and the transactions not introduced yet.
  const stage = view?.lesson?.stage;
  const decor = useMemo<StageDecor | undefined>(
    () =>
      stage
        ? { byNode: nodeStages(stage), quiet: quietStage(stage), hidden: new Set(wholeProtocol ? [] : stage.hidden) }
        : undefined,
    [stage, wholeProtocol],
  );
  const visible = useMemo(
    () => (view ? view.nodes.filter((n) => !decor?.hidden.has(n.id)).map((n) => n.id) : []),
    [view, decor],
  );
  const framing = useStageFraming({ view, flow, store, presenter, frameRequest, visible, container, layout: language });

  useEffect(() => {
    if (!view) return;
    // A different workspace (new, import): frame the whole graph. A lesson frames its steps itself.
    const ids = view.nodes.map((n) => n.id);
    const continuing = ids.some((id) => shownIds.current.has(id));
    shownIds.current = new Set(ids);
    if (!continuing && ids.length > 0 && !view.lesson) {
      const { width, height, minZoom } = store.getState();
      preframeGraph(flow, view.nodes, { width, height, minZoom }, false);
      requestAnimationFrame(() => fitGraph(flow, { overlay: false }));
    }
    setNodes((previous) => mapNodes(view, previous, cache.current, decor));
    setEdges((previous) => mapEdges(view, previous, mode, decor));
  }, [view, mode, flow, store, decor]);

  // Selection made elsewhere (a new node, the inspector) shows on the canvas.
  useEffect(() => {
    const wanted = new Set(selectedNodes);
    setNodes((current) =>
      current.some((n) => Boolean(n.selected) !== wanted.has(n.id))
        ? current.map((n) => (Boolean(n.selected) === wanted.has(n.id) ? n : { ...n, selected: wanted.has(n.id) }))
        : current,
    );
  }, [selectedNodes]);

  const onNodesChange = useCallback((changes: NodeChange<TxFlowNode>[]) => {
    // Removal goes through the host (Delete key → edit.delete), never straight into local state.
    setNodes((current) =>
      applyNodeChanges(
        changes.filter((c) => c.type !== 'remove'),
        current,
      ),
    );
  }, []);
  const onEdgesChange = useCallback((changes: EdgeChange<SpendEdge>[]) => {
    setEdges((current) =>
      applyEdgeChanges(
        changes.filter((c) => c.type !== 'remove'),
        current,
      ),
    );
  }, []);

  const onSelectionChange = useCallback(
    ({ nodes: n, edges: e }: OnSelectionChangeParams<TxFlowNode, SpendEdge>) =>
      select(
        n.map((x) => x.id),
        e.map((x) => x.id),
      ),
    [select],
  );

  const onNodeDragStop = useCallback(
    (_event: unknown, _node: TxFlowNode, dragged: TxFlowNode[]) => {
      const moves = dragged.map((n) => ({
        id: n.id,
        position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
      }));
      if (moves.length > 0) void act('graph.moveNodes', { moves });
    },
    [act],
  );

  const byId = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);
  const isValidConnection = useCallback<IsValidConnection<SpendEdge>>(
    (c) => {
      const output = handleIndex(c.sourceHandle, 'out');
      const input = handleIndex(c.targetHandle, 'in');
      if (output === undefined || input === undefined || c.source === c.target) return false;
      const from = byId.get(c.source)?.data.view;
      const to = byId.get(c.target)?.data.view;
      // Output → input of a draft on the same chain; the host checks the rest (cycles, double spends).
      return from !== undefined && to !== undefined && to.kind === 'draft' && from.chain === to.chain;
    },
    [byId],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const output = handleIndex(c.sourceHandle, 'out');
      const input = handleIndex(c.targetHandle, 'in');
      if (output === undefined || input === undefined) return;
      void act(
        'graph.connect',
        { from: { node: c.source, output }, to: { node: c.target, input } },
        { title: t('action.connect') },
      );
    },
    [act, t],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (event.dataTransfer.types.includes(TEMPLATE_MIME)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const dropped = dropSchema(event.dataTransfer.getData(TEMPLATE_MIME));
      if (!dropped) return;
      event.preventDefault();
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      void addNode(dropped.template, dropped.chain, { x: at.x - 40, y: at.y - 30 });
    },
    [flow, addNode],
  );

  const ariaLabels = useMemo(
    () => ({
      'controls.ariaLabel': t('canvas.controls'),
      'controls.zoomIn.ariaLabel': t('canvas.zoomIn'),
      'controls.zoomOut.ariaLabel': t('canvas.zoomOut'),
      'controls.fitView.ariaLabel': t('canvas.fitView'),
      'controls.interactive.ariaLabel': t('canvas.interactive'),
      'minimap.ariaLabel': t('canvas.minimap'),
    }),
    [t],
  );

  // Far out the nodes are drawn by OverviewLayer; their elements are not mounted at all (React
  // Flow skips hidden nodes), which is most of what a 2,000-node import or pan would cost.
  const shownNodes = useMemo(
    () => (far ? nodes.map((n) => (n.hidden ? n : { ...n, hidden: true })) : nodes),
    [far, nodes],
  );

  const minimapColour = useCallback((n: TxFlowNode) => statusColours(n.data.view.status.kind, mode).main, [mode]);

  const empty = view !== undefined && view.nodes.length === 0;
  return (
    // React Flow's dark palette has its own greys; the canvas uses the app theme's instead.
    <Box
      ref={container}
      data-testid="graph-canvas"
      data-node-count={view?.nodes.length ?? 0}
      data-revision={view?.revision ?? -1}
      data-overview={overview}
      data-far={far}
      data-stage-wanted={framing.wanted ?? ''}
      data-stage-framed={framing.framed ?? ''}
      data-stage-focus={stage?.focus.join(',') ?? ''}
      sx={(theme) => ({
        height: '100%',
        '--xy-background-color': theme.palette.background.default,
        '--xy-node-background-color': theme.palette.background.paper,
        '--xy-controls-button-background-color': theme.palette.background.paper,
        '--xy-controls-button-border-color': theme.palette.divider,
        '--xy-minimap-background-color': theme.palette.background.paper,
        '& .react-flow__node-tx': {
          padding: 0,
          border: 'none',
          background: 'transparent',
          borderRadius: 2,
          width: 'auto',
        },
        '& .react-flow__edge.selected path.react-flow__edge-path': { strokeWidth: 4.5 },
        // The lesson stage: the step's transactions outlined, the rest receding.
        '& .react-flow__node.txlab-dimmed': { opacity: 0.3, transition: 'opacity 200ms' },
        '& .react-flow__node.txlab-focused': { opacity: 1, transition: 'opacity 200ms' },
        '& .react-flow__node.txlab-focused > [data-testid="tx-node"]': {
          outline: `4px solid ${theme.palette.primary.main}`,
          outlineOffset: 3,
        },
        '& .react-flow__edge.txlab-step-edge path.react-flow__edge-path': {
          filter: `drop-shadow(0 0 3px ${theme.palette.primary.main})`,
        },
        '& .react-flow__handle': { cursor: 'crosshair' },
        // The zoomed-out node (OverviewNode): styles here once, not per node.
        '& .txlab-overview-node': {
          position: 'relative',
          boxSizing: 'border-box',
          width: NODE_WIDTH,
          border: '2px solid',
          borderLeftWidth: 7,
          borderRadius: '8px',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
        },
        '& .txlab-overview-node[data-selected="true"]': {
          outline: `10px solid ${theme.palette.primary.main}`,
          outlineOffset: 4,
        },
        // Names wrap, never cut ("Redeem Carol→Dave" on two lines).
        '& .txlab-overview-label': {
          maxWidth: '100%',
          px: 1,
          overflowWrap: 'anywhere',
          textAlign: 'center',
          fontSize: 44,
          fontWeight: 800,
          lineHeight: 1.05,
          color: theme.palette.text.primary,
        },
        // Placed by margins rather than React Flow's translate: thousands of transforms are thousands of layers to sort.
        '& .txlab-overview-node .react-flow__handle': {
          width: 12,
          height: 12,
          border: '2.5px solid',
          background: 'var(--xy-node-background-color)',
          transform: 'none',
          marginTop: '-6px',
        },
        '& .txlab-overview-node .react-flow__handle-left': { left: -6 },
        '& .txlab-overview-node .react-flow__handle-right': { right: -6 },
      })}
    >
      <ReactFlow<TxFlowNode, SpendEdge>
        aria-label={t('canvas.label')}
        nodes={shownNodes}
        edges={overview ? NO_EDGES : edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onSelectionChange={onSelectionChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onMoveStart={framing.onMoveStart}
        isValidConnection={isValidConnection}
        onDrop={onDrop}
        onDragOver={onDragOver}
        colorMode={mode}
        ariaLabelConfig={ariaLabels}
        deleteKeyCode={null}
        // Presenting, the arrows and Space turn the lesson's pages (StagePanel), not nodes or the pan mode.
        disableKeyboardA11y={presenter}
        panActivationKeyCode={presenter ? null : 'Space'}
        minZoom={0.05}
        maxZoom={2.5}
        onlyRenderVisibleElements={!far && nodes.length > VISIBLE_ONLY_ABOVE}
        proOptions={PRO_OPTIONS}
        connectionRadius={28}
      >
        {overview ? (
          <OverviewLayer
            nodes={decor ? nodes.filter((n) => !decor.hidden.has(n.id)) : nodes}
            edges={edges.filter((e) => !e.hidden)}
            far={far}
            mode={mode}
            selectionColour={palette.primary.main}
          />
        ) : null}
        {stage ? (
          <Panel position="top-left">
            <StageBar stage={stage} />
          </Panel>
        ) : null}
        {/* Zoomed out, the dots would be a pixel apart: grey noise that is costly to redraw as the canvas moves. */}
        {overview ? null : <Background variant={BackgroundVariant.Dots} gap={22} size={1.3} />}
        <Controls position="bottom-left" showInteractive={false} fitViewOptions={FIT_VIEW_OPTIONS} />
        {/* A minimap helps find one's way in a big graph; a lesson's dozen nodes fit on screen, and it would cover some. Far out the canvas itself is the whole picture. */}
        {nodes.length > MINIMAP_FROM && !far ? (
          <MiniMap
            position="bottom-right"
            pannable
            zoomable
            nodeColor={minimapColour}
            nodeStrokeWidth={0}
            style={{ width: 160, height: 110 }}
          />
        ) : null}
        {empty ? (
          <Panel position="top-center">
            <Box
              data-testid="canvas-empty"
              sx={{
                mt: 6,
                p: 3,
                maxWidth: 520,
                textAlign: 'center',
                borderRadius: 3,
                border: 1,
                borderStyle: 'dashed',
                borderColor: 'divider',
                bgcolor: 'background.paper',
              }}
            >
              <Typography variant="h6" sx={{ fontWeight: 800 }}>
                {t('canvas.empty')}
              </Typography>
              <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                {t('canvas.emptyHint')}
              </Typography>
              <Box sx={{ display: 'flex', gap: 1, justifyContent: 'center', mt: 2 }}>
                <Button
                  variant="outlined"
                  data-testid="canvas-empty-coins"
                  onClick={() => {
                    setDockTab('wallets');
                    setDockOpen(true);
                  }}
                >
                  {t('canvas.emptyCoins')}
                </Button>
                <Button
                  variant="contained"
                  disableElevation
                  onClick={() => {
                    setDockTab('lesson');
                    setDockOpen(true);
                  }}
                >
                  {t('canvas.emptyLesson')}
                </Button>
              </Box>
            </Box>
          </Panel>
        ) : null}
      </ReactFlow>
    </Box>
  );
}
