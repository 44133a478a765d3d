/**
 * The page picks, main offers (issue 9): a real node's program is one the host found on PATH or
 * the person chose, named by id; a node at a URL is on this computer; paths and cookie files
 * from the page are refused by the contract itself.
 */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BackendOffers } from '../../../main/host/backendOffers';
import { withDaemonDialog } from '../../../main/host/daemonDialog';
import type { DaemonOffer } from '../../../shared/contract/methods';
import { ok } from '../../../shared/contract/result';
import type { HostEndpoint } from '../../../shared/contract/wire';
import { testBench } from './helpers';

function fakeDaemon(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'txlab-daemon-'));
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\nexit 1\n');
  chmodSync(path, 0o755);
  return path;
}

describe('chain.setBackend takes a choice among offers', () => {
  it.each([
    ['a binary path', { kind: 'local', binary: '/bin/sh' }, 'backend.binary'],
    ['a daemon named by path', { kind: 'local', daemon: '/usr/bin/litecoind' }, 'backend.daemon'],
    [
      'a cookie file',
      { kind: 'rpc', url: 'http://127.0.0.1:18443', user: 'u', password: 'p', cookieFile: '/etc/passwd' },
      'backend.cookieFile',
    ],
    [
      'a URL on another computer',
      { kind: 'rpc', url: 'http://192.0.2.7:18443', user: 'u', password: 'p' },
      'backend.url',
    ],
    [
      'a URL with credentials in it',
      { kind: 'rpc', url: 'http://u:p@127.0.0.1:18443', user: 'u', password: 'p' },
      'backend.url',
    ],
    ['an https URL', { kind: 'rpc', url: 'https://127.0.0.1:18443', user: 'u', password: 'p' }, 'backend.url'],
    ['a URL without a port', { kind: 'rpc', url: 'http://localhost/', user: 'u', password: 'p' }, 'backend.url'],
  ])('refuses %s at the contract', async (_what, backend, path) => {
    const t = await testBench();
    const r = await t.call('chain.setBackend', { chain: 'btc', backend: backend as never });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('BAD_REQUEST');
      expect(r.error.path).toBe(path);
    }
  });

  it('refuses an id that is not on offer, and starts nothing', async () => {
    const t = await testBench();
    const r = await t.call('chain.setBackend', { chain: 'btc', backend: { kind: 'local', daemon: 'chosen-9' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('NOT_FOUND');
    expect(t.bench.chains.get('btc')?.kind).toBe('simulated');
  });

  it('in browser mode, choosing a program is refused with how to offer one', async () => {
    const t = await testBench();
    const r = await t.call('chain.chooseDaemon', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/--daemon PATH/);
    expect((await t.must('chain.backendOptions', {})).canChooseDaemon).toBe(false);
  });
});

describe('the offers', () => {
  it('a chosen program joins the offers under an id, its kind read from its name; the same path twice is one offer', async () => {
    const offers = new BackendOffers();
    const path = fakeDaemon('litecoind-0.21');
    const first = await offers.choose(path);
    const again = await offers.choose(path);
    expect(first.ok && again.ok && first.value.id === again.value.id).toBe(true);
    if (!first.ok) return;
    expect(first.value).toMatchObject({ kind: 'litecoind', path, origin: 'chosen' });
    expect((await offers.list()).daemons.map((d) => d.id)).toContain(first.value.id);
    expect(await offers.binaryFor('btc', first.value.id)).toEqual(ok({ path, kind: 'litecoind' }));
  });

  it('refuses a chosen path that is not an executable program', async () => {
    const offers = new BackendOffers();
    const r = await offers.choose('/etc/passwd');
    expect(r.ok).toBe(false);
    expect((await offers.list()).daemons.some((d) => d.path === '/etc/passwd')).toBe(false);
  });
});

describe('the desktop app answers "choose a program" with its own dialog', () => {
  const host = (
    offered: DaemonOffer[],
  ): HostEndpoint & { offerDaemon(path: string): Promise<ReturnType<typeof ok<DaemonOffer>>>; calls: string[] } => {
    const calls: string[] = [];
    return {
      calls,
      subscribe: () => () => {},
      invoke: (method, _params, options) => {
        calls.push(options?.knownView === undefined ? method : `${method} knowing view ${options.knownView}`);
        return Promise.resolve(ok({}));
      },
      offerDaemon: (path) => {
        const offer: DaemonOffer = { id: `chosen-${offered.length + 1}`, kind: 'bitcoind', path, origin: 'chosen' };
        offered.push(offer);
        return Promise.resolve(ok(offer));
      },
    };
  };

  it('the path comes from the dialog, never from the request; other methods pass through', async () => {
    const offered: DaemonOffer[] = [];
    const inner = host(offered);
    const endpoint = withDaemonDialog(inner, () => Promise.resolve('/opt/bitcoin/bin/bitcoind'));
    const r = await endpoint.invoke('chain.chooseDaemon', { path: '/bin/sh' });
    expect(r).toEqual(
      ok({ daemon: { id: 'chosen-1', kind: 'bitcoind', path: '/opt/bitcoin/bin/bitcoind', origin: 'chosen' } }),
    );
    expect(inner.calls).toEqual([]);
    await endpoint.invoke('workspace.get', {});
    // The view the page holds passes through too: without it every IPC answer was a full view.
    await endpoint.invoke('workspace.get', {}, { knownView: 7 });
    expect(inner.calls).toEqual(['workspace.get', 'workspace.get knowing view 7']);
  });

  it('a cancelled dialog offers nothing', async () => {
    const offered: DaemonOffer[] = [];
    const endpoint = withDaemonDialog(host(offered), () => Promise.resolve(undefined));
    expect(await endpoint.invoke('chain.chooseDaemon', {})).toEqual(ok({}));
    expect(offered).toEqual([]);
  });
});

describe('names from a file, shown in the workspace view', () => {
  it('makes bidi controls in labels and wallet names visible', async () => {
    const t = await testBench();
    const created = await t.must('graph.addNode', {
      template: 'p2pkh-payment',
      chain: 'btc',
      position: { x: 0, y: 0 },
    });
    await t.must('graph.renameNode', { id: created.created, label: 'Bob\u202eexe.txt' });
    await t.must('wallet.create', { name: 'Eve\u202egnp.js' });
    const view = await t.must('workspace.get', {});
    expect(view.nodes.find((n) => n.id === created.created)?.label).toBe('Bob‹RLO›exe.txt');
    expect(view.wallets.map((w) => w.name)).toContain('Eve‹RLO›gnp.js');
    // The document keeps what was typed: an export round-trips it.
    expect(t.bench.doc.graph.nodes.find((n) => n.id === created.created)?.label).toBe('Bob\u202eexe.txt');
  });
});
