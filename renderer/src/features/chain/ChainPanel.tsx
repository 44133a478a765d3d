/**
 * One chain: where it stands (height, tip, median time past, clock, era and rules, the simulator
 * or a real node, and whose rules its node applies), what can be done to it (mine, advance time,
 * switch rules, move it to another backend), its blocks and its mempool.
 */
import { Box, Button, Chip, Divider, Paper, Typography } from '@mui/material';
import { useRef, type ReactNode } from 'react';
import type { ChainSummary } from '../../../../shared/contract/views';
import { groupDigits, shortHash } from '../../format/amounts';
import { formatChainTime } from '../../format/time';
import { useI18n } from '../../i18n';
import { chainNodeName } from './nodeName';
import { Fact, Mono } from '../common/Mono';
import { BackendControls } from './BackendControls';
import { BlockList } from './BlockList';
import { MempoolList } from './MempoolList';
import { MineControls } from './MineControls';
import { NodeName, NodeRules } from './NodeRules';
import { PolicyControls } from './PolicyControls';

function Column({
  title,
  children,
  width,
  testId,
}: {
  readonly title: ReactNode;
  readonly children: ReactNode;
  readonly width?: number;
  readonly testId?: string;
}): ReactNode {
  return (
    <Paper
      variant="outlined"
      data-testid={testId}
      sx={{
        display: 'flex',
        flexDirection: 'column',
        minHeight: 0,
        minWidth: 0,
        flex: width ? `0 0 ${width}px` : 1,
        overflow: 'hidden',
      }}
    >
      <Typography
        sx={{ px: 1.5, py: 0.75, fontWeight: 800, fontSize: '0.9rem', borderBottom: 1, borderColor: 'divider' }}
      >
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

export function ChainPanel({ chain }: { readonly chain: ChainSummary }): ReactNode {
  const { t, language } = useI18n();
  const backendSection = useRef<HTMLDivElement>(null);
  const real = chain.backend === 'real';
  return (
    <Box
      data-testid={`chain-panel-${chain.id}`}
      sx={{ display: 'flex', gap: 1.5, p: 1.5, height: '100%', minHeight: 0 }}
    >
      <Column
        title={
          <>
            {chain.name}
            <NodeName chain={chain} />
          </>
        }
        width={430}
      >
        <Box sx={{ p: 1.5, overflowY: 'auto', display: 'flex', flexDirection: 'column', gap: 1 }}>
          <Box sx={{ display: 'flex', gap: 3, alignItems: 'baseline' }}>
            <Box>
              <Typography variant="caption" color="text.secondary">
                {t('chain.height')}
              </Typography>
              <Typography
                data-testid={`chain-height-${chain.id}`}
                sx={{ fontWeight: 800, fontSize: '1.7rem', lineHeight: 1.1 }}
              >
                {chain.height}
              </Typography>
            </Box>
            <Box>
              <Typography variant="caption" color="text.secondary">
                {t('chain.mempool')}
              </Typography>
              <Typography
                data-testid={`chain-mempool-${chain.id}`}
                sx={{ fontWeight: 800, fontSize: '1.7rem', lineHeight: 1.1 }}
              >
                {chain.mempoolCount}
              </Typography>
            </Box>
            <Typography variant="body2" color="text.secondary">
              {groupDigits(chain.mempoolVsize)} vB
            </Typography>
          </Box>
          <NodeRules chain={chain} />
          <Fact label={t('chain.tip')}>
            <Mono>{shortHash(chain.tipHash, 12)}</Mono>
          </Fact>
          <Fact label={t('chain.mtp')}>{formatChainTime(chain.medianTimePast, language)}</Fact>
          <Fact label={t('chain.clock')}>{formatChainTime(chain.time, language)}</Fact>
          <Fact label={t('chain.spacing')}>{t('chain.spacingValue', { minutes: chain.targetSpacing / 60 })}</Fact>
          <Fact label={t('chain.backend.runsOn')}>
            <Box
              data-testid={`chain-backend-${chain.id}`}
              data-backend={chain.backend}
              sx={{ display: 'flex', gap: 0.75, alignItems: 'center', flexWrap: 'wrap' }}
            >
              <Chip
                size="small"
                color={real ? 'info' : 'default'}
                variant={real ? 'filled' : 'outlined'}
                label={real ? t('chain.backend.real') : t('chain.backend.simulated')}
                sx={{ fontWeight: 700 }}
              />
              {real ? (
                <Box data-testid={`chain-node-${chain.id}`} sx={{ minWidth: 0 }}>
                  <Mono>{chain.nodes[0] ? chainNodeName(chain.nodes[0], t) : ''}</Mono>
                </Box>
              ) : null}
              <Button
                size="small"
                sx={{ minWidth: 0, py: 0 }}
                onClick={() => backendSection.current?.scrollIntoView({ behavior: 'smooth', block: 'start' })}
              >
                {t('chain.backend.change')}
              </Button>
            </Box>
          </Fact>
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
                  {chainNodeName(n, t)}: {t('chain.nodeState', { height: n.height, mempool: n.mempoolCount })}
                </Typography>
              ))}
            </>
          ) : null}
          <Divider sx={{ my: 0.5 }} />
          <BackendControls chain={chain} ref={backendSection} />
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
