/**
 * bitcoin-cli command lines: `[-rpcwallet=NAME] method arg…`, with shell-style quoting, and each
 * argument converted to JSON only where Core's client does (its vRPCConvertParams table), so a
 * txid of digits stays a string.
 */
import { err, ok, type Result } from '../../../shared/contract/result';
export interface RpcCommand {
  readonly method: string;
  readonly params: readonly unknown[];
  readonly wallet?: string;
}

/** Parameters that bitcoin-cli parses as JSON, by method and position. */
const JSON_PARAMS: Readonly<Record<string, readonly number[]>> = {
  getblock: [1],
  getblockhash: [0],
  getrawtransaction: [1],
  testmempoolaccept: [0, 1],
  sendrawtransaction: [1],
  getrawmempool: [0, 1],
  generatetoaddress: [0, 2],
  sendtoaddress: [1, 4, 5, 6],
  getbalance: [1, 2, 3],
  decoderawtransaction: [1],
};

function tokenize(line: string): Result<string[]> {
  const tokens: string[] = [];
  let current = '';
  let quote: '"' | "'" | undefined;
  let inToken = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) current += line[++i];
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inToken = true;
    } else if (/\s/.test(c)) {
      if (inToken) tokens.push(current);
      current = '';
      inToken = false;
    } else {
      current += c;
      inToken = true;
    }
  }
  if (quote) return err('BAD_REQUEST', `unterminated ${quote} quote`);
  if (inToken) tokens.push(current);
  return ok(tokens);
}

export function parseCommand(line: string): Result<RpcCommand> {
  const t = tokenize(line.trim());
  if (!t.ok) return t;
  let wallet: string | undefined;
  const rest = [...t.value];
  while (rest[0]?.startsWith('-')) {
    const option = rest.shift()!;
    const m = /^-rpcwallet=(.+)$/.exec(option);
    if (!m) return err('BAD_REQUEST', `unknown option ${option} (only -rpcwallet=NAME is supported)`);
    wallet = m[1]!;
  }
  const method = rest.shift();
  if (!method) return err('BAD_REQUEST', 'no method given');
  const convert = Object.hasOwn(JSON_PARAMS, method) ? JSON_PARAMS[method]! : [];
  const params: unknown[] = [];
  for (const [i, arg] of rest.entries()) {
    if (!convert.includes(i)) {
      params.push(arg);
      continue;
    }
    try {
      params.push(JSON.parse(arg));
    } catch {
      return err('BAD_REQUEST', `Error parsing JSON: ${arg}`);
    }
  }
  return ok({ method, params, ...(wallet ? { wallet } : {}) });
}
