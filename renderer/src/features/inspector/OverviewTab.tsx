/** Identity, size and fee of the transaction, its version and lock time, and its time locks on the chain's clock. */
import { Alert, AlertTitle, Box, Divider, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import type { NodeView } from '../../../../shared/contract/views';
import { useWorkspace } from '../../app/workspace/WorkspaceProvider';
import { formatRate, groupDigits, satsToCoins } from '../../format/amounts';
import { useI18n } from '../../i18n';
import { CommitField } from '../common/CommitField';
import { typeNoteText } from '../../../../shared/ui/typeNotes';
import { warningText } from '../common/labels';
import { Fact, Mono } from '../common/Mono';
import { lockRows } from '../timelocks/lockRows';
import { TimelineChart } from '../timelocks/TimelineChart';

const u32 = (text: string): number | undefined => {
  const n = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  return Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? n : undefined;
};

export function OverviewTab({ node }: { readonly node: NodeView }): ReactNode {
  const { t } = useI18n();
  const { view, act } = useWorkspace();
  const chain = view?.chains.find((c) => c.id === node.chain);
  const draft = node.kind === 'draft';
  const unit = chain?.unit ?? (node.chain === 'ltc' ? 'LTC' : 'BTC');
  return (
    <Stack spacing={1.5}>
      {node.warnings && node.warnings.length > 0 ? (
        <Alert severity="warning" data-testid="inspector-warnings">
          <AlertTitle>{t('warning.title')}</AlertTitle>
          {node.warnings.map((w, i) => (
            <Typography key={i} variant="body2" data-testid={`warning-${w.code}`}>
              {warningText(w, unit, t)}
            </Typography>
          ))}
        </Alert>
      ) : null}
      {node.typeNotes && node.typeNotes.length > 0 ? (
        <Alert severity="info" data-testid="inspector-type-notes">
          <AlertTitle>{t('typeNote.title')}</AlertTitle>
          {node.typeNotes.map((note) => (
            <Typography key={note.input} variant="body2" data-testid={`type-note-${note.input}`}>
              {typeNoteText(note, t)}
            </Typography>
          ))}
        </Alert>
      ) : null}
      <Box>
        <Fact label="txid">
          <Mono copy testId="inspector-txid">
            {node.txid}
          </Mono>
        </Fact>
        <Fact label="wtxid">
          <Mono copy>{node.wtxid}</Mono>
        </Fact>
        <Fact label={t('inspector.size')}>
          {t('inspector.sizes', { size: node.size, vsize: node.vsize, weight: node.weight })}
        </Fact>
        <Fact label={t('inspector.fee')}>
          {node.fee !== undefined ? (
            <span data-testid="inspector-fee">
              {t('inspector.feeAmount', {
                sat: groupDigits(node.fee),
                coins: satsToCoins(node.fee, { trim: true }),
                unit,
                rate: formatRate(node.feeRate ?? 0),
              })}
            </span>
          ) : (
            <em>{t('node.feeUnknown')}</em>
          )}
        </Fact>
      </Box>
      <Divider />
      <Box sx={{ display: 'flex', gap: 1.5 }}>
        <CommitField
          label={t('inspector.version')}
          value={String(node.version)}
          disabled={!draft}
          check={(text) => (u32(text) === undefined ? t('inspector.notU32') : undefined)}
          commit={(text) => act('graph.setTxFields', { node: node.id, version: u32(text) ?? 0 }, { quiet: true })}
        />
        <CommitField
          label={t('inspector.locktime')}
          value={String(node.locktime)}
          disabled={!draft}
          helper={
            node.locktime === 0
              ? t('inspector.locktimeNone')
              : node.locktime < 500_000_000
                ? t('inspector.locktimeHeight')
                : t('inspector.locktimeTime')
          }
          check={(text) => (u32(text) === undefined ? t('inspector.notU32') : undefined)}
          commit={(text) => act('graph.setTxFields', { node: node.id, locktime: u32(text) ?? 0 }, { quiet: true })}
        />
      </Box>
      {node.timelocks.length > 0 && chain && view ? (
        <Box>
          <Divider sx={{ mb: 1.5 }} />
          <Typography sx={{ fontWeight: 800, mb: 1 }}>{t('inspector.timelocks')}</Typography>
          <Box sx={{ '& [data-testid=timeline-row] > div:first-of-type': { width: 150 } }}>
            <TimelineChart rows={lockRows(view.name, [node])} chain={chain} />
          </Box>
        </Box>
      ) : null}
    </Stack>
  );
}
