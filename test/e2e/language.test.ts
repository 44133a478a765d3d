/**
 * (g) Switch to 简体中文 and back: on every main screen (canvas, inspector tabs, every dock tab,
 * the menus, the shortcuts dialog, presenter mode) no English sentence from the catalogue is
 * left, and back in English no Chinese one. Screenshots in dark theme. Then the host's own words
 * in 简体中文 (issue 14 §6): its refusals (undo with nothing to undo, an amount above all the
 * coins there can be, a signature no key can make, a broadcast the simulated chain refuses, a failed
 * script under Core's code) and a real node's name carry no English word
 * but protocol names, units and program names.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../shared/ui/i18n/en';
import { zhCN } from '../../shared/ui/i18n/zh-CN';
import { SCRIPT_ERROR_MESSAGES } from '../../shared/bitcoin/errors';
import { SCRIPT_ERRORS_ZH } from '../../shared/ui/i18n/scriptErrorsZh';
import { loadLesson, nodeByLabel, openDockTab, openWorkbench, playSteps, type Workbench } from './helpers/workbench';

type Catalogue = Readonly<Record<string, string>>;

/**
 * The telltale pieces of one language: each message cut at its {placeholders}, keeping pieces
 * with a letter that the other language never uses (names like P2PKH or HTLC are the same in both).
 */
function telltales(from: Catalogue, other: Catalogue): string[] {
  const otherText = Object.values(other).join('\n');
  const pieces = new Set<string>();
  for (const [key, value] of Object.entries(from)) {
    if (other[key] === value) continue;
    for (const piece of value.split(/\{\w+\}/)) {
      const trimmed = piece.trim().replace(/^[·:,.()（）：，。…\s-]+|[·:,.()（）：，。…\s-]+$/g, '');
      const meaningful = /[A-Za-z]{3,}/.test(trimmed) || /[\u4e00-\u9fff]{2,}/.test(trimmed);
      if (meaningful && trimmed.length >= 4 && !otherText.includes(trimmed)) pieces.add(trimmed);
    }
  }
  return [...pieces];
}

const ENGLISH = telltales(en, zhCN);
const CHINESE = telltales(zhCN, en);

/**
 * Names that belong to the workspace, not to the interface: transaction and output labels (the
 * seed's C1a, Funding, Close, Coins…), wallet names (Alice, Miner…), template and scenario ids. They read the same in
 * every language and are taken out of the page's text before looking for leftovers.
 */
async function dataNames(host: Workbench['host']): Promise<string[]> {
  const got = await host.invoke('workspace.get', {});
  if (!got.ok) throw new Error(`workspace.get failed: ${got.error.message}`);
  const listed = await host.invoke('scenario.list', {});
  if (!listed.ok) throw new Error(`scenario.list failed: ${listed.error.message}`);
  const view = got.value as {
    nodes: { label: string; template: string; outputs: { label?: string }[] }[];
    wallets: { name: string }[];
  };
  const scenarios = (listed.value as { scenarios: { name: string }[] }).scenarios;
  const names = [
    ...view.nodes.flatMap((n) => [n.label, n.template, ...n.outputs.map((o) => o.label ?? '')]),
    ...view.wallets.map((w) => w.name),
    ...scenarios.map((s) => s.name),
  ];
  // Longest first, so that "Miner" goes before a catalogue word inside it ("Mine").
  return [...new Set(names)].filter((n) => n.length > 0).sort((a, b) => b.length - a.length);
}

/**
 * The pieces the page shows as words of their own: "Script" inside the protocol's identifier
 * "witnessScript" is not a leftover, "Script" on its own is. Chinese has no spaces to test for.
 */
async function leftovers(page: Page, pieces: readonly string[], names: readonly string[]): Promise<string[]> {
  let text = await page.evaluate(() => document.body.innerText);
  for (const name of names) text = text.split(name).join(' ');
  // A Latin edge must not touch another Latin letter; a CJK edge may touch anything.
  const asWord = (piece: string): RegExp =>
    new RegExp(
      `${/^[A-Za-z]/.test(piece) ? '(^|[^A-Za-z])' : ''}${piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${/[A-Za-z]$/.test(piece) ? '($|[^A-Za-z])' : ''}`,
    );
  return pieces.filter((p) => asWord(p).test(text));
}

describe('(g) 简体中文 and back', () => {
  let wb: Workbench;
  const seen: Record<string, string[]> = {};
  beforeAll(async () => {
    wb = await openWorkbench({ colorScheme: 'dark' });
    const { page } = wb;
    await loadLesson(page, 'rsmc-channel', 'breach-punished');
    await playSteps(page, 3);
  });
  afterAll(async () => {
    await wb?.close();
  });

  it('finds telltale strings in both catalogues (the check can fail)', () => {
    expect(ENGLISH.length).toBeGreaterThan(150);
    expect(CHINESE.length).toBeGreaterThan(150);
    expect(ENGLISH).toContain('Hand over a key');
  });

  it('switches to 简体中文', async () => {
    const { page } = wb;
    await page.getByTestId('language-toggle').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await expect.poll(() => page.getByTestId('host-status').textContent()).toBe('主机已连接 · 浏览器模式');
  });

  const screens: readonly [string, (page: Page) => Promise<void>][] = [
    ['lesson', async (page) => openDockTab(page, 'lesson')],
    [
      'inspector',
      async (page) => {
        await nodeByLabel(page, 'Funding').getByTestId('node-label').click();
        await page.getByTestId('inspector-tab-overview').click();
      },
    ],
    ['inspector-inputs', async (page) => page.getByTestId('inspector-tab-inputs').click()],
    ['inspector-outputs', async (page) => page.getByTestId('inspector-tab-outputs').click()],
    ['inspector-raw', async (page) => page.getByTestId('inspector-tab-raw').click()],
    ['btc', async (page) => openDockTab(page, 'btc')],
    ['wallets', async (page) => openDockTab(page, 'wallets')],
    ['timelocks', async (page) => openDockTab(page, 'timelocks')],
    [
      'debugger',
      async (page) => {
        await page.getByTestId('inspector-tab-inputs').click();
        await page.getByTestId('debug-input-0').click();
        await page.getByTestId('debug-step').click();
      },
    ],
    ['console', async (page) => openDockTab(page, 'console')],
    [
      'menu',
      async (page) => {
        await page.getByTestId('menu-file').click();
        await page.getByTestId('menuitem-file.new').waitFor();
      },
    ],
    [
      'shortcuts',
      async (page) => {
        await page.keyboard.press('Escape');
        await page.getByTestId('menu-help').click();
        await page.getByTestId('menuitem-help.shortcuts').click();
        await page.getByTestId('shortcuts-table').waitFor();
      },
    ],
    [
      'presenter',
      async (page) => {
        await page.keyboard.press('Escape');
        await page.getByTestId('presenter-button').click();
        await page.getByTestId('presenter-stage').waitFor();
      },
    ],
  ];

  it('leaves no English string on the main screens', async () => {
    const { page } = wb;
    const names = await dataNames(wb.host);
    expect(names).toContain('Funding');
    for (const [name, show] of screens) {
      await show(page);
      await page.waitForTimeout(250);
      seen[name] = await leftovers(page, ENGLISH, names);
      await wb.shot(`g-zh-${name}`);
    }
    await page.getByTestId('presenter-button').click();
    expect(seen).toEqual(Object.fromEntries(screens.map(([name]) => [name, []])));
  });

  it('switches back to English: no Chinese string left', async () => {
    const { page } = wb;
    await page.getByTestId('language-toggle').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    const back: Record<string, string[]> = {};
    const names = await dataNames(wb.host);
    for (const [name, show] of screens.slice(0, 8)) {
      await show(page);
      await page.waitForTimeout(150);
      back[name] = await leftovers(page, CHINESE, names);
    }
    expect(back).toEqual(Object.fromEntries(screens.slice(0, 8).map(([name]) => [name, []])));
    await wb.shot('g-en-back');
  });

  it('logged no console errors or warnings, page errors or failed requests', () => {
    expect(wb.problems).toEqual([]);
  });
});

function onPath(program: string): boolean {
  return (process.env['PATH'] ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Words that read the same in 简体中文: units, protocol and script names, program names and the
 * command-line flags a message quotes. Anything else in Latin letters is English left over.
 */
const SAME_IN_CHINESE = new Set([
  'BTC',
  'LTC',
  'sat',
  'P2PKH',
  'SegWit',
  'litecoind',
  'bitcoind',
  'Bitcoin',
  'Litecoin',
  'regtest',
  'PATH',
  'TxLab',
  'nLockTime',
  'Unix',
  'UTC',
  'BIP',
  'OP',
  'EQUALVERIFY',
]);

/** The Latin words of a text after the workspace's own names are taken out, less those above. */
function englishWords(text: string, names: readonly string[]): string[] {
  let rest = text;
  for (const name of names) rest = rest.split(name).join(' ');
  return (rest.match(/[A-Za-z][A-Za-z-]+/g) ?? []).filter((w) => !SAME_IN_CHINESE.has(w));
}

/** The toast's text, once an error toast is shown; then closed. */
async function errorNotice(page: Page): Promise<string> {
  const notice = page.locator('[data-testid="notice"][data-severity="error"]');
  await notice.waitFor();
  const text = (await notice.textContent()) ?? '';
  return text;
}

async function closeNotice(page: Page): Promise<void> {
  await page.locator('[data-testid="notice"] button').click();
  await page.locator('[data-testid="notice"]').waitFor({ state: 'detached' });
}

describe('(g) the host’s words in 简体中文', () => {
  let wb: Workbench;
  beforeAll(async () => {
    wb = await openWorkbench();
  });
  afterAll(async () => {
    await wb?.close();
  });

  it('says “nothing to undo” in Chinese (Ctrl+Z on a fresh workspace)', async () => {
    const { page } = wb;
    await page.getByTestId('language-toggle').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.getByTestId('graph-canvas').click({ position: { x: 40, y: 40 } });
    await page.keyboard.press('Control+z');
    const text = await errorNotice(page);
    expect(text).toContain(zhCN['host.nothingToUndo']);
    expect(text).not.toContain(en['host.nothingToUndo']);
    expect(englishWords(text, await dataNames(wb.host))).toEqual([]);
    await wb.shot('g-zh-host-undo');
    await closeNotice(page);
  });

  it('says a refused amount in Chinese, next to the field', async () => {
    const { page } = wb;
    const canvas = page.getByTestId('graph-canvas');
    const box = (await canvas.boundingBox())!;
    await page
      .getByTestId('template-p2pkh-payment')
      .dragTo(canvas, { targetPosition: { x: box.width * 0.5, y: box.height * 0.3 } });
    const payment = nodeByLabel(page, 'Payment');
    await expect.poll(() => payment.count()).toBe(1);
    // The default name is translated on the canvas, the stored label stays.
    expect(await payment.getByTestId('node-label').textContent()).toBe(zhCN['node.default.payment']);
    await payment.getByTestId('node-label').click();
    await page.getByTestId('inspector-tab-outputs').click();
    const amount = page.getByTestId('amount-0');
    await amount.fill('30000000');
    await amount.press('Enter');
    const helper = page.locator('.MuiTextField-root', { has: amount }).locator('.MuiFormHelperText-root');
    await expect.poll(() => helper.textContent()).toContain('超过了 BTC 可能存在的总量');
    const text = (await helper.textContent()) ?? '';
    expect(text).toBe('3000000000000000 聪超过了 BTC 可能存在的总量（21,000,000 BTC）');
    expect(englishWords(text, await dataNames(wb.host))).toEqual([]);
    await wb.shot('g-zh-host-amount');
    await amount.press('Escape');
  });

  it('says a refused signature in Chinese, naming the node as the canvas does', async () => {
    const { page } = wb;
    await page.getByTestId('action-sign').click();
    // The dialog's title is one language: the default name is translated too.
    await expect.poll(() => page.getByRole('dialog').locator('h2').textContent()).toBe('为“付款”签名');
    await page.getByTestId('sign-confirm').click();
    const text = await errorNotice(page);
    expect(text).toContain('没有“付款”要求签名的密钥');
    expect(englishWords(text, await dataNames(wb.host))).toEqual([]);
    await wb.shot('g-zh-host-sign');
    await closeNotice(page);
    if (await page.getByRole('dialog').count()) await page.keyboard.press('Escape');
  });

  it('names a chain’s real node in Chinese: litecoind 扮演 Bitcoin regtest（本机）', async () => {
    // Needs `apt-get install -y litecoind` (as test/e2e/backend.test.ts); without it this fails and says so.
    expect(onPath('litecoind'), 'litecoind is not on PATH (apt-get install -y litecoind)').toBe(true);
    const { page } = wb;
    await openDockTab(page, 'btc');
    await page.getByTestId('backend-btc-kind-local').click();
    await page.getByTestId('backend-btc-daemon-litecoind').click();
    await page.getByTestId('backend-btc-apply').click();
    await expect
      .poll(() => page.getByTestId('chain-backend-btc').getAttribute('data-backend'), { timeout: 90_000 })
      .toBe('real');
    const name = (await page.getByTestId('chain-node-btc').textContent()) ?? '';
    expect(name).toBe('litecoind 扮演 Bitcoin regtest（本机）');
    expect(englishWords(name, [])).toEqual([]);
    await page.getByTestId('chain-node-btc').scrollIntoViewIfNeeded();
    await wb.shot('g-zh-real-node');
  });

  it('finds English words where they are (the check can fail)', () => {
    expect(englishWords('nothing to undo', [])).toEqual(['nothing', 'to', 'undo']);
    expect(englishWords('Alice 没有“付款”要求签名的密钥 (3000 sat, BTC)', ['Alice'])).toEqual([]);
  });

  it('logged no console errors or warnings, page errors or failed requests', () => {
    expect(wb.problems).toEqual([]);
  });
});

/** Its own workbench: the real node of the test above would say its refusals in its own words. */
describe('(g) the simulated chain’s refusals and script errors in 简体中文', () => {
  let wb: Workbench;
  beforeAll(async () => {
    wb = await openWorkbench();
  });
  afterAll(async () => {
    await wb?.close();
  });

  it('says why the simulated chain refused a broadcast in Chinese: notice and last rejection (non-final)', async () => {
    const { page } = wb;
    await page.getByTestId('language-toggle').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await loadLesson(page, 'htlc', 'timeout');
    const ht1a = nodeByLabel(page, 'HT1a');
    // Up to the step where Alice signs HT1a, which is locked for three days.
    const status = async () => ((await ht1a.count()) > 0 ? await ht1a.getAttribute('data-status') : null);
    for (let i = 0; i < 20 && (await status()) !== 'signed'; i++) await playSteps(page, 1);
    expect(await status()).toBe('signed');
    await ht1a.getByTestId('node-label').click();
    await page.getByTestId('action-broadcast').click();
    const notice = await errorNotice(page);
    // Core's reason stays as Core prints it; TxLab's sentence after it is Chinese.
    // The title's colon is the language's own (full-width), then Core's reason and the sentence.
    expect(notice).toContain('广播被拒绝：non-final — 被锁定到 ');
    expect(notice).not.toContain('locked until');
    const names = await dataNames(wb.host);
    expect(englishWords(notice.replace('non-final', ''), names)).toEqual([]);
    const alert = (await page.getByTestId('last-rejection').textContent()) ?? '';
    // The lock as a UTC date beside its Unix time, and BIP113's median time it is judged against.
    const date = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC`;
    expect(alert).toMatch(
      new RegExp(
        `上次广播被拒绝：non-final被锁定到 ${date}（Unix 时间 \\d+，nLockTime）；链的中位时间（BIP113）现在是 ${date}`,
      ),
    );
    expect(englishWords(alert.replace('non-final', ''), names)).toEqual([]);
    await wb.shot('g-zh-host-refused');
    await closeNotice(page);
  });

  it('says a failed script in Chinese under Core’s code: status, verdict and refusal', async () => {
    const { page } = wb;
    await loadLesson(page, 'p2pkh-basics', 'forgery');
    await playSteps(page, 2); // the introduction, then Mallory signs the forgery with her own key
    const forgery = nodeByLabel(page, 'Forgery');
    await expect.poll(() => forgery.getAttribute('data-status')).toBe('invalid');
    await forgery.getByTestId('node-label').click();
    const names = await dataNames(wb.host);
    const status = (await page.getByTestId('invalid-reason').textContent()) ?? '';
    expect(status).toContain(SCRIPT_ERRORS_ZH.EQUALVERIFY);
    expect(status).not.toContain(SCRIPT_ERROR_MESSAGES.EQUALVERIFY);
    expect(englishWords(status, names)).toEqual([]);

    await page.getByTestId('inspector-tab-inputs').click();
    const verdict = page.getByTestId('verdict').first();
    await expect.poll(() => verdict.getAttribute('data-ok')).toBe('false');
    const said = (await verdict.textContent()) ?? '';
    expect(said).toContain('EQUALVERIFY');
    expect(said).toContain('脚本在 OP_EQUALVERIFY 处验证失败');
    expect(englishWords(said, names)).toEqual([]);
    await wb.shot('g-zh-host-verdict');

    await page.getByTestId('action-broadcast').click();
    const notice = await errorNotice(page);
    const reason = `mandatory-script-verify-flag-failed (${SCRIPT_ERROR_MESSAGES.EQUALVERIFY})`;
    expect(notice).toContain(`${reason} — 输入 0：${SCRIPT_ERRORS_ZH.EQUALVERIFY}`);
    expect(englishWords(notice.replace(reason, ''), names)).toEqual([]);
    await wb.shot('g-zh-host-script-refused');
    await closeNotice(page);
  });

  it('says a lesson check that fails in Chinese, with the status in Chinese words', async () => {
    const { page, host } = wb;
    await loadLesson(page, 'p2pkh-basics', 'pay');
    // The lesson as a file whose first step signs and broadcasts Payment, then expects it mined:
    // it is only in the mempool, so the check fails as a lesson a teacher got wrong would.
    const exported = await host.invoke('workspace.export', {});
    if (!exported.ok) throw new Error(`workspace.export failed: ${exported.error.message}`);
    const file = JSON.parse((exported.value as { json: string }).json) as {
      lesson: { position: number; paths: Record<string, { actions: unknown[] }[]> };
    };
    const pay = file.lesson.paths['pay']!;
    const [sign, broadcast] = [pay[1]!.actions[0], pay[3]!.actions[0]];
    pay[0] = { ...pay[0]!, actions: [sign, broadcast, { expect: { status: { Payment: 'confirmed' } } }] };
    file.lesson.position = 0;
    const before = await page.getByTestId('graph-canvas').getAttribute('data-revision');
    const imported = await host.invoke('workspace.import', { json: JSON.stringify(file) });
    if (!imported.ok) throw new Error(`workspace.import failed: ${imported.error.message}`);
    await expect.poll(() => page.getByTestId('graph-canvas').getAttribute('data-revision')).not.toBe(before);
    await page.getByTestId('lesson-next').click();
    const notice = await errorNotice(page);
    expect(notice).toContain('第 1 步第 3 项检查：“付款”的状态是“在内存池中”，应为“已确认”');
    expect(englishWords(notice, await dataNames(host))).toEqual([]);
    await wb.shot('g-zh-lesson-check-failed');
    await closeNotice(page);
  });

  it('logged no console errors or warnings, page errors or failed requests', () => {
    expect(wb.problems).toEqual([]);
  });
});
