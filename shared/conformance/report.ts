/** What a vector run reports: counts, and each failing or not-applicable row with its reason. */

export type VectorKind = 'script_tests' | 'tx_valid' | 'tx_invalid' | 'sighash' | 'script_assets';

export interface RowNote {
  /** Index of the row in the JSON array (comments included), so it can be found in the file. */
  readonly row: number;
  readonly reason: string;
}

export interface VectorReport {
  readonly kind: VectorKind;
  readonly passed: number;
  readonly failed: readonly RowNote[];
  /** Rows TxLab cannot judge, counted and listed, never dropped (none in Core's files today). */
  readonly skipped: readonly RowNote[];
  readonly comments: number;
}

export class ReportBuilder {
  passed = 0;
  comments = 0;
  readonly failed: RowNote[] = [];
  readonly skipped: RowNote[] = [];

  constructor(private readonly kind: VectorKind) {}

  pass(): void {
    this.passed++;
  }

  fail(row: number, reason: string): void {
    this.failed.push({ row, reason });
  }

  skip(row: number, reason: string): void {
    this.skipped.push({ row, reason });
  }

  build(): VectorReport {
    return {
      kind: this.kind,
      passed: this.passed,
      failed: this.failed,
      skipped: this.skipped,
      comments: this.comments,
    };
  }
}

export function summaryLine(report: VectorReport): string {
  return `${report.passed} passed, ${report.failed.length} failed, ${report.skipped.length} skipped`;
}
