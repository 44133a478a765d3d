/** The mempool by fee rate, virtualised, with the graph node of each entry when it has one. */
import { Box, Typography } from '@mui/material';
import { useCallback, type ReactNode } from 'react';
import type { ChainSummary, MempoolEntryView } from '../../../../shared/contract/views';
import { useUi } from '../../app/workspace/UiState';
import { useWorkspace } from '../../app/workspace/WorkspaceProvider';
import { groupDigits, shortHash } from '../../format/amounts';
import { useI18n } from '../../i18n';
import { nodeLabel } from '../graph/nodeNames';
import { MONO_STACK } from '../../theme/theme';
import { usePagedRows, VirtualList } from '../common/VirtualList';

const COLUMNS = 'minmax(0, 1.3fr) minmax(0, 1fr) 48px minmax(0, 0.9fr) 56px';
const ROW_HEIGHT = 30;

export function MempoolList({ chain }: { readonly chain: ChainSummary }): ReactNode {
  const { t } = useI18n();
  const { client, view } = useWorkspace();
  const { select } = useUi();
  const revision = view?.revision ?? 0;
  const fetchPage = useCallback(
    async (offset: number, limit: number) => {
      const r = await client.call('chain.mempool', { chain: chain.id, offset, limit });
      return r.ok ? { items: r.value.entries, total: r.value.total } : undefined;
    },
    [client, chain.id],
  );
  const rows = usePagedRows<MempoolEntryView>(fetchPage, `${chain.id}:${revision}`);
  const labels = new Map((view?.nodes ?? []).map((n) => [n.id, nodeLabel(n.label, t)]));
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, flex: 1 }}>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: COLUMNS,
          gap: 1,
          px: 1,
          py: 0.5,
          fontSize: '0.75rem',
          fontWeight: 700,
          color: 'text.secondary',
          borderBottom: 1,
          borderColor: 'divider',
        }}
      >
        <span>txid</span>
        <span>{t('chain.col.node')}</span>
        <span>vsize</span>
        <span>{t('chain.col.fee')}</span>
        <span>{t('chain.col.feeRate')}</span>
      </Box>
      <VirtualList
        testId={`mempool-${chain.id}`}
        rowHeight={ROW_HEIGHT}
        {...rows}
        empty={
          <Typography color="text.secondary" sx={{ p: 1.5, fontStyle: 'italic', fontSize: '0.85rem' }}>
            {t('chain.mempoolEmpty')}
          </Typography>
        }
        render={(e) => (
          <Box
            data-testid="mempool-row"
            onClick={() => e.node && select([e.node])}
            sx={{
              display: 'grid',
              gridTemplateColumns: COLUMNS,
              gap: 1,
              px: 1,
              alignItems: 'center',
              height: ROW_HEIGHT,
              fontSize: '0.84rem',
              borderBottom: 1,
              borderColor: 'divider',
              cursor: e.node ? 'pointer' : 'default',
            }}
          >
            <Typography component="span" noWrap title={e.txid} sx={{ fontFamily: MONO_STACK, fontSize: '0.78rem' }}>
              {shortHash(e.txid, 10)}
            </Typography>
            <Typography component="span" noWrap sx={{ fontWeight: 700, fontSize: 'inherit' }}>
              {e.node ? (labels.get(e.node) ?? e.node) : '—'}
            </Typography>
            <span>{e.vsize}</span>
            <span>{groupDigits(e.fee)}</span>
            <span>{e.feeRate.toFixed(1)}</span>
          </Box>
        )}
      />
    </Box>
  );
}
