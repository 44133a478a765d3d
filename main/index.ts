/**
 * Electron main process: harden, start the host, serve it over IPC, open the window.
 * Kept thin; everything testable without Electron lives in security/, transport/ and host/.
 */
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { join } from 'node:path';
import { startWorkerHost } from './host/workerHost';
import { appPageFor, isAppPageUrl } from './security/appPage';
import { serveIpc } from './transport/ipc';
import { createMainWindow, hardenContents, hardenSession } from './window';

// Every renderer sandboxed, whatever a future window forgets to set.
app.enableSandbox();

const log = (line: string): void => {
  process.stderr.write(`txlab: ${line}\n`);
};

// electron-vite sets ELECTRON_RENDERER_URL for `electron-vite dev`; a packaged app never trusts it.
const page = appPageFor({
  devServerUrl: app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'],
  rendererDir: join(import.meta.dirname, '..', 'renderer'),
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, page, log));
  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(async () => {
    hardenSession(session.defaultSession, page);
    const started = await startWorkerHost({ dataDir: app.getPath('userData'), mode: 'electron', version: app.getVersion(), log });
    if (!started.ok) {
      log(started.error.message);
      app.exit(1);
      return;
    }
    const host = started.value;
    // Quit only after the autosave is on disk.
    let closing = false;
    app.on('before-quit', (event) => {
      if (closing) return;
      closing = true;
      event.preventDefault();
      void host.close().finally(() => app.quit());
    });
    serveIpc({
      ipcMain,
      host,
      isTrustedUrl: (url) => isAppPageUrl(page, url),
      eventTargets: () => BrowserWindow.getAllWindows().map((window) => window.webContents),
      log,
    });
    const window = createMainWindow({ page, preloadPath: join(import.meta.dirname, '..', 'preload', 'index.cjs') });
    app.on('second-instance', () => {
      if (window.isMinimized()) window.restore();
      window.focus();
    });
  });
}
