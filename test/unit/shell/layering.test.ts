/**
 * The import directions of every folder (scripts/layers.ts), checked on the repository, and the
 * check itself shown to fail on planted wrong imports: a main → renderer import like the one the
 * native menu once had, shared → Node, preload → main, the renderer loading the engine, and the
 * host's core reaching for Node or its adapters.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HOST_ADAPTERS, importsOf, inHostCore, LAYER_FOLDERS, layerViolations } from '../../../scripts/layers';

const root = join(import.meta.dirname, '..', '..', '..');

describe('layering of the repository', () => {
  it('covers every top-level source folder', () => {
    expect([...LAYER_FOLDERS].sort()).toEqual(['main', 'preload', 'renderer', 'shared']);
  });

  it('has no import against the directions', () => {
    expect(layerViolations(root)).toEqual([]);
  });

  it("leaves out of the host's core exactly what tsconfig.core.json leaves out", () => {
    const config = JSON.parse(readFileSync(join(root, 'tsconfig.core.json'), 'utf8')) as { exclude: string[] };
    expect([...config.exclude].sort()).toEqual([...HOST_ADAPTERS].sort());
    expect(inHostCore('main/host/workbench.ts')).toBe(true);
    expect(inHostCore('main/host/lessonHost.ts')).toBe(true);
    expect(inHostCore('main/host/session.ts')).toBe(false);
    expect(inHostCore('main/host/persistence/journal.ts')).toBe(false);
    expect(inHostCore('main/keystore/keystore.ts')).toBe(false);
  });
});

describe('the layering check', () => {
  const planted = mkdtempSync(join(tmpdir(), 'txlab-layers-'));
  afterAll(() => rmSync(planted, { recursive: true, force: true }));
  const plant = (path: string, text: string) => {
    mkdirSync(dirname(join(planted, path)), { recursive: true });
    writeFileSync(join(planted, path), text);
  };
  plant('renderer/src/i18n/en.ts', 'export const en = {};\n');
  plant(
    'renderer/src/app/Ok.tsx',
    "import type { WorkspaceView } from '../../../shared/contract/views';\nimport { en } from '../../../shared/ui/i18n/en';\nimport { Box } from '@mui/material';\n",
  );
  plant(
    'main/menu.ts',
    "import { en } from '../renderer/src/i18n/en';\nimport { ok } from '../shared/contract/result';\n",
  );
  plant(
    'shared/chain/clock.ts',
    "import { readFileSync } from 'node:fs';\nimport { x } from '../../main/host/x';\nimport { z } from 'zod';\n",
  );
  plant(
    'preload/index.ts',
    "import { contextBridge } from 'electron';\nimport { host } from '../main/host/session';\n",
  );
  plant(
    'main/host/workbench.ts',
    "import { randomInt } from 'node:crypto';\nimport { Keystore } from '../keystore/keystore';\nimport { BackendOffers } from './backendOffers';\n" +
      "import type { WalletInfo } from '../keystore/types';\nimport { ok } from '../../shared/contract/result';\nimport { z } from 'zod';\n",
  );
  plant(
    'main/host/lessonHost.ts',
    "import { readFile } from 'fs';\nimport { nextTurn } from './work';\nimport { BUILTINS } from '../../shared/lessons';\n",
  );
  plant(
    'main/host/session.ts',
    "import { join } from 'node:path';\nimport { BackendOffers } from './backendOffers';\nimport { Workbench } from './workbench';\n",
  );
  plant('main/host/persistence/journal.ts', "import { writeFile } from 'node:fs/promises';\n");
  plant(
    'renderer/src/features/Bad.tsx',
    "import { verifyInput } from '../../../shared/bitcoin/transaction';\nexport { x } from '../../../main/cli/x';\nconst ecc = await import('tiny-secp256k1');\n",
  );

  it('fails on each wrong import, naming the file, the import and the rule', () => {
    const found = layerViolations(planted).map((v) => `${v.file} → ${v.specifier}`);
    expect(found.sort()).toEqual(
      [
        'main/menu.ts → ../renderer/src/i18n/en',
        'shared/chain/clock.ts → node:fs',
        'shared/chain/clock.ts → ../../main/host/x',
        'preload/index.ts → ../main/host/session',
        'renderer/src/features/Bad.tsx → ../../../shared/bitcoin/transaction',
        'renderer/src/features/Bad.tsx → ../../../main/cli/x',
        'renderer/src/features/Bad.tsx → tiny-secp256k1',
        'main/host/workbench.ts → node:crypto',
        'main/host/workbench.ts → ../keystore/keystore',
        'main/host/workbench.ts → ./backendOffers',
        'main/host/lessonHost.ts → fs',
      ].sort(),
    );
    expect(layerViolations(planted).find((v) => v.file === 'main/menu.ts')?.rule).toMatch(/never the renderer/);
    expect(layerViolations(planted).find((v) => v.specifier === './backendOffers')?.rule).toMatch(
      /never a Node adapter/,
    );
  });

  it('reads type-only, re-export, side-effect and dynamic imports', () => {
    const source =
      "import type { A } from './a';\nexport { b } from './b';\nimport './c.css';\nconst d = await import('./d');\nimport e, { f } from 'e';\n";
    expect(importsOf(source)).toEqual([
      { specifier: './a', typeOnly: true },
      { specifier: './b', typeOnly: false },
      { specifier: 'e', typeOnly: false },
      { specifier: './c.css', typeOnly: false },
      { specifier: './d', typeOnly: false },
    ]);
  });
});
