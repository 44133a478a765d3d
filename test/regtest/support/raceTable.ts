/**
 * The race results as the malleability lesson's table speaks: a cell is "works: new txid",
 * "accepted, same txid", "stopped: <code>" or "n/a: …". The real nodes fill the cells they can
 * answer; the lesson (shared/lessons/malleabilityMtgox/odds.ts → `mtgox.matrix`) fills the same cells
 * from TxLab's engine, and the two are compared.
 */
import type { TableDatum } from '../../../shared/scenario/lessonData';
import type { RaceResult } from './race';
import { describeNode, type NodeVerdict } from './verdicts';

/** A node verdict in the lesson's words; `txidChanged` decides what an accepted copy means. */
export function cellFor(verdict: NodeVerdict, txidChanged: boolean): string {
  switch (verdict.kind) {
    case 'accepted':
      return txidChanged ? 'works: new txid' : 'accepted, same txid';
    case 'not-push-only':
      return 'stopped: scriptsig-not-pushonly';
    case 'script':
      return `stopped: ${verdict.code ?? verdict.text}`;
    case 'other':
      return `refused: ${verdict.reason}`;
  }
}

/** The lesson's table as `column label → mutation kind → cell text`. */
export function lessonCells(datum: TableDatum): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  datum.columns.forEach((column, c) => {
    // Rows by their mutation kind; a cell's words in English, as the nodes' answers are written.
    out.set(column.en, new Map(datum.rows.map((row) => [row.id ?? row.label.en, cellText(row.cells[c]?.text)])));
  });
  return out;
}

function cellText(text: TableDatum['rows'][number]['cells'][number]['text'] | undefined): string {
  return text === undefined ? '' : typeof text === 'string' ? text : text.en;
}

/** Which real-node answer stands for which column of the lesson's table. */
export interface ColumnSource {
  readonly column: string;
  readonly phase: string;
  readonly wrap: RaceResult['case']['wrap'];
  readonly area: RaceResult['case']['area'];
  readonly verdict: 'policy' | 'consensus';
}

/** How many cells were compared, and those where the lesson's cell differs from the node's, as readable lines. */
export function compareTable(
  cells: Map<string, Map<string, string>>,
  results: readonly RaceResult[],
  sources: readonly ColumnSource[],
): { compared: number; disagreements: string[] } {
  const out: string[] = [];
  let compared = 0;
  for (const source of sources) {
    const column = cells.get(source.column);
    if (!column) {
      out.push(`the lesson's table has no column "${source.column}" (columns: ${[...cells.keys()].join(', ')})`);
      continue;
    }
    for (const r of results) {
      if (r.phase !== source.phase || r.case.wrap !== source.wrap || r.case.area !== source.area) continue;
      const node = cellFor(source.verdict === 'policy' ? r.nodePolicy : r.nodeBlock, r.copy.txid !== r.original.txid);
      const lesson = column.get(r.case.kind);
      compared++;
      if (lesson !== node)
        out.push(
          `[${source.column}] ${r.label} (${r.phase}): lesson "${lesson ?? '(no row)'}", node "${node}"\n  copy: ${r.copy.hex}`,
        );
    }
  }
  return { compared, disagreements: out };
}

const short = (id: string): string => id.slice(0, 12);

/** One line per race: what B's mempool and B's miner said, and what the common chain holds. */
export function raceSummary(results: readonly RaceResult[]): string {
  const lines = [
    'phase        | case                          | B mempool (testmempoolaccept)                     | B miner (generateblock)                           | confirmed on A and B',
  ];
  for (const r of results) {
    const confirmed = r.confirmedOnA
      ? `${r.winner} ${short(r.confirmedOnA.txid)} (wtxid ${short(r.confirmedOnA.hash)})`
      : 'nothing';
    lines.push(
      `${r.phase.padEnd(12)} | ${r.label.padEnd(29)} | ${describeNode(r.nodePolicy).padEnd(49)} | ${describeNode(r.nodeBlock).padEnd(49)} | ${confirmed}`,
    );
  }
  return lines.join('\n');
}
