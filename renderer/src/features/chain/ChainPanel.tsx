/**
 * One chain: where it stands (height, tip, median time past, clock, era and rules), what can be
 * done to it (mine, advance time, switch rules), its blocks and its mempool.
 */
import { Box, Divider, Paper, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import type { ChainSummary } from '../../../../shared/contract/views';
import { groupDigits, shortHash } from '../../format/amounts';
import { formatChainTime } from '../../format/time';
import { useI18n } from '../../i18n';
import { Fact, Mono } from '../common/Mono';
import { BlockList } from './BlockList';
import { MempoolList } from './MempoolList';
import { MineControls } from './MineControls';
import { PolicyControls } from './PolicyControls';

function Column({ title, children, width, testId }: { readonly title: string; readonly children: ReactNode; readonly width?: number; readonly testId?: string }): ReactNode {
  return (
    <Paper variant="outlined" data-testid={testId} sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, minWidth: 0, flex: width ? `0 0 ${width}px` : 1, overflow: 'hidden' }}>
      <Typography sx={{ px: 1.5, py: 0.75, fontWeight: 800, fontSize: '0.9rem', borderBottom: 1, borderColor: 'divider' }}>{title}</Typography>
      {children}
    </Paper>
  );
}

export function ChainPanel({ chain }: { readonly chain: ChainSummary }): ReactNode {
  const { t, language } = useI18n();
  return (
    <Box data-testid={`chain-panel-${chain.id}`} sx={{ display: 'flex', gap: 1.5, p: 1.5, height: '100%', minHeight: 0 }}>
      <Column title={chain.name} width={430}>
        <Box sx={{ p: 1.5, overflowY: 'auto', display: 'flex', flexDirection: 'column', gap: 1 }}>
          <Box sx={{ display: 'flex', gap: 3, alignItems: 'baseline' }}>
            <Box>
              <Typography variant="caption" color="text.secondary">
                {t('chain.height')}
              </Typography>
              <Typography data-testid={`chain-height-${chain.id}`} sx={{ fontWeight: 800, fontSize: '1.7rem', lineHeight: 1.1 }}>
                {chain.height}
              </Typography>
            </Box>
            <Box>
              <Typography variant="caption" color="text.secondary">
                {t('chain.mempool')}
              </Typography>
              <Typography data-testid={`chain-mempool-${chain.id}`} sx={{ fontWeight: 800, fontSize: '1.7rem', lineHeight: 1.1 }}>
                {chain.mempoolCount}
              </Typography>
            </Box>
            <Typography variant="body2" color="text.secondary">
              {groupDigits(chain.mempoolVsize)} vB
            </Typography>
          </Box>
          <Fact label={t('chain.tip')}>
            <Mono>{shortHash(chain.tipHash, 12)}</Mono>
          </Fact>
          <Fact label={t('chain.mtp')}>{formatChainTime(chain.medianTimePast, language)}</Fact>
          <Fact label={t('chain.clock')}>{formatChainTime(chain.time, language)}</Fact>
          <Fact label={t('chain.spacing')}>{t('chain.spacingValue', { minutes: chain.targetSpacing / 60 })}</Fact>
          <Divider sx={{ my: 0.5 }} />
          <MineControls chain={chain} />
          <Divider sx={{ my: 0.5 }} />
          <PolicyControls chain={chain} />
          {chain.nodes.length > 1 ? (
            <>
              <Divider sx={{ my: 0.5 }} />
              <Typography variant="caption" sx={{ fontWeight: 700, color: 'text.secondary' }}>
                {t('chain.network')}
              </Typography>
              {chain.nodes.map((n) => (
                <Typography key={n.name} variant="body2">
                  {n.name}: {t('chain.nodeState', { height: n.height, mempool: n.mempoolCount })}
                </Typography>
              ))}
            </>
          ) : null}
        </Box>
      </Column>
      <Column title={t('chain.blocks')} testId={`blocks-column-${chain.id}`}>
        <BlockList chain={chain} />
      </Column>
      <Column title={t('chain.mempoolEntries', { n: chain.mempoolCount })} testId={`mempool-column-${chain.id}`}>
        <MempoolList chain={chain} />
      </Column>
    </Box>
  );
}
