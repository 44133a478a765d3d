/** The chain's blocks, newest first, virtualised: thousands of blocks scroll without a stall. */
import { Box, Typography } from '@mui/material';
import { useCallback, type ReactNode } from 'react';
import type { BlockSummary, ChainSummary } from '../../../../shared/contract/views';
import { useWorkspace } from '../../app/workspace/WorkspaceProvider';
import { groupDigits, shortHash } from '../../format/amounts';
import { formatChainTime, formatChainTimeShort } from '../../format/time';
import { useI18n } from '../../i18n';
import { MONO_STACK } from '../../theme/theme';
import { usePagedRows, VirtualList } from '../common/VirtualList';

// Every column may shrink (the dock column is narrow on a laptop); cells cut with an ellipsis.
const COLUMNS = '52px minmax(0, 1.2fr) 34px minmax(0, 0.8fr) minmax(0, 0.8fr) minmax(0, 1.2fr)';
const ROW_HEIGHT = 30;

export function BlockList({ chain }: { readonly chain: ChainSummary }): ReactNode {
  const { t, language } = useI18n();
  const { client } = useWorkspace();
  const fetchPage = useCallback(
    async (offset: number, limit: number) => {
      const r = await client.call('chain.blocks', {
        chain: chain.id,
        fromHeight: Math.max(0, chain.height - offset),
        limit,
      });
      return r.ok ? { items: r.value.blocks, total: r.value.height + 1 } : undefined;
    },
    // Offsets count down from the height; a new tip (or a reorg) refetches through the key below.
    [client, chain.id, chain.height],
  );
  const rows = usePagedRows<BlockSummary>(fetchPage, `${chain.id}:${chain.tipHash}`);
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
        <span>{t('chain.col.height')}</span>
        <span>{t('chain.col.hash')}</span>
        <span>{t('chain.col.txs')}</span>
        <span>{t('chain.col.weight')}</span>
        <span>{t('chain.col.fees')}</span>
        <span>{t('chain.col.time')}</span>
      </Box>
      <VirtualList
        testId={`blocks-${chain.id}`}
        rowHeight={ROW_HEIGHT}
        {...rows}
        render={(b) => (
          <Box
            data-testid="block-row"
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
            }}
          >
            <Typography component="span" sx={{ fontWeight: 800, fontSize: 'inherit' }}>
              {b.height}
            </Typography>
            <Typography component="span" noWrap title={b.hash} sx={{ fontFamily: MONO_STACK, fontSize: '0.78rem' }}>
              {shortHash(b.hash, 10)}
            </Typography>
            <span>{b.txCount}</span>
            <Typography component="span" noWrap sx={{ fontSize: 'inherit' }}>
              {groupDigits(b.weight)}
            </Typography>
            <Typography component="span" noWrap sx={{ fontSize: 'inherit' }}>
              {groupDigits(b.fees)}
            </Typography>
            <Typography
              component="span"
              noWrap
              title={formatChainTime(b.time, language)}
              sx={{ fontSize: '0.78rem', color: 'text.secondary' }}
            >
              {formatChainTimeShort(b.time, language)}
            </Typography>
          </Box>
        )}
      />
    </Box>
  );
}
