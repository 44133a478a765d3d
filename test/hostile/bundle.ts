/**
 * The CLI and a browser-mode server bundled once per test run with esbuild: started through tsx,
 * each process would spend ~1.4 s compiling; bundled, the CLI starts in ~0.3 s. A vitest global
 * setup builds them and hands the folder to the test files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type BuildOptions } from 'esbuild';

export const REPO = resolve(import.meta.dirname, '../..');
export const BUNDLE_DIR = join(REPO, 'node_modules', '.cache', 'txlab', 'hostile');
export const CLI_BUNDLE = join(BUNDLE_DIR, 'txlab.mjs');
/**
 * The server is started through a one-line entry: main/web.ts runs its own command line when the
 * script node was given is its module, which, bundled, it would be.
 */
export const SERVER_BUNDLE = join(BUNDLE_DIR, 'serve.js');

/** tiny-secp256k1 loads its WebAssembly next to itself, so it stays a package import. */
const COMMON: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  external: ['tiny-secp256k1'],
  // CommonJS dependencies call require(); an ES module has none, so the bundle makes one.
  banner: {
    js: "import{createRequire as __hostileRequire}from'node:module';const require=__hostileRequire(import.meta.url);",
  },
  logLevel: 'error',
};

export async function buildBundles(): Promise<void> {
  mkdirSync(BUNDLE_DIR, { recursive: true });
  // A folder under node_modules is outside the repository's package scope: say these are modules.
  writeFileSync(join(BUNDLE_DIR, 'package.json'), '{"type":"module"}\n');
  writeFileSync(SERVER_BUNDLE, "import './hostServer.js';\n");
  await Promise.all([
    build({ ...COMMON, entryPoints: [join(REPO, 'main/cli/index.ts')], outfile: CLI_BUNDLE }),
    // The host's worker is found next to the server's bundle as hostWorker.js (main/host/workerHost.ts).
    build({
      ...COMMON,
      entryPoints: {
        hostServer: join(REPO, 'test/hostile/hostServer.ts'),
        hostWorker: join(REPO, 'main/host/hostWorker.ts'),
      },
      outdir: BUNDLE_DIR,
      outExtension: { '.js': '.js' },
    }),
  ]);
}
