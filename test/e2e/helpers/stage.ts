/**
 * The lesson stage as a test reads it, in the page: which transactions the step is about, where
 * they are on screen (inside the canvas, not covered), how large their names and amounts are
 * drawn (computed font size × the canvas zoom), and whether the narration and the figures fit
 * without scrolling. Page-side code goes in as text (a bundler's helpers in a serialised
 * function would not exist in the page).
 */
import type { Page } from 'playwright-core';

export interface FocusedNode {
  readonly id: string;
  readonly inside: boolean;
  readonly uncovered: boolean;
  readonly titlePx: number;
  /** The smallest amount on the node; null for a transaction without outputs. */
  readonly amountPx: number | null;
}

export interface StageReading {
  readonly position: number;
  readonly zoom: number;
  readonly focus: readonly FocusedNode[];
  /** Scrollable boxes of the stage whose content does not fit (presenter mode): their test ids. */
  readonly overflowing: readonly string[];
  /** Presenter mode: the scale the stage's type was fitted at (1 = full size), else null. */
  readonly stageScale: number | null;
}

const READ = `(() => {
  const canvas = document.querySelector('[data-testid="graph-canvas"]');
  const viewport = canvas.querySelector('.react-flow__viewport');
  const zoom = Number(/scale\\(([\\d.]+)\\)/.exec(viewport.style.transform)[1]);
  const box = canvas.getBoundingClientRect();
  const focusIds = (canvas.getAttribute('data-stage-focus') || '').split(',').filter(Boolean);
  const px = (el) => Number.parseFloat(getComputedStyle(el).fontSize) * zoom;
  const focus = focusIds.map((id) => {
    const node = canvas.querySelector('.react-flow__node[data-id="' + CSS.escape(id) + '"]');
    if (!node) return { id, inside: false, uncovered: false, titlePx: 0, amountPx: null };
    const r = node.getBoundingClientRect();
    const inside = r.left >= box.left - 0.5 && r.top >= box.top - 0.5 && r.right <= box.right + 0.5 && r.bottom <= box.bottom + 0.5;
    // Whatever is drawn at the node's centre and near its corners must be the node itself.
    const probes = [[0.5, 0.5], [0.1, 0.12], [0.9, 0.12], [0.1, 0.88], [0.9, 0.88]];
    const uncovered = probes.every(([fx, fy]) => {
      const hit = document.elementFromPoint(r.left + r.width * fx, r.top + r.height * fy);
      return hit !== null && node.contains(hit);
    });
    const title = node.querySelector('[data-testid="node-label"]');
    const amounts = [...node.querySelectorAll('[data-testid="node-amount"]')].map(px);
    return { id, inside, uncovered, titlePx: title ? px(title) : 0, amountPx: amounts.length ? Math.min(...amounts) : null };
  });
  const stage = document.querySelector('[data-testid="presenter-stage"]');
  const boxes = stage ? [stage, ...stage.querySelectorAll('[data-testid="stage-body"], [data-testid="figure-table"], [data-testid="lesson-charts"], [data-testid^="lesson-datum-"]')] : [];
  const overflowing = boxes.filter((b) => b.scrollHeight > b.clientHeight + 1 || b.scrollWidth > b.clientWidth + 1).map((b) => b.getAttribute('data-testid'));
  const wanted = canvas.getAttribute('data-stage-wanted') || '';
  const body = document.querySelector('[data-testid="stage-body"]');
  const stageScale = body && body.getAttribute('data-scale') ? Number(body.getAttribute('data-scale')) : null;
  return { position: Number(wanted.split('|')[3]), zoom, focus, overflowing, stageScale };
})()`;

export async function readStage(page: Page): Promise<StageReading> {
  return page.evaluate<StageReading>(READ);
}

const SETTLED = `(() => {
  const canvas = document.querySelector('[data-testid="graph-canvas"]');
  const wanted = canvas.getAttribute('data-stage-wanted');
  const body = document.querySelector('[data-testid="stage-body"]');
  return JSON.stringify({ wanted, framed: canvas.getAttribute('data-stage-framed'), scale: body ? body.getAttribute('data-scale') : null });
})()`;

/**
 * Waits until the canvas has framed the step at `position` and the stage has stopped fitting its
 * type (two readings in a row agree).
 */
export async function waitForStage(page: Page, position: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const now = String(await page.evaluate(SETTLED));
    const { wanted, framed } = JSON.parse(now) as { wanted: string; framed: string };
    if (wanted !== '' && wanted === framed && Number(wanted.split('|')[3]) === position && now === last) return;
    if (Date.now() > deadline) throw new Error(`the stage never settled on step ${position}: ${now}`);
    last = now;
    await page.waitForTimeout(60);
  }
}
