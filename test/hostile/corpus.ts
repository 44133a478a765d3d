/**
 * The hostile-file corpus of issue 9: built from the built-in scenarios as `txlab export` writes
 * them, one mutation per case, parameters drawn from a seeded RNG (the same seed gives the same
 * corpus). Each case names its class, what it does, and which endings are correct.
 *
 *   npx tsx test/hostile/corpus.ts --out DIR [--seed N]
 *
 * writes every file case as DIR/<id>.json and DIR/index.json listing all cases (the bait paths
 * they name point into DIR/bait/). The test suites (cli.test.ts, web.test.ts) call
 * `generateCorpus` themselves with their sandbox's bait.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Rng } from './rng';
import { cliCases, wsCases } from './corpus/commands';
import { BASE_NAMES, type Bases, type ScenarioDoc } from './corpus/doc';
import { class1, class2 } from './corpus/reach';
import { class4, class9 } from './corpus/rules';
import { type CorpusEnv, Sink } from './corpus/sink';
import { class10Files, class11, class5Files, class6 } from './corpus/text';
import type { HostileCase } from './corpus/types';
import { class3 } from './corpus/work';

export const DEFAULT_SEED = 20_260_909;

/** Each generator draws from its own RNG, derived from the seed and its place in this list. */
const GENERATORS: readonly ((sink: Sink) => void)[] = [
  class1,
  class2,
  class3,
  class4,
  class5Files,
  class6,
  class9,
  class10Files,
  class11,
  cliCases,
  wsCases,
];

export function generateCorpus(bases: Bases, env: CorpusEnv, seed = DEFAULT_SEED): HostileCase[] {
  const sink = new Sink(new Rng(seed), bases, env);
  GENERATORS.forEach((generate, i) => generate(sink.withRng(new Rng((seed + Math.imul(i + 1, 0x9e3779b9)) >>> 0))));
  return sink.cases;
}

/** The built-in scenarios as files, from `txlab export NAME` (run as `command NAME`). */
export async function loadBases(command: readonly string[]): Promise<Bases> {
  const exported = await Promise.all(
    BASE_NAMES.map(
      (name) =>
        new Promise<[string, ScenarioDoc]>((done, fail) => {
          const child = spawn(command[0]!, [...command.slice(1), 'export', name], {
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          const out: Buffer[] = [];
          const err: Buffer[] = [];
          child.stdout.on('data', (b: Buffer) => out.push(b));
          child.stderr.on('data', (b: Buffer) => err.push(b));
          child.on('error', fail);
          child.on('close', (code) => {
            if (code !== 0) fail(new Error(`txlab export ${name} exited ${code}: ${Buffer.concat(err).toString()}`));
            else done([name, JSON.parse(Buffer.concat(out).toString('utf8')) as ScenarioDoc]);
          });
        }),
    ),
  );
  return Object.fromEntries(exported) as unknown as Bases;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' }, seed: { type: 'string' } } });
  if (!values.out) throw new Error('usage: tsx test/hostile/corpus.ts --out DIR [--seed N]');
  const dir = resolve(values.out);
  const bait = join(dir, 'bait');
  const env: CorpusEnv = {
    baitDaemon: join(bait, 'bin', 'litecoind'),
    baitCookie: join(bait, '.cookie'),
    baitSecret: join(bait, 'secret.txt'),
    captureUrl: 'http://127.0.0.1:9/',
  };
  const bases = await loadBases([process.execPath, resolve(import.meta.dirname, '../../bin/txlab.js')]);
  const cases = generateCorpus(bases, env, values.seed === undefined ? DEFAULT_SEED : Number(values.seed));
  mkdirSync(dir, { recursive: true });
  const index = cases.map((c) => {
    const { text: _text, ...rest } = c as HostileCase & { text?: string };
    if (c.kind === 'file') writeFileSync(join(dir, `${c.id}.json`), c.text);
    return rest;
  });
  writeFileSync(join(dir, 'index.json'), JSON.stringify(index, null, 1));
  process.stdout.write(`${cases.length} cases written to ${dir}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
