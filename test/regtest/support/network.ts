/**
 * Several regtest nodes on loopback for the race: start them (or fail loudly with the install
 * hint), cut and restore their link so each can receive its own version of a transaction, and wait
 * until they agree on the tip again.
 */
import { z } from 'zod';
import { connectNodes, type LocalDaemon, startLocalNetwork } from '../../../main/backends/localDaemon';
import { rpc, unwrap } from './node';

/**
 * Starts `count` connected nodes (0 → 1 → …) or throws: a missing daemon must fail the suite,
 * never skip it. TXLAB_REGTEST_DAEMON picks the binary, as for `startNode`.
 */
export async function startNetwork(count: number, extraArgs: readonly string[] = []): Promise<LocalDaemon[]> {
  const binary = process.env['TXLAB_REGTEST_DAEMON'];
  const nodes = await startLocalNetwork(count, { extraArgs, ...(binary ? { binary } : {}) });
  if (!nodes.ok)
    throw new Error(
      `regtest suite needs ${count} nodes: ${nodes.error.message}${nodes.error.detail ? `\n${nodes.error.detail}` : ''}`,
    );
  return nodes.value;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const PeerCount = z.number();

/** Takes `node` off the network (all its peers dropped) and waits until its peers see it gone. */
export async function isolate(node: LocalDaemon, peers: readonly LocalDaemon[], timeoutMs = 15_000): Promise<void> {
  await rpc(node, 'setnetworkactive', [false], z.boolean());
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await Promise.all([node, ...peers].map((n) => rpc(n, 'getconnectioncount', [], PeerCount)));
    if (counts.every((c) => c === 0)) return;
    if (Date.now() > deadline) throw new Error(`nodes still connected after ${timeoutMs} ms: ${counts.join(', ')}`);
    await sleep(50);
  }
}

/** Puts `node` back on the network and connects it to `peer` again. */
export async function reconnect(node: LocalDaemon, peer: LocalDaemon): Promise<void> {
  await rpc(node, 'setnetworkactive', [true], z.boolean());
  unwrap(await connectNodes(node, peer), 'reconnect');
}

/** Waits until every node has the same best block; returns it. */
export async function waitForSameTip(nodes: readonly LocalDaemon[], timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const tips = await Promise.all(nodes.map((n) => rpc(n, 'getbestblockhash', [], z.string())));
    if (tips.every((t) => t === tips[0])) return tips[0]!;
    if (Date.now() > deadline)
      throw new Error(`the nodes did not agree on a tip within ${timeoutMs} ms: ${tips.join(', ')}`);
    await sleep(50);
  }
}
