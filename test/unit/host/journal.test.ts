/**
 * The workspace journal (main/host/persistence): the change a request made reaches the disk
 * before its answer, a switch commits with its wallets, an interrupted switch or keystore change
 * is finished or undone on open, and what cannot be read is kept aside, never overwritten.
 */
import fc from 'fast-check';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BuiltinCatalog } from '../../../main/host/catalog';
import { applyDocDelta, docDelta } from '../../../main/host/persistence/docDelta';
import {
  LOG_FILE,
  NEXT_FILE,
  ROLLBACK_FILE,
  SNAPSHOT_FILE,
  WorkspaceJournal,
} from '../../../main/host/persistence/journal';
import { openHostSession, type HostSession, walletsFingerprint } from '../../../main/host/session';
import { KEYSTORE_FILE } from '../../../main/keystore/keystore';
import type { ScenarioFile } from '../../../shared/scenario/schema';
import { stateHash } from './support/stateHash';

const catalog = new BuiltinCatalog();

async function open(dir: string, log: string[] = []): Promise<HostSession> {
  const opened = await openHostSession({
    dataDir: dir,
    mode: 'headless',
    version: 'test',
    seed: 9,
    catalog,
    log: (l) => log.push(l),
  });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}

const fresh = (): string => mkdtempSync(join(tmpdir(), 'txlab-journal-'));

describe('the document delta', () => {
  let lesson: ScenarioFile;
  beforeAll(async () => {
    const s = await open(fresh());
    expect((await s.invoke('scenario.load', { name: 'htlc', path: 'timeout' })).ok).toBe(true);
    lesson = s.bench.doc;
  });

  type Edit = (doc: ScenarioFile, n: number) => ScenarioFile;
  const edits: readonly Edit[] = [
    (d, n) => ({
      ...d,
      graph: { nodes: d.graph.nodes.map((x, i) => (i === n % d.graph.nodes.length ? { ...x, label: `L${n}` } : x)) },
    }),
    (d, n) => ({ ...d, graph: { nodes: d.graph.nodes.filter((_, i) => i !== n % Math.max(1, d.graph.nodes.length)) } }),
    // Node ids are unique in a workspace (the rules of validate.ts): a new node gets a new id.
    (d, n) =>
      d.graph.nodes.some((x) => x.id === `c${n}`)
        ? d
        : {
            ...d,
            graph: {
              nodes: [
                ...d.graph.nodes,
                {
                  kind: 'chain',
                  id: `c${n}`,
                  label: 'C',
                  chain: 'btc',
                  txid: 'ab'.repeat(32),
                  position: { x: n, y: 0 },
                },
              ],
            },
          },
    (d) => ({ ...d, graph: { nodes: [...d.graph.nodes].reverse() } }),
    (d, n) => ({ ...d, history: [...d.history, { op: 'advanceTime', chain: 'btc', seconds: n + 1 }] }),
    (d, n) => ({ ...d, history: d.history.slice(0, n % (d.history.length + 1)) }),
    (d, n) => (d.lesson ? { ...d, lesson: { ...d.lesson, position: n % 5 } } : d),
    (d) => {
      const { lesson: _dropped, ...rest } = d;
      return rest;
    },
    (d, n) => ({ ...d, name: `name-${n}` }),
    (d) => {
      const { description: _dropped, ...rest } = d;
      return rest;
    },
  ];

  it('applied to the document before, gives the document after, for any sequence of changes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(edits.length - 1), fc.nat(50)), { minLength: 1, maxLength: 12 }),
        (steps) => {
          let doc = lesson;
          let onDisk = JSON.parse(JSON.stringify(lesson)) as Record<string, unknown>;
          for (const [e, n] of steps) {
            const next = edits[e]!(doc, n);
            const delta = docDelta(doc, next);
            if (delta) onDisk = applyDocDelta(onDisk, JSON.parse(JSON.stringify(delta)) as typeof delta);
            doc = next;
          }
          expect(onDisk).toEqual(JSON.parse(JSON.stringify(doc)));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the journal on disk', () => {
  it('an acknowledged edit is on disk before the answer: a second opening sees it without any flush', async () => {
    const dir = fresh();
    const s = await open(dir);
    const node = (await s.invoke('graph.addNode', {
      template: 'p2pkh-payment',
      chain: 'btc',
      position: { x: 1, y: 2 },
    })) as { ok: true; value: { created: string } };
    expect((await s.invoke('graph.renameNode', { id: node.value.created, label: 'Kept' })).ok).toBe(true);
    const again = await open(dir);
    expect(again.bench.doc.graph.nodes.find((n) => n.id === node.value.created)?.label).toBe('Kept');
    expect(readFileSync(join(dir, LOG_FILE), 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(2);
  });

  it('a torn last line of the log (a kill mid-append) is ignored', async () => {
    const dir = fresh();
    const s = await open(dir);
    await s.invoke('graph.addNode', { template: 'p2pkh-payment', chain: 'btc', position: { x: 1, y: 2 } });
    const expected = await stateHash(s);
    appendFileSync(join(dir, LOG_FILE), '{"seq": 99, "delta": {"fields": {"name": "torn');
    expect(await stateHash(await open(dir))).toBe(expected);
  });

  it('a switch killed before the keystore took its wallets never happened', async () => {
    const dir = fresh();
    const s = await open(dir);
    const before = await stateHash(s);
    // What commitSwitch writes first, with wallets the keystore does not hold.
    writeFileSync(
      join(dir, NEXT_FILE),
      JSON.stringify({
        format: 'txlab-autosave',
        version: 2,
        seq: 1_000,
        fingerprint: 'not-these-wallets',
        document: { other: true },
      }),
    );
    const reopened = await open(dir);
    expect(await stateHash(reopened)).toBe(before);
    expect(existsSync(join(dir, NEXT_FILE))).toBe(false);
  });

  it('a switch killed after the keystore took its wallets is finished on open', async () => {
    const dir = fresh();
    const s = await open(dir);
    expect((await s.invoke('scenario.load', { name: 'segwit' })).ok).toBe(true);
    const loaded = await stateHash(s);
    const snapshot = readFileSync(join(dir, SNAPSHOT_FILE), 'utf8');
    // Put the state back to "next written, keystore committed, rename not yet done".
    writeFileSync(join(dir, NEXT_FILE), snapshot);
    writeFileSync(
      join(dir, SNAPSHOT_FILE),
      JSON.stringify({ format: 'txlab-autosave', version: 2, seq: 0, document: { stale: true } }),
    );
    writeFileSync(join(dir, LOG_FILE), '');
    expect((JSON.parse(snapshot) as { fingerprint: string }).fingerprint).toBe(walletsFingerprint(s.bench.wallets));
    expect(await stateHash(await open(dir))).toBe(loaded);
  });

  it('a request cut off after it changed the wallets puts them back; a committed one keeps them', async () => {
    const dir = fresh();
    const s = await open(dir);
    const before = readFileSync(join(dir, KEYSTORE_FILE));
    // A rename that wrote the keystore but whose request never committed: the rollback file is left.
    const journal = await WorkspaceJournal.open(dir, walletsFingerprint(s.bench.wallets), () => {});
    await journal.journal.saveKeystoreRollback(join(dir, KEYSTORE_FILE), journal.journal.committed + 1);
    expect((await s.bench.wallets.renameWallet('carol-3', 'Carol the cut-off')).ok).toBe(true);
    expect(readFileSync(join(dir, KEYSTORE_FILE)).equals(before)).toBe(false);
    const log: string[] = [];
    const reopened = await open(dir, log);
    expect(reopened.bench.wallets.listWallets().some((w) => w.name === 'Carol the cut-off')).toBe(false);
    expect(existsSync(join(dir, ROLLBACK_FILE))).toBe(false);
    expect(log.join('\n')).toMatch(/put back/);
    // Through a request, the same rename commits and survives.
    expect((await reopened.invoke('wallet.rename', { wallet: 'carol-3', name: 'Carol kept' })).ok).toBe(true);
    expect((await open(dir)).bench.wallets.listWallets().some((w) => w.name === 'Carol kept')).toBe(true);
  });

  it('reads the autosave of the version before the log', async () => {
    const dir = fresh();
    const s = await open(dir);
    await s.invoke('graph.addNode', { template: 'p2pkh-payment', chain: 'btc', position: { x: 5, y: 5 } });
    const expected = await stateHash(s);
    writeFileSync(
      join(dir, SNAPSHOT_FILE),
      JSON.stringify({ format: 'txlab-autosave', version: 1, document: s.bench.doc }),
    );
    writeFileSync(join(dir, LOG_FILE), '');
    expect(await stateHash(await open(dir))).toBe(expected);
  });

  it('keeps an autosave it cannot open aside, says so, and starts a new workspace', async () => {
    const dir = fresh();
    await open(dir);
    const hostile = {
      format: 'txlab-autosave',
      version: 2,
      seq: 1,
      document: { format: 'txlab-scenario', version: 1, lesson: { paths: {}, path: 'x' } },
    };
    writeFileSync(join(dir, SNAPSHOT_FILE), JSON.stringify(hostile));
    writeFileSync(join(dir, LOG_FILE), '');
    const log: string[] = [];
    const s = await open(dir, log);
    expect(s.bench.doc.graph.nodes).toEqual([]);
    const aside = readdirSync(dir).filter((f) => f.startsWith('workspace.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, aside[0]!), 'utf8'))).toEqual(hostile);
    expect(log.join('\n')).toMatch(/kept as workspace\.unreadable-/);
  });
});
