/** Every time lock in the graph on its chain's clock (the dock's Time locks tab). */
import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useWorkspace } from '../../app/workspace/WorkspaceProvider';
import { useI18n } from '../../i18n';
import { lockRows } from './lockRows';
import { TimelineChart } from './TimelineChart';

export function TimelocksPanel(): ReactNode {
  const { t } = useI18n();
  const { view } = useWorkspace();
  if (!view) return null;
  const rows = lockRows(view.name, view.nodes);
  return (
    <Box data-testid="timelocks-panel" sx={{ p: 2 }}>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5, maxWidth: 900 }}>
        {t('timeline.explain')}
      </Typography>
      {rows.length === 0 ? (
        <Typography color="text.secondary" sx={{ fontStyle: 'italic' }}>
          {t('timeline.none')}
        </Typography>
      ) : (
        view.chains.map((chain) => {
          const onChain = rows.filter((r) => view.nodes.find((n) => n.id === r.node)?.chain === chain.id);
          return onChain.length > 0 ? <TimelineChart key={chain.id} rows={onChain} chain={chain} /> : null;
        })
      )}
    </Box>
  );
}
