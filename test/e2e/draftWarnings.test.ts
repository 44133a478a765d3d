/**
 * Before signing, a draft's mistakes are said on the node and in the inspector, in words, in
 * both languages (issue 14 §1): here a payment of 1 BTC from a 50 BTC coin with no change back,
 * so 49 BTC would go to the miner, which a node refuses as max-fee-exceeded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceView } from '../../shared/contract/views';
import { nodeByLabel, openDockTab, openWorkbench, type Workbench } from './helpers/workbench';

async function must<T>(wb: Workbench, method: string, params: unknown): Promise<T> {
  const r = await wb.host.invoke(method, params);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

describe('warnings before signing', () => {
  let wb: Workbench;
  beforeAll(async () => {
    wb = await openWorkbench();
  });
  afterAll(async () => {
    await wb?.close();
  });

  it('shows an absurd fee with no change on the node and in the inspector, in English', async () => {
    const { page } = wb;
    const utxos = await must<{ utxos: { txid: string; vout: number; mature: boolean }[] }>(wb, 'wallet.utxos', {
      wallet: 'Alice',
      chain: 'btc',
    });
    const coin = utxos.utxos.find((u) => u.mature)!;
    const src = await must<{ created: string }>(wb, 'graph.addChainTx', {
      chain: 'btc',
      txid: coin.txid,
      position: { x: 0, y: 0 },
    });
    const pay = await must<WorkspaceView & { created: string }>(wb, 'graph.addNode', {
      template: 'p2pkh-payment',
      chain: 'btc',
      position: { x: 420, y: 0 },
    });
    await must(wb, 'graph.connect', {
      from: { node: src.created, output: coin.vout },
      to: { node: pay.created, input: 0 },
    });
    const view = await must<WorkspaceView>(wb, 'graph.setOutput', {
      node: pay.created,
      output: 0,
      value: '100000000',
      payTo: { wallet: 'Bob' },
    });
    // Only Bob is paid: drop any other output the template made, so nothing goes back to Alice.
    const extra = view.nodes.find((n) => n.id === pay.created)!.outputs.length - 1;
    for (let i = 0; i < extra; i++) await must(wb, 'graph.removeOutput', { node: pay.created, output: 1 });
    const payment = nodeByLabel(page, 'Payment');
    await expect.poll(() => payment.getByTestId('node-warnings').count()).toBe(1);
    expect(await payment.getByTestId('node-warnings').textContent()).toMatch(/absurd fee/);
    await payment.getByTestId('node-label').click();
    const inspector = page.getByTestId('inspector-warnings');
    await expect.poll(() => inspector.count()).toBe(1);
    expect(await page.getByTestId('warning-absurd-fee').textContent()).toContain('max-fee-exceeded');
    expect(await page.getByTestId('warning-no-change').textContent()).toContain('49 BTC would go to the miner');
    await wb.shot('w1-warnings-en');
  });

  it('says the same in 简体中文', async () => {
    const { page } = wb;
    await page.getByTestId('language-toggle').click();
    await expect.poll(() => page.getByTestId('warning-no-change').textContent()).toContain('49 BTC 会归矿工');
    expect(await nodeByLabel(page, 'Payment').getByTestId('node-warnings').textContent()).toContain('手续费过高');
    await wb.shot('w2-warnings-zh');
    await page.getByTestId('language-toggle').click();
  });

  it('puts a coin from the wallet to the left of the selected draft, so the edge reads coin → spender', async () => {
    const { page } = wb;
    const payment = nodeByLabel(page, 'Payment');
    await payment.getByTestId('node-label').click();
    const before = await page.getByTestId('tx-node').count();
    await openDockTab(page, 'wallets');
    await page.getByTestId('wallet-coins-Alice').click();
    const coinRow = page
      .locator('[data-testid="coin-row"][data-mature="true"]')
      .filter({ has: page.getByTestId('coin-place').getByText('Put on canvas') })
      .first();
    await coinRow.getByTestId('coin-place').click();
    await expect.poll(() => page.getByTestId('tx-node').count()).toBe(before + 1);
    const nodes = await page.getByTestId('tx-node').all();
    const placed = (await nodes[nodes.length - 1]!.boundingBox())!;
    const spender = (await payment.boundingBox())!;
    expect(placed.x + placed.width).toBeLessThan(spender.x);
  });

  it('logged no console errors or warnings, page errors or failed requests', () => {
    expect(wb.problems).toEqual([]);
  });
});
