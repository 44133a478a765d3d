/**
 * UI figures (issue 5 §4), measured in Chromium against the built renderer in browser mode, with
 * the real host behind it.
 *
 * - `graph_2000_load_ms`: a 2,000-transaction scenario file (80 chains of 25 P2PKH payments,
 *   `uiGraph.ts`) is handed to the page's own File › Import input. The clock starts at the
 *   input's `change` event and stops at the first animation frame after the canvas shows the new
 *   graph: `data-revision` changed, `data-node-count` is 2,000, the viewport has been framed
 *   (its transform changed), and every node is drawn. Framed, 2,000 transactions need the
 *   canvas's far zoom, where the nodes are boxes of one overview picture (`OverviewLayer`): the
 *   check counts 2,000 boxes in it. At a closer framing it would be 2,000 React Flow nodes
 *   rendered and measured. It includes the host's import (timed alone as `host_import_2000_ms`),
 *   the WebSocket and the render.
 * - `graph_2000_pan_frame_p95_ms`: real mouse drags over the canvas's empty pane for 2 s at the
 *   framed zoom; the 95th percentile of requestAnimationFrame deltas. Then the same closer in
 *   (`graph_2000_zoom_0.2_pan_p95_ms`: overview nodes with readable names; `…_zoom_1_…`: full
 *   detail), for information.
 * Loading and panning (framed) a 100-transaction graph the same way is the baseline; the ratios compare.
 * - `lesson_step_ms`: Next to the framed, marked stage, every step of every built-in lesson (uiLesson.ts).
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ServedPage, WorkerHost } from '../main/host/workerHost';
import { CHROMIUM_ARGS } from '../test/e2e/helpers/chromium';
import { type BenchModule, type BenchResult, median, percentile, round } from './harness';
import { browserPrerequisites, startServedHost } from './prerequisites';
import { buildGraphFiles } from './uiGraph';
import { lessonResults, lessonStepTimes } from './uiLesson';

const BIG = 2_000;
const BASELINE = 100;
const LOAD_ROUNDS = 3;
const PAN_MS = 2_000;

/** What the page-side scripts leave on `window.__txlabBench`. */
interface PageState {
  start: number;
  adopted: number;
  end: number;
  rendered: number;
  frames: number[];
}

// Page-side code goes in as text: a bundler's helpers in a serialised function would not exist there.
const WATCH_LOAD = (expected: number): string => `(() => {
  const canvas = () => document.querySelector('[data-testid="graph-canvas"]');
  const revisionBefore = canvas().getAttribute('data-revision');
  const transformBefore = canvas().querySelector('.react-flow__viewport').style.transform;
  const state = { start: 0, adopted: 0, end: 0, rendered: 0, frames: [] };
  window.__txlabBench = state;
  // The canvas may be re-mounted while the import runs: look everything up again each frame.
  const loaded = () => {
    const c = canvas();
    const viewport = c && c.querySelector('.react-flow__viewport');
    if (!c || !viewport || c.getAttribute('data-revision') === revisionBefore) return false;
    if (Number(c.getAttribute('data-node-count')) !== ${expected}) return false;
    if (!state.adopted) state.adopted = performance.now();
    if (viewport.style.transform === transformBefore) return false;
    // Zoomed far out the canvas draws every node into its overview picture, one box each.
    if (c.getAttribute('data-far') === 'true') {
      let boxes = 0;
      for (const path of c.querySelectorAll('[data-testid="overview-nodes"]')) boxes += (path.getAttribute('d').match(/M/g) || []).length;
      state.rendered = boxes;
      return boxes === ${expected};
    }
    const nodes = c.querySelectorAll('.react-flow__node');
    if (nodes.length !== ${expected}) return false;
    for (const n of nodes) if (n.style.visibility === 'hidden') return false;
    state.rendered = nodes.length;
    return true;
  };
  const tick = () => (loaded() ? requestAnimationFrame(() => { state.end = performance.now(); }) : requestAnimationFrame(tick));
  document.querySelector('[data-testid="file-input"]').addEventListener('change', () => {
    state.start = performance.now();
    requestAnimationFrame(tick);
  }, { capture: true, once: true });
})()`;

const RECORD_FRAMES = `(() => {
  const state = window.__txlabBench;
  state.frames = [];
  state.recording = true;
  let last;
  const loop = (t) => {
    if (last !== undefined) state.frames.push(t - last);
    last = t;
    if (state.recording) requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
})()`;

/** A point of the pane with nothing on it (drags there pan the canvas rather than move a node). */
const EMPTY_PANE_POINT = `(() => {
  const pane = document.querySelector('[data-testid="graph-canvas"] .react-flow__pane').getBoundingClientRect();
  for (let y = pane.top + 12; y < pane.bottom - 12; y += 8) {
    for (let x = pane.left + 12; x < pane.right - 12; x += 8) {
      const hit = document.elementFromPoint(x, y);
      if (hit && hit.classList.contains('react-flow__pane')) return { x, y };
    }
  }
  return null;
})()`;

/** What the canvas shows, for a message when the graph never appears. */
const CANVAS_STATE = `(() => {
  const c = document.querySelector('[data-testid="graph-canvas"]');
  const nodes = [...c.querySelectorAll('.react-flow__node')];
  return JSON.stringify({
    revision: c.getAttribute('data-revision'),
    nodeCount: c.getAttribute('data-node-count'),
    rendered: nodes.length,
    unmeasured: nodes.filter((n) => n.style.visibility === 'hidden').length,
    far: c.getAttribute('data-far'),
    boxes: [...c.querySelectorAll('[data-testid="overview-nodes"]')].reduce((n, p) => n + (p.getAttribute('d').match(/M/g) || []).length, 0),
    transform: c.querySelector('.react-flow__viewport').style.transform,
    bench: window.__txlabBench,
    alerts: [...document.querySelectorAll('[role="alert"]')].map((a) => a.textContent).slice(0, 3),
  });
})()`;

interface Pan {
  readonly p95: number;
  readonly p50: number;
  readonly frames: number;
}

interface Measured {
  readonly loadMs: number;
  readonly adoptMs: number;
  /** At the zoom the import framed the graph at, then closer in (`zoom_0.2`: names readable; `zoom_1`: full detail). */
  readonly pans: ReadonlyMap<string, Pan>;
}

/** Closer zooms also panned, on the big graph only: what people do after the import framed it. */
const ZOOMS = [0.2, 1] as const;

async function freshPage(page: Page, host: WorkerHost, web: ServedPage): Promise<void> {
  const r = await host.invoke('workspace.new', {});
  if (!r.ok) throw new Error(`workspace.new: ${r.error.message}`);
  // Via a blank page: the app's URL differs only in its #token, which alone would not reload it.
  await page.goto('about:blank');
  await page.goto(web.url);
  await page.locator('[data-testid="host-status"][data-state="connected"]').waitFor({ timeout: 30_000 });
  await page
    .locator('[data-testid="graph-canvas"]:not([data-revision="-1"]) .react-flow__viewport')
    .waitFor({ timeout: 30_000 });
}

async function loadOnce(
  page: Page,
  host: WorkerHost,
  web: ServedPage,
  size: number,
  json: string,
): Promise<{ loadMs: number; adoptMs: number }> {
  await freshPage(page, host, web);
  await page.evaluate(WATCH_LOAD(size));
  await page.setInputFiles('[data-testid="file-input"]', {
    name: `bench-${size}.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(json),
  });
  // Polled from here: the page's CSP forbids the eval a string predicate needs. The times are the page's own.
  const deadline = performance.now() + 60_000;
  let state = await page.evaluate<PageState>('window.__txlabBench');
  while (state.end === 0) {
    if (performance.now() > deadline)
      throw new Error(
        `the ${size}-transaction graph did not show within a minute: ${String(await page.evaluate(CANVAS_STATE))}`,
      );
    await page.waitForTimeout(25);
    state = await page.evaluate<PageState>('window.__txlabBench');
  }
  return { loadMs: state.end - state.start, adoptMs: state.adopted - state.start };
}

async function panFrames(page: Page): Promise<number[]> {
  // Let the import's follow-ups (a refetch on `workspace.changed`, the minimap) settle first.
  await page.waitForTimeout(1_500);
  const point = await page.evaluate<{ x: number; y: number } | null>(EMPTY_PANE_POINT);
  if (!point) throw new Error('no empty spot on the canvas to drag from');
  await page.evaluate(RECORD_FRAMES);
  await page.mouse.move(point.x, point.y);
  await page.mouse.down();
  const started = performance.now();
  let angle = 0;
  // Circles of 120 px: the graph moves all the time and comes back to where it was.
  while (performance.now() - started < PAN_MS) {
    angle += 0.12;
    await page.mouse.move(point.x + 120 - 120 * Math.cos(angle), point.y + 120 * Math.sin(angle));
  }
  await page.mouse.up();
  const state = await page.evaluate<PageState>(
    '(() => { window.__txlabBench.recording = false; return window.__txlabBench; })()',
  );
  return state.frames;
}

function summarise(frames: readonly number[]): Pan {
  if (frames.length < 10) throw new Error(`only ${frames.length} frames while panning`);
  return { p95: percentile(frames, 95), p50: percentile(frames, 50), frames: frames.length };
}

const currentZoom = async (page: Page): Promise<number> => {
  const transform = String(
    await page.evaluate(`document.querySelector('[data-testid="graph-canvas"] .react-flow__viewport').style.transform`),
  );
  return Number(/scale\(([\d.]+)\)/.exec(transform)?.[1] ?? Number.NaN);
};

/** One wheel turn over the middle of the canvas (React Flow zooms by 2^(−deltaY × 0.002)). */
async function zoomTo(page: Page, zoom: number): Promise<void> {
  const pane = await page.locator('[data-testid="graph-canvas"] .react-flow__pane').boundingBox();
  if (!pane) throw new Error('the canvas is not on screen');
  await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
  await page.mouse.wheel(0, -Math.log2(zoom / (await currentZoom(page))) / 0.002);
  await page.waitForTimeout(300);
  const reached = await currentZoom(page);
  if (Math.abs(reached - zoom) > 0.01) throw new Error(`the canvas zoomed to ${reached}, not ${zoom}`);
}

async function measure(
  page: Page,
  host: WorkerHost,
  web: ServedPage,
  size: number,
  json: string,
  zooms: readonly number[],
): Promise<Measured> {
  const loads: { loadMs: number; adoptMs: number }[] = [];
  for (let i = 0; i < LOAD_ROUNDS; i++) loads.push(await loadOnce(page, host, web, size, json));
  const pans = new Map<string, Pan>([['framed', summarise(await panFrames(page))]]);
  for (const zoom of zooms) {
    await zoomTo(page, zoom);
    pans.set(`zoom_${zoom}`, summarise(await panFrames(page)));
  }
  return { loadMs: median(loads.map((l) => l.loadMs)), adoptMs: median(loads.map((l) => l.adoptMs)), pans };
}

/** The host alone importing the file (no page): how much of the load is not the renderer's. */
async function hostImportMs(host: WorkerHost, json: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < LOAD_ROUNDS; i++) {
    const t = performance.now();
    const r = await host.invoke('workspace.import', { json });
    if (!r.ok) throw new Error(`workspace.import: ${r.error.message}`);
    times.push(performance.now() - t);
  }
  return median(times);
}

export const uiBench: BenchModule = {
  name: 'ui (Chromium, browser mode)',
  async run(): Promise<BenchResult[]> {
    const { rendererDir, executablePath } = browserPrerequisites();
    const served = await startServedHost(rendererDir, 'ui');
    const { host, web } = served;
    let browser: Browser | undefined;
    try {
      const { files } = await buildGraphFiles(host, [BASELINE, BIG]);
      const small = files.get(BASELINE)!;
      const big = files.get(BIG)!;
      const hostBig = await hostImportMs(host, big);
      browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
      const context = await browser.newContext({
        viewport: { width: 1440, height: 900 },
        locale: 'en-US',
        colorScheme: 'light',
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));

      const base = await measure(page, host, web, BASELINE, small, []);
      const large = await measure(page, host, web, BIG, big, ZOOMS);
      await freshPage(page, host, web);
      const lessons = await lessonStepTimes(page);
      if (errors.length > 0)
        process.stderr.write(`bench ui: the page reported errors:\n  ${errors.slice(0, 5).join('\n  ')}\n`);
      const pan = (m: Measured, key: string): Pan => m.pans.get(key)!;
      return [
        ...lessonResults(lessons),
        { key: 'graph_100_load_ms', value: round(base.loadMs, 0), unit: 'ms', target: 'baseline: 100 transactions' },
        { key: 'graph_2000_load_ms', value: round(large.loadMs, 0), unit: 'ms', target: '< 2000' },
        {
          key: 'graph_2000_load_ratio',
          value: round(large.loadMs / base.loadMs),
          unit: '× 100',
          target: '20× the transactions',
        },
        {
          key: 'graph_2000_view_adopted_ms',
          value: round(large.adoptMs, 0),
          unit: 'ms',
          target: 'of the load: import answered and adopted',
        },
        {
          key: 'host_import_2000_ms',
          value: round(hostBig, 0),
          unit: 'ms',
          target: 'of the load: the host alone, no page',
        },
        {
          key: 'graph_100_pan_frame_p95_ms',
          value: round(pan(base, 'framed').p95, 1),
          unit: 'ms',
          target: 'baseline: 100 transactions',
        },
        {
          key: 'graph_2000_pan_frame_p95_ms',
          value: round(pan(large, 'framed').p95, 1),
          unit: 'ms',
          target: `< 20 (${pan(large, 'framed').frames} frames, p50 ${round(pan(large, 'framed').p50, 1)})`,
        },
        {
          key: 'graph_2000_pan_frame_ratio',
          value: round(pan(large, 'framed').p95 / pan(base, 'framed').p95),
          unit: '× 100',
          target: 'p95 over the baseline’s',
        },
        ...ZOOMS.map((zoom) => {
          const p = pan(large, `zoom_${zoom}`);
          return {
            key: `graph_2000_zoom_${zoom}_pan_p95_ms`,
            value: round(p.p95, 1),
            unit: 'ms',
            target: `at zoom ${zoom} (${p.frames} frames, p50 ${round(p.p50, 1)})`,
          };
        }),
      ];
    } finally {
      await browser?.close();
      await served.close();
    }
  },
};
