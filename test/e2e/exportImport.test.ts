/**
 * (d) Export the workspace, reload the app, import the file: the same graph, positions and
 * statuses. (e) A malformed scenario file: an error that names the problem and where it is, and
 * the open workspace unchanged. Also the graph as PNG and SVG for slides.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForStage } from './helpers/stage';
import {
  loadLesson,
  nodeByLabel,
  openWorkbench,
  playSteps,
  SCREENSHOT_DIR,
  showWholeProtocol,
  type Workbench,
} from './helpers/workbench';

interface Shown {
  readonly id: string;
  readonly status: string;
  readonly transform: string;
}

/** What the canvas shows of every node: id, status and where it sits (React Flow's transform). */
async function graphOnScreen(page: Page): Promise<Shown[]> {
  const nodes = await page.locator('.react-flow__node').evaluateAll((elements) =>
    elements.map((el) => {
      const inner = el.querySelector('[data-testid="tx-node"]');
      return {
        id: el.getAttribute('data-id') ?? '',
        status: inner?.getAttribute('data-status') ?? '',
        transform: (el as HTMLElement).style.transform,
      };
    }),
  );
  return nodes.sort((a, b) => a.id.localeCompare(b.id));
}

async function runMenu(page: Page, menu: string, item: string): Promise<void> {
  await page.getByTestId(`menu-${menu}`).click();
  await page.getByTestId(`menuitem-${item}`).click();
}

describe('(d) export, reload, import; (e) a malformed file', () => {
  let wb: Workbench;
  let exported = '';
  let before: Shown[] = [];
  beforeAll(async () => {
    wb = await openWorkbench();
  });
  afterAll(async () => {
    await wb?.close();
  });

  it('builds a graph with several statuses and a moved node', async () => {
    const { page } = wb;
    await loadLesson(page, 'atomic-swap', 'success');
    // Every transaction on the canvas, drafts not yet introduced included (the page remembers it).
    await showWholeProtocol(page);
    await playSteps(page, 2);
    // The canvas frames the step's transactions: drag once it is at rest.
    await waitForStage(page, 2);
    await expect.poll(() => nodeByLabel(page, 'Tx1').getAttribute('data-status')).toBe('confirmed');
    // Move Tx2 by hand: its new position must survive the round trip.
    const revision = await page.getByTestId('graph-canvas').getAttribute('data-revision');
    const header = nodeByLabel(page, 'Tx2').getByTestId('node-label');
    const box = (await header.boundingBox())!;
    await page.mouse.move(box.x + 10, box.y + 5);
    await page.mouse.down();
    await page.mouse.move(box.x + 60, box.y + 90, { steps: 10 });
    await page.mouse.up();
    // The host's answer (the moved node, rounded to whole units) is what the canvas shows.
    await expect.poll(() => page.getByTestId('graph-canvas').getAttribute('data-revision')).not.toBe(revision);
    await expect
      .poll(async () => (await graphOnScreen(page)).every((n) => /^translate\(-?\d+px, -?\d+px\)$/.test(n.transform)))
      .toBe(true);
    before = await graphOnScreen(page);
    expect(new Set(before.map((n) => n.status))).toEqual(new Set(['confirmed', 'signed', 'draft']));
  });

  it('exports the workspace as a file', async () => {
    const { page } = wb;
    const download = page.waitForEvent('download');
    await runMenu(page, 'file', 'file.save');
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.txlab\.json$/);
    exported = join(SCREENSHOT_DIR, 'd-exported.txlab.json');
    await file.saveAs(exported);
    const saved = JSON.parse(readFileSync(exported, 'utf8')) as { graph: { nodes: unknown[] } };
    expect(saved.graph.nodes.length).toBe(before.length);
  });

  it('exports the graph as PNG and SVG', async () => {
    const { page } = wb;
    const png = page.waitForEvent('download');
    await runMenu(page, 'file', 'file.exportPng');
    const pngPath = join(SCREENSHOT_DIR, 'd-graph.png');
    await (await png).saveAs(pngPath);
    expect([...readFileSync(pngPath).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const svg = page.waitForEvent('download');
    await runMenu(page, 'file', 'file.exportSvg');
    const svgPath = join(SCREENSHOT_DIR, 'd-graph.svg');
    await (await svg).saveAs(svgPath);
    expect(readFileSync(svgPath, 'utf8')).toMatch(/^<svg[\s\S]*Tx1-claim/);
  });

  it('reloads, starts a new workspace, imports the file: the same graph, positions and statuses', async () => {
    const { page } = wb;
    await page.reload();
    await page.locator('[data-testid="host-status"][data-state="connected"]').waitFor();
    await runMenu(page, 'file', 'file.new');
    await page.getByTestId('confirm-new').click();
    await expect.poll(() => page.getByTestId('tx-node').count()).toBe(0);
    await runMenu(page, 'file', 'file.open');
    await page.getByTestId('file-input').setInputFiles(exported);
    await expect.poll(() => page.getByTestId('tx-node').count()).toBe(before.length);
    await expect.poll(() => graphOnScreen(page)).toEqual(before);
    await wb.shot('d1-imported');
  });

  it('(e) refuses a malformed file, names the problem and where, and keeps the workspace', async () => {
    const { page } = wb;
    const revision = await page.getByTestId('graph-canvas').getAttribute('data-revision');
    const doc = JSON.parse(readFileSync(exported, 'utf8')) as {
      graph: { nodes: { kind: string; tx?: { outputs: { value: string }[] } }[] };
    };
    const index = doc.graph.nodes.findIndex((n) => n.kind === 'draft');
    doc.graph.nodes[index]!.tx!.outputs[0]!.value = '-1';
    const broken = join(SCREENSHOT_DIR, 'e-malformed.txlab.json');
    writeFileSync(broken, JSON.stringify(doc));
    await runMenu(page, 'file', 'file.open');
    await page.getByTestId('file-input').setInputFiles(broken);
    const notice = page.getByTestId('notice');
    await expect.poll(() => notice.getAttribute('data-severity')).toBe('error');
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('e-malformed.txlab.json');
    expect(text).toContain(`graph.nodes[${index}].tx.outputs[0].value`);
    expect(text).toContain('The open workspace was not changed');
    await wb.shot('e1-malformed-refused');
    expect(await page.getByTestId('graph-canvas').getAttribute('data-revision')).toBe(revision);
    expect(await graphOnScreen(page)).toEqual(before);
  });

  it('(e) refuses a file that is not JSON at all', async () => {
    const { page } = wb;
    const junk = join(SCREENSHOT_DIR, 'e-not-json.txlab.json');
    writeFileSync(junk, '{ "format": "txlab-scenario", ');
    await page.getByTestId('notice').getByRole('button').click();
    await runMenu(page, 'file', 'file.open');
    await page.getByTestId('file-input').setInputFiles(junk);
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('e-not-json.txlab.json');
    expect(await page.getByTestId('notice').getAttribute('data-severity')).toBe('error');
    expect(await graphOnScreen(page)).toEqual(before);
  });

  it('logged no console errors or warnings, page errors or failed requests', () => {
    expect(wb.problems).toEqual([]);
  });
});
