/**
 * `npm start` and `npm run web` as a user runs them, as child processes. `npm start` is steered
 * with ELECTRON_OVERRIDE_DIST_PATH (honoured by the electron package): a fake binary for the
 * desktop path, a missing one for the fallback, so both paths run on any machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../main/web';

const scratch = mkdtempSync(join(tmpdir(), 'txlab-launch-'));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGTERM');
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function start(args: readonly string[], env: Record<string, string | undefined>): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

/** Collects stdout lines until one matches, or the process ends. */
function waitForLine(
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs = 60_000,
): Promise<{ line: string; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    let partial = '';
    let stderr = '';
    const timer = setTimeout(
      () => reject(new Error(`no line matching ${pattern} in ${timeoutMs} ms; got ${JSON.stringify(lines)}`)),
      timeoutMs,
    );
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout?.on('data', (chunk: Buffer) => {
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (pattern.test(line)) {
          clearTimeout(timer);
          resolve({ line, lines });
        }
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(
        new Error(
          `exited (${String(code)}) before printing ${pattern}; stdout ${JSON.stringify(lines)}; stderr ${stderr}`,
        ),
      );
    });
  });
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.on('close', (code) => resolve(code));
  });
}

const URL_LINE = /^TxLab \(browser mode\): (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64})$/;

describe('npm run web', () => {
  it('prints exactly one line on stdout, the URL with the token in the fragment, and serves the app there', async () => {
    if (!existsSync(join(REPO_ROOT, 'out', 'renderer', 'index.html')))
      throw new Error('out/renderer is missing: run `npm run build` first.');
    const child = start(['--import', 'tsx', 'main/web.ts', '--no-build'], {});
    const { line, lines } = await waitForLine(child, URL_LINE);
    expect(lines).toEqual([line]);
    const url = URL_LINE.exec(line)?.[1] ?? '';
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    child.kill('SIGTERM');
    expect(await exitCode(child)).toBe(0);
  });
});

describe('npm start', () => {
  it('falls back to browser mode, saying so in one line, when no Electron binary can be obtained', async () => {
    const child = start(['scripts/start.js'], { ELECTRON_OVERRIDE_DIST_PATH: join(scratch, 'no-electron-here') });
    const { line, lines } = await waitForLine(child, URL_LINE, 120_000);
    const notices = lines.filter((l) => l.startsWith('No Electron binary could be obtained'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('starting browser mode instead');
    expect(lines.indexOf(notices[0] ?? '')).toBeLessThan(lines.indexOf(line));
    const page = await fetch(URL_LINE.exec(line)?.[1] ?? '');
    expect(page.status).toBe(200);
    child.kill('SIGTERM'); // forwarded to the browser-mode child
    expect(await exitCode(child)).toBe(0);
  });

  it('starts Electron on the app folder when a binary is there, without ELECTRON_RUN_AS_NODE', async () => {
    const dist = join(scratch, 'fake-electron');
    const record = join(scratch, 'fake-electron.log');
    rmSync(dist, { recursive: true, force: true });
    mkdirSync(dist, { recursive: true });
    writeFileSync(
      join(dist, 'electron'),
      `#!/bin/sh\nprintf '%s\\n' "args=$*" "runAsNode=\${ELECTRON_RUN_AS_NODE:-unset}" > '${record}'\n`,
    );
    chmodSync(join(dist, 'electron'), 0o755);
    const child = start(['scripts/start.js'], {
      ELECTRON_OVERRIDE_DIST_PATH: dist,
      DISPLAY: ':99',
      ELECTRON_RUN_AS_NODE: '1',
    });
    expect(await exitCode(child)).toBe(0);
    expect(readFileSync(record, 'utf8').split('\n')).toEqual([`args=${REPO_ROOT}`, 'runAsNode=unset', '']);
  });
});
