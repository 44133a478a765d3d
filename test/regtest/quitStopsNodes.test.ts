/**
 * Quitting TxLab stops the node programs its chains started: the host's worker thread ends with
 * the app, and a litecoind it launched must not run on, orphaned, holding its ports and datadir.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startWorkerHost } from '../../main/host/workerHost';

/** The litecoind processes running now, with their datadirs, read from /proc. */
function litecoinds(): Map<number, string> {
  const found = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // ended while we looked
    }
    if (!args[0]?.endsWith('litecoind')) continue;
    const datadir = args.find((a) => a.startsWith('-datadir='))?.slice('-datadir='.length);
    if (datadir) found.set(Number(entry), datadir);
  }
  return found;
}

/** Whether `pid` still runs: a zombie (ended, not yet reaped by this process) does not. */
function isRunning(pid: number): boolean {
  try {
    // /proc/PID/stat: "PID (comm) STATE …"; comm may hold spaces, so read after its last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('quitting with a chain on a local node', () => {
  it('stops the litecoind the host started and deletes its datadir', async () => {
    const before = litecoinds();
    const started = await startWorkerHost({
      dataDir: mkdtempSync(join(tmpdir(), 'txlab-quit-')),
      mode: 'headless',
      version: 'test',
      seed: 3,
    });
    if (!started.ok) throw new Error(started.error.message);
    const host = started.value;
    const moved = await host.invoke('chain.setBackend', {
      chain: 'btc',
      backend: { kind: 'local', daemon: 'litecoind' },
    });
    expect(moved.ok, moved.ok ? '' : moved.error.message).toBe(true);
    const ours = [...litecoinds()].filter(([pid]) => !before.has(pid));
    expect(ours, 'the host should have started one litecoind').toHaveLength(1);
    const [pid, datadir] = ours[0]!;
    expect(existsSync(datadir)).toBe(true);

    await host.close();
    // close() resolves once the worker has ended; the node may take a moment to be reaped.
    for (let i = 0; i < 50 && isRunning(pid); i++) await new Promise((r) => setTimeout(r, 100));
    expect(isRunning(pid), `litecoind ${pid} still runs after TxLab quit`).toBe(false);
    expect(existsSync(datadir)).toBe(false);
  });
});
