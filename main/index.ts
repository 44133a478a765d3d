/// <reference types="electron-vite/node" />
/**
 * Electron main process: harden, start the host, serve it over IPC, open the window, set the menu.
 * Kept thin; everything testable without Electron lives in security/, transport/, host/, menu.ts.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import { join } from 'node:path';
import type { MenuCommand } from '../shared/contract/menu';
import type { HostEvents } from '../shared/contract/methods';
import { withDaemonDialog } from './host/daemonDialog';
import { startWorkerHost } from './host/workerHost';
import { historyItems, menuLanguageFor, menuTemplate, sendMenuCommand, type MenuLanguage } from './menu';
import { followPageLanguage } from './pageLanguage';
import { APP_SCHEME, BUILT_APP_PAGE, devServerPage, isAppPageUrl, type AppPage } from './security/appPage';
import { APP_CUSTOM_SCHEME, serveAppRequest } from './security/appProtocol';
import { serveIpc } from './transport/ipc';
import { createMainWindow, hardenContents, hardenSession } from './window';

// Every renderer sandboxed, whatever a future window forgets to set.
app.enableSandbox();
// Privileges can only be granted before the app is ready.
protocol.registerSchemesAsPrivileged([APP_CUSTOM_SCHEME]);

const log = (line: string): void => {
  process.stderr.write(`txlab: ${line}\n`);
};

const rendererDir = join(import.meta.dirname, '..', 'renderer');

/**
 * `electron-vite dev` sets ELECTRON_RENDERER_URL to Vite's dev server. `import.meta.env.DEV` is
 * replaced at build time, so in `electron-vite build` output this branch is gone and the variable
 * is never read; in dev it must still be http on loopback.
 */
function choosePage(): AppPage {
  if (!import.meta.env.DEV || app.isPackaged) return BUILT_APP_PAGE;
  const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
  if (devServerUrl === undefined) return BUILT_APP_PAGE;
  const dev = devServerPage(devServerUrl);
  if (dev.ok) return dev.value;
  log(`${dev.error.message}: ignored, loading the built renderer`);
  return BUILT_APP_PAGE;
}

const page = choosePage();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, page, log));
  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(async () => {
    hardenSession(session.defaultSession, page);
    // The dev server serves itself; a build's page and assets come only from this handler.
    if (page.kind === 'app') protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rendererDir));
    const started = await startWorkerHost({
      dataDir: app.getPath('userData'),
      mode: 'electron',
      version: app.getVersion(),
      log,
      canChooseDaemon: true,
    });
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
    let history = { canUndo: false, canRedo: false };
    const setMenu = (): void => {
      const send = (command: MenuCommand): void => {
        if (!sendMenuCommand(window.isDestroyed() ? undefined : window.webContents, isTrustedUrl, command))
          log(`menu: ${command} not delivered (no app window)`);
      };
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          menuTemplate({ platform: process.platform, language, packaged: app.isPackaged, send, history }),
        ),
      );
    };
    host.subscribe((event) => {
      if (event.event !== 'workspace.changed') return;
      const { canUndo, canRedo } = event.payload as HostEvents['workspace.changed'];
      if (canUndo === history.canUndo && canRedo === history.canRedo) return;
      history = { canUndo, canRedo };
      // The items change in place: no rebuild of the whole menu on each edit.
      const menu = Menu.getApplicationMenu();
      for (const [id, on] of Object.entries(historyItems(history))) {
        const item = menu?.getMenuItemById(id);
        if (item) item.enabled = on;
      }
    });
    setMenu();
    followPageLanguage(
      window.webContents,
      () => language,
      (next) => {
        language = next;
        setMenu();
      },
    );
    app.on('second-instance', () => {
      if (window.isMinimized()) window.restore();
      window.focus();
    });
  });
}
