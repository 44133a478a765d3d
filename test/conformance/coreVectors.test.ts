/**
 * Bitcoin Core's own vectors, unmodified: every row must pass, none is skipped (the 5 tapscript
 * rows of script_tests.json included); the row counts are pinned so a change is noticed.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectVectorKind, runVectors, summaryLine, type VectorKind } from '../../shared/conformance';
import { runScriptTests } from '../../shared/conformance/scriptTests';
import { LTC_REGTEST } from '../../shared/chain/profiles';

const DIR = new URL('../fixtures/bitcoin-core/', import.meta.url);
const load = (file: string): unknown[] => JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as unknown[];

describe('fixtures are Core files byte for byte', () => {
  // The hashes recorded in ORIGIN.md (from the upstream copy).
  const expected: Record<string, string> = {
    'script_tests.json': 'bc23cb1dfa760d50042f534da23cbbe4b6fbb03d7def0b64f8de049453d6ead5',
    'tx_valid.json': 'f8a9e275c581aa24650695bd2b1c718d30f948452934accee83cb32331a9a7a0',
    'tx_invalid.json': '0c02ce44ff3a880458f9569a25589315a07f924fcaadac828613d4615776ca52',
    'sighash.json': '52cf23c2076e7f129c71d5508631d3e5ae3be1b1cb0585c0e23bbb4bb373e924',
  };
  for (const [file, sha] of Object.entries(expected)) {
    it(file, () =>
      expect(
        createHash('sha256')
          .update(readFileSync(new URL(file, DIR)))
          .digest('hex'),
      ).toBe(sha),
    );
  }
});

const cases: [string, VectorKind, { rows: number }][] = [
  // 1,222 test rows, the 5 tapscript rows among them.
  ['script_tests.json', 'script_tests', { rows: 1_222 }],
  ['tx_valid.json', 'tx_valid', { rows: 121 }],
  ['tx_invalid.json', 'tx_invalid', { rows: 93 }],
  ['sighash.json', 'sighash', { rows: 500 }],
];

describe("Bitcoin Core's vectors", () => {
  for (const [file, kind, counts] of cases) {
    it(`${file}: every applicable row passes`, () => {
      const rows = load(file);
      expect(detectVectorKind(rows)).toBe(kind);
      const report = runVectors(rows, kind);
      const failures = report.failed.map((f) => `row ${f.row}: ${f.reason}`);
      expect(failures, summaryLine(report)).toEqual([]);
      expect(report.passed).toBe(counts.rows);
      expect(report.skipped).toEqual([]);
    });
  }
});

describe("Litecoin Core 0.21's script_tests.json, with the Litecoin chain's interpreter", () => {
  const file = new URL('../fixtures/litecoin-core/script_tests.json', import.meta.url);

  it('is Litecoin Core’s file byte for byte (ORIGIN.md)', () => {
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(
      '399914845dbd50e9af4d798990895bed525f49768517e997f1f347f21c00c670',
    );
  });

  it('every applicable row passes; without the chain’s interpreter bits, the 78 renamed errors fail', () => {
    const rows = JSON.parse(readFileSync(file, 'utf8')) as unknown[];
    const report = runScriptTests(rows, { interpreterFlags: LTC_REGTEST.rules.interpreterFlags });
    expect(
      report.failed.map((f) => `row ${f.row}: ${f.reason}`),
      summaryLine(report),
    ).toEqual([]);
    expect(report.skipped).toEqual([]);
    const bitcoin = runScriptTests(rows, { monotonicityRounds: 0 });
    expect(bitcoin.failed).toHaveLength(78);
  });
});
