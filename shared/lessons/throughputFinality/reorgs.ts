/** The reorg-depth statistics of many seeded runs (shared/scenario/tasks/reorgStats.ts) as lesson charts. */
import { ok, type Result } from '../../contract/result';
import { chart, factsTable } from '../../scenario/lessonData';
import { type ReorgStats, reorgStatsSliced } from '../../scenario/tasks/reorgStats';
import type { LessonHost, SandboxJob, TaskReport } from '../host';
import { bilingual } from '../narration';
import { en } from './en';
import type { ReorgStatsParams } from './tasks';
import { zh } from './zh';

const say = bilingual(en, zh).tasks.reorgs;

const pct = (x: number): number => Math.round(x * 10_000) / 100;

export async function reorgStatsTask(host: LessonHost, p: ReorgStatsParams): Promise<Result<TaskReport>> {
  const stats = await host.sandbox(reorgJob(host.seed, p), ({ done }) => {
    if (done % 10 === 0 || done === p.runs) host.progress({ task: 'reorg-stats', done, total: p.runs });
  });
  const ks = stats.deeperThan.map((_, i) => i + 1);
  const falls =
    stats.deeperThan.every((s, i) => i === 0 || s <= stats.deeperThan[i - 1]!) &&
    stats.deeperThan[0]! > stats.deeperThan.at(-1)!;
  host.showLessonData(
    'reorgs.depth',
    chart('bar', say.depth.title, say.depth.x, say.depth.y, [
      {
        label: say.depth.runs({ runs: p.runs, blocksPerRun: p.blocksPerRun }),
        points: stats.byDepth.slice(1).map((n, i) => [i + 1, n] as const),
      },
    ]),
  );
  host.showLessonData(
    'reorgs.deeperThan',
    chart('line', say.deeperThan.title, say.deeperThan.x, say.deeperThan.y, [
      {
        label: say.deeperThan.deeperThanK,
        points: ks.map((k, i) => [k, pct(stats.deeperThan[i]!)] as const),
      },
      {
        label: say.deeperThan.undone,
        points: ks.map((k, i) => [k, pct(stats.undoneAfter[i]!)] as const),
      },
    ]),
  );
  host.showLessonData(
    'reorgs.summary',
    factsTable(say.summary.title, [
      {
        id: 'blocksSeen',
        label: say.summary.blocksSeen,
        value: stats.blocksSeen,
      },
      { id: 'reorgs', label: say.summary.reorgs, value: stats.reorgs },
      {
        id: 'deeperThan1Percent',
        label: say.summary.deeperThan1Percent,
        value: pct(stats.deeperThan[0]!),
      },
      {
        id: 'deeperThanMaxPercent',
        label: say.summary.deeperThanMaxPercent({ maxDepth: p.maxDepth }),
        value: pct(stats.deeperThan.at(-1)!),
      },
      {
        id: 'falls',
        label: say.summary.falls,
        value: falls,
        tone: falls ? 'good' : 'bad',
      },
    ]),
  );
  return ok({
    detail: `${stats.reorgs} reorganisations in ${p.runs} runs; deeper than 1: ${pct(stats.deeperThan[0]!)}%, deeper than ${p.maxDepth}: ${pct(stats.deeperThan.at(-1)!)}%`,
  });
}

/** The reorganisation statistics as a background job (the host may compute it ahead). */
export function reorgJob(seed: number, params: ReorgStatsParams): SandboxJob<ReorgStats> {
  return { key: JSON.stringify(['reorg-stats', seed, params]), make: () => reorgStatsSliced(seed, params) };
}
