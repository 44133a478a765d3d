/**
 * What a suite tried and how each case ended, printed at the end of the run (and written to
 * test-results/hostile/<suite>.json) in a form the issue's closing note can quote: per class, the
 * cases, their endings (refused naming which field, played, failed), the slowest and the largest.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './bundle';
import { BUDGET, CLASS_NAMES, type CaseClass, type HostileCase } from './corpus/types';
import { printable } from './pool';

export interface CaseRecord {
  readonly id: string;
  readonly cls: CaseClass;
  readonly description: string;
  /** refused / played / failed / crashed, or for commands and frames: what was answered. */
  readonly ending: string;
  /** What the refusal named (the field in its line, or the error's path). */
  readonly named?: string;
  readonly seconds: number;
  readonly mb: number;
  /** Browser mode: the longest workspace.get took while the case worked. */
  readonly stall?: number;
  readonly problems: readonly string[];
}

export class Summary {
  private readonly records = new Map<string, CaseRecord>();

  constructor(
    private readonly suite: string,
    /** What the memory figure is: "peak RSS" for a process, "RSS growth" for the shared host. */
    private readonly memory: string,
  ) {}

  add(record: CaseRecord): void {
    this.records.set(record.id, record);
  }

  report(cases: readonly HostileCase[]): string {
    const lines: string[] = [`Hostile corpus through ${this.suite}: ${this.records.size} of ${cases.length} cases run`];
    lines.push(
      `Budgets (s / MB): ${Object.entries(BUDGET)
        .map(([k, b]) => `${k} ${b.seconds} s / ${b.mb} MB`)
        .join(', ')}; memory is ${this.memory}`,
    );
    lines.push('');
    lines.push('class  cases  endings                                              max s   max MB  with problems');
    const byClass = new Map<CaseClass, CaseRecord[]>();
    for (const r of this.records.values()) byClass.set(r.cls, [...(byClass.get(r.cls) ?? []), r]);
    for (const cls of [...byClass.keys()].sort((a, b) => a - b)) {
      const rs = byClass.get(cls)!;
      const endings = new Map<string, number>();
      for (const r of rs) endings.set(r.ending, (endings.get(r.ending) ?? 0) + 1);
      const text = [...endings].map(([e, n]) => `${e} ${n}`).join(', ');
      const maxS = Math.max(...rs.map((r) => r.seconds));
      const maxMb = Math.max(...rs.map((r) => r.mb));
      const stalls = rs.flatMap((r) => (r.stall === undefined ? [] : [r.stall]));
      const stall = stalls.length > 0 ? `  longest workspace.get ${Math.max(...stalls).toFixed(1)} s` : '';
      const bad = rs.filter((r) => r.problems.length > 0).length;
      lines.push(
        `${String(cls).padStart(5)}  ${String(rs.length).padStart(5)}  ${text.padEnd(52)} ${maxS.toFixed(1).padStart(6)}  ${maxMb.toFixed(0).padStart(7)}  ${bad}   (${CLASS_NAMES[cls]})${stall}`,
      );
    }
    lines.push('');
    for (const r of [...this.records.values()].sort((a, b) => a.cls - b.cls || a.id.localeCompare(b.id))) {
      const named = r.named ? ` naming ${r.named}` : '';
      lines.push(
        `${r.id.padEnd(7)} ${printable(`${r.ending}${named}`).slice(0, 90).padEnd(90)} ${r.seconds.toFixed(1).padStart(6)} s ${r.mb.toFixed(0).padStart(5)} MB${r.stall === undefined ? '' : ` ${r.stall.toFixed(1).padStart(4)} s get`}  ${printable(r.description).slice(0, 110)}`,
      );
      for (const p of r.problems) lines.push(`        PROBLEM: ${printable(p).slice(0, 400)}`);
    }
    return lines.join('\n');
  }

  write(cases: readonly HostileCase[]): void {
    const text = this.report(cases);
    process.stdout.write(`\n${text}\n`);
    const dir = join(REPO, 'test-results', 'hostile');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${this.suite.replace(/\W+/g, '-')}.txt`), `${text}\n`);
    writeFileSync(
      join(dir, `${this.suite.replace(/\W+/g, '-')}.json`),
      JSON.stringify([...this.records.values()], null, 1),
    );
  }
}
