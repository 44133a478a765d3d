/**
 * The renderer asks the host for every Bitcoin truth; it never bundles the engine, keys or Node.
 * Type-only imports are erased at build time and may name anything in shared/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const rendererSrc = join(root, 'renderer', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

/** Value imports (not `import type`), as [specifier, statement]. */
function valueImports(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/^\s*(import|export)\s+(?!type\s)[^'";]*?from\s+['"]([^'"]+)['"]/gm)) found.push(match[2] ?? '');
  for (const match of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push(match[1] ?? '');
  for (const match of source.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(match[1] ?? '');
  return found;
}

const FORBIDDEN_PACKAGES = /^(electron|tiny-secp256k1|bitcoinjs-lib|ecpair|bip32|bip39|@noble\/.*|ws|node:.*|fs|path|crypto)$/;
/** The only parts of shared/ the renderer may load at run time (menu: the list of command names). */
const ALLOWED_SHARED = new Set(['shared/contract/wire', 'shared/contract/result', 'shared/contract/client', 'shared/contract/menu']);

describe('renderer layering', () => {
  const files = sourceFiles(rendererSrc);

  it('finds the renderer sources', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it('loads nothing from shared/ but the wire, result, client and menu modules of the contract', () => {
    const offending: string[] = [];
    for (const file of files) {
      for (const specifier of valueImports(readFileSync(file, 'utf8'))) {
        if (!specifier.startsWith('.')) continue;
        const target = relative(root, join(file, '..', specifier)).replaceAll('\\', '/');
        if (target.startsWith('shared/') && !ALLOWED_SHARED.has(target)) offending.push(`${relative(root, file)} → ${target}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('imports no engine, key, Electron or Node package', () => {
    const offending: string[] = [];
    for (const file of files) {
      for (const specifier of valueImports(readFileSync(file, 'utf8'))) {
        if (FORBIDDEN_PACKAGES.test(specifier)) offending.push(`${relative(root, file)} → ${specifier}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
