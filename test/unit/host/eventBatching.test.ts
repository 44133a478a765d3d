/** A run of chain.block events reaches the window as its last block per chain, in order with everything else. */
import { describe, expect, it } from 'vitest';
import { batchBlockEvents } from '../../../main/host/eventBatching';
import type { EventMessage } from '../../../shared/contract/wire';

const block = (chain: string, height: number): EventMessage => ({
  kind: 'event',
  event: 'chain.block',
  payload: { chain, hash: `h${height}`, height },
});
const changed = (revision: number): EventMessage => ({
  kind: 'event',
  event: 'workspace.changed',
  payload: { revision },
});

describe('block events on their way to the window', () => {
  it('keeps the last block of a run per chain, sent before the next other event', () => {
    const sent: EventMessage[] = [];
    const batch = batchBlockEvents((e) => sent.push(e));
    for (let h = 1; h <= 1000; h++) batch.push(block('btc', h));
    batch.push(block('ltc', 7));
    expect(sent).toEqual([]);
    batch.push(changed(3));
    expect(sent).toEqual([block('btc', 1000), block('ltc', 7), changed(3)]);
  });

  it('sends what it holds on flush (before an answer) and on the next turn of the event loop', async () => {
    const sent: EventMessage[] = [];
    const batch = batchBlockEvents((e) => sent.push(e));
    batch.push(block('btc', 1));
    batch.push(block('btc', 2));
    batch.flush();
    expect(sent).toEqual([block('btc', 2)]);
    batch.push(block('btc', 3));
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toEqual([block('btc', 2), block('btc', 3)]);
  });
});
