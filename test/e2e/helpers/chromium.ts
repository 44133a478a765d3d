/** Debian's Chromium for Playwright; a missing browser fails the test with what to install. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Without the background-networking flags Chromium keeps dialling Google's hosts, which a closed network refuses. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function findChromium(): string {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
  }
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const path = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (path) return path;
    } catch {
      // not on PATH; try the next name
    }
  }
  throw new Error(
    'Chromium is not installed: run `apt-get install -y chromium` (Debian), or set CHROMIUM_PATH to a Chromium binary.',
  );
}
