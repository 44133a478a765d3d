import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readFileIfExists, removeStaleTempFiles, writeFileAtomic } from '../../../main/storage/atomicFile';
import { EncryptedStore } from '../../../main/storage/encryptedStore';
import { isPayloadOf, payloadFor, rawSeqOf, rawStateFor } from './fixtures/killPayloads';

const REPO = resolve(import.meta.dirname, '../../..');
const WRITER = join(import.meta.dirname, 'fixtures', 'rewriteLoop.ts');

const dirs: string[] = [];
const children = new Set<ChildProcess>();
afterEach(async () => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'txlab-atomic-'));
  dirs.push(dir);
  return dir;
}

/** mulberry32: a small seeded RNG, so the kill moments are the same on every run. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const storePaths = (dir: string) => ({ dataPath: join(dir, 'store.json'), keyFilePath: join(dir, 'store.key') });
const tempFilesIn = async (dir: string) => (await readdir(dir)).filter((n) => n.endsWith('.tmp'));

/**
 * Starts the writer child on `dir` from state `start`, waits until it writes, lets it run for
 * `delayMs`, SIGKILLs it and returns the highest state it reported as completely written.
 */
async function runWriterUntilKilled(mode: 'store' | 'raw', dir: string, start: number, delayMs: number): Promise<{ lastAck: number; tornTemp: boolean }> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, mode, dir, String(start)], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let lastAck = start;
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await new Promise<void>((ready, fail) => {
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready') ready();
        else if (line.startsWith('ok ')) lastAck = Math.max(lastAck, Number(line.slice(3)));
      }
    });
    child.once('exit', (code) => fail(new Error(`writer exited (${code}) before it was ready: ${stderr}`)));
  });
  await new Promise((r) => setTimeout(r, delayMs));
  child.kill('SIGKILL');
  await exited;
  children.delete(child);
  expect(stderr).toBe('');
  return { lastAck, tornTemp: (await tempFilesIn(dir)).length > 0 };
}

const WORKERS = 2; // two cores: two writers in two folders at once
// Each kill test takes 7–18 s alone; the time is logged, not asserted (a loaded CI box is slow,
// not wrong), and vitest's 60 s limit stops a hung writer.

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
      const dir = await tempDir();
      const init = await EncryptedStore.open(storePaths(dir));
      if (!init.ok) throw new Error(init.error.message);
      expect((await init.value.store.write(payloadFor(0))).ok).toBe(true);
      let state = 0;
      for (let round = 0; round < KILLS_PER_WORKER; round++) {
        // A large write takes tens of milliseconds: this spreads kills over serialising,
        // encrypting, writing, fsync, rename and the gaps between writes.
        const { lastAck, tornTemp } = await runWriterUntilKilled('store', dir, state, Math.floor(random() * 160));
        stats.kills++;
        if (tornTemp) stats.tornTempFiles++;
        const opened = await EncryptedStore.open(storePaths(dir));
        if (!opened.ok) throw new Error(`round ${round}: the store did not open: ${opened.error.code} ${opened.error.detail ?? ''}`);
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
    }

    await Promise.all(Array.from({ length: WORKERS }, (_, i) => worker(0x7e57 + i)));
    const seconds = (Date.now() - started) / 1000;
    console.log(`store kill test: ${stats.kills} kills, ${stats.tornTempFiles} mid-write (temp file left), ${stats.advanced} rounds moved the state on, ${stats.acked} writes acknowledged, ${seconds.toFixed(1)} s`);
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
      const dir = await tempDir();
      const path = join(dir, 'raw.bin');
      await writeFileAtomic(path, rawStateFor(0));
      let state = 0;
      for (let round = 0; round < KILLS_PER_WORKER; round++) {
        const { lastAck, tornTemp } = await runWriterUntilKilled('raw', dir, state, Math.floor(random() * 120));
        stats.kills++;
        if (tornTemp) stats.tornTempFiles++;
        await removeStaleTempFiles(path);
        const bytes = await readFileIfExists(path);
        const seq = bytes && rawSeqOf(bytes);
        if (seq === undefined) throw new Error(`round ${round}: the file holds no whole state (${bytes?.length ?? 'no'} bytes)`);
        expect(seq).toBeGreaterThanOrEqual(lastAck);
        if (seq > state) stats.advanced++;
        state = seq;
      }
    }

    await Promise.all(Array.from({ length: WORKERS }, (_, i) => worker(0xa70 + i)));
    const seconds = (Date.now() - started) / 1000;
    console.log(`raw kill test: ${stats.kills} kills, ${stats.tornTempFiles} mid-write (temp file left), ${stats.advanced} rounds moved the state on, ${seconds.toFixed(1)} s`);
    expect(stats.kills).toBe(WORKERS * KILLS_PER_WORKER);
    expect(stats.tornTempFiles).toBeGreaterThan(0);
  }, 60_000);
});
