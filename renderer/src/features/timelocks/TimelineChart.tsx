/**
 * Time locks on their chain's clock: a bar per lock from where its countdown starts to where it
 * opens, a "now" line that moves as blocks are mined or time advances, and the words for each
 * (open / in N blocks / at a time / waiting for a confirmation).
 */
import { Box, Typography } from '@mui/material';
import { alpha } from '@mui/material/styles';
import type { ReactNode } from 'react';
import type { ChainSummary } from '../../../../shared/contract/views';
import { useUi } from '../../app/workspace/UiState';
import { formatChainTime } from '../../format/time';
import { useI18n } from '../../i18n';
import { lockRuleLabel, lockSourceLabel, lockStateLabel } from '../common/labels';
import { layoutAxis, type Axis, type Domain, type LockRow } from './timelineModel';

const LABEL_WIDTH = 230;

function AxisView({ axis, chain }: { readonly axis: Axis; readonly chain: ChainSummary }): ReactNode {
  const { t, language } = useI18n();
  const value = (v: number): string =>
    axis.domain === 'blocks' ? t('timeline.height', { height: Math.round(v) }) : formatChainTime(v, language);
  return (
    <Box data-testid={`timeline-${chain.id}-${axis.domain}`} sx={{ mb: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1, mb: 0.5 }}>
        <Typography sx={{ fontWeight: 800, fontSize: '0.9rem' }}>
          {chain.name} · {axis.domain === 'blocks' ? t('timeline.blocksAxis') : t('timeline.timeAxis')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('timeline.now', { value: value(axis.now) })}
        </Typography>
      </Box>
      <Box sx={{ position: 'relative' }}>
        {axis.rows.map((row) => {
          const open = row.lock.open;
          // A conflicted transaction can never use its lock; a confirmed one already has.
          const moot = row.status === 'conflicted' || row.status === 'confirmed';
          const left = row.start * 100;
          const width = row.end !== undefined ? Math.max(0.8, (row.end - row.start) * 100) : undefined;
          return (
            <Box
              key={row.key}
              data-testid="timeline-row"
              data-open={open ? 'true' : 'false'}
              sx={{
                opacity: moot ? 0.55 : 1,
                display: 'flex',
                alignItems: 'center',
                gap: 1.5,
                minHeight: 44,
                borderBottom: 1,
                borderColor: 'divider',
              }}
            >
              <Box sx={{ width: LABEL_WIDTH, flexShrink: 0 }}>
                <Typography noWrap sx={{ fontWeight: 700, fontSize: '0.88rem' }}>
                  {row.nodeLabel} · {lockSourceLabel(row.lock, t)}
                </Typography>
                <Typography noWrap variant="body2" color="text.secondary" sx={{ fontSize: '0.78rem' }}>
                  {lockRuleLabel(row.lock, t, language)}
                </Typography>
              </Box>
              <Box sx={{ flex: 1, position: 'relative', height: 22 }}>
                <Box sx={{ position: 'absolute', inset: '10px 0 auto 0', height: 2, bgcolor: 'divider' }} />
                {width !== undefined ? (
                  <Box
                    sx={(theme) => {
                      const c = open ? theme.palette.success.main : theme.palette.warning.main;
                      return {
                        position: 'absolute',
                        left: `${left}%`,
                        width: `${width}%`,
                        top: 3,
                        height: 16,
                        borderRadius: 1,
                        border: `2px solid ${c}`,
                        background: open
                          ? alpha(c, 0.35)
                          : `repeating-linear-gradient(135deg, ${alpha(c, 0.28)} 0 6px, ${alpha(c, 0.1)} 6px 12px)`,
                      };
                    }}
                  />
                ) : (
                  <Box
                    sx={(theme) => ({
                      position: 'absolute',
                      left: `${left}%`,
                      right: 0,
                      top: 3,
                      height: 16,
                      borderRadius: 1,
                      border: `2px dashed ${theme.palette.text.disabled}`,
                    })}
                  />
                )}
              </Box>
              <Typography
                data-testid="timeline-state"
                sx={{
                  width: 190,
                  flexShrink: 0,
                  fontSize: '0.84rem',
                  fontWeight: 700,
                  color: moot ? 'text.secondary' : open ? 'success.main' : 'warning.main',
                }}
              >
                {row.status === 'conflicted'
                  ? t('lock.state.conflicted')
                  : row.status === 'confirmed'
                    ? t('lock.state.used')
                    : lockStateLabel(row.lock, chain, t, language)}
              </Typography>
            </Box>
          );
        })}
        {/* The "now" line runs over the bars' track only. */}
        <Box
          sx={{
            position: 'absolute',
            top: 0,
            bottom: 0,
            left: `calc(${LABEL_WIDTH + 12}px + (100% - ${LABEL_WIDTH + 12 + 190 + 12}px) * ${axis.nowAt})`,
            width: 0,
            borderLeft: 2,
            borderColor: 'primary.main',
            pointerEvents: 'none',
          }}
        />
      </Box>
      <Box sx={{ display: 'flex', justifyContent: 'space-between', ml: `${LABEL_WIDTH + 12}px`, mr: `${190 + 12}px` }}>
        <Typography variant="caption" color="text.secondary">
          {value(axis.from)}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {value(axis.to)}
        </Typography>
      </Box>
    </Box>
  );
}

export function TimelineChart({
  rows,
  chain,
}: {
  readonly rows: readonly LockRow[];
  readonly chain: ChainSummary;
}): ReactNode {
  const { firstSeen } = useUi();
  const axes = (['blocks', 'time'] as const satisfies readonly Domain[])
    .map((domain) => layoutAxis(domain, rows, domain === 'blocks' ? chain.height + 1 : chain.medianTimePast, firstSeen))
    .filter((a): a is Axis => a !== undefined);
  return (
    <>
      {axes.map((axis) => (
        <AxisView key={axis.domain} axis={axis} chain={chain} />
      ))}
    </>
  );
}
