/** The reorg-depth statistics of many seeded runs (shared/scenario/tasks/reorgStats.ts) as lesson charts. */
import { ok, type Result } from '../../../shared/contract/result';
import { chart, factsTable } from '../../../shared/scenario/lessonData';
import type { LessonTaskParams } from '../../../shared/scenario/lessonTasks';
import { bilingual } from '../../../shared/lessons/narration';
import { en } from '../../../shared/lessons/throughputFinality/en';
import { zh } from '../../../shared/lessons/throughputFinality/zh';
import type { Workbench } from '../../host/workbench';
import type { TaskReport } from '../../host/lessonTasks/index';
import { reorgStatsSliced } from '../../../shared/scenario/tasks/reorgStats';

const say = bilingual(en, zh).tasks.reorgs;

const pct = (x: number): number => Math.round(x * 10_000) / 100;

export async function reorgStatsTask(
  bench: Workbench,
  p: LessonTaskParams<'reorg-stats'>,
): Promise<Result<TaskReport>> {
  const stats = await bench.sandbox.get(reorgJob(bench.doc.seed, p), bench.work, ({ done }) => {
    if (done % 10 === 0 || done === p.runs) bench.work.progress({ task: 'reorg-stats', done, total: p.runs });
  });
  const ks = stats.deeperThan.map((_, i) => i + 1);
  const falls =
    stats.deeperThan.every((s, i) => i === 0 || s <= stats.deeperThan[i - 1]!) &&
    stats.deeperThan[0]! > stats.deeperThan.at(-1)!;
  bench.showLessonData(
    'reorgs.depth',
    chart('bar', say.depth.title, say.depth.x, say.depth.y, [
      {
        label: say.depth.runs({ runs: p.runs, blocksPerRun: p.blocksPerRun }),
        points: stats.byDepth.slice(1).map((n, i) => [i + 1, n] as const),
      },
    ]),
  );
  bench.showLessonData(
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
  bench.showLessonData(
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

/** The reorganisation statistics as a background job (main/host/lessonTasks/sandboxResults.ts). */
export function reorgJob(seed: number, params: LessonTaskParams<'reorg-stats'>) {
  return { key: JSON.stringify(['reorg-stats', seed, params]), make: () => reorgStatsSliced(seed, params) };
}
