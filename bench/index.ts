/**
 * `npm run bench`: every benchmark module, a readable table, and one JSON object (key → value) as
 * the last line, always (`--json` is kept for scripts that pass it). `--only NAME` runs one module.
 * A module whose prerequisite is missing (Chromium) is skipped with one line saying how to run
 * it; a module that fails is reported and makes the exit status 1, after the JSON of the rest.
 */
import { parseArgs } from 'node:util';
import type { BenchModule, BenchResult } from './harness';
import { MissingPrerequisite } from './prerequisites';

const MODULES: Record<string, () => Promise<BenchModule>> = {
  engine: async () => (await import('./engine')).engineBench,
  chain: async () => (await import('./chain')).chainBench,
  host: async () => (await import('./host')).hostBench,
  scenarios: async () => (await import('./scenarios')).scenariosBench,
  // Needs the built renderer (`npm run build`) and Chromium.
  ui: async () => (await import('./ui')).uiBench,
  // The lesson steps alone (bench:ui measures them too).
  lessons: async () => (await import('./uiLesson')).lessonBench,
};

/** A new module registers by adding a line above. */
export type { BenchModule, BenchResult };

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { json: { type: 'boolean' }, only: { type: 'string', multiple: true } },
    strict: true,
  });
  // `lessons` is also part of `ui`: only on request.
  const names = values.only ?? Object.keys(MODULES).filter((name) => name !== 'lessons');
  const results: BenchResult[] = [];
  let failed = false;
  for (const name of names) {
    const load = MODULES[name];
    if (!load) {
      process.stderr.write(`bench: unknown module ${name} (modules: ${Object.keys(MODULES).join(', ')})\n`);
      process.exit(2);
    }
    const module = await load();
    process.stdout.write(`\n${module.name}\n`);
    let rows: BenchResult[];
    try {
      rows = await module.run();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof MissingPrerequisite) {
        process.stdout.write(`  skipped: ${message}\n`);
      } else {
        // One line, not a stack trace; the other modules still run.
        process.stderr.write(`bench: ${name} failed: ${message}\n`);
        failed = true;
      }
      continue;
    }
    for (const r of rows)
      process.stdout.write(
        `  ${r.key.padEnd(34)} ${String(r.value).padStart(12)} ${r.unit.padEnd(10)} ${r.target ? `target ${r.target}` : ''}\n`,
      );
    results.push(...rows);
  }
  process.stdout.write(JSON.stringify(Object.fromEntries(results.map((r) => [r.key, r.value]))) + '\n');
  if (failed) process.exitCode = 1;
}

await main();
