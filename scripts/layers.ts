/**
 * The import directions of the codebase, for every folder, as data and a check:
 *
 *   renderer → shared's contract and pure UI data (types from anywhere in shared)
 *   preload  → shared's contract
 *   main     → shared (never renderer or preload)
 *     host core (main/host but the Node adapters) → shared and the core; no Node
 *     built-in, Electron or ws, and no adapter (tsconfig.core.json compiles it without Node)
 *   shared   → nothing of ours outside shared; no Node, Electron, React or DOM packages
 *
 * `layerViolations` reads the sources under a root and returns every import against these
 * directions; test/unit/shell/layering.test.ts runs it on the repository, and on a planted wrong
 * import to show that it fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';

export interface ImportRef {
  readonly specifier: string;
  /** `import type` / `export type`: erased at build time. */
  readonly typeOnly: boolean;
}

export interface Violation {
  readonly file: string;
  readonly specifier: string;
  readonly rule: string;
}

interface Layer {
  readonly folder: string;
  /**
   * Why an import is refused, or undefined when it is allowed. `target` is repo-relative for
   * relative imports; `from` is the importing file, repo-relative.
   */
  readonly check: (ref: ImportRef, target: string | undefined, from: string) => string | undefined;
}

const NODE_OR_APP_PACKAGES =
  /^(node:.*|fs|path|os|crypto|child_process|worker_threads|electron|react|react-dom|react\/.*|@mui\/.*|@emotion\/.*|@xyflow\/.*|ws)$/;
const ENGINE_PACKAGES = /^(tiny-secp256k1|bitcoinjs-lib|ecpair|bip32|bip39|@noble\/.*)$/;
/**
 * The Node adapters around the host's application core: the worker, its session and its wire, the
 * journal, real nodes, the wallet providers over the keystore, the desktop app's daemon dialog.
 * tsconfig.core.json excludes exactly these (test/unit/shell/layering.test.ts compares).
 */
export const HOST_ADAPTERS = [
  'main/host/hostWorker.ts',
  'main/host/workerHost.ts',
  'main/host/eventBatching.ts',
  'main/host/wireSession.ts',
  'main/host/session.ts',
  'main/host/persistence/**',
  'main/host/backends.ts',
  'main/host/backendOffers.ts',
  'main/host/walletProviders.ts',
  'main/host/daemonDialog.ts',
] as const;
/** Files outside the core that it may import: plain data. */
const CORE_MAY_IMPORT: ReadonlySet<string> = new Set(['main/keystore/types']);
const NODE_BUILTINS = new Set(builtinModules);
const withoutExtension = (path: string) => path.replace(/\.(ts|tsx|mts|cts)$/, '');

/** Whether a repo-relative file (with or without its extension) is in the host's application core. */
export function inHostCore(path: string): boolean {
  const file = withoutExtension(path);
  if (!/^main\/host(\/|$)/.test(file)) return false;
  return !HOST_ADAPTERS.some((adapter) =>
    adapter.endsWith('/**') ? file.startsWith(adapter.slice(0, -2)) : file === withoutExtension(adapter),
  );
}

function hostCoreCheck(ref: ImportRef, target: string | undefined): string | undefined {
  if (target !== undefined) {
    if (target.startsWith('shared/') || inHostCore(target) || CORE_MAY_IMPORT.has(withoutExtension(target)))
      return undefined;
    return "the host's core imports shared/ and the core, never a Node adapter or main/ outside it: take the platform through an interface";
  }
  return ref.specifier.startsWith('node:') || NODE_BUILTINS.has(ref.specifier) || /^(electron|ws)$/.test(ref.specifier)
    ? "the host's core imports no Node built-in, Electron or ws: it runs without Node types (tsconfig.core.json)"
    : undefined;
}

/** What the page may load from shared/ at run time: the wire, its results, view patches, the typed client, the menu's names, and pure UI data. */
const RENDERER_RUNTIME_SHARED =
  /^shared\/(contract\/(wire|result|client|menu|viewPatch|rewardWallet|firstPayment)|ui\/.*)$/;

const LAYERS: readonly Layer[] = [
  {
    folder: 'shared',
    check: (ref, target) => {
      if (target !== undefined)
        return target.startsWith('shared/') ? undefined : 'shared/ imports nothing of ours outside shared/';
      return NODE_OR_APP_PACKAGES.test(ref.specifier)
        ? 'shared/ imports no Node, Electron, React or DOM package'
        : undefined;
    },
  },
  {
    folder: 'main',
    check: (ref, target, from) => {
      if (target !== undefined && /^(renderer|preload)\//.test(target))
        return 'main/ imports shared/, never the renderer or the preload';
      return inHostCore(from) ? hostCoreCheck(ref, target) : undefined;
    },
  },
  {
    folder: 'preload',
    check: (ref, target) => {
      if (target !== undefined)
        return target.startsWith('shared/contract/') ? undefined : 'preload/ imports only the contract';
      return ref.specifier === 'electron' ? undefined : 'preload/ imports no package but electron';
    },
  },
  {
    folder: 'renderer',
    check: (ref, target) => {
      if (target !== undefined) {
        if (/^(main|preload)\//.test(target)) return 'the renderer never imports main/ or preload/';
        if (!target.startsWith('shared/') || ref.typeOnly) return undefined;
        return RENDERER_RUNTIME_SHARED.test(target)
          ? undefined
          : 'the renderer loads only the contract and pure UI data from shared/ (types may come from anywhere in shared/)';
      }
      if (ENGINE_PACKAGES.test(ref.specifier)) return 'the renderer bundles no engine or key package: it asks the host';
      return /^(node:.*|fs|path|os|crypto|child_process|electron|ws)$/.test(ref.specifier)
        ? 'the renderer imports no Node or Electron package'
        : undefined;
    },
  },
];

/** The imports of one source text: static, re-exports, side-effect and dynamic. */
export function importsOf(source: string): ImportRef[] {
  const found: ImportRef[] = [];
  for (const m of source.matchAll(/^\s*(?:import|export)\s+(type\s+)?[^'";]*?\sfrom\s+['"]([^'"]+)['"]/gm))
    found.push({ specifier: m[2]!, typeOnly: Boolean(m[1]) });
  for (const m of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push({ specifier: m[1]!, typeOnly: false });
  for (const m of source.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g))
    found.push({ specifier: m[1]!, typeOnly: false });
  return found;
}

function sourceFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|tsx|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every import under `root` against the directions above, with the rule it breaks. */
export function layerViolations(root: string): Violation[] {
  const violations: Violation[] = [];
  for (const layer of LAYERS) {
    for (const file of sourceFiles(join(root, layer.folder))) {
      const from = relative(root, file).replaceAll('\\', '/');
      for (const ref of importsOf(readFileSync(file, 'utf8'))) {
        const target = ref.specifier.startsWith('.')
          ? relative(root, join(file, '..', ref.specifier)).replaceAll('\\', '/')
          : undefined;
        const rule = layer.check(ref, target, from);
        if (rule) violations.push({ file: from, specifier: ref.specifier, rule });
      }
    }
  }
  return violations;
}

/** The folders the check covers: a new top-level source folder needs a rule of its own. */
export const LAYER_FOLDERS = LAYERS.map((l) => l.folder);
