/**
 * `lesson_step_ms` (issue 10): every step of every path of every built-in lesson, played in
 * presenter mode at 1440×900 as a class sees it. The clock starts at the Next key (PageDown,
 * what a clicker sends) and stops at the first animation frame after the canvas has framed the
 * step — its transactions marked, the rest dimmed, the viewport at rest. The host's lesson step,
 * the WebSocket, the render and the framing's animation are all in it. Lessons are played right
 * after loading, so a step whose statistics are still being computed ahead waits for them.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

import { BUILTINS } from '../shared/lessons';
import { CHROMIUM_ARGS } from '../test/e2e/helpers/chromium';
import { loadLesson } from '../test/e2e/helpers/workbench';
import { type BenchModule, type BenchResult, median, percentile, round } from './harness';
import { browserPrerequisites, startServedHost } from './prerequisites';

/** Page side: starts at the PageDown key, ends a frame after the canvas framed `position`. */
const WATCH_STEP = (position: number): string => `(() => {
  const state = { start: 0, end: 0 };
  window.__txlabStep = state;
  const framed = () => {
    const c = document.querySelector('[data-testid="graph-canvas"]');
    const wanted = c.getAttribute('data-stage-wanted') || '';
    return wanted !== '' && wanted === c.getAttribute('data-stage-framed') && Number(wanted.split('|')[3]) === ${position};
  };
  const tick = () => (framed() ? requestAnimationFrame(() => { state.end = performance.now(); }) : requestAnimationFrame(tick));
  window.addEventListener('keydown', (e) => {
    if (e.key !== 'PageDown' || state.start) return;
    state.start = performance.now();
    requestAnimationFrame(tick);
  }, { capture: true });
})()`;

export interface StepTime {
  readonly step: string;
  readonly ms: number;
}

export interface LessonSteps {
  readonly times: readonly StepTime[];
  readonly p95: number;
  readonly median: number;
  readonly slowest: StepTime;
}

async function stepCount(page: Page): Promise<number> {
  return page.getByTestId('lesson-steps').locator('[data-testid^="lesson-step-"]').count();
}

export async function lessonStepTimes(page: Page): Promise<LessonSteps> {
  const times: StepTime[] = [];
  for (const scenario of BUILTINS) {
    for (const path of scenario.paths) {
      await loadLesson(page, scenario.name, path);
      const steps = await stepCount(page);
      await page.getByTestId('presenter-button').click();
      await page.getByTestId('presenter-stage').waitFor();
      for (let position = 1; position <= steps; position++) {
        await page.evaluate(WATCH_STEP(position));
        await page.keyboard.press('PageDown');
        const deadline = performance.now() + 120_000;
        let state = await page.evaluate<{ start: number; end: number }>('window.__txlabStep');
        while (state.end === 0) {
          if (performance.now() > deadline) throw new Error(`${scenario.name}/${path} step ${position} never framed`);
          await page.waitForTimeout(20);
          state = await page.evaluate<{ start: number; end: number }>('window.__txlabStep');
        }
        times.push({ step: `${scenario.name}/${path} #${position}`, ms: state.end - state.start });
      }
      await page.getByTestId('presenter-button').click();
      await page.getByTestId('presenter-stage').waitFor({ state: 'detached' });
    }
  }
  const ms = times.map((t) => t.ms);
  const slowest = times.reduce((a, b) => (b.ms > a.ms ? b : a));
  return { times, p95: percentile(ms, 95), median: median(ms), slowest };
}

export function lessonResults(l: LessonSteps): BenchResult[] {
  return [
    {
      key: 'lesson_step_ms',
      value: round(l.p95, 0),
      unit: 'ms',
      target: `≤ 300 (p95 of ${l.times.length} steps, Next to the framed stage)`,
    },
    { key: 'lesson_step_median_ms', value: round(l.median, 0), unit: 'ms', target: 'for information' },
    { key: 'lesson_step_max_ms', value: round(l.slowest.ms, 0), unit: 'ms', target: `slowest: ${l.slowest.step}` },
  ];
}

/** The lesson figures alone (`npm run bench -- --only lessons`, after `npm run build`); `bench:ui` has them too. */
export const lessonBench: BenchModule = {
  name: 'lesson steps (Chromium, browser mode, presenter mode)',
  async run(): Promise<BenchResult[]> {
    const { rendererDir, executablePath } = browserPrerequisites();
    const served = await startServedHost(rendererDir, 'lessons');
    const { web } = served;
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
      const page = await (
        await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' })
      ).newPage();
      await page.goto(web.url);
      await page.locator('[data-testid="host-status"][data-state="connected"]').waitFor({ timeout: 30_000 });
      const lessons = await lessonStepTimes(page);
      const slow = [...lessons.times].sort((a, b) => b.ms - a.ms).slice(0, 8);
      process.stdout.write(`  slowest steps: ${slow.map((t) => `${t.step} ${Math.round(t.ms)} ms`).join('; ')}\n`);
      return lessonResults(lessons);
    } finally {
      await browser?.close();
      await served.close();
    }
  },
};
