/** Runs a Bitcoin Core vector file of any of the five kinds, detected from its content. */
import { type VectorKind, type VectorReport } from './report';
import { runScriptAssets } from './scriptAssets';
import { runScriptTests } from './scriptTests';
import { runSighashTests } from './sighashTests';
import { runTxTests } from './txTests';

export type { VectorKind, VectorReport } from './report';
export { summaryLine } from './report';

/** Detects the kind from the rows themselves (the header comments, then the row shapes). */
export function detectVectorKind(rows: unknown): VectorKind | undefined {
  if (!Array.isArray(rows) || rows.length === 0) return undefined;
  // script_assets_test.json: objects, each a transaction with its spent outputs.
  if (rows.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r) && 'tx' in r && 'prevouts' in r))
    return 'script_assets';
  const comments = rows
    .filter((r): r is [string] => Array.isArray(r) && r.length === 1 && typeof r[0] === 'string')
    .map((r) => r[0]);
  const header = comments.join(' ');
  if (/transactions which are invalid/.test(header)) return 'tx_invalid';
  if (/transactions which are valid/.test(header)) return 'tx_valid';
  if (/signature_hash/.test(header)) return 'sighash';
  const first = rows.find((r) => Array.isArray(r) && r.length > 1) as unknown[] | undefined;
  if (!first) return undefined;
  if (first.length === 5 && typeof first[0] === 'string' && typeof first[2] === 'number') return 'sighash';
  if (Array.isArray(first[0]) && first.length === 3 && typeof first[1] === 'string') {
    return rows.some((r) => Array.isArray(r) && r[2] === 'BADTX') ? 'tx_invalid' : undefined;
  }
  if (first.length >= 4) return 'script_tests';
  return undefined;
}

export function runVectors(rows: readonly unknown[], kind: VectorKind): VectorReport {
  switch (kind) {
    case 'script_tests':
      return runScriptTests(rows);
    case 'tx_valid':
      return runTxTests(rows, true);
    case 'tx_invalid':
      return runTxTests(rows, false);
    case 'sighash':
      return runSighashTests(rows);
    case 'script_assets':
      return runScriptAssets(rows);
  }
}
