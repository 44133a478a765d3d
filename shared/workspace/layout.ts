/**
 * Where each field sits in a transaction's serialization, so the inspector can highlight the
 * bytes of the selected input, output or field in the raw hex.
 */
import type { Transaction } from '../bitcoin/transaction';

export interface ByteRange {
  /** Byte offsets into the serialization with witness: [start, end). */
  readonly start: number;
  readonly end: number;
  readonly field: string;
  readonly input?: number;
  readonly output?: number;
}

function varIntSize(n: number): number {
  return n < 0xfd ? 1 : n <= 0xffff ? 3 : n <= 0xffffffff ? 5 : 9;
}

export function fieldRanges(tx: Transaction): ByteRange[] {
  const ranges: ByteRange[] = [];
  let at = 0;
  const take = (length: number, field: string, extra: { input?: number; output?: number } = {}): void => {
    ranges.push({ start: at, end: at + length, field, ...extra });
    at += length;
  };
  const segwit = tx.hasWitnesses();
  take(4, 'version');
  if (segwit) take(2, 'marker+flag');
  take(varIntSize(tx.ins.length), 'input count');
  tx.ins.forEach((input, i) => {
    take(32, 'prevout txid', { input: i });
    take(4, 'prevout index', { input: i });
    take(varIntSize(input.script.length), 'scriptSig length', { input: i });
    take(input.script.length, 'scriptSig', { input: i });
    take(4, 'sequence', { input: i });
  });
  take(varIntSize(tx.outs.length), 'output count');
  tx.outs.forEach((output, o) => {
    take(8, 'value', { output: o });
    take(varIntSize(output.script.length), 'scriptPubKey length', { output: o });
    take(output.script.length, 'scriptPubKey', { output: o });
  });
  if (segwit) {
    tx.ins.forEach((input, i) => {
      const start = at;
      at += varIntSize(input.witness.length);
      for (const item of input.witness) at += varIntSize(item.length) + item.length;
      ranges.push({ start, end: at, field: 'witness', input: i });
    });
  }
  take(4, 'locktime');
  return ranges;
}
