/**
 * The lesson stage, every built-in lesson, every path, every step, at 1440×900: in presenter
 * mode and in normal mode, each transaction the step is about lies inside the canvas, uncovered,
 * with its name and amounts drawn large enough to read (presenter: ≥ 24 px and ≥ 18 px; normal:
 * ≥ 14 px and ≥ 11 px); in presenter mode nothing of the narration or the figures needs
 * scrolling. Every step is photographed in presenter mode in English and in 简体中文
 * (test-results/e2e/stage/, kept by CI). A summary per lesson goes to summary.json there.
 *
 * One page walks each path once: the step is played once, then read in presenter mode (both
 * languages) and in normal mode, so the suite costs about one play of every lesson.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTINS } from '../../shared/lessons';
import { readStage, type StageReading, waitForStage } from './helpers/stage';
import { loadLesson, openWorkbench, SCREENSHOT_DIR, type Workbench } from './helpers/workbench';

const SHOTS = join(SCREENSHOT_DIR, 'stage');
const PRESENTER = { title: 24, amount: 18 } as const;
const NORMAL = { title: 14, amount: 11 } as const;

interface Problem {
  readonly where: string;
  readonly what: string;
}

interface LessonSummary {
  smallestTitlePx: number;
  smallestAmountPx: number;
  /** The smallest scale the presenter stage fitted its narration and figures at (1 = full size). */
  smallestStageScale: number;
  slowestStep: string;
  slowestStepMs: number;
  steps: number;
}

/** What is wrong with a reading, in words (empty when the stage is right). */
function problems(
  where: string,
  reading: StageReading,
  want: { title: number; amount: number },
  presenter: boolean,
): Problem[] {
  const out: Problem[] = [];
  for (const n of reading.focus) {
    if (!n.inside) out.push({ where, what: `${n.id} is not inside the canvas` });
    if (!n.uncovered) out.push({ where, what: `${n.id} is covered` });
    if (n.titlePx < want.title) out.push({ where, what: `${n.id}: name drawn at ${n.titlePx.toFixed(1)} px` });
    if (n.amountPx !== null && n.amountPx < want.amount)
      out.push({ where, what: `${n.id}: amount drawn at ${n.amountPx.toFixed(1)} px` });
  }
  if (presenter && reading.overflowing.length > 0)
    out.push({ where, what: `needs scrolling: ${reading.overflowing.join(', ')}` });
  return out;
}

const pad = (n: number): string => String(n).padStart(2, '0');

describe('the lesson stage, every built-in lesson and path', () => {
  let wb: Workbench;
  const summary: Record<string, LessonSummary> = {};
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    wb = await openWorkbench();
  });
  afterAll(async () => {
    writeFileSync(join(SHOTS, 'summary.json'), JSON.stringify(summary, null, 2));
    await wb?.close();
  });

  for (const scenario of BUILTINS) {
    it(`${scenario.name}: every step framed, readable and uncovered, presenter and normal mode`, async () => {
      const { page } = wb;
      const found: Problem[] = [];
      const lesson: LessonSummary = {
        smallestTitlePx: Infinity,
        smallestAmountPx: Infinity,
        smallestStageScale: 1,
        slowestStep: '',
        slowestStepMs: 0,
        steps: 0,
      };
      for (const path of scenario.paths) {
        await loadLesson(page, scenario.name, path);
        const steps = await page.getByTestId('lesson-steps').locator('[data-testid^="lesson-step-"]').count();
        await page.getByTestId('presenter-button').click();
        for (let position = 0; position <= steps; position++) {
          const where = `${scenario.name}/${path} step ${position}`;
          if (position > 0) {
            const started = Date.now();
            await page.keyboard.press('ArrowRight');
            await waitForStage(page, position);
            const ms = Date.now() - started;
            if (ms > lesson.slowestStepMs)
              Object.assign(lesson, { slowestStepMs: ms, slowestStep: `${path} #${position}` });
            lesson.steps++;
          } else {
            await waitForStage(page, 0);
          }
          const presenting = await readStage(page);
          found.push(...problems(`${where}, presenter`, presenting, PRESENTER, true));
          if (presenting.stageScale !== null)
            lesson.smallestStageScale = Math.min(lesson.smallestStageScale, presenting.stageScale);
          for (const n of presenting.focus) {
            lesson.smallestTitlePx = Math.min(lesson.smallestTitlePx, n.titlePx);
            if (n.amountPx !== null) lesson.smallestAmountPx = Math.min(lesson.smallestAmountPx, n.amountPx);
          }
          const name = `${scenario.name}-${path}-${pad(position)}`;
          await page.mouse.move(2, 2); // no tooltip over the picture
          await page.screenshot({ path: join(SHOTS, `${name}-en.png`) });
          await page.keyboard.press('l');
          await waitForStage(page, position);
          found.push(...problems(`${where}, presenter, 简体中文`, await readStage(page), PRESENTER, true));
          await page.screenshot({ path: join(SHOTS, `${name}-zh.png`) });
          await page.keyboard.press('l');
          // Normal mode: the dock with the lesson panel, the palette, the inspector.
          await page.keyboard.press('p');
          await waitForStage(page, position);
          found.push(...problems(`${where}, normal`, await readStage(page), NORMAL, false));
          await page.keyboard.press('p');
          await waitForStage(page, position);
        }
        // The walk reached the end of the path; Esc leaves presenter mode.
        expect(await page.getByTestId('presenter-stage').getByTestId('lesson-finished').count()).toBe(1);
        await page.keyboard.press('Escape');
        await expect.poll(() => page.getByTestId('presenter-stage').count()).toBe(0);
      }
      summary[scenario.name] = lesson;
      expect(found).toEqual([]);
      expect(Number.isFinite(lesson.smallestTitlePx)).toBe(true);
    });
  }

  it('logged no console errors or warnings, page errors or failed requests', () => {
    expect(wb.problems).toEqual([]);
  });
});
