/**
 * `txlab rpc [--chain btc|ltc]`: bitcoin-cli lines on standard input, one JSON result per line on
 * standard output, against one headless workspace (a new one, a scenario file's, or with
 * `--fresh` a bare regtest chain). A line is read only up to MAX_LINE_BYTES: a longer one is
 * answered with an error and skipped, never held in memory whole.
 */
import { parseArgs } from 'node:util';
import { type ChainId, PROFILES } from '../../shared/chain/profiles';
import { MAX_FILE_BYTES } from '../../shared/scenario/parse';
import { SCENARIO_FORMAT, SCENARIO_VERSION, type ScenarioFile } from '../../shared/scenario/schema';
import { nodePlatform } from '../host/backends';
import { createHandlers } from '../host/handlers';
import { runRpcLine } from '../host/rpc';
import { RPC } from '../host/rpc/errors';
import { stringifyRpc } from '../host/rpc/json';
import { MemoryWalletProvider } from '../host/walletProviders';
import { Workbench } from '../host/workbench';
import { joinOptionValues, out, readTextFile, usage } from './io';

/** Room for the largest standard transaction as hex (400,000 weight units) with the command around it. */
const MAX_LINE_BYTES = 2_000_000;

/** Lines of a byte stream, each cut at `max` bytes: an over-long line comes back as `{ tooLong: true }`. */
export async function* boundedLines(
  input: AsyncIterable<Uint8Array | string>,
  max: number,
): AsyncGenerator<{ line: string } | { tooLong: true }> {
  let parts: Buffer[] = [];
  let length = 0;
  let skipping = false;
  const decoder = new TextDecoder();
  for await (const chunk of input) {
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    while (bytes.length > 0) {
      const newline = bytes.indexOf(0x0a);
      const piece = newline < 0 ? bytes : bytes.subarray(0, newline);
      if (!skipping) {
        if (length + piece.length > max) {
          skipping = true;
          parts = [];
          length = 0;
        } else {
          parts.push(piece);
          length += piece.length;
        }
      }
      if (newline < 0) break;
      yield skipping ? { tooLong: true } : { line: decoder.decode(Buffer.concat(parts)) };
      parts = [];
      length = 0;
      skipping = false;
      bytes = bytes.subarray(newline + 1);
    }
  }
  if (skipping) yield { tooLong: true };
  else if (length > 0) yield { line: decoder.decode(Buffer.concat(parts)) };
}

/**
 * `--fresh`: one chain as a newly started `bitcoind -regtest` / `litecoind -regtest` has it —
 * the profile's genesis block at height 0, no wallets, an empty mempool. Its clock stands at the
 * genesis time + 1 s (the earliest a chain may start) until `setmocktime` moves it: the answers
 * replay exactly, where a real node starts at the wall clock.
 */
function freshRegtest(chain: ChainId, seed: number): ScenarioFile {
  return {
    format: SCENARIO_FORMAT,
    version: SCENARIO_VERSION,
    name: `fresh-${chain}`,
    title: { en: `Fresh ${chain} regtest`, zh: `全新 ${chain} regtest` },
    seed,
    wallets: [],
    handovers: [],
    chains: [{ id: chain, era: 'modern', startTime: PROFILES[chain].genesis.time + 1 }],
    history: [],
    graph: { nodes: [] },
  };
}

export async function rpcCommand(args: string[]): Promise<number> {
  let values: { chain?: string; seed?: string; workspace?: string; style?: string; fresh?: boolean };
  try {
    ({ values } = parseArgs({
      args: joinOptionValues(args, ['chain', 'seed', 'workspace', 'style']),
      options: {
        chain: { type: 'string' },
        seed: { type: 'string' },
        workspace: { type: 'string' },
        style: { type: 'string' },
        fresh: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (e) {
    usage(
      `${e instanceof Error ? e.message : String(e)} — usage: txlab rpc [--chain btc|ltc] [--seed N] [--workspace FILE | --fresh] [--style modern|v0.21]`,
    );
  }
  if (values.fresh && values.workspace) usage('--fresh and --workspace are two starting points: give one');
  const chain = values.chain ?? 'btc';
  if (chain !== 'btc' && chain !== 'ltc') usage(`--chain must be btc or ltc, not "${chain}"`);
  const style = values.style ?? 'modern';
  if (style !== 'modern' && style !== 'v0.21') usage('--style must be modern or v0.21');
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (values.seed !== undefined && !/^\d+$/.test(values.seed))
    usage(`--seed must be a whole number from 0 to 4294967295, not "${values.seed}"`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    usage(`--seed must be a whole number from 0 to 4294967295, not "${values.seed}"`);
  const bench = await Workbench.open({
    wallets: new MemoryWalletProvider(),
    mode: 'headless',
    version: '0.1.0',
    seed,
    backends: nodePlatform(),
  });
  if (values.fresh) {
    const imported = await createHandlers(bench)['workspace.import']({
      json: JSON.stringify(freshRegtest(chain, seed)),
    });
    if (!imported.ok) throw new Error(`could not start a fresh chain: ${imported.error.message}`);
  }
  if (values.workspace) {
    const json = await readTextFile(values.workspace, MAX_FILE_BYTES);
    const imported = await createHandlers(bench)['workspace.import']({ json });
    if (!imported.ok) usage(`${values.workspace}: ${imported.error.message}`);
  }
  for await (const read of boundedLines(process.stdin, MAX_LINE_BYTES)) {
    if ('tooLong' in read) {
      out(
        stringifyRpc({
          error: { code: RPC.INVALID_PARAMS, message: `line longer than ${MAX_LINE_BYTES} bytes; skipped` },
        }),
      );
      continue;
    }
    const line = read.line.trim();
    if (line === '' || line.startsWith('#')) continue;
    const r = await runRpcLine(bench, chain, line, style);
    // Core's error object only: the catalogue words are for the page.
    out(
      r.ok ? stringifyRpc(r.value ?? null) : stringifyRpc({ error: { code: r.error.code, message: r.error.message } }),
    );
  }
  return 0;
}
