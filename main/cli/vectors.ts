/** `txlab vectors FILE`: runs a Bitcoin Core vector file of any of the five kinds. */
import { detectVectorKind, runVectors, summaryLine } from '../../shared/conformance';
import { MAX_INPUT_FILE_BYTES, out, readTextFile, usage } from './io';

export async function vectorsCommand(args: string[]): Promise<number> {
  const file = args[0];
  if (!file || args.length > 1) usage('usage: txlab vectors FILE');
  const text = await readTextFile(file, MAX_INPUT_FILE_BYTES);
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch {
    usage(`${file} is not JSON`);
  }
  const kind = detectVectorKind(rows);
  if (!kind || !Array.isArray(rows))
    usage(`${file} is not a script_tests, tx_valid, tx_invalid, sighash or script_assets vector file`);
  const report = runVectors(rows, kind);
  out(`${file}: ${kind}`);
  for (const f of report.failed) out(`FAIL row ${f.row}: ${f.reason}  ${JSON.stringify(rows[f.row]).slice(0, 160)}`);
  for (const s of report.skipped) out(`skip row ${s.row}: ${s.reason}`);
  out(summaryLine(report));
  return report.failed.length > 0 ? 1 : 0;
}
