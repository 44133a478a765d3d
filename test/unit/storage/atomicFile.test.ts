import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileIfExists, removeStaleTempFiles, writeFileAtomic } from '../../../main/storage/atomicFile';
import { EncryptedStore } from '../../../main/storage/encryptedStore';
import {
  bundleChild,
  forWorkers,
  killChildren,
  removeBundles,
  seededRandom,
  WarmChildren,
} from '../../support/killHarness';
import { isPayloadOf, payloadFor, rawSeqOf, rawStateFor } from './fixtures/killPayloads';

const WRITER = join(import.meta.dirname, 'fixtures', 'rewriteLoop.ts');

const dirs: string[] = [];
let writer = '';
beforeAll(async () => {
  writer = await bundleChild(WRITER);
});
afterEach(async () => {
  killChildren();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
afterAll(removeBundles);
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'txlab-atomic-'));
  dirs.push(dir);
  return dir;
}

const storePaths = (dir: string) => ({ dataPath: join(dir, 'store.json'), keyFilePath: join(dir, 'store.key') });
const tempFilesIn = async (dir: string) => (await readdir(dir)).filter((n) => n.endsWith('.tmp'));

/**
 * Runs the writer child on `dir` from state `start`, lets it write for `delayMs` after it is ready,
 * SIGKILLs it and returns the highest state it reported as completely written.
 */
async function runWriterUntilKilled(
  children: WarmChildren,
  mode: 'store' | 'raw',
  dir: string,
  start: number,
  delayMs: number,
): Promise<{ lastAck: number; tornTemp: boolean }> {
  const run = await children.runUntilKilled({ args: [mode, dir, String(start)], delayMs });
  expect(run.stderr).toBe('');
  expect(run.killed).toBe(true);
  let lastAck = start;
  for (const line of run.lines) if (line.startsWith('ok ')) lastAck = Math.max(lastAck, Number(line.slice(3)));
  return { lastAck, tornTemp: (await tempFilesIn(dir)).length > 0 };
}

const WORKERS = 2; // two cores: two writers in two folders at once
// The time is logged, not asserted (a loaded CI box is slow, not wrong), and the test's time limit
// stops a hung writer.

describe('writeFileAtomic', () => {
  it('replaces the file, keeps it private, and leaves no temp file', async () => {
    const dir = await tempDir();
    const path = join(dir, 'data.bin');
    expect(await readFileIfExists(path)).toBeUndefined();
    await writeFileAtomic(path, Uint8Array.of(1, 2, 3));
    await writeFileAtomic(path, Uint8Array.of(4, 5));
    expect(await readFileIfExists(path)).toEqual(Uint8Array.of(4, 5));
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['data.bin']);
  });

  it('removes only the temp files of its own target', async () => {
    const dir = await tempDir();
    const path = join(dir, 'data.bin');
    await writeFile(join(dir, '.data.bin.123.abcdef.tmp'), 'torn');
    await writeFile(join(dir, '.other.bin.123.abcdef.tmp'), 'someone else');
    await writeFile(join(dir, 'data.bin.bak'), 'keep');
    expect(await removeStaleTempFiles(path)).toEqual(['.data.bin.123.abcdef.tmp']);
    expect((await readdir(dir)).sort()).toEqual(['.other.bin.123.abcdef.tmp', 'data.bin.bak']);
  });
});

describe('a writer killed mid-write never corrupts the store', () => {
  it('a torn temp file left behind does not break open', async () => {
    const dir = await tempDir();
    const first = await EncryptedStore.open(storePaths(dir));
    if (!first.ok) throw new Error(first.error.message);
    expect((await first.value.store.write(payloadFor(1))).ok).toBe(true);
    const envelope = await readFile(storePaths(dir).dataPath);
    // Half of a newer envelope, as a writer killed before its rename would leave it.
    await writeFile(join(dir, '.store.json.4242.0123456789ab.tmp'), envelope.subarray(0, envelope.length >> 1));
    const reopened = await EncryptedStore.open(storePaths(dir));
    if (!reopened.ok) throw new Error(reopened.error.message);
    expect(isPayloadOf(reopened.value.payload, 1)).toBe(true);
    expect(await tempFilesIn(dir)).toEqual([]);
  });

  it('survives 60 SIGKILLs of the store writer at seeded random moments: always exactly one written state', async () => {
    const started = Date.now();
    const KILLS_PER_WORKER = 30;
    const stats = { kills: 0, tornTempFiles: 0, advanced: 0, acked: 0 };

    async function worker(seed: number): Promise<void> {
      const random = seededRandom(seed);
      const children = new WarmChildren(writer);
      const dir = await tempDir();
      const init = await EncryptedStore.open(storePaths(dir));
      if (!init.ok) throw new Error(init.error.message);
      expect((await init.value.store.write(payloadFor(0))).ok).toBe(true);
      let state = 0;
      for (let round = 0; round < KILLS_PER_WORKER; round++) {
        // A large write takes 50–150 ms in a fresh child (more on a loaded box): this spreads kills
        // over serialising, encrypting, writing, fsync, rename and the gaps between writes.
        const { lastAck, tornTemp } = await runWriterUntilKilled(
          children,
          'store',
          dir,
          state,
          Math.floor(random() * 240),
        );
        stats.kills++;
        if (tornTemp) stats.tornTempFiles++;
        const opened = await EncryptedStore.open(storePaths(dir));
        if (!opened.ok)
          throw new Error(`round ${round}: the store did not open: ${opened.error.code} ${opened.error.detail ?? ''}`);
        const seq = (opened.value.payload as { seq?: unknown } | undefined)?.seq;
        if (typeof seq !== 'number') throw new Error(`round ${round}: no state number in the store`);
        // Exactly the state with that number, whole; never older than a write reported done.
        expect(isPayloadOf(opened.value.payload, seq)).toBe(true);
        expect(seq).toBeGreaterThanOrEqual(lastAck);
        expect(await tempFilesIn(dir)).toEqual([]);
        stats.acked += lastAck - state;
        if (seq > state) stats.advanced++;
        state = seq;
      }
      children.close();
    }

    await forWorkers(WORKERS, (i) => worker(0x7e57 + i));
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `store kill test: ${stats.kills} kills, ${stats.tornTempFiles} mid-write (temp file left), ${stats.advanced} rounds moved the state on, ${stats.acked} writes acknowledged, ${seconds.toFixed(1)} s`,
    );
    expect(stats.kills).toBe(WORKERS * KILLS_PER_WORKER);
    expect(stats.tornTempFiles).toBeGreaterThan(0);
    expect(stats.advanced).toBeGreaterThan(0);
  }, 60_000);

  it('survives 30 SIGKILLs of a raw writeFileAtomic loop (8 MiB / 16 KiB): old or new file, never a mix', async () => {
    const started = Date.now();
    const KILLS_PER_WORKER = 15;
    const stats = { kills: 0, tornTempFiles: 0, advanced: 0 };

    async function worker(seed: number): Promise<void> {
      const random = seededRandom(seed);
      const children = new WarmChildren(writer);
      const dir = await tempDir();
      const path = join(dir, 'raw.bin');
      await writeFileAtomic(path, rawStateFor(0));
      let state = 0;
      for (let round = 0; round < KILLS_PER_WORKER; round++) {
        const { lastAck, tornTemp } = await runWriterUntilKilled(
          children,
          'raw',
          dir,
          state,
          Math.floor(random() * 120),
        );
        stats.kills++;
        if (tornTemp) stats.tornTempFiles++;
        await removeStaleTempFiles(path);
        const bytes = await readFileIfExists(path);
        const seq = bytes && rawSeqOf(bytes);
        if (seq === undefined)
          throw new Error(`round ${round}: the file holds no whole state (${bytes?.length ?? 'no'} bytes)`);
        expect(seq).toBeGreaterThanOrEqual(lastAck);
        if (seq > state) stats.advanced++;
        state = seq;
      }
      children.close();
    }

    await forWorkers(WORKERS, (i) => worker(0xa70 + i));
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `raw kill test: ${stats.kills} kills, ${stats.tornTempFiles} mid-write (temp file left), ${stats.advanced} rounds moved the state on, ${seconds.toFixed(1)} s`,
    );
    expect(stats.kills).toBe(WORKERS * KILLS_PER_WORKER);
    expect(stats.tornTempFiles).toBeGreaterThan(0);
  }, 60_000);
});
