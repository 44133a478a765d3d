/**
 * Packaging the desktop app with electron-builder (the electron-vite template's packager):
 * `npm run package` builds out/, then packs it with Electron's binary for this platform into
 * dist/. electron-builder finds this file by its name; test/unit/shell/fuses.test.ts reads it
 * the same way and holds every fuse below.
 */
import type { Configuration } from 'electron-builder';

/**
 * Fuses are bits in the Electron binary, flipped at package time (before signing), that turn
 * features off for good. See https://www.electronjs.org/docs/latest/tutorial/fuses.
 */
export const ELECTRON_FUSES = {
  /** ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node for any script. */
  runAsNode: false,
  /** Cookies encrypted with the OS keychain (the app keeps none today; one-way, so set it from the start). */
  enableCookieEncryption: true,
  /** NODE_OPTIONS could preload code into the main process. */
  enableNodeOptionsEnvironmentVariable: false,
  /** --inspect and friends would open a debugger on the main process. */
  enableNodeCliInspectArguments: false,
  /** app.asar checked against the hash embedded in the binary (macOS, Windows). */
  enableEmbeddedAsarIntegrityValidation: true,
  /** Only app.asar is loaded, not a loose app/ folder planted beside it. */
  onlyLoadAppFromAsar: true,
  /** The page comes from app://, so file:// needs none of its old extra powers. */
  grantFileProtocolExtraPrivileges: false,
} as const satisfies NonNullable<Configuration['electronFuses']>;

const config: Configuration = {
  appId: 'org.txlab.desktop',
  productName: 'TxLab',
  directories: { output: 'dist' },
  // package.json's `main` is out/main/index.js; production dependencies are added by electron-builder.
  files: ['out/main/**/*', 'out/preload/**/*', 'out/renderer/**/*', 'package.json'],
  // The asar fuses above need the app inside app.asar.
  asar: true,
  electronFuses: ELECTRON_FUSES,
  linux: { target: 'AppImage', category: 'Education' },
  mac: { target: 'dmg', category: 'public.app-category.education' },
  win: { target: 'nsis' },
};

export default config;
