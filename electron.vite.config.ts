import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './main/security/csp';

const root = import.meta.dirname;

/**
 * index.html carries the production policy in its meta tag. The dev server needs Vite's inline
 * React Refresh preamble and its hot-reload socket, so only `electron-vite dev` swaps in the dev policy.
 */
function devCspPlugin(): Plugin {
  return {
    name: 'txlab:dev-csp',
    apply: 'serve',
    transformIndexHtml(html, ctx) {
      const origin = ctx.server?.resolvedUrls?.local[0]?.replace(/\/$/, '');
      if (!origin) return html;
      const devPolicy = contentSecurityPolicy({ delivery: 'meta', devServerOrigin: origin });
      return html.replace(
        /(<meta http-equiv="Content-Security-Policy" content=")[^"]*(")/,
        (_match, open: string, close: string) => `${open}${devPolicy}${close}`,
      );
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // The host runs in a worker thread (hostWorker.js beside index.js), so mining never blocks the window.
      lib: { entry: { index: resolve(root, 'main/index.ts'), hostWorker: resolve(root, 'main/host/hostWorker.ts') } },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // Sandboxed preloads cannot be ESM and can only require('electron'): one CommonJS file, no externals.
      externalizeDeps: false,
      lib: { entry: resolve(root, 'preload/index.ts'), formats: ['cjs'], fileName: () => 'index.cjs' },
      // The preload needs only wire.ts's constants; its zod schema calls are pure, so zod stays out.
      rolldownOptions: { treeshake: { manualPureFunctions: ['z'] } },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), devCspPlugin()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
