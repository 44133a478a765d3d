/**
 * The transaction graph canvas. Empty for now: nodes and edges will be a pure mapping of the
 * host's workspace view (transactions as nodes, spent outpoints as edges).
 */
import { Box, Typography } from '@mui/material';
import { Background, BackgroundVariant, Controls, Panel, ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo, type ReactNode } from 'react';
import { useI18n } from '../../i18n';
import type { ThemeMode } from '../../theme/theme';

// Module scope: React Flow re-renders when these identities change.
const NO_NODES: Node[] = [];
const NO_EDGES: Edge[] = [];

export function GraphCanvas({ mode }: { readonly mode: ThemeMode }): ReactNode {
  const { t } = useI18n();
  const ariaLabels = useMemo(
    () => ({
      'controls.ariaLabel': t('canvas.controls'),
      'controls.zoomIn.ariaLabel': t('canvas.zoomIn'),
      'controls.zoomOut.ariaLabel': t('canvas.zoomOut'),
      'controls.fitView.ariaLabel': t('canvas.fitView'),
      'controls.interactive.ariaLabel': t('canvas.interactive'),
    }),
    [t],
  );
  return (
    // React Flow's dark palette has its own greys; the canvas uses the app theme's instead.
    <Box
      sx={(theme) => ({
        height: '100%',
        '--xy-background-color': theme.palette.background.default,
        '--xy-controls-button-background-color': theme.palette.background.paper,
        '--xy-controls-button-border-color': theme.palette.divider,
      })}
    >
      <ReactFlow
        data-testid="graph-canvas"
        aria-label={t('canvas.label')}
        nodes={NO_NODES}
        edges={NO_EDGES}
        colorMode={mode}
        ariaLabelConfig={ariaLabels}
        minZoom={0.2}
        maxZoom={2.5}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} />
        <Controls position="bottom-left" showInteractive={false} />
        <Panel position="top-center">
          <Typography data-testid="canvas-empty" variant="body2" sx={{ mt: 3, color: 'text.secondary', userSelect: 'none' }}>
            {t('canvas.empty')}
          </Typography>
        </Panel>
      </ReactFlow>
    </Box>
  );
}
