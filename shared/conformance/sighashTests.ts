/** Bitcoin Core's sighash.json: legacy signature hashes of random transactions and scripts. */
import { fromHex, hashToHex, isHex } from '../bitcoin/bytes';
import { legacySighash } from '../bitcoin/sighash';
import { parseTransaction } from '../bitcoin/transaction';
import { ReportBuilder, type VectorReport } from './report';

export function runSighashTests(rows: readonly unknown[]): VectorReport {
  const report = new ReportBuilder('sighash');
  rows.forEach((row, index) => {
    if (!Array.isArray(row) || row.length === 1) {
      report.comments++;
      return;
    }
    const [rawTx, scriptHex, inputIndex, hashType, expected] = row as unknown[];
    if (
      typeof rawTx !== 'string' ||
      typeof scriptHex !== 'string' ||
      !isHex(scriptHex) ||
      typeof inputIndex !== 'number' ||
      typeof hashType !== 'number' ||
      typeof expected !== 'string'
    ) {
      return report.fail(
        index,
        'malformed row: expected [raw_transaction, script, input_index, hashType, signature_hash]',
      );
    }
    const parsed = parseTransaction(rawTx);
    if (!parsed.ok) return report.fail(index, parsed.error.message);
    // The file prints the digest as a uint256, i.e. byte-reversed.
    const got = hashToHex(legacySighash(parsed.value, inputIndex, fromHex(scriptHex), hashType).digest);
    if (got !== expected) return report.fail(index, `expected ${expected}, got ${got}`);
    report.pass();
  });
  return report.build();
}
