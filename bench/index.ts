/**
 * `npm run bench`: every benchmark module, a readable table, and with `--json` one JSON object
 * (key → value) as the last line. `--only NAME` runs one module.
 */
import { parseArgs } from 'node:util';
import type { BenchModule, BenchResult } from './harness';

const MODULES: Record<string, () => Promise<BenchModule>> = {
  engine: async () => (await import('./engine')).engineBench,
  chain: async () => (await import('./chain')).chainBench,
  host: async () => (await import('./host')).hostBench,
  scenarios: async () => (await import('./scenarios')).scenariosBench,
};

/** Other modules register here (scenarios, host, ui) by adding a line above. */
export type { BenchModule, BenchResult };

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { json: { type: 'boolean' }, only: { type: 'string', multiple: true } }, strict: true });
  const names = values.only ?? Object.keys(MODULES);
  const results: BenchResult[] = [];
  for (const name of names) {
    const load = MODULES[name];
    if (!load) {
      process.stderr.write(`bench: unknown module ${name} (modules: ${Object.keys(MODULES).join(', ')})\n`);
      process.exit(2);
    }
    const module = await load();
    process.stdout.write(`\n${module.name}\n`);
    const rows = await module.run();
    for (const r of rows) process.stdout.write(`  ${r.key.padEnd(34)} ${String(r.value).padStart(12)} ${r.unit.padEnd(10)} ${r.target ? `target ${r.target}` : ''}\n`);
    results.push(...rows);
  }
  if (values.json) process.stdout.write(JSON.stringify(Object.fromEntries(results.map((r) => [r.key, r.value]))) + '\n');
}

await main();
