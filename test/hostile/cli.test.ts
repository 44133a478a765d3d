/**
 * Issue 9, "How it is checked", through the command line: every file case of the hostile corpus
 * played with `txlab run FILE`, and the command-line cases (`txlab rpc` lines, arguments, special
 * files), each as a subprocess under strace and /usr/bin/time, a few at a time. A case passes when
 * it ends as its class says (refused with one line naming the field, played, or failed as a lesson
 * check does), within its budget, without starting a program, sending a request or touching bait.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BUNDLE } from './bundle';
import { cliProblems } from './cliChecks';
import { runCliCase } from './cliRunner';
import { generateCorpus, loadBases } from './corpus';
import { serialize } from './corpus/doc';
import { BUDGET, type CliCase, type FileCase, type SpecialFileCase } from './corpus/types';
import { printable, Semaphore } from './pool';
import { createSandbox } from './sandbox';
import { Summary } from './summary';
import { requireTracing } from './trace';

requireTracing();

/** Two cores in CI: three processes at once keep both busy while one waits on I/O; heavy cases run alone. */
const POOL_SIZE = 3;
const pool = new Semaphore(POOL_SIZE);
const sandbox = await createSandbox();
const bases = await loadBases([process.execPath, CLI_BUNDLE]);
const cases = generateCorpus(bases, sandbox.env).filter(
  (c): c is FileCase | SpecialFileCase | CliCase => c.kind !== 'ws',
);
const validFile = join(sandbox.dir('valid'), 'p2pkh-basics.json');
writeFileSync(validFile, serialize(bases['p2pkh-basics']));
const summary = new Summary('txlab run and the CLI', 'the peak RSS of the process (strace included)');

describe('hostile corpus through the CLI', () => {
  afterAll(async () => {
    summary.write(cases);
    await sandbox.close();
  });

  for (const c of cases) {
    it.concurrent(
      printable(`${c.id} (class ${c.cls}): ${c.description}`),
      async () => {
        const run = await pool.use(
          () => runCliCase(c, { bundle: CLI_BUNDLE, sandbox, validFile }),
          c.budget === BUDGET.heavy ? POOL_SIZE : 1,
        );
        const { ending, named, problems } = cliProblems(c, run);
        const markers = sandbox.markers();
        if (markers.length > 0) problems.push(`a fake node program ran: ${markers.join(', ')}`);
        const captures = sandbox.captures();
        if (captures.length > 0)
          problems.push(`the capture server got ${captures.length} connection(s): ${JSON.stringify(captures[0])}`);
        summary.add({
          id: c.id,
          cls: c.cls,
          description: c.description,
          ending,
          ...(named ? { named } : {}),
          seconds: run.seconds,
          mb: run.mb,
          problems,
        });
        expect(problems).toEqual([]);
      },
      // A case is killed at 1.5 times its budget; this covers the wait for the pool (heavy cases run alone).
      600_000,
    );
  }
});
