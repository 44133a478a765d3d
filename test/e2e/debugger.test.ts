/**
 * (f) The script debugger on a P2PKH input: after OP_DUP the stack holds the public key twice;
 * at OP_CHECKSIG the sighash preimage shows; run to the end, the scripts succeed. And a forged
 * signature shows as an invalid node with the failing opcode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLesson, nodeByLabel, openWorkbench, playSteps, type Workbench } from './helpers/workbench';

describe('(f) stepping through a P2PKH spend', () => {
  let wb: Workbench;
  beforeAll(async () => {
    wb = await openWorkbench({ colorScheme: 'dark' });
  });
  afterAll(async () => {
    await wb?.close();
  });

  it('has Alice sign a P2PKH payment (p2pkh-basics, two steps)', async () => {
    const { page } = wb;
    await loadLesson(page, 'p2pkh-basics', 'pay');
    await playSteps(page, 2);
    await expect.poll(() => nodeByLabel(page, 'Payment').getAttribute('data-status')).toBe('signed');
  });

  it('opens the debugger from the input in the inspector', async () => {
    const { page } = wb;
    await nodeByLabel(page, 'Payment').getByTestId('node-label').click();
    await page.getByTestId('inspector-tab-inputs').click();
    expect(await page.getByTestId('inspector-input-0').textContent()).toContain('P2PKH');
    await page.getByTestId('debug-input-0').click();
    await expect.poll(() => page.getByTestId('trace-step').count()).toBeGreaterThanOrEqual(7);
    expect(await page.getByTestId('debug-position').textContent()).toContain('Step 0 of');
    // At the start nothing goes back.
    expect(await page.getByTestId('debug-back').isDisabled()).toBe(true);
    expect(await page.getByTestId('debug-start').isDisabled()).toBe(true);
    expect(await page.getByTestId('debug-step').isDisabled()).toBe(false);
    // Offsets read as byte offsets, under a column that says so.
    expect(await page.getByTestId('trace-offset').first().textContent()).toBe('@0');
    expect(await page.getByTestId('trace-phase').first().textContent()).toContain('byte offset');
  });

  it('steps: after OP_DUP the stack shows the public key twice', async () => {
    const { page } = wb;
    // scriptSig: <sig> <pubkey>, then scriptPubKey: OP_DUP …
    let after = '';
    for (let i = 0; i < 6 && !after.includes('OP_DUP'); i++) {
      await page.getByTestId('debug-step').click();
      after = (await page.getByTestId('debug-position').textContent()) ?? '';
    }
    expect(after).toContain('after OP_DUP');
    const items = await page
      .getByTestId('main-stack')
      .getByTestId('stack-item')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-hex') ?? ''));
    expect(items).toHaveLength(3);
    // Top first: the key, the key again, then the signature.
    expect(items[0]).toBe(items[1]);
    expect(items[0]).toMatch(/^0[23][0-9a-f]{64}$/);
    expect(items[2]).toMatch(/^30[0-9a-f]+01$/);
    await wb.shot('f1-after-op-dup');
  });

  it('shows the sighash preimage at OP_CHECKSIG and succeeds at the end; back steps back', async () => {
    const { page } = wb;
    await page.getByTestId('debug-end').click();
    await expect.poll(() => page.getByTestId('debug-result').textContent()).toContain('succeeded');
    // The verdict is in view at 1440×900, and at the end nothing goes forward.
    const verdict = (await page.getByTestId('debug-result').boundingBox())!;
    expect(verdict.y).toBeGreaterThanOrEqual(0);
    expect(verdict.y + verdict.height).toBeLessThanOrEqual(900);
    expect(await page.getByTestId('debug-step').isDisabled()).toBe(true);
    expect(await page.getByTestId('debug-end').isDisabled()).toBe(true);
    // The stack's last item is OP_CHECKSIG's true: one byte, in the singular.
    const last = page.getByTestId('main-stack').getByTestId('stack-item');
    expect(await last.count()).toBe(1);
    expect(await last.textContent()).toMatch(/1 byte$/);
    await wb.shot('f2a-verdict-at-the-end');
    await page.getByTestId('debug-back').click();
    await page.getByTestId('debug-step').click();
    const preimage = page.getByTestId('sig-check').getByTestId('sig-preimage');
    await expect.poll(() => preimage.count()).toBe(1);
    expect(((await preimage.textContent()) ?? '').length).toBeGreaterThan(100);
    await wb.shot('f2-checksig-preimage');
  });

  it('shows a forged signature as invalid, with the failing opcode', async () => {
    const { page } = wb;
    await loadLesson(page, 'p2pkh-basics', 'forgery');
    await playSteps(page, 2);
    const forgery = nodeByLabel(page, 'Forgery');
    await expect.poll(() => forgery.getAttribute('data-status')).toBe('invalid');
    expect(await forgery.getByTestId('node-status-detail').textContent()).toContain('OP_EQUALVERIFY');
    await forgery.getByTestId('node-label').click();
    expect(await page.getByTestId('invalid-reason').textContent()).toContain('EQUALVERIFY');
    await wb.shot('f3-forgery-invalid');
  });

  it('logged no console errors or warnings, page errors or failed requests', () => {
    expect(wb.problems).toEqual([]);
  });
});
