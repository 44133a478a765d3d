/**
 * Finds Electron's binary exactly as `require('electron')` does, but in a child process: that
 * require downloads the binary on first use (with internet) and throws where it cannot (offline).
 * Shared by `npm start` and the Electron launch test.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const MARKER = 'TXLAB_ELECTRON_PATH=';

/**
 * @param {{ cwd: string, onOutput?: (line: string) => void }} options
 *   onOutput receives the child's own lines (e.g. "Downloading Electron binary...").
 * @returns {Promise<{ ok: true, path: string } | { ok: false, reason: string }>}
 */
export function resolveElectronBinary({ cwd, onOutput = () => {} }) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(process.execPath, ['-e', `process.stdout.write('\\n${MARKER}' + require('electron') + '\\n')`], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let partial = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    stdout += chunk;
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim() && !line.startsWith(MARKER)) onOutput(line);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) => {
    child.on('error', (error) => resolve({ ok: false, reason: error.message }));
    child.on('close', (code) => {
      const found = stdout.split('\n').find((line) => line.startsWith(MARKER));
      const path = found?.slice(MARKER.length).trim();
      if (code === 0 && path && existsSync(path)) {
        resolve({ ok: true, path });
        return;
      }
      // The first stderr line is the cause (e.g. "TypeError: fetch failed"); the rest is stack.
      const cause = stderr.split('\n').find((line) => line.trim() !== '') ?? `exit code ${code}`;
      resolve({ ok: false, reason: path ? `${path} does not exist` : cause.trim() });
    });
  });
}
