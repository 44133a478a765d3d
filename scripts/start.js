/**
 * `npm start`: build, then open the desktop app. Where no Electron binary can be had (offline,
 * before it was ever downloaded) or there is no display, say so in one line and run browser mode.
 *
 *   npm start                 desktop window (Electron), or browser mode as a fallback
 *   npm start -- --browser    browser mode, even where Electron is available
 *   other options go to browser mode (e.g. --port 8123)
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { resolveElectronBinary } from './electron-binary.js';

const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

/** Runs a command with the terminal attached; resolves with its exit code. */
function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (error) => {
      console.error(`txlab: cannot run ${command}: ${error.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

function hasDisplay() {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

async function main(argv) {
  const forceBrowser = argv.includes('--browser');
  const rest = argv.filter((arg) => arg !== '--browser');

  const viteCli = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const built = await run(process.execPath, [viteCli, 'build']);
  if (built !== 0) return built;

  const browserMode = () =>
    run(process.execPath, ['--import', 'tsx', join(root, 'main', 'web.ts'), '--no-build', ...rest]);
  if (forceBrowser) return browserMode();

  const electron = await resolveElectronBinary({ cwd: root, onOutput: (line) => console.log(line) });
  if (!electron.ok) {
    console.log(`No Electron binary could be obtained (${electron.reason}); starting browser mode instead.`);
    return browserMode();
  }
  if (!hasDisplay()) {
    console.log(
      'No display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset); starting browser mode instead.',
    );
    return browserMode();
  }
  // A leftover ELECTRON_RUN_AS_NODE would make Electron behave as plain Node and open no window.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  return run(electron.path, [root], env);
}

main(process.argv.slice(2)).then((code) => process.exit(code));
