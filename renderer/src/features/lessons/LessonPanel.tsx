/** The lesson: pick a built-in, then play its steps with narration (next, previous, jump), and look at what it produced. */
import CoPresentIcon from '@mui/icons-material/CoPresent';
import FastForwardIcon from '@mui/icons-material/FastForward';
import NavigateBeforeIcon from '@mui/icons-material/NavigateBefore';
import NavigateNextIcon from '@mui/icons-material/NavigateNext';
import ReplayIcon from '@mui/icons-material/Replay';
import { Box, Button, ButtonGroup, LinearProgress, List, ListItemButton, Paper, Tooltip, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useCommands } from '../../app/commands/CommandsProvider';
import { useI18n } from '../../i18n';
import { useThemeMode } from '../../theme/ThemeModeProvider';
import { LessonCharts } from './LessonCharts';
import { ScenarioPicker } from './ScenarioPicker';
import { localized, useLesson } from './useLesson';

export function LessonControls({ large }: { readonly large?: boolean }): ReactNode {
  const { t } = useI18n();
  const { lesson, playing, goto, next, previous } = useLesson();
  if (!lesson) return null;
  const size = large ? 'large' : 'medium';
  return (
    <ButtonGroup variant="outlined" size={size} disabled={playing}>
      <Tooltip title={t('lesson.restart')}>
        <Button onClick={() => void goto(0)} aria-label={t('lesson.restart')} disabled={playing || lesson.position === 0}>
          <ReplayIcon />
        </Button>
      </Tooltip>
      <Button onClick={previous} startIcon={<NavigateBeforeIcon />} disabled={playing || lesson.position === 0} data-testid="lesson-previous">
        {t('lesson.previous')}
      </Button>
      <Button variant="contained" disableElevation onClick={next} endIcon={<NavigateNextIcon />} disabled={playing || lesson.position >= lesson.steps.length} data-testid="lesson-next">
        {t('lesson.next')}
      </Button>
      <Tooltip title={t('lesson.toEnd')}>
        <Button onClick={() => void goto(lesson.steps.length)} aria-label={t('lesson.toEnd')} disabled={playing || lesson.position >= lesson.steps.length} data-testid="lesson-end">
          <FastForwardIcon />
        </Button>
      </Tooltip>
    </ButtonGroup>
  );
}

export function LessonPanel(): ReactNode {
  const { t, language } = useI18n();
  const { presenter } = useThemeMode();
  const { run } = useCommands();
  const { lesson, playing, goto } = useLesson();
  const current = lesson && lesson.position > 0 ? lesson.steps[lesson.position - 1] : undefined;
  const upcoming = lesson ? lesson.steps[lesson.position] : undefined;
  return (
    <Box data-testid="lesson-panel" sx={{ display: 'flex', gap: 1.5, p: 1.5, height: '100%', minHeight: 0 }}>
      <Paper variant="outlined" sx={{ flex: '0 0 280px', p: 1.25, minHeight: 0 }}>
        <ScenarioPicker />
      </Paper>
      {lesson ? (
        <>
          <Paper variant="outlined" sx={{ flex: '0 0 300px', display: 'flex', flexDirection: 'column', minHeight: 0 }}>
            <Box sx={{ p: 1.25, borderBottom: 1, borderColor: 'divider' }}>
              <Typography sx={{ fontWeight: 800 }}>{localized(lesson.title, language)}</Typography>
              <Typography variant="body2" color="text.secondary">
                {t('lesson.pathOf', { path: lesson.path })} · {t('lesson.progress', { at: lesson.position, total: lesson.steps.length })}
              </Typography>
            </Box>
            <List dense sx={{ overflowY: 'auto', flex: 1, minHeight: 0 }} data-testid="lesson-steps">
              {lesson.steps.map((s) => {
                const done = s.index < lesson.position;
                const isCurrent = s.index === lesson.position - 1;
                return (
                  <ListItemButton key={s.index} selected={isCurrent} disabled={playing} onClick={() => void goto(s.index + 1)} data-testid={`lesson-step-${s.index}`} data-done={done ? 'true' : 'false'}>
                    <Box component="span" sx={{ width: 26, fontWeight: 800, color: done ? 'success.main' : 'text.secondary' }}>
                      {done ? '✓' : s.index + 1}
                    </Box>
                    <Typography sx={{ fontWeight: isCurrent ? 800 : 500, fontSize: '0.9rem' }}>{localized(s.title, language)}</Typography>
                  </ListItemButton>
                );
              })}
            </List>
          </Paper>
          <Box sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', gap: 1.25, overflowY: 'auto' }}>
            <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
              <LessonControls />
              <Button variant={presenter ? 'contained' : 'outlined'} disableElevation startIcon={<CoPresentIcon />} onClick={() => run('view.presenter')} data-testid="presenter-toggle">
                {t('lesson.presenter')}
              </Button>
            </Box>
            {playing ? <LinearProgress /> : null}
            <Paper variant="outlined" sx={{ p: 2 }} data-testid="lesson-narration">
              {current ? (
                <>
                  <Typography variant="overline" color="text.secondary">
                    {t('lesson.stepN', { n: current.index + 1, total: lesson.steps.length })}
                  </Typography>
                  <Typography variant="h6" sx={{ fontWeight: 800 }}>
                    {localized(current.title, language)}
                  </Typography>
                  <Typography sx={{ mt: 1, whiteSpace: 'pre-wrap', lineHeight: 1.6 }}>{localized(current.narration, language)}</Typography>
                </>
              ) : (
                <Typography>{t('lesson.notStarted')}</Typography>
              )}
              {upcoming ? (
                <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
                  {t('lesson.upNext', { title: localized(upcoming.title, language) })}
                </Typography>
              ) : lesson.steps.length > 0 ? (
                <Typography variant="body2" sx={{ mt: 1.5, fontWeight: 700, color: 'success.main' }} data-testid="lesson-finished">
                  {t('lesson.finished')}
                </Typography>
              ) : null}
            </Paper>
            {lesson.data ? <LessonCharts data={lesson.data} /> : null}
          </Box>
        </>
      ) : (
        <Box sx={{ flex: 1, p: 2 }}>
          <Typography color="text.secondary">{t('lesson.none')}</Typography>
        </Box>
      )}
    </Box>
  );
}
