/**
 * The Electron-only security shell: window options, session policies and navigation rules.
 * Decisions about which URL is the app live in `security/appPage.ts`; this file only applies them.
 */
import { BrowserWindow, type Session, type WebContents } from 'electron';
import { isAppPageUrl, isAppResourceUrl, type AppPage } from './security/appPage';
import { securityHeaders } from './security/csp';
import { secureWebPreferences } from './security/webPreferences';

/**
 * Session-wide: the app's CSP on its own pages, and every permission refused (the app needs none).
 * The app:// handler already sends these headers; setting them here too covers the dev server.
 */
export function hardenSession(session: Session, page: AppPage): void {
  const headers = securityHeaders(page.kind === 'dev' ? { devServerOrigin: page.origin } : {});
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppResourceUrl(page, details.url)) {
      callback({});
      return;
    }
    const responseHeaders: Record<string, string[]> = { ...details.responseHeaders };
    for (const [name, value] of Object.entries(headers)) responseHeaders[name] = [value];
    callback({ responseHeaders });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Every WebContents (the window and anything it might spawn): no navigation away, no popups, no webviews. */
export function hardenContents(contents: WebContents, page: AppPage, log: (line: string) => void): void {
  contents.on('will-navigate', (event) => {
    if (!isAppPageUrl(page, event.url)) {
      event.preventDefault();
      log(`navigation refused: ${event.url}`);
    }
  });
  contents.on('will-redirect', (event) => {
    if (!isAppPageUrl(page, event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    log(`window.open refused: ${url}`);
    return { action: 'deny' };
  });
}

export function createMainWindow(options: { readonly page: AppPage; readonly preloadPath: string }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 500,
    title: 'TxLab',
    show: false,
    backgroundColor: '#f5f6f8',
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.page.url);
  return window;
}
