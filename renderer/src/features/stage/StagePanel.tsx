/**
 * Presenter mode's side of the stage, beside the framed canvas: the step's title and narration in
 * large type, the step's figures under them, and big Previous/Next. Everything fits without
 * scrolling at 1440×900: when a step has much to say, the type steps down until it fits. Keys
 * are what presentation clickers send: → Space PageDown next, ← PageUp back, Esc leaves.
 */
import FastForwardIcon from '@mui/icons-material/FastForward';
import NavigateBeforeIcon from '@mui/icons-material/NavigateBefore';
import NavigateNextIcon from '@mui/icons-material/NavigateNext';
import ReplayIcon from '@mui/icons-material/Replay';
import { Box, Button, IconButton, LinearProgress, Tooltip } from '@mui/material';
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useCommands } from '../../app/commands/CommandsProvider';
import { isTypingTarget } from '../../app/commands/registry';
import { useI18n } from '../../i18n';
import { LessonFigures } from '../lessons/LessonCharts';
import { localized, useLesson } from '../lessons/useLesson';

/** Type sizes at full scale, in px; the fit steps them down together. */
const SIZES = { title: 32, narration: 24, figures: 17 } as const;
const MIN_SCALE = 0.55;

/** A size that follows the fitted scale (`--stage-scale` on the stage body). */
function scaled(px: number): string {
  return `calc(var(--stage-scale, 1) * ${px}px)`;
}

/** Keys a clicker or a keyboard sends; PageDown/PageUp are the app's own shortcuts already (registry.ts). */
function stageKey(event: KeyboardEvent): 'next' | 'previous' | 'leave' | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  if (event.key === 'ArrowRight' || event.key === ' ') return 'next';
  if (event.key === 'ArrowLeft') return 'previous';
  if (event.key === 'Escape') return 'leave';
  return undefined;
}

/** The body, or a figure's table inside it, has more to show than its box. */
function overflows(body: HTMLElement): boolean {
  if (body.scrollHeight > body.clientHeight + 1) return true;
  return [
    ...body.querySelectorAll<HTMLElement>(
      '[data-testid="stage-figures"], [data-testid="lesson-charts"], [data-testid="figure-table"], [data-testid^="lesson-datum-"]',
    ),
  ].some((b) => b.scrollHeight > b.clientHeight + 1 || b.scrollWidth > b.clientWidth + 1);
}

export function StagePanel(): ReactNode {
  const { t, language } = useI18n();
  const { run } = useCommands();
  const { lesson, playing, goto, next, previous } = useLesson();
  const body = useRef<HTMLDivElement>(null);
  const [resized, setResized] = useState(0);
  const position = lesson?.position ?? 0;
  const current = lesson && position > 0 ? lesson.steps[position - 1] : undefined;
  const upcoming = lesson?.steps[position];
  const figures = lesson?.stage.figures ?? [];

  // The largest type that fits, for each step, language and size: a few layouts of this panel
  // (halving the range each time), through a CSS variable, without rendering anything again.
  const fitKey = `${lesson?.scenario}|${lesson?.path}|${position}|${language}|${figures.join(',')}|${resized}`;
  useLayoutEffect(() => {
    const element = body.current;
    if (!element) return;
    const fits = (s: number): boolean => {
      element.style.setProperty('--stage-scale', String(s));
      return !overflows(element);
    };
    let scale = 1;
    if (!fits(1)) {
      let [lo, hi] = [MIN_SCALE, 1];
      for (let i = 0; i < 5; i++) {
        const mid = (lo + hi) / 2;
        if (fits(mid)) lo = mid;
        else hi = mid;
      }
      scale = lo;
      fits(scale);
    }
    element.setAttribute('data-scale', scale.toFixed(3));
  }, [fitKey]);
  useEffect(() => {
    const element = body.current;
    if (!element) return;
    let width = element.clientWidth;
    let height = element.clientHeight;
    const observer = new ResizeObserver(() => {
      if (element.clientWidth === width && element.clientHeight === height) return;
      width = element.clientWidth;
      height = element.clientHeight;
      setResized((n) => n + 1);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const action = stageKey(event);
      if (!action || event.defaultPrevented || isTypingTarget(event.target)) return;
      // A dialog has the keyboard; a menu or a slider uses the arrows itself.
      if (document.querySelector('.MuiDialog-root, .MuiPopover-root')) return;
      if (
        event.target instanceof HTMLElement &&
        event.target.closest('[role="slider"], [role="menu"], [role="listbox"]')
      )
        return;
      // Space on the button clicked last turns the page too, instead of pressing that button again.
      event.preventDefault();
      if (event.target instanceof HTMLElement && event.target.closest('button, [role="switch"]')) event.target.blur();
      if (action === 'next') next();
      else if (action === 'previous') previous();
      else run('view.presenter');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [next, previous, run]);

  if (!lesson) return null;
  return (
    <Box
      data-testid="presenter-stage"
      sx={{
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        gap: 1.5,
        px: 2.5,
        py: 2,
        bgcolor: 'background.paper',
        borderLeft: 5,
        borderColor: 'primary.main',
        boxSizing: 'border-box',
        minHeight: 0,
      }}
    >
      <Box sx={{ fontSize: 16, fontWeight: 700, color: 'text.secondary', lineHeight: 1.3 }}>
        {localized(lesson.title, language)} · {t('lesson.stepN', { n: position, total: lesson.steps.length })}
      </Box>
      <Box
        ref={body}
        data-testid="stage-body"
        sx={{ flex: 1, minHeight: 0, overflow: 'hidden', display: 'flex', flexDirection: 'column', gap: 1.5 }}
      >
        <Box
          data-testid="presenter-title"
          sx={{ fontSize: scaled(SIZES.title), fontWeight: 800, lineHeight: 1.2, flexShrink: 0 }}
        >
          {current ? localized(current.title, language) : t('lesson.notStarted')}
        </Box>
        {current ? (
          <Box
            data-testid="presenter-narration"
            sx={{
              fontSize: scaled(SIZES.narration),
              lineHeight: 1.45,
              whiteSpace: 'pre-wrap',
              overflowWrap: 'anywhere',
              flexShrink: 0,
            }}
          >
            {localized(current.narration, language)}
          </Box>
        ) : null}
        {figures.length > 0 && lesson.data ? (
          <Box
            data-testid="stage-figures"
            sx={{ flex: '1 1 auto', minHeight: scaled(200), display: 'flex', flexDirection: 'column' }}
          >
            <LessonFigures
              data={lesson.data}
              keys={figures}
              sizing={{ fontSize: SIZES.figures, chartMinHeight: 170, scaled: true }}
            />
          </Box>
        ) : null}
        <Box
          sx={{
            fontSize: scaled(18),
            color: upcoming ? 'text.secondary' : 'success.main',
            fontWeight: upcoming ? 500 : 700,
            flexShrink: 0,
          }}
          data-testid={upcoming ? undefined : 'lesson-finished'}
        >
          {upcoming ? t('lesson.upNext', { title: localized(upcoming.title, language) }) : t('lesson.finished')}
        </Box>
      </Box>
      {playing ? <LinearProgress /> : null}
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexShrink: 0 }}>
        <Tooltip title={t('lesson.restart')}>
          <span>
            <IconButton
              onClick={() => void goto(0)}
              disabled={playing || position === 0}
              aria-label={t('lesson.restart')}
            >
              <ReplayIcon />
            </IconButton>
          </span>
        </Tooltip>
        <Button
          size="large"
          variant="outlined"
          startIcon={<NavigateBeforeIcon />}
          onClick={previous}
          disabled={playing || position === 0}
          sx={{ fontSize: 18 }}
          data-testid="presenter-previous"
        >
          {t('lesson.previous')}
        </Button>
        <Button
          size="large"
          variant="contained"
          disableElevation
          endIcon={<NavigateNextIcon />}
          onClick={next}
          disabled={playing || position >= lesson.steps.length}
          sx={{ fontSize: 20, flex: 1, py: 1 }}
          data-testid="presenter-next"
        >
          {t('lesson.next')}
        </Button>
        <Tooltip title={t('lesson.toEnd')}>
          <span>
            <IconButton
              onClick={() => void goto(lesson.steps.length)}
              disabled={playing || position >= lesson.steps.length}
              aria-label={t('lesson.toEnd')}
            >
              <FastForwardIcon />
            </IconButton>
          </span>
        </Tooltip>
      </Box>
      <Box sx={{ fontSize: 14, color: 'text.secondary', flexShrink: 0 }}>{t('lesson.keys')}</Box>
    </Box>
  );
}
