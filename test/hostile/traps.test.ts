/**
 * The hostile suites pass only if their traps can catch something: this runs a process that does
 * everything a hostile file must not make TxLab do (read the secret cookie, run the node program
 * on PATH, connect to the capture server) and checks that each trap saw it. It also checks the
 * corpus itself: reproducible from its seed, every class present, every case labelled.
 */
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BUNDLE } from './bundle';
import { DEFAULT_SEED, generateCorpus, loadBases } from './corpus';
import { CLASS_NAMES, type CaseClass } from './corpus/types';
import { names } from './outcome';
import { createSandbox } from './sandbox';
import { readTrace, requireTracing, STRACE, straceArgs, violations } from './trace';

requireTracing();

const sandbox = await createSandbox();
afterAll(() => sandbox.close());

describe('the traps', () => {
  it('see a bait file read, a fake daemon run and a request sent', async () => {
    const dir = sandbox.dir('trap-self-test');
    const trace = `${dir}/strace.txt`;
    const script = [
      `require('fs').readFileSync(${JSON.stringify(sandbox.env.baitCookie)});`,
      `try { require('child_process').execFileSync('litecoind', ['-regtest']); } catch {}`,
      `const s = require('net').connect(${sandbox.capturePort}, '127.0.0.1', () => s.end('GET / HTTP/1.0\\r\\n\\r\\n', () => process.exit(0)));`,
    ].join('\n');
    // Not spawnSync: the capture server lives in this process and must keep running.
    const child = spawn(STRACE, [...straceArgs(trace), process.execPath, '-e', script], {
      env: sandbox.childEnv(),
      cwd: dir,
      stdio: 'ignore',
    });
    const status = await new Promise<number | null>((done) => child.on('close', done));
    expect(status).toBe(0);
    const found = violations(readTrace(trace), {
      bait: sandbox.baitPaths,
      sandboxRoot: sandbox.root,
      allowedInSandbox: [dir],
      program: process.execPath,
    });
    const seen = new Set(found.map((v) => v.what));
    for (const what of ['bait', 'execve', 'connect'] as const) expect(seen.has(what), what).toBe(true);
    expect(sandbox.markers().some((m) => m.startsWith('ran-litecoind'))).toBe(true);
  });

  it('see the capture server reached', async () => {
    // The connection of the test above lands asynchronously.
    await expect.poll(() => sandbox.captures().length).toBeGreaterThan(0);
  });

  it('match a field only where it ends', () => {
    expect(names('txlab: f.json: history[3]: too much', 'history[3]')).toBe(true);
    expect(names('txlab: f.json: history[30]: too much', 'history[3]')).toBe(false);
    expect(names('lesson.paths.pay[1].actions[0].call: not allowed', 'lesson.paths.pay[1].actions[0]')).toBe(true);
    expect(names('lesson.paths.payday[1]', 'lesson.paths.pay')).toBe(false);
  });
});

const bases = await loadBases([process.execPath, CLI_BUNDLE]);
const corpus = generateCorpus(bases, sandbox.env);

describe('the corpus', () => {
  it('is the same for the same seed, and another for another seed', () => {
    expect(JSON.stringify(generateCorpus(bases, sandbox.env, DEFAULT_SEED))).toBe(JSON.stringify(corpus));
    expect(JSON.stringify(generateCorpus(bases, sandbox.env, DEFAULT_SEED + 1))).not.toBe(JSON.stringify(corpus));
  });

  it('can be drawn from other seeds (a seed is a parameter, not a lucky draw)', () => {
    for (let seed = 1; seed <= 3; seed++) expect(generateCorpus(bases, sandbox.env, seed).length).toBe(corpus.length);
  });

  it('has several cases of every class, each labelled with its class and expectation', () => {
    for (const cls of Object.keys(CLASS_NAMES).map(Number) as CaseClass[]) {
      expect(corpus.filter((c) => c.cls === cls).length, `class ${cls}`).toBeGreaterThanOrEqual(4);
    }
    expect(new Set(corpus.map((c) => c.id)).size).toBe(corpus.length);
    for (const c of corpus) {
      expect(c.id.startsWith(`c${c.cls}-`)).toBe(true);
      expect(c.description.length).toBeGreaterThan(10);
      if (c.kind === 'file' || c.kind === 'special') expect(c.expect.accept.length).toBeGreaterThan(0);
    }
  });

  it('names a file, a program or a URL of the sandbox in class 1, so the traps are what it reaches for', () => {
    const texts = corpus.filter((c) => c.cls === 1 && c.kind === 'file').map((c) => (c.kind === 'file' ? c.text : ''));
    for (const bait of [sandbox.env.baitDaemon, sandbox.env.baitCookie, sandbox.env.captureUrl])
      expect(texts.some((t) => t.includes(JSON.stringify(bait).slice(1, -1)))).toBe(true);
  });
});
