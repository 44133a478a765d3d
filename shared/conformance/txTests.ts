/**
 * Bitcoin Core's tx_valid.json / tx_invalid.json, run as transaction_tests.cpp does. In tx_valid
 * the flags column lists flags to exclude; in tx_invalid, flags to include (or BADTX). Both
 * files also check that the listed flags are minimal and that other flags do not change the verdict.
 */
import { parseScriptNotation } from '../bitcoin/asm';
import { hashToHex, isHex } from '../bitcoin/bytes';
import { PrecomputedTx } from '../bitcoin/checker';
import { ALL_FLAGS, F, fillFlags, parseFlagNames, SCRIPT_FLAG_NAMES, trimFlags } from '../bitcoin/flags';
import { checkTransaction, parseTransaction, type Transaction, verifyInput } from '../bitcoin/transaction';
import type { Prevout } from '../bitcoin/txTypes';
import { SeededRng } from '../rng';
import { ReportBuilder, type VectorReport } from './report';

interface TxCase {
  readonly tx: Transaction;
  readonly prevouts: readonly Prevout[];
  readonly flagText: string;
}

type ParsedTxRow = { kind: 'comment' } | { kind: 'case'; testCase: TxCase } | { kind: 'bad'; reason: string };

function parseTxRow(row: unknown): ParsedTxRow {
  if (!Array.isArray(row) || !Array.isArray(row[0])) return { kind: 'comment' };
  if (row.length !== 3 || typeof row[1] !== 'string' || typeof row[2] !== 'string') {
    return { kind: 'bad', reason: 'expected [[inputs…], serializedTransaction, flags]' };
  }
  const byOutpoint = new Map<string, Prevout>();
  for (const input of row[0] as unknown[]) {
    if (!Array.isArray(input) || input.length < 3 || input.length > 4)
      return { kind: 'bad', reason: 'bad prevout entry' };
    const [txidHex, index, scriptText, amount] = input as [unknown, unknown, unknown, unknown];
    if (typeof txidHex !== 'string' || !isHex(txidHex) || txidHex.length !== 64)
      return { kind: 'bad', reason: 'bad prevout txid' };
    if (typeof index !== 'number' || typeof scriptText !== 'string')
      return { kind: 'bad', reason: 'bad prevout index or script' };
    const script = parseScriptNotation(scriptText);
    if (!script.ok)
      return { kind: 'bad', reason: `prevout script: ${script.error.message} at "${script.error.token}"` };
    byOutpoint.set(`${txidHex}:${index >>> 0}`, {
      scriptPubKey: script.value,
      amount: typeof amount === 'number' ? BigInt(amount) : 0n,
    });
  }
  const parsed = parseTransaction(row[1]);
  if (!parsed.ok) return { kind: 'bad', reason: parsed.error.message };
  const prevouts: Prevout[] = [];
  for (const input of parsed.value.ins) {
    const key = `${hashToHex(input.hash)}:${input.index}`;
    const prevout = byOutpoint.get(key);
    if (!prevout) return { kind: 'bad', reason: `no prevout given for input ${key}` };
    prevouts.push(prevout);
  }
  return { kind: 'case', testCase: { tx: parsed.value, prevouts, flagText: row[2] } };
}

/** Every input valid under `flags`? */
function scriptsValid(c: TxCase, flags: number): { valid: boolean; error: string } {
  const precomputed = new PrecomputedTx(c.tx, c.prevouts);
  for (let i = 0; i < c.tx.ins.length; i++) {
    const verdict = verifyInput(c.tx, i, c.prevouts[i]!, flags, { precomputed });
    if (!verdict.ok) return { valid: false, error: `input ${i}: ${verdict.error.code}` };
  }
  return { valid: true, error: 'OK' };
}

/** Core's ExcludeIndividualFlags: the set minus each one flag, trimmed to a valid combination. */
function excludeIndividualFlags(flags: number): number[] {
  const combos = new Set<number>();
  for (const name of SCRIPT_FLAG_NAMES) {
    const without = trimFlags(flags & ~F[name]);
    if (without !== flags) combos.add(without);
  }
  return [...combos];
}

function randomFlags(rng: SeededRng): number {
  let flags = 0;
  for (const name of SCRIPT_FLAG_NAMES) if (rng.nextU32() & 1) flags |= F[name];
  return flags;
}

export function runTxTests(
  rows: readonly unknown[],
  expectValid: boolean,
  options: { seed?: number } = {},
): VectorReport {
  const report = new ReportBuilder(expectValid ? 'tx_valid' : 'tx_invalid');
  const rng = new SeededRng(options.seed ?? 1);
  const invert = (flags: number): number => ALL_FLAGS & ~flags;
  rows.forEach((row, index) => {
    const parsed = parseTxRow(row);
    if (parsed.kind === 'comment') {
      report.comments++;
      return;
    }
    if (parsed.kind === 'bad') return report.fail(index, `malformed row: ${parsed.reason}`);
    const c = parsed.testCase;
    const checkError = checkTransaction(c.tx);
    if (c.flagText === 'BADTX') {
      if (expectValid) return report.fail(index, 'BADTX is not allowed in tx_valid');
      return checkError ? report.pass() : report.fail(index, 'expected CheckTransaction to fail, but it passed');
    }
    if (checkError) return report.fail(index, `CheckTransaction failed: ${checkError}`);
    const parsedFlags = parseFlagNames(c.flagText);
    if (!parsedFlags.ok) return report.fail(index, `unknown flag ${parsedFlags.error.detail}`);
    const listed = parsedFlags.value;

    if (expectValid) {
      if (fillFlags(invert(listed)) !== invert(listed)) return report.fail(index, 'bad test flags');
      const main = scriptsValid(c, invert(listed));
      if (!main.valid) {
        return report.fail(index, `expected valid, got ${main.error}`);
      }
      for (const name of SCRIPT_FLAG_NAMES) {
        for (const flags of [trimFlags(invert(listed | F[name])), trimFlags(invert(listed | randomFlags(rng)))]) {
          const r = scriptsValid(c, flags);
          if (!r.valid)
            return report.fail(index, `removing flags made it invalid (0x${flags.toString(16)}: ${r.error})`);
        }
      }
      for (const fewer of excludeIndividualFlags(listed)) {
        if (scriptsValid(c, invert(fewer)).valid) {
          return report.fail(
            index,
            `exclusion list not minimal: still valid with flags 0x${invert(fewer).toString(16)}`,
          );
        }
      }
    } else {
      if (fillFlags(listed) !== listed) return report.fail(index, 'bad test flags');
      if (scriptsValid(c, listed).valid) return report.fail(index, 'expected invalid, got valid');
      for (const name of SCRIPT_FLAG_NAMES) {
        for (const flags of [fillFlags(listed | F[name]), fillFlags(listed | randomFlags(rng))]) {
          if (scriptsValid(c, flags).valid)
            return report.fail(index, `adding flags made it valid (0x${flags.toString(16)})`);
        }
      }
      for (const fewer of excludeIndividualFlags(listed)) {
        const r = scriptsValid(c, fewer);
        if (!r.valid)
          return report.fail(index, `flag list not minimal: still invalid with 0x${fewer.toString(16)} (${r.error})`);
      }
    }
    report.pass();
  });
  return report.build();
}
