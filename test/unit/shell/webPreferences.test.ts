import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../../../main/security/webPreferences';

describe('the window’s webPreferences', () => {
  it('isolate and sandbox the renderer, with no Node, no webviews and web security on', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs')).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});
