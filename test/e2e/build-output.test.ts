/** What `npm run build` produced: a preload a sandbox can load, and a renderer without the engine. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../main/web';

const out = join(REPO_ROOT, 'out');

function read(path: string): string {
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first.`);
  return readFileSync(path, 'utf8');
}

describe('build output', () => {
  it('main is an ES module at the path package.json names', () => {
    const pkg = JSON.parse(read(join(REPO_ROOT, 'package.json'))) as { main?: string };
    expect(pkg.main).toBe('./out/main/index.js');
    expect(read(join(out, 'main', 'index.js'))).toMatch(/^import .* from "electron";/m);
  });

  it('the preload is one CommonJS file that requires nothing but electron (a sandboxed preload can load nothing else)', () => {
    const preload = read(join(out, 'preload', 'index.cjs'));
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    expect(preload).toContain('exposeInMainWorld');
    expect(preload.length).toBeLessThan(10_000); // zod and friends stayed out
  });

  it('the renderer bundle carries no engine, keys or Node code', () => {
    const assets = join(out, 'renderer', 'assets');
    const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const name of scripts) {
      const code = readFileSync(join(assets, name), 'utf8');
      for (const marker of [
        'shared/bitcoin/',
        'shared/chain/',
        'tiny-secp256k1',
        'bitcoinjs-lib',
        'ecpair',
        'bip39',
        'main/keystore',
        'require("electron")',
      ]) {
        expect(code.includes(marker), `${name} contains ${marker}`).toBe(false);
      }
    }
  });
});
