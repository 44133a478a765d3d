/** `txlab verify`: one transaction (optionally traced), or a batch file of them, through the engine. */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { fromHex, toHex } from '../../shared/bitcoin/bytes';
import { PrecomputedTx } from '../../shared/bitcoin/checker';
import { opcodeLongName } from '../../shared/bitcoin/opcodes';
import { TraceRecorder } from '../../shared/bitcoin/trace';
import {
  type InputVerdict,
  parseTransaction,
  txid,
  type Transaction,
  verifyInput,
  wtxid,
} from '../../shared/bitcoin/transaction';
import type { Prevout } from '../../shared/bitcoin/txTypes';
import { fail, ok, type Result } from '../../shared/contract/result';
import { flagsFromText, parseFlagsOption } from './flags';
import { joinOptionValues, MAX_INPUT_FILE_BYTES, out, readTextFile, usage } from './io';

const prevoutsSchema = z.array(
  z.object({
    scriptPubKey: z.string().regex(/^(?:[0-9a-fA-F]{2})*$/, 'scriptPubKey must be hex'),
    amount: z.union([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,16}$/)]),
  }),
);
const batchItemSchema = z.object({ tx: z.string(), prevouts: prevoutsSchema, flags: z.string().optional() });

function issueText(e: z.ZodError): string {
  const i = e.issues[0]!;
  return `${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${i.message}`;
}

function toPrevouts(raw: z.infer<typeof prevoutsSchema>): Prevout[] {
  return raw.map((p) => ({ scriptPubKey: fromHex(p.scriptPubKey.toLowerCase()), amount: BigInt(p.amount) }));
}

/** The transaction and its prevouts, or why they do not go together. */
function check(txHex: string, prevouts: Prevout[]): Result<{ tx: Transaction; prevouts: Prevout[] }, string> {
  const parsed = parseTransaction(txHex);
  if (!parsed.ok) return fail(parsed.error.message);
  if (prevouts.length !== parsed.value.ins.length)
    return fail(`prevouts has ${prevouts.length} entries but the transaction has ${parsed.value.ins.length} inputs`);
  return ok({ tx: parsed.value, prevouts });
}

function verifyAll(tx: Transaction, prevouts: Prevout[], flags: number): InputVerdict[] {
  const precomputed = new PrecomputedTx(tx);
  return tx.ins.map((_, i) => verifyInput(tx, i, prevouts[i]!, flags, { precomputed }));
}

function short(hex: string): string {
  return hex.length > 20 ? `${hex.slice(0, 8)}…${hex.slice(-8)}` : hex || '[]';
}

function printTrace(tx: Transaction, i: number, prevout: Prevout, flags: number): void {
  const recorder = new TraceRecorder();
  verifyInput(tx, i, prevout, flags, { trace: recorder });
  for (const phase of recorder.result().phases) {
    out(`  ${phase.role}:`);
    out(`    ${'pos'.padStart(4)}  ${'opcode'.padEnd(24)} stack after (top last)`);
    for (const s of phase.steps) {
      const name = s.opcode < 0 ? '?' : opcodeLongName(s.opcode);
      const stack = s.stack.map((x) => short(toHex(x))).join(' ');
      const mark = s.executed ? '' : ' (skipped)';
      out(
        `    ${String(s.offset).padStart(4)}  ${(name + mark).padEnd(24)} ${stack}${s.error ? `   ✗ ${s.error}` : ''}`,
      );
      for (const c of s.signatureChecks ?? []) {
        out(
          `          sighash type ${c.hashType ?? '-'}, digest ${c.digest ? toHex(c.digest) : '-'}: ${c.valid ? 'valid' : 'invalid'}`,
        );
      }
    }
  }
}

export async function verifyCommand(args: string[]): Promise<number> {
  let values: { tx?: string; prevouts?: string; flags?: string; trace?: boolean; batch?: string };
  try {
    ({ values } = parseArgs({
      args: joinOptionValues(args, ['tx', 'prevouts', 'flags', 'batch']),
      options: {
        tx: { type: 'string' },
        prevouts: { type: 'string' },
        flags: { type: 'string' },
        trace: { type: 'boolean' },
        batch: { type: 'string' },
      },
      strict: true,
    }));
  } catch (e) {
    usage(
      `${e instanceof Error ? e.message : String(e)} — usage: txlab verify --tx HEX --prevouts JSON [--flags F] [--trace] | --batch FILE`,
    );
  }
  if (values.batch) return verifyBatch(values.batch);
  if (!values.tx || !values.prevouts) usage('usage: txlab verify --tx HEX --prevouts JSON [--flags F] [--trace]');
  const flags = parseFlagsOption(values.flags);
  let raw: unknown;
  try {
    raw = JSON.parse(values.prevouts);
  } catch {
    usage('--prevouts is not JSON (expected [{"scriptPubKey": hex, "amount": satoshis}, …])');
  }
  const prevouts = prevoutsSchema.safeParse(raw);
  if (!prevouts.success) usage(`--prevouts${issueText(prevouts.error)}`);
  const checked = check(values.tx, toPrevouts(prevouts.data));
  if (!checked.ok) usage(checked.error);
  const { tx, prevouts: spent } = checked.value;
  const verdicts = verifyAll(tx, spent, flags);
  out(`txid  ${txid(tx)}`);
  out(`wtxid ${wtxid(tx)}`);
  verdicts.forEach((v, i) => {
    out(`input ${i}: ${v.ok ? 'valid' : `invalid — ${v.error.code}: ${v.error.message}`}`);
    if (values.trace) printTrace(tx, i, spent[i]!, flags);
  });
  const valid = verdicts.every((v) => v.ok);
  out(valid ? 'valid' : 'invalid');
  return valid ? 0 : 1;
}

async function verifyBatch(file: string): Promise<number> {
  const text = await readTextFile(file, MAX_INPUT_FILE_BYTES);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    usage(`${file} is not JSON`);
  }
  if (!Array.isArray(raw)) usage(`${file}: expected a JSON array of {tx, prevouts, flags}`);
  // Every item is answered: a malformed one gets its error in its place, the others their verdicts.
  const results = (raw as unknown[]).map((entry, n) => {
    const item = batchItemSchema.safeParse(entry);
    if (!item.success) return { error: `[${n}]${issueText(item.error)}` };
    const flags = flagsFromText(item.data.flags);
    if (!flags.ok) return { error: `[${n}].flags: ${flags.error}` };
    const checked = check(item.data.tx, toPrevouts(item.data.prevouts));
    if (!checked.ok) return { error: `[${n}]: ${checked.error}` };
    const { tx, prevouts } = checked.value;
    const verdicts = verifyAll(tx, prevouts, flags.value);
    const firstError = verdicts.find((v): v is Extract<InputVerdict, { ok: false }> => !v.ok);
    return {
      valid: !firstError,
      error: firstError ? firstError.error.code : null,
      txid: txid(tx),
      wtxid: wtxid(tx),
      inputs: verdicts.map((v) => ({ valid: v.ok, error: v.ok ? null : v.error.code })),
    };
  });
  out(JSON.stringify(results));
  return 0;
}
