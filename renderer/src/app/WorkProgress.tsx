/**
 * Long work in the host (a history replayed, many blocks mined, a lesson step's seeded runs)
 * shows here, over the workbench, with its progress and a Cancel button: the host keeps
 * answering while it works and stops at its next slice when asked (work.cancel).
 */
import { Box, Button, LinearProgress, Paper, Typography } from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import { useWorkspace, type Progress } from './workspace/WorkspaceProvider';

/** Quick work never flashes a panel. */
const SHOW_AFTER_MS = 400;

const TASK_TEXT: Readonly<Record<string, MessageKey>> = {
  replay: 'work.task.replay',
  'mine-btc': 'work.task.mine',
  'mine-ltc': 'work.task.mine',
  throughput: 'work.task.throughput',
  'reorg-stats': 'work.task.reorgs',
  'malleability-odds': 'work.task.odds',
  'mtgox-attack': 'work.task.mtgox',
};

function taskText(progress: Progress | undefined): MessageKey {
  return (
    (progress && Object.hasOwn(TASK_TEXT, progress.task) ? TASK_TEXT[progress.task] : undefined) ?? 'work.task.other'
  );
}

export function WorkProgress(): ReactNode {
  const { t } = useI18n();
  const { pending, progress, client } = useWorkspace();
  const [visible, setVisible] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  useEffect(() => {
    if (pending === 0) {
      setVisible(false);
      setCancelling(false);
      return;
    }
    const timer = setTimeout(() => setVisible(true), SHOW_AFTER_MS);
    return () => clearTimeout(timer);
  }, [pending]);
  if (!visible || !progress) return null;
  const percent = (100 * Math.min(progress.done, progress.total)) / Math.max(1, progress.total);
  const cancel = async (): Promise<void> => {
    setCancelling(true);
    await client.call('work.cancel', {});
  };
  return (
    <Paper
      elevation={6}
      role="status"
      data-testid="work-progress"
      sx={{
        position: 'fixed',
        left: '50%',
        bottom: 24,
        transform: 'translateX(-50%)',
        zIndex: (theme) => theme.zIndex.snackbar,
        width: 440,
        maxWidth: 'calc(100vw - 32px)',
        p: 2,
        display: 'flex',
        flexDirection: 'column',
        gap: 1,
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1 }}>
        <Typography variant="body2" sx={{ fontWeight: 700, flex: 1 }}>
          {t(taskText(progress))}
        </Typography>
        <Typography variant="caption" color="text.secondary" data-testid="work-progress-count">
          {t('work.count', {
            done: Math.min(progress.done, progress.total).toLocaleString(),
            total: progress.total.toLocaleString(),
          })}
        </Typography>
      </Box>
      <LinearProgress variant="determinate" value={percent} sx={{ height: 8, borderRadius: 4 }} />
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography variant="caption" color="text.secondary" sx={{ flex: 1 }}>
          {cancelling ? t('work.cancelling') : t('work.hint')}
        </Typography>
        <Button
          size="small"
          variant="outlined"
          color="inherit"
          disabled={cancelling}
          onClick={() => void cancel()}
          data-testid="work-cancel"
        >
          {t('action.cancel')}
        </Button>
      </Box>
    </Paper>
  );
}
