/**
 * The packaged app's fuses (electron-builder.ts). Packaging cannot run here (it needs Electron's
 * binary), so this reads the configuration the way electron-builder does and holds each fuse.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getConfig } from 'app-builder-lib/out/util/config/load';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ELECTRON_FUSES } from '../../../electron-builder';

const root = join(import.meta.dirname, '..', '..', '..');

async function builderConfig(): Promise<{ config: Configuration; file: string | null }> {
  const found = await getConfig<Configuration>({
    packageKey: 'build',
    configFilename: 'electron-builder',
    projectDir: root,
    packageMetadata: null,
  });
  if (!found) throw new Error('electron-builder finds no configuration');
  return { config: found.result, file: found.configFile };
}

const packageJson = z
  .object({
    main: z.string(),
    dependencies: z.record(z.string(), z.string()),
    devDependencies: z.record(z.string(), z.string()),
    build: z.unknown().optional(),
  })
  .parse(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')));

describe('packaging: electron-builder', () => {
  it('reads electron-builder.ts, the only configuration in the repo', async () => {
    const { config, file } = await builderConfig();
    expect(file).toBe(join(root, 'electron-builder.ts'));
    // Importing the file also brings it under `tsc` (typecheck), so a misspelt fuse is a compile error.
    expect(config.electronFuses).toEqual(ELECTRON_FUSES);
    // package.json's "build" key or an electron-builder.yml would take precedence or compete.
    expect(packageJson.build).toBeUndefined();
    for (const other of ['yml', 'yaml', 'json', 'json5', 'toml', 'js', 'cjs', 'mjs'])
      expect(existsSync(join(root, `electron-builder.${other}`)), other).toBe(false);
  });

  it.each([
    ['runAsNode', false],
    ['enableCookieEncryption', true],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['onlyLoadAppFromAsar', true],
    ['grantFileProtocolExtraPrivileges', false],
  ] as const)('sets the fuse %s to %s', async (fuse, value) => {
    const { config } = await builderConfig();
    expect(config.electronFuses?.[fuse]).toBe(value);
  });

  it('flips no other fuse', async () => {
    const { config } = await builderConfig();
    expect(Object.keys(config.electronFuses ?? {}).sort()).toEqual(
      [
        'enableCookieEncryption',
        'enableEmbeddedAsarIntegrityValidation',
        'enableNodeCliInspectArguments',
        'enableNodeOptionsEnvironmentVariable',
        'grantFileProtocolExtraPrivileges',
        'onlyLoadAppFromAsar',
        'runAsNode',
      ].sort(),
    );
  });

  it('packs the app into app.asar (the two asar fuses need it), main entry included', async () => {
    const { config } = await builderConfig();
    expect(config.asar).toBe(true);
    expect(packageJson.main).toBe('./out/main/index.js');
    expect(config.files).toEqual(
      expect.arrayContaining(['out/main/**/*', 'out/preload/**/*', 'out/renderer/**/*', 'package.json']),
    );
  });

  it('keeps electron in devDependencies (electron-builder refuses to pack it as a dependency)', () => {
    expect(packageJson.devDependencies['electron']).toMatch(/^\^45\./);
    expect(packageJson.dependencies['electron']).toBeUndefined();
    expect(packageJson.devDependencies['electron-builder']).toBeDefined();
  });
});
