/** The reorg-depth statistics of many seeded runs (shared/scenario/tasks/reorgStats.ts) as lesson charts. */
import { ok, type Result } from '../../../shared/contract/result';
import { chart, factsTable } from '../../../shared/scenario/lessonData';
import type { LessonTaskParams } from '../../../shared/scenario/lessonTasks';
import type { Workbench } from '../../host/workbench';
import type { TaskReport } from '../../host/lessonTasks/index';
import { reorgStatsSliced } from '../../../shared/scenario/tasks/reorgStats';

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
    chart(
      'bar',
      { en: 'Reorganisations by depth', zh: '按深度统计的链重组' },
      { en: 'Blocks given up', zh: '被放弃的区块数' },
      { en: 'Reorganisations', zh: '重组次数' },
      [
        {
          label: { en: `${p.runs} runs × ${p.blocksPerRun} blocks`, zh: `${p.runs} 次 × ${p.blocksPerRun} 个区块` },
          points: stats.byDepth.slice(1).map((n, i) => [i + 1, n] as const),
        },
      ],
    ),
  );
  bench.showLessonData(
    'reorgs.deeperThan',
    chart(
      'line',
      { en: 'Share of reorganisations deeper than k', zh: '深度超过 k 的重组所占比例' },
      { en: 'k (confirmations)', zh: 'k（确认数）' },
      { en: '%', zh: '%' },
      [
        {
          label: { en: 'deeper than k', zh: '深度超过 k' },
          points: ks.map((k, i) => [k, pct(stats.deeperThan[i]!)] as const),
        },
        {
          label: { en: 'a block with k confirmations undone', zh: '有 k 个确认的区块被撤销' },
          points: ks.map((k, i) => [k, pct(stats.undoneAfter[i]!)] as const),
        },
      ],
    ),
  );
  bench.showLessonData(
    'reorgs.summary',
    factsTable({ en: 'Forks and finality', zh: '分叉与最终性' }, [
      {
        id: 'blocksSeen',
        label: { en: 'Blocks received by the nodes', zh: '节点收到的区块' },
        value: stats.blocksSeen,
      },
      { id: 'reorgs', label: { en: 'Reorganisations', zh: '链重组次数' }, value: stats.reorgs },
      {
        id: 'deeperThan1Percent',
        label: { en: 'Deeper than 1 block (% of reorgs)', zh: '深度超过 1 个区块（占重组 %）' },
        value: pct(stats.deeperThan[0]!),
      },
      {
        id: 'deeperThanMaxPercent',
        label: {
          en: `Deeper than ${p.maxDepth} blocks (% of reorgs)`,
          zh: `深度超过 ${p.maxDepth} 个区块（占重组 %）`,
        },
        value: pct(stats.deeperThan.at(-1)!),
      },
      {
        id: 'falls',
        label: { en: 'Falls with every confirmation', zh: '随确认数增加而下降' },
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
