/**
 * `npm run schema`: writes docs/scenario-file.schema.json, the JSON Schema of scenario files,
 * generated from the zod schema the importer enforces (shared/scenario/schema.ts). A test fails
 * when the committed file is stale. `--check` only compares.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from '../shared/scenario/jsonSchema';

const file = fileURLToPath(new URL('../docs/scenario-file.schema.json', import.meta.url));
const text = scenarioJsonSchema();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== text) {
    process.stderr.write('docs/scenario-file.schema.json is stale: run npm run schema\n');
    process.exit(1);
  }
} else {
  writeFileSync(file, text);
  process.stdout.write(`wrote ${file}\n`);
}
