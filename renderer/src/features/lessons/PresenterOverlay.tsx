/** Presenter mode over the canvas: the current step's title and narration in large type, with previous/next (PageUp/PageDown). */
import { Box, Paper, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { LessonControls } from './LessonPanel';
import { localized, useLesson } from './useLesson';

export function PresenterOverlay(): ReactNode {
  const { t, language } = useI18n();
  const { lesson } = useLesson();
  if (!lesson) return null;
  const current = lesson.position > 0 ? lesson.steps[lesson.position - 1] : undefined;
  return (
    <Paper
      data-testid="presenter-overlay"
      elevation={6}
      sx={{ position: 'absolute', left: '50%', bottom: 16, transform: 'translateX(-50%)', width: 'min(1100px, calc(100% - 48px))', p: 2.5, zIndex: 5, borderTop: 4, borderColor: 'primary.main' }}
    >
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2 }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography sx={{ fontSize: '1rem', fontWeight: 700, color: 'text.secondary' }}>
            {localized(lesson.title, language)} · {t('lesson.stepN', { n: lesson.position, total: lesson.steps.length })}
          </Typography>
          <Typography sx={{ fontSize: '2rem', fontWeight: 800, lineHeight: 1.25 }}>{current ? localized(current.title, language) : t('lesson.notStarted')}</Typography>
          {current ? <Typography sx={{ fontSize: '1.35rem', mt: 1, lineHeight: 1.5, whiteSpace: 'pre-wrap' }}>{localized(current.narration, language)}</Typography> : null}
        </Box>
        <LessonControls large />
      </Box>
    </Paper>
  );
}
