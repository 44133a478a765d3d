/**
 * `npx tsx scripts/pack-taproot-dump.ts DIR`: packs Bitcoin Core's `feature_taproot.py --dumptests`
 * files (one JSON object plus ",\n" each; btcd ships 2,760 as txscript/data/taproot-ref/) into
 * test/fixtures/taproot/feature_taproot_dump.json.gz, the way Core builds script_assets_test.json:
 * `[`, the files in sorted name order without the last ",\n", `]`. Nothing in a file is changed;
 * the test checks the SHA-256 of the files' concatenation (test/fixtures/taproot/ORIGIN.md).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: npx tsx scripts/pack-taproot-dump.ts DIR (e.g. …/feature_taproot_dump/taproot-ref)\n');
  process.exit(2);
}
const names = readdirSync(dir).sort();
const body = Buffer.concat(names.map((name) => readFileSync(join(dir, name))));
const json = Buffer.concat([Buffer.from('[\n'), body.subarray(0, body.length - 2), Buffer.from('\n]\n')]);
const out = fileURLToPath(new URL('../test/fixtures/taproot/feature_taproot_dump.json.gz', import.meta.url));
writeFileSync(out, gzipSync(json, { level: 9 }));
process.stdout.write(`packed ${names.length} tests (${json.length} bytes of JSON) into ${out}\n`);
