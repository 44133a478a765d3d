/**
 * Bitcoin Core's script_tests.json, run as Core's script_json_test does: a crediting and a
 * spending transaction built byte for byte as the harness builds them, input 0 verified with the
 * row's flags, the error compared by name; then a monotonicity check with random extra flags.
 * Tapscript rows write their witness with placeholders, expanded as the harness does.
 */
import { parseScriptNotation } from '../bitcoin/asm';
import { type Bytes, fromHex, isHex, toHex } from '../bitcoin/bytes';
import { F, fillFlags, parseFlagNames, SCRIPT_FLAG_NAMES } from '../bitcoin/flags';
import { isScriptErrorCode } from '../bitcoin/errors';
import { TAPROOT_LEAF_TAPSCRIPT, taprootOutput } from '../bitcoin/taproot';
import { Transaction, verifyInput } from '../bitcoin/transaction';
import { SeededRng } from '../rng';
import { ReportBuilder, type VectorReport } from './report';

const SCRIPT_MARKER = '#SCRIPT#';
const CONTROL_BLOCK_MARKER = '#CONTROLBLOCK#';
const TAPROOT_OUTPUT_MARKER = '#TAPROOTOUTPUT#';
/**
 * The harness's internal key: the x-only public key of its key0, the secret key 1 (the generator's
 * x). The rows never spend the key path, so only the tree's commitment depends on it.
 */
const HARNESS_INTERNAL_KEY = fromHex('79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798');

export interface ScriptTestCase {
  readonly witness: readonly Bytes[];
  readonly amount: bigint;
  readonly scriptSig: Bytes;
  readonly scriptPubKey: Bytes;
  readonly flags: number;
  readonly expected: string;
}

/** The two transactions of Core's harness (BuildCreditingTransaction / BuildSpendingTransaction). */
function buildTestTransactions(c: Pick<ScriptTestCase, 'witness' | 'amount' | 'scriptSig' | 'scriptPubKey'>): {
  credit: Transaction;
  spend: Transaction;
} {
  const credit = new Transaction();
  credit.version = 1;
  credit.locktime = 0;
  credit.addInput(new Uint8Array(32), 0xffffffff, 0xffffffff, Uint8Array.of(0, 0));
  credit.addOutput(c.scriptPubKey, c.amount);
  const spend = new Transaction();
  spend.version = 1;
  spend.locktime = 0;
  spend.addInput(credit.getHash(), 0, 0xffffffff, c.scriptSig);
  spend.setWitness(0, [...c.witness]);
  spend.addOutput(new Uint8Array(0), c.amount);
  return { credit, spend };
}

/** Runs one case; returns the error name ('OK' on success). */
function runScriptTestCase(c: ScriptTestCase, flags = c.flags): string {
  const { spend } = buildTestTransactions(c);
  const verdict = verifyInput(spend, 0, { scriptPubKey: c.scriptPubKey, amount: c.amount }, flags);
  return verdict.ok ? 'OK' : verdict.error.code;
}

type ParsedRow = { kind: 'comment' } | { kind: 'case'; testCase: ScriptTestCase } | { kind: 'bad'; reason: string };

/**
 * One witness item: hex; `#SCRIPT# <script>` in the vectors' script notation; or `#CONTROLBLOCK#`,
 * the control block spending the item before it as the only leaf (version 0xc0) of a tree under
 * the harness's internal key. Returns the output key that tree makes, for `#TAPROOTOUTPUT#`.
 */
function parseWitnessItem(item: unknown, witness: Bytes[]): { outputKey?: Bytes } | string {
  if (typeof item !== 'string') return `witness item is not a string: ${String(item)}`;
  if (item.startsWith(SCRIPT_MARKER)) {
    const script = parseScriptNotation(item.slice(SCRIPT_MARKER.length));
    if (!script.ok) return `witness script: ${script.error.message} at "${script.error.token}"`;
    witness.push(script.value);
    return {};
  }
  if (item === CONTROL_BLOCK_MARKER) {
    const leafScript = witness[witness.length - 1];
    if (!leafScript) return `${CONTROL_BLOCK_MARKER} with no script before it`;
    const output = taprootOutput(HARNESS_INTERNAL_KEY, { script: leafScript, leafVersion: TAPROOT_LEAF_TAPSCRIPT });
    witness.push(output!.leaves[0]!.controlBlock);
    return { outputKey: output!.outputKey };
  }
  if (!isHex(item)) return `witness item is not hex: ${item}`;
  witness.push(fromHex(item));
  return {};
}

function parseRow(row: unknown): ParsedRow {
  if (!Array.isArray(row)) return { kind: 'bad', reason: 'row is not an array' };
  if (row.length === 1 && typeof row[0] === 'string') return { kind: 'comment' };
  const witness: Bytes[] = [];
  let amount = 0n;
  let outputKey: Bytes | undefined;
  let rest = row;
  if (Array.isArray(row[0])) {
    const items = row[0] as unknown[];
    const last = items[items.length - 1];
    if (typeof last !== 'number') return { kind: 'bad', reason: 'witness array must end with an amount' };
    amount = BigInt(Math.round(last * 1e8));
    for (const item of items.slice(0, -1)) {
      const parsed = parseWitnessItem(item, witness);
      if (typeof parsed === 'string') return { kind: 'bad', reason: parsed };
      outputKey = parsed.outputKey ?? outputKey;
    }
    rest = row.slice(1);
  }
  if (rest.length < 4 || !rest.slice(0, 4).every((x) => typeof x === 'string')) {
    return { kind: 'bad', reason: 'expected [scriptSig, scriptPubKey, flags, expected_error, ...]' };
  }
  const [sigText, pubKeyTemplate, flagText, expected] = rest as string[];
  const scriptSig = parseScriptNotation(sigText!);
  if (!scriptSig.ok)
    return { kind: 'bad', reason: `scriptSig: ${scriptSig.error.message} at "${scriptSig.error.token}"` };
  let pubKeyText = pubKeyTemplate!;
  if (pubKeyText.includes(TAPROOT_OUTPUT_MARKER)) {
    if (!outputKey) return { kind: 'bad', reason: `${TAPROOT_OUTPUT_MARKER} with no ${CONTROL_BLOCK_MARKER}` };
    pubKeyText = pubKeyText.replace(TAPROOT_OUTPUT_MARKER, `0x${toHex(outputKey)}`);
  }
  const scriptPubKey = parseScriptNotation(pubKeyText);
  if (!scriptPubKey.ok)
    return { kind: 'bad', reason: `scriptPubKey: ${scriptPubKey.error.message} at "${scriptPubKey.error.token}"` };
  const flags = parseFlagNames(flagText!);
  if (!flags.ok) return { kind: 'bad', reason: `unknown flag ${flags.error.detail}` };
  let f = flags.value;
  if (f & F.CLEANSTACK) f |= F.P2SH | F.WITNESS; // as the harness does
  if (expected !== 'OK' && !isScriptErrorCode(expected!))
    return { kind: 'bad', reason: `unknown error name ${expected}` };
  return {
    kind: 'case',
    testCase: {
      witness,
      amount,
      scriptSig: scriptSig.value,
      scriptPubKey: scriptPubKey.value,
      flags: f,
      expected: expected,
    },
  };
}

const ALL_TEST_FLAGS = SCRIPT_FLAG_NAMES.map((n) => F[n]);

function isValidCombination(flags: number): boolean {
  return fillFlags(flags) === flags;
}

/**
 * `interpreterFlags`: the chain's own interpreter bits beside each row's flags, to run another
 * node's vectors (ERRORS_AS_CORE_0_21 for Litecoin Core 0.21's file).
 */
export function runScriptTests(
  rows: readonly unknown[],
  options: { monotonicityRounds?: number; seed?: number; interpreterFlags?: number } = {},
): VectorReport {
  const report = new ReportBuilder('script_tests');
  const rng = new SeededRng(options.seed ?? 1);
  const rounds = options.monotonicityRounds ?? 16;
  rows.forEach((row, index) => {
    const parsed = parseRow(row);
    if (parsed.kind === 'comment') {
      report.comments++;
      return;
    }
    if (parsed.kind === 'bad') return report.fail(index, `malformed row: ${parsed.reason}`);
    const c = { ...parsed.testCase, flags: parsed.testCase.flags | (options.interpreterFlags ?? 0) };
    const got = runScriptTestCase(c);
    if (got !== c.expected) return report.fail(index, `expected ${c.expected}, got ${got}`);
    // Removing flags from a passing script, or adding them to a failing one, must not change the outcome.
    for (let r = 0; r < rounds; r++) {
      let extra = 0;
      for (const f of ALL_TEST_FLAGS) if (rng.nextU32() & 1) extra |= f;
      const flags = c.expected === 'OK' ? c.flags & ~extra : c.flags | extra;
      if (!isValidCombination(flags)) continue;
      const outcome = runScriptTestCase(c, flags);
      if ((outcome === 'OK') !== (c.expected === 'OK')) {
        return report.fail(index, `monotonicity: with flags 0x${flags.toString(16)} the result became ${outcome}`);
      }
    }
    report.pass();
  });
  return report.build();
}
