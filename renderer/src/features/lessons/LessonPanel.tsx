/**
 * The lesson in the dock: the steps (the current one kept in view), the narration with
 * next/previous, and the step's figures beside it. With no lesson open, the built-in lessons to
 * pick from; with one open, they are a click away ("Other lesson…").
 */
import CoPresentIcon from '@mui/icons-material/CoPresent';
import FastForwardIcon from '@mui/icons-material/FastForward';
import NavigateBeforeIcon from '@mui/icons-material/NavigateBefore';
import NavigateNextIcon from '@mui/icons-material/NavigateNext';
import ReplayIcon from '@mui/icons-material/Replay';
import {
  Box,
  Button,
  ButtonGroup,
  Dialog,
  DialogContent,
  DialogTitle,
  LinearProgress,
  List,
  ListItemButton,
  Paper,
  Tooltip,
  Typography,
} from '@mui/material';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useCommands } from '../../app/commands/CommandsProvider';
import { useI18n } from '../../i18n';
import { useThemeMode } from '../../theme/ThemeModeProvider';
import { LessonFigures } from './LessonCharts';
import { pathLabel } from './pathNames';
import { ScenarioPicker } from './ScenarioPicker';
import { localized, useLesson } from './useLesson';

function LessonControls({ large }: { readonly large?: boolean }): ReactNode {
  const { t } = useI18n();
  const { lesson, playing, goto, next, previous } = useLesson();
  if (!lesson) return null;
  const size = large ? 'large' : 'medium';
  return (
    <ButtonGroup variant="outlined" size={size} disabled={playing}>
      <Tooltip title={t('lesson.restart')}>
        <Button
          onClick={() => void goto(0)}
          aria-label={t('lesson.restart')}
          disabled={playing || lesson.position === 0}
        >
          <ReplayIcon />
        </Button>
      </Tooltip>
      <Button
        onClick={previous}
        startIcon={<NavigateBeforeIcon />}
        disabled={playing || lesson.position === 0}
        data-testid="lesson-previous"
      >
        {t('lesson.previous')}
      </Button>
      <Button
        variant="contained"
        disableElevation
        onClick={next}
        endIcon={<NavigateNextIcon />}
        disabled={playing || lesson.position >= lesson.steps.length}
        data-testid="lesson-next"
      >
        {t('lesson.next')}
      </Button>
      <Tooltip title={t('lesson.toEnd')}>
        <Button
          onClick={() => void goto(lesson.steps.length)}
          aria-label={t('lesson.toEnd')}
          disabled={playing || lesson.position >= lesson.steps.length}
          data-testid="lesson-end"
        >
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
  const [picking, setPicking] = useState(false);
  const list = useRef<HTMLUListElement>(null);
  const current = lesson && lesson.position > 0 ? lesson.steps[lesson.position - 1] : undefined;
  const upcoming = lesson ? lesson.steps[lesson.position] : undefined;
  const figures = lesson?.stage.figures ?? [];

  // The step list keeps the current step (or the next one) in view.
  useEffect(() => {
    const at = Math.max(0, (lesson?.position ?? 0) - 1);
    list.current?.querySelector(`[data-testid="lesson-step-${at}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [lesson?.position, lesson?.scenario, lesson?.path]);

  if (!lesson) {
    return (
      <Box
        data-testid="lesson-panel"
        sx={{ display: 'flex', gap: 1.5, p: 1.5, height: '100%', minHeight: 0, boxSizing: 'border-box' }}
      >
        <Paper variant="outlined" sx={{ flex: '0 0 320px', p: 1.25, minHeight: 0 }}>
          <ScenarioPicker />
        </Paper>
        <Box sx={{ flex: 1, p: 2 }}>
          <Typography color="text.secondary">{t('lesson.none')}</Typography>
        </Box>
      </Box>
    );
  }

  return (
    <Box
      data-testid="lesson-panel"
      sx={{ display: 'flex', gap: 1.5, p: 1.5, height: '100%', minHeight: 0, boxSizing: 'border-box' }}
    >
      <Paper variant="outlined" sx={{ flex: '0 0 290px', display: 'flex', flexDirection: 'column', minHeight: 0 }}>
        <Box sx={{ p: 1.25, borderBottom: 1, borderColor: 'divider' }}>
          <Typography sx={{ fontWeight: 800, lineHeight: 1.3 }}>{localized(lesson.title, language)}</Typography>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, justifyContent: 'space-between' }}>
            <Typography variant="body2" color="text.secondary">
              {pathLabel(lesson.path, t)} · {t('lesson.progress', { at: lesson.position, total: lesson.steps.length })}
            </Typography>
            <Button size="small" onClick={() => setPicking(true)} data-testid="lesson-change">
              {t('lesson.change')}
            </Button>
          </Box>
        </Box>
        <List ref={list} dense sx={{ overflowY: 'auto', flex: 1, minHeight: 0 }} data-testid="lesson-steps">
          {lesson.steps.map((s) => {
            const done = s.index < lesson.position;
            const isCurrent = s.index === lesson.position - 1;
            return (
              <ListItemButton
                key={s.index}
                selected={isCurrent}
                disabled={playing}
                onClick={() => void goto(s.index + 1)}
                data-testid={`lesson-step-${s.index}`}
                data-done={done ? 'true' : 'false'}
              >
                <Box
                  component="span"
                  sx={{ width: 26, flexShrink: 0, fontWeight: 800, color: done ? 'success.main' : 'text.secondary' }}
                >
                  {done ? '✓' : s.index + 1}
                </Box>
                <Typography sx={{ fontWeight: isCurrent ? 800 : 500, fontSize: '0.9rem' }}>
                  {localized(s.title, language)}
                </Typography>
              </ListItemButton>
            );
          })}
        </List>
      </Paper>
      <Box sx={{ flex: '1 1 0', minWidth: 0, display: 'flex', flexDirection: 'column', gap: 1, minHeight: 0 }}>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
          <LessonControls />
          <Button
            variant={presenter ? 'contained' : 'outlined'}
            disableElevation
            startIcon={<CoPresentIcon />}
            onClick={() => run('view.presenter')}
            data-testid="presenter-toggle"
          >
            {t('lesson.presenter')}
          </Button>
        </Box>
        {playing ? <LinearProgress /> : null}
        <Paper
          variant="outlined"
          sx={{ p: 1.5, flex: 1, minHeight: 0, overflowY: 'auto' }}
          data-testid="lesson-narration"
        >
          {current ? (
            <>
              <Typography variant="overline" color="text.secondary">
                {t('lesson.stepN', { n: current.index + 1, total: lesson.steps.length })}
              </Typography>
              <Typography variant="h6" sx={{ fontWeight: 800, lineHeight: 1.3 }}>
                {localized(current.title, language)}
              </Typography>
              <Typography sx={{ mt: 0.75, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', lineHeight: 1.55 }}>
                {localized(current.narration, language)}
              </Typography>
            </>
          ) : (
            <Typography>{t('lesson.notStarted')}</Typography>
          )}
          {upcoming ? (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              {t('lesson.upNext', { title: localized(upcoming.title, language) })}
            </Typography>
          ) : lesson.steps.length > 0 ? (
            <Typography
              variant="body2"
              sx={{ mt: 1, fontWeight: 700, color: 'success.main' }}
              data-testid="lesson-finished"
            >
              {t('lesson.finished')}
            </Typography>
          ) : null}
        </Paper>
      </Box>
      {figures.length > 0 && lesson.data ? (
        <Box data-testid="panel-figures" sx={{ flex: '1.2 1 0', minWidth: 0, minHeight: 0, overflowY: 'auto' }}>
          <LessonFigures data={lesson.data} keys={figures} />
        </Box>
      ) : null}
      <Dialog open={picking} onClose={() => setPicking(false)} maxWidth="sm" fullWidth>
        <DialogTitle>{t('lesson.pickTitle')}</DialogTitle>
        <DialogContent sx={{ height: 420 }}>
          <ScenarioPicker onLoaded={() => setPicking(false)} />
        </DialogContent>
      </Dialog>
    </Box>
  );
}
