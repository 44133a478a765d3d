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
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('block events on their way to the window', () => {
  it('keeps the last block of a run per chain, before the next other event', () => {
    const sent: (readonly EventMessage[])[] = [];
    const batch = batchBlockEvents((events) => sent.push(events));
    for (let h = 1; h <= 1000; h++) batch.push(block('btc', h));
    batch.push(block('ltc', 7));
    batch.push(changed(3));
    batch.push(block('btc', 1001));
    expect(batch.take()).toEqual([block('btc', 1000), block('ltc', 7), changed(3), block('btc', 1001)]);
    expect(batch.take()).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('holds every event until an answer takes them, so they leave in one message with it', async () => {
    const sent: (readonly EventMessage[])[] = [];
    const batch = batchBlockEvents((events) => sent.push(events));
    batch.push(changed(1));
    batch.push(block('btc', 2));
    expect(sent).toEqual([]);
    expect(batch.take()).toEqual([changed(1), block('btc', 2)]);
    await turn();
    expect(sent).toEqual([]); // taken: nothing left to send on its own
  });

  it('sends what no answer took on the next turn of the event loop, in one message', async () => {
    const sent: (readonly EventMessage[])[] = [];
    const batch = batchBlockEvents((events) => sent.push(events));
    batch.push(block('btc', 1));
    batch.push(block('btc', 2));
    batch.push(changed(4));
    await turn();
    expect(sent).toEqual([[block('btc', 2), changed(4)]]);
    batch.push(block('btc', 3));
    await turn();
    expect(sent).toEqual([[block('btc', 2), changed(4)], [block('btc', 3)]]);
  });
});
