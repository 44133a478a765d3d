/**
 * bitcoin-cli command lines: `[-rpcwallet=NAME] method arg…`, with shell-style quoting, and each
 * argument converted to JSON only where Core's client does (its vRPCConvertParams table), so a
 * txid of digits stays a string.
 */
export interface RpcCommand {
  readonly method: string;
  readonly params: readonly unknown[];
  readonly wallet?: string;
}

export type ParseCommandResult = { ok: true; command: RpcCommand } | { ok: false; message: string };

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

function tokenize(line: string): { ok: true; tokens: string[] } | { ok: false; message: string } {
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
  if (quote) return { ok: false, message: `unterminated ${quote} quote` };
  if (inToken) tokens.push(current);
  return { ok: true, tokens };
}

export function parseCommand(line: string): ParseCommandResult {
  const t = tokenize(line.trim());
  if (!t.ok) return t;
  let wallet: string | undefined;
  const rest = [...t.tokens];
  while (rest[0]?.startsWith('-')) {
    const option = rest.shift()!;
    const m = /^-rpcwallet=(.+)$/.exec(option);
    if (!m) return { ok: false, message: `unknown option ${option} (only -rpcwallet=NAME is supported)` };
    wallet = m[1]!;
  }
  const method = rest.shift();
  if (!method) return { ok: false, message: 'no method given' };
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
      return { ok: false, message: `Error parsing JSON: ${arg}` };
    }
  }
  return { ok: true, command: { method, params, ...(wallet ? { wallet } : {}) } };
}
