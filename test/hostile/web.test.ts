/**
 * Issue 9, "How it is checked", in browser mode: every file case of the hostile corpus sent as
 * workspace.import and played with lesson.goto step by step, and every socket case's frames, to
 * one browser-mode server (a subprocess under strace with its own data folder) over its
 * token-protected WebSocket. Besides the ending, a refusal must leave the workspace, the wallets
 * and every file of the data folder byte-identical, and the host must keep answering
 * workspace.get while a case works.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BUNDLE, SERVER_BUNDLE } from './bundle';
import { generateCorpus, loadBases } from './corpus';
import { serialize } from './corpus/doc';
import type { FileCase, WsCase } from './corpus/types';
import { budgetProblems, type Actual } from './outcome';
import { printable } from './pool';
import { createSandbox } from './sandbox';
import { Summary } from './summary';
import { describeViolation, requireTracing } from './trace';
import { fileProblems, frameId, frameProblems, playFile, type Played } from './webChecks';
import { hashTree, HostClient, startWebServer, treeDifferences, type Answer, type WebServer } from './webRunner';

requireTracing();

/** How long workspace.get may wait while a case works: longer is a frozen app. */
const STALL_LIMIT_S = 5;
/** The data folder is quiet when nothing in it changed for this long (the journal compacts after 2 s idle). */
const QUIET_MS = 3_000;

const sandbox = await createSandbox();
const bases = await loadBases([process.execPath, CLI_BUNDLE]);
/** Refusals first, while the workspace stands still; cases that may change it after. */
const rank = (c: FileCase | WsCase): number =>
  c.kind === 'ws' ? 0 : c.expect.accept.every((e) => e === 'refused') ? 1 : c.expect.accept.includes('refused') ? 2 : 3;
const cases = generateCorpus(bases, sandbox.env)
  .filter((c): c is FileCase | WsCase => c.kind === 'file' || c.kind === 'ws')
  .map((c, i) => ({ c, i }))
  .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
  .map(({ c }) => c);
const baseline = serialize(bases['p2pkh-basics']);
const summary = new Summary('browser mode', "the growth of the host process's RSS during the case");

let server: WebServer;
let client: HostClient;
let probe: HostClient;
let generation = 0;
/** The workspace may differ from the baseline (a case was played, or a refusal was not). */
let dirty = true;
let violationsSeen = 0;

async function must(answer: Promise<Answer>, what: string): Promise<unknown> {
  const a = await answer;
  if (!a.ok) throw new Error(`${what}: ${a.error.code}: ${a.error.message}`);
  return a.value;
}

async function start(): Promise<void> {
  server = await startWebServer(sandbox, SERVER_BUNDLE, `web-${generation++}`);
  client = await HostClient.open(server.port, server.token);
  probe = await HostClient.open(server.port, server.token);
  dirty = true;
  violationsSeen = 0;
}

async function quiet(dir: string): Promise<void> {
  let last = JSON.stringify([...hashTree(dir)]);
  let since = Date.now();
  const until = Date.now() + 30_000;
  while (Date.now() - since < QUIET_MS) {
    if (Date.now() > until) throw new Error(`the data folder did not settle within 30 s`);
    await sleep(250);
    const now = JSON.stringify([...hashTree(dir)]);
    if (now !== last) [last, since] = [now, Date.now()];
  }
}

/** The baseline workspace (p2pkh-basics, one step played), with every write of it on disk. */
async function settle(): Promise<void> {
  if (!dirty) return;
  await must(client.call('workspace.import', { json: baseline }), 'importing the baseline');
  await must(client.call('lesson.goto', { position: 2 }), 'playing the baseline');
  await quiet(server.dataDir);
  dirty = false;
}

/** workspace.get on a second socket, again and again while a case works: the longest wait. */
function watch(): { stop(): number } {
  let running = true;
  let longest = 0;
  let pendingSince: number | undefined;
  void (async () => {
    while (running && !probe.closed) {
      pendingSince = performance.now();
      await probe.call('workspace.get', {});
      longest = Math.max(longest, performance.now() - pendingSince);
      pendingSince = undefined;
      await sleep(200);
    }
  })();
  return {
    stop() {
      running = false;
      return Math.max(longest, pendingSince === undefined ? 0 : performance.now() - pendingSince) / 1000;
    },
  };
}

async function snapshot(): Promise<{ files: Map<string, string>; view: string; wallets: string }> {
  return {
    files: hashTree(server.dataDir),
    view: JSON.stringify(await must(client.call('workspace.get', {}), 'workspace.get')),
    wallets: JSON.stringify(await must(client.call('wallet.list', {}), 'wallet.list')),
  };
}

async function playWs(c: WsCase): Promise<{ actual: Actual; problems: string[] }> {
  const problems: string[] = [];
  for (const [i, frame] of c.frames.entries())
    problems.push(...frameProblems(frame, await client.sendFrame(frame.text, frameId(frame.text)), i));
  return { actual: problems.length === 0 ? 'refused' : 'crashed', problems };
}

/**
 * Plays the case with a deadline of 1.5 times its budget; past it, work.cancel on the probe
 * socket, and a host that still does not answer within 30 s is replaced by a fresh one.
 */
async function run(
  c: FileCase | WsCase,
): Promise<{ played: Played; wsProblems: string[]; late: string[]; peakMb?: number }> {
  const work =
    c.kind === 'file'
      ? playFile(client, c).then((played) => ({ played, wsProblems: [] as string[] }))
      : playWs(c).then(({ actual, problems }) => ({ played: { actual }, wsProblems: problems }));
  const deadline = sleep(c.budget.seconds * 1_500).then(() => 'late' as const);
  const first = await Promise.race([work, deadline]);
  if (first !== 'late') return { ...first, late: [] };
  void probe.call('work.cancel', {});
  const after = await Promise.race([work, sleep(30_000).then(() => 'hung' as const)]);
  if (after !== 'hung') return { ...after, late: [`still working at 1.5 times its budget; work.cancel stopped it`] };
  const peakMb = server.sampleRss().peak;
  await server.stop();
  await start();
  return {
    played: { actual: 'crashed', error: { code: 'NO_ANSWER', message: 'no answer' } },
    wsProblems: [],
    late: [`still working at 1.5 times its budget, and no answer 30 s after work.cancel: the host was replaced`],
    peakMb,
  };
}

describe('hostile corpus in browser mode', () => {
  beforeAll(start, 60_000);
  afterAll(async () => {
    summary.write(cases);
    await server?.stop();
    await sandbox.close();
  });

  for (const c of cases) {
    it(
      printable(`${c.id} (class ${c.cls}): ${c.description}`),
      async () => {
        const mayRefuse = c.kind === 'ws' || c.expect.accept.includes('refused');
        if (mayRefuse) await settle();
        const before = mayRefuse ? await snapshot() : undefined;
        server.resetPeak();
        const rssBefore = server.sampleRss().now;
        const watcher = watch();
        const started = performance.now();
        const { played, wsProblems, late, peakMb } = await run(c);
        const seconds = (performance.now() - started) / 1000;
        const stall = watcher.stop();
        const mb = (peakMb ?? server.sampleRss().peak) - rssBefore;

        const problems = [...late, ...wsProblems, ...budgetProblems({ seconds, mb }, c.budget)];
        if (c.kind === 'file') problems.push(...fileProblems(c, played));
        if (stall > STALL_LIMIT_S)
          problems.push(`workspace.get waited ${stall.toFixed(1)} s while the case worked (limit ${STALL_LIMIT_S} s)`);
        if (played.actual === 'refused' && before) {
          const after = await snapshot();
          const changed = treeDifferences(before.files, after.files);
          if (changed.length > 0) problems.push(`the data folder changed after a refusal: ${changed.join(', ')}`);
          if (after.view !== before.view) problems.push('the workspace changed after a refusal');
          if (after.wallets !== before.wallets) problems.push('the wallets changed after a refusal');
        } else {
          dirty = true;
        }
        const found = server.violations();
        problems.push(...found.slice(violationsSeen).map((v) => `trace: ${describeViolation(v)}`));
        violationsSeen = found.length;
        if (sandbox.markers().length > 0) problems.push(`a fake node program ran: ${sandbox.markers().join(', ')}`);
        if (sandbox.captures().length > 0)
          problems.push(
            `the capture server got ${sandbox.captures().length} connection(s): ${JSON.stringify(sandbox.captures()[0])}`,
          );

        const error = played.error;
        const named = played.actual === 'refused' && error ? error.path || error.message.slice(0, 80) : undefined;
        summary.add({
          id: c.id,
          cls: c.cls,
          description: c.description,
          ending: played.actual,
          ...(named ? { named } : {}),
          seconds,
          mb,
          stall,
          problems,
        });
        expect(problems).toEqual([]);
      },
      c.budget.seconds * 1_500 + 120_000,
    );
  }
});
