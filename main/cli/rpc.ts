/**
 * `txlab rpc [--chain btc|ltc]`: bitcoin-cli lines on standard input, one JSON result per line on
 * standard output, against one headless workspace (a new one, or a scenario file's).
 */
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createHandlers } from '../host/handlers';
import { runRpcLine } from '../host/rpc';
import { stringifyRpc } from '../host/rpc/json';
import { MemoryWalletProvider } from '../host/walletProviders';
import { Workbench } from '../host/workbench';
import { out, usage } from './io';

export async function rpcCommand(args: string[]): Promise<number> {
  let values: { chain?: string; seed?: string; workspace?: string; style?: string };
  try {
    ({ values } = parseArgs({ args, options: { chain: { type: 'string' }, seed: { type: 'string' }, workspace: { type: 'string' }, style: { type: 'string' } }, strict: true }));
  } catch (e) {
    usage(`${e instanceof Error ? e.message : String(e)} — usage: txlab rpc [--chain btc|ltc] [--seed N] [--workspace FILE] [--style modern|v0.21]`);
  }
  const chain = values.chain ?? 'btc';
  if (chain !== 'btc' && chain !== 'ltc') usage(`--chain must be btc or ltc, not "${chain}"`);
  const style = values.style ?? 'modern';
  if (style !== 'modern' && style !== 'v0.21') usage('--style must be modern or v0.21');
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) usage(`--seed must be a whole number from 0 to 4294967295`);
  const bench = await Workbench.open({ wallets: new MemoryWalletProvider(), mode: 'headless', version: '0.1.0', seed });
  if (values.workspace) {
    let json: string;
    try {
      json = await readFile(values.workspace, 'utf8');
    } catch {
      usage(`cannot read ${values.workspace}`);
    }
    const imported = await createHandlers(bench)['workspace.import']({ json });
    if (!imported.ok) usage(`${values.workspace}: ${imported.error.message}`);
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const r = await runRpcLine(bench, chain, line, style);
    out(r.ok ? stringifyRpc(r.result ?? null) : stringifyRpc({ error: r.error }));
  }
  return 0;
}
