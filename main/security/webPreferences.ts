/**
 * The renderer's webPreferences, as data so a unit test can hold them without an Electron binary.
 * Follows Electron's security checklist: isolated, sandboxed, no Node, no webviews.
 */
import type { WebPreferences } from 'electron';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true, // explicit, though app.enableSandbox() already forces it
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}
