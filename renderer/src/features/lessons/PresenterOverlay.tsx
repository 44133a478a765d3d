/**
 * Presenter mode over the canvas: the current step's title and narration in large type, and big
 * Previous/Next buttons (a presenter's clicker sends PageUp/PageDown, which do the same).
 */
import FastForwardIcon from '@mui/icons-material/FastForward';
import NavigateBeforeIcon from '@mui/icons-material/NavigateBefore';
import NavigateNextIcon from '@mui/icons-material/NavigateNext';
import ReplayIcon from '@mui/icons-material/Replay';
import { Box, Button, IconButton, LinearProgress, Paper, Tooltip, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { localized, useLesson } from './useLesson';

export function PresenterOverlay(): ReactNode {
  const { t, language } = useI18n();
  const { lesson, playing, goto, next, previous } = useLesson();
  if (!lesson) return null;
  const current = lesson.position > 0 ? lesson.steps[lesson.position - 1] : undefined;
  const upcoming = lesson.steps[lesson.position];
  return (
    <Paper
      data-testid="presenter-overlay"
      elevation={8}
      sx={{ position: 'absolute', left: 24, right: 24, bottom: 24, maxHeight: '48%', display: 'flex', gap: 3, p: 3, zIndex: 5, borderTop: 5, borderColor: 'primary.main', overflow: 'hidden' }}
    >
      <Box sx={{ flex: 1, minWidth: 0, overflowY: 'auto' }}>
        <Typography sx={{ fontSize: '1.05rem', fontWeight: 700, color: 'text.secondary' }}>
          {localized(lesson.title, language)} · {t('lesson.stepN', { n: lesson.position, total: lesson.steps.length })}
        </Typography>
        <Typography data-testid="presenter-title" sx={{ fontSize: '2.1rem', fontWeight: 800, lineHeight: 1.2, mt: 0.5 }}>
          {current ? localized(current.title, language) : t('lesson.notStarted')}
        </Typography>
        {current ? <Typography sx={{ fontSize: '1.4rem', mt: 1.25, lineHeight: 1.5, whiteSpace: 'pre-wrap' }}>{localized(current.narration, language)}</Typography> : null}
        {upcoming ? (
          <Typography sx={{ fontSize: '1.1rem', mt: 1.5, color: 'text.secondary' }}>{t('lesson.upNext', { title: localized(upcoming.title, language) })}</Typography>
        ) : (
          <Typography sx={{ fontSize: '1.1rem', mt: 1.5, fontWeight: 700, color: 'success.main' }}>{t('lesson.finished')}</Typography>
        )}
        {playing ? <LinearProgress sx={{ mt: 1.5 }} /> : null}
      </Box>
      <Box sx={{ width: 230, flexShrink: 0, display: 'flex', flexDirection: 'column', gap: 1.25, justifyContent: 'flex-end' }}>
        <Button size="large" variant="contained" disableElevation endIcon={<NavigateNextIcon />} onClick={next} disabled={playing || lesson.position >= lesson.steps.length} sx={{ fontSize: '1.3rem', py: 1.5 }} data-testid="presenter-next">
          {t('lesson.next')}
        </Button>
        <Button size="large" variant="outlined" startIcon={<NavigateBeforeIcon />} onClick={previous} disabled={playing || lesson.position === 0} sx={{ fontSize: '1.1rem' }}>
          {t('lesson.previous')}
        </Button>
        <Box sx={{ display: 'flex', justifyContent: 'space-between' }}>
          <Tooltip title={t('lesson.restart')}>
            <span>
              <IconButton onClick={() => void goto(0)} disabled={playing || lesson.position === 0} aria-label={t('lesson.restart')}>
                <ReplayIcon />
              </IconButton>
            </span>
          </Tooltip>
          <Tooltip title={t('lesson.toEnd')}>
            <span>
              <IconButton onClick={() => void goto(lesson.steps.length)} disabled={playing || lesson.position >= lesson.steps.length} aria-label={t('lesson.toEnd')}>
                <FastForwardIcon />
              </IconButton>
            </span>
          </Tooltip>
        </Box>
      </Box>
    </Paper>
  );
}
