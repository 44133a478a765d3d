/**
 * Electron main process: harden, start the host, serve it over IPC, open the window, set the menu.
 * Kept thin; everything testable without Electron lives in security/, transport/, host/, menu.ts.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, session } from 'electron';
import { join } from 'node:path';
import type { MenuCommand } from '../shared/contract/menu';
import { withDaemonDialog } from './host/daemonDialog';
import { startWorkerHost } from './host/workerHost';
import { menuLanguageFor, menuTemplate, sendMenuCommand, type MenuLanguage } from './menu';
import { followPageLanguage } from './pageLanguage';
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
    const started = await startWorkerHost({ dataDir: app.getPath('userData'), mode: 'electron', version: app.getVersion(), log, canChooseDaemon: true });
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
    const isTrustedUrl = (url: string | undefined): boolean => isAppPageUrl(page, url);
    // The file dialog belongs to the main process: only a program the person picks there can be started.
    const pickDaemon = async (): Promise<string | undefined> => {
      const focused = BrowserWindow.getFocusedWindow();
      const options = { title: 'bitcoind / litecoind', properties: ['openFile' as const] };
      const chosen = focused ? await dialog.showOpenDialog(focused, options) : await dialog.showOpenDialog(options);
      return chosen.canceled ? undefined : chosen.filePaths[0];
    };
    serveIpc({
      ipcMain,
      host: withDaemonDialog(host, pickDaemon),
      isTrustedUrl,
      eventTargets: () => BrowserWindow.getAllWindows().map((window) => window.webContents),
      log,
    });
    const window = createMainWindow({ page, preloadPath: join(import.meta.dirname, '..', 'preload', 'index.cjs') });
    // The menu starts in the system's language and then follows the page's own choice.
    let language: MenuLanguage = menuLanguageFor(app.getLocale());
    const setMenu = (): void => {
      const send = (command: MenuCommand): void => {
        if (!sendMenuCommand(window.isDestroyed() ? undefined : window.webContents, isTrustedUrl, command)) log(`menu: ${command} not delivered (no app window)`);
      };
      Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ platform: process.platform, language, packaged: app.isPackaged, send })));
    };
    setMenu();
    followPageLanguage(window.webContents, () => language, (next) => {
      language = next;
      setMenu();
    });
    app.on('second-instance', () => {
      if (window.isMinimized()) window.restore();
      window.focus();
    });
  });
}
