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
import { CHAIN_IDS, type ChainId, PROFILES } from '../../shared/chain/profiles';
import { flagsFromText, parseFlagsOption } from './flags';
import { joinOptionValues, MAX_INPUT_FILE_BYTES, out, readTextFile, usage } from './io';
import { type ChainContext, chainReason } from './verifyContext';

/** A whole-number option within [0, max], or undefined when absent. */
function wholeOption(name: string, text: string | undefined, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > max) usage(`${name} must be a whole number from 0 to ${max}, not "${text}"`);
  return value;
}

function chainOption(text: string | undefined): ChainId | undefined {
  if (text === undefined) return undefined;
  if (!(CHAIN_IDS as readonly string[]).includes(text)) usage(`--chain must be btc or ltc, not "${text}"`);
  return text as ChainId;
}

const height = z.number().int().min(0).max(0x7fffffff);
const time = z.number().int().min(0).max(0xffffffff);
const prevoutsSchema = z.array(
  z.object({
    scriptPubKey: z.string().regex(/^(?:[0-9a-fA-F]{2})*$/, 'scriptPubKey must be hex'),
    amount: z.union([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,16}$/)]),
    /** Chain context (with --height): the coin's block height, whether it is a coinbase, the MTP before its block. */
    height: height.optional(),
    coinbase: z.boolean().optional(),
    mtp: time.optional(),
  }),
);
const batchItemSchema = z.object({
  tx: z.string(),
  prevouts: prevoutsSchema,
  flags: z.string().optional(),
  chain: z.enum(CHAIN_IDS).optional(),
  height: height.optional(),
  mtp: time.optional(),
});

const USAGE =
  'usage: txlab verify --tx HEX --prevouts JSON [--flags F] [--trace] [--height N --mtp T [--chain btc|ltc]] | --batch FILE';

const VERIFY_HELP = `${USAGE}

Verifies each input's scripts with the script flags F (standard, consensus, 2014, or Core's names
such as P2SH,WITNESS,DERSIG). --prevouts is a JSON array, one entry per input:
  {"scriptPubKey": hex, "amount": satoshis, "height": N, "coinbase": bool, "mtp": T}
(height, coinbase and mtp matter only with --height).

Chain context, as Bitcoin/Litecoin Core's mempool judges a transaction:
  --height N   the chain tip's height (getblockcount); the transaction is judged for block N+1
  --mtp T      the tip's median time past (getblockchaininfo "mediantime")
  --chain C    btc (default) or ltc: MAX_MONEY and coinbase maturity
With them verify also runs, in Core's order, and prints Core's reject reason on a "chain:" line:
  CheckTransaction  bad-txns-vin-empty, bad-txns-vout-empty, bad-txns-oversize,
                    bad-txns-vout-negative, bad-txns-vout-toolarge, bad-txns-txouttotal-toolarge,
                    bad-txns-inputs-duplicate, bad-cb-length, bad-txns-prevout-null; coinbase
  IsFinalTx         non-final (nLockTime against height N+1 and time T)
  BIP68             non-BIP68-final (a prevout without "height" is unconfirmed: in block N+1;
                    a time lock on a coin below the tip needs its "mtp")
  CheckTxInputs     bad-txns-premature-spend-of-coinbase (100 confirmations),
                    bad-txns-inputvalues-outofrange, bad-txns-in-belowout
Relay policy (standardness, fees) and the UTXO set are not checked: ask txlab rpc for those.

--batch FILE: a JSON array of {tx, prevouts, flags, height, mtp, chain} -> a JSON array of
{valid, error, txid, wtxid, inputs} (and "reason" when height is given); a malformed item's place
holds {error}.`;

function issueText(e: z.ZodError): string {
  const i = e.issues[0]!;
  return `${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${i.message}`;
}

function toPrevouts(raw: z.infer<typeof prevoutsSchema>): Prevout[] {
  return raw.map((p) => ({ scriptPubKey: fromHex(p.scriptPubKey.toLowerCase()), amount: BigInt(p.amount) }));
}

/** The chain context of --height/--mtp (both or neither), or why it is incomplete. */
function contextOf(
  heightValue: number | undefined,
  mtp: number | undefined,
  chain: ChainId | undefined,
  p: '--' | '',
): Result<ChainContext | undefined, string> {
  if (heightValue === undefined && mtp === undefined) {
    if (chain !== undefined)
      return fail(`${p}chain goes with ${p}height and ${p}mtp (it sets MAX_MONEY and coinbase maturity)`);
    return ok(undefined);
  }
  if (heightValue === undefined || mtp === undefined)
    return fail(`${p}height and ${p}mtp go together: the tip's height and its median time past`);
  return ok({ height: heightValue, mtp, profile: PROFILES[chain ?? 'btc'] });
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
  const precomputed = new PrecomputedTx(tx, prevouts);
  return tx.ins.map((_, i) => verifyInput(tx, i, prevouts[i]!, flags, { precomputed }));
}

function short(hex: string): string {
  return hex.length > 20 ? `${hex.slice(0, 8)}…${hex.slice(-8)}` : hex || '[]';
}

function printTrace(tx: Transaction, i: number, spent: readonly Prevout[], flags: number): void {
  const recorder = new TraceRecorder();
  verifyInput(tx, i, spent[i]!, flags, { trace: recorder, precomputed: new PrecomputedTx(tx, spent) });
  for (const phase of recorder.result().phases) {
    out(`  ${phase.role}:`);
    out(`    ${'pos'.padStart(4)}  ${'opcode'.padEnd(24)} stack after (top last)`);
    for (const s of phase.steps) {
      const name = s.opcode < 0 ? '?' : opcodeLongName(s.opcode);
      const stack = s.stack.map((x) => short(toHex(x))).join(' ');
      const mark = s.executed ? '' : ' (skipped)';
      // Tapscript: BIP342's validation weight budget left after the step.
      const budget = s.validationWeightLeft === undefined ? '' : `   budget ${s.validationWeightLeft}`;
      out(
        `    ${String(s.offset).padStart(4)}  ${(name + mark).padEnd(24)} ${stack}${budget}${s.error ? `   ✗ ${s.error}` : ''}`,
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
  let values: {
    tx?: string;
    prevouts?: string;
    flags?: string;
    trace?: boolean;
    batch?: string;
    height?: string;
    mtp?: string;
    chain?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: joinOptionValues(args, ['tx', 'prevouts', 'flags', 'batch', 'height', 'mtp', 'chain']),
      options: {
        tx: { type: 'string' },
        prevouts: { type: 'string' },
        flags: { type: 'string' },
        trace: { type: 'boolean' },
        batch: { type: 'string' },
        height: { type: 'string' },
        mtp: { type: 'string' },
        chain: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (e) {
    usage(`${e instanceof Error ? e.message : String(e)} — ${USAGE}`);
  }
  if (values.help) {
    out(VERIFY_HELP);
    return 0;
  }
  if (values.batch) {
    if (values.tx || values.prevouts || values.height || values.mtp || values.chain)
      usage('--batch takes its transactions, and their height, mtp and chain, from the file');
    return verifyBatch(values.batch);
  }
  if (!values.tx || !values.prevouts) usage(USAGE);
  const flags = parseFlagsOption(values.flags);
  const context = contextOf(
    wholeOption('--height', values.height, 0x7fffffff),
    wholeOption('--mtp', values.mtp, 0xffffffff),
    chainOption(values.chain),
    '--',
  );
  if (!context.ok) usage(context.error);
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
  const reason = context.value ? chainReason(tx, spent, prevouts.data, context.value) : ok(undefined);
  if (!reason.ok) usage(`--${reason.error}`);
  const verdicts = verifyAll(tx, spent, flags);
  out(`txid  ${txid(tx)}`);
  out(`wtxid ${wtxid(tx)}`);
  if (context.value) out(`chain: ${reason.value ? `invalid — ${reason.value}` : 'valid'}`);
  verdicts.forEach((v, i) => {
    out(`input ${i}: ${v.ok ? 'valid' : `invalid — ${v.error.code}: ${v.error.message}`}`);
    if (values.trace) printTrace(tx, i, spent, flags);
  });
  const valid = reason.value === undefined && verdicts.every((v) => v.ok);
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
  if (!Array.isArray(raw)) usage(`${file}: expected a JSON array of {tx, prevouts, flags, height, mtp, chain}`);
  // Every item is answered: a malformed one gets its error in its place, the others their verdicts.
  const results = (raw as unknown[]).map((entry, n) => {
    const item = batchItemSchema.safeParse(entry);
    if (!item.success) return { error: `[${n}]${issueText(item.error)}` };
    const flags = flagsFromText(item.data.flags);
    if (!flags.ok) return { error: `[${n}].flags: ${flags.error}` };
    const context = contextOf(item.data.height, item.data.mtp, item.data.chain, '');
    if (!context.ok) return { error: `[${n}]: ${context.error}` };
    const checked = check(item.data.tx, toPrevouts(item.data.prevouts));
    if (!checked.ok) return { error: `[${n}]: ${checked.error}` };
    const { tx, prevouts } = checked.value;
    const reason = context.value ? chainReason(tx, prevouts, item.data.prevouts, context.value) : ok(undefined);
    if (!reason.ok) return { error: `[${n}].${reason.error}` };
    const verdicts = verifyAll(tx, prevouts, flags.value);
    const firstError = verdicts.find((v): v is Extract<InputVerdict, { ok: false }> => !v.ok);
    return {
      valid: !firstError && reason.value === undefined,
      error: firstError ? firstError.error.code : null,
      ...(context.value ? { reason: reason.value ?? null } : {}),
      txid: txid(tx),
      wtxid: wtxid(tx),
      inputs: verdicts.map((v) => ({ valid: v.ok, error: v.ok ? null : v.error.code })),
    };
  });
  out(JSON.stringify(results));
  return 0;
}
