/**
 * The lessons' statistics computed ahead, a slice at a time: the step that asks gets the same
 * figures as computing them there and then, whether the background work has finished, is under
 * way (then hurried) or has not started.
 */
import { WorkContext } from '../../../main/host/work';
import { describe, expect, it } from 'vitest';
import { jobsOf, SandboxResults } from '../../../main/host/lessonTasks/sandboxResults';
import { reorgJob } from '../../../shared/lessons/throughputFinality/reorgs';
import type { ScenarioFile } from '../../../shared/scenario/schema';
import { reorgStats } from '../../../shared/scenario/tasks/reorgStats';

const params = { runs: 6, blocksPerRun: 60, miners: [0.5, 0.3, 0.2], delay: { min: 60, max: 300 }, maxDepth: 4 };

function lessonDoc(seed: number, runs: number[]): ScenarioFile {
  const step = (r: number) => ({
    title: { en: 't', zh: 't' },
    narration: { en: 'n', zh: 'n' },
    actions: [{ run: 'reorg-stats' as const, params: { ...params, runs: r } }],
  });
  return {
    format: 'txlab-scenario',
    version: 1,
    name: 'stats',
    title: { en: 's', zh: 's' },
    seed,
    wallets: [],
    handovers: [],
    chains: [{ id: 'btc', era: 'modern', startTime: 1_700_000_000 }],
    history: [],
    graph: { nodes: [] },
    lesson: { paths: { main: runs.map(step) }, path: 'main', position: 0 },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('sandbox results computed ahead', () => {
  it('plans the statistics of the steps still to play', () => {
    const doc = lessonDoc(4, [6, 7]);
    expect(jobsOf(doc).map((j) => j.key)).toEqual([
      reorgJob(4, { ...params, runs: 6 }).key,
      reorgJob(4, { ...params, runs: 7 }).key,
    ]);
    expect(jobsOf({ ...doc, lesson: { ...doc.lesson!, position: 1 } })).toHaveLength(1);
  });

  it('gives the same figures finished, hurried or not started', async () => {
    const expected6 = reorgStats(4, { ...params, runs: 6 });
    const expected7 = reorgStats(4, { ...params, runs: 7 });
    // Not started: computed at once.
    expect(await new SandboxResults().get(reorgJob(4, { ...params, runs: 6 }), new WorkContext())).toEqual(expected6);
    // Under way: the waiting step hurries it.
    const results = new SandboxResults();
    results.prefetch(lessonDoc(4, [6, 7]));
    await settle();
    expect(await results.get(reorgJob(4, { ...params, runs: 6 }), new WorkContext())).toEqual(expected6);
    // Queued behind it, or finished meanwhile: the same.
    expect(await results.get(reorgJob(4, { ...params, runs: 7 }), new WorkContext())).toEqual(expected7);
    expect(await results.get(reorgJob(4, { ...params, runs: 7 }), new WorkContext())).toEqual(expected7);
  });

  it('drops the plan of a lesson that is no longer open', async () => {
    const results = new SandboxResults();
    results.prefetch(lessonDoc(4, [6]));
    results.prefetch(lessonDoc(5, [6]));
    await settle();
    expect(await results.get(reorgJob(5, { ...params, runs: 6 }), new WorkContext())).toEqual(
      reorgStats(5, { ...params, runs: 6 }),
    );
  });
});
