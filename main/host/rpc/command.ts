/**
 * bitcoin-cli command lines: `[-rpcwallet=NAME] [-named] method arg…`, with shell-style quoting,
 * and each argument converted to JSON only where Core's client does (its vRPCConvertParams
 * table, rpc/client.cpp), so a txid of digits stays a string. With `-named` the arguments are
 * `name=value` and the server puts them in place (CRPCTable's transformNamedArguments).
 * TxLab's own refusals have catalogue words; those bitcoin-cli prints keep Core's English.
 */
import { err, errText, fail, ok, type Result } from '../../../shared/contract/result';
export interface RpcCommand {
  readonly method: string;
  readonly params: readonly unknown[];
  readonly wallet?: string;
  /** `-named`: the arguments by name (params is then empty). */
  readonly named?: Readonly<Record<string, unknown>>;
}

/**
 * Each method's parameter names in order, as its RPCHelpMan declares them (Core 0.21); `a|b`
 * accepts either name.
 */
const PARAM_NAMES: Readonly<Record<string, readonly string[]>> = {
  getblockchaininfo: [],
  getblockcount: [],
  getbestblockhash: [],
  getmempoolinfo: [],
  getblockhash: ['height'],
  getblock: ['blockhash', 'verbosity|verbose'],
  getrawtransaction: ['txid', 'verbose', 'blockhash'],
  decoderawtransaction: ['hexstring', 'iswitness'],
  decodescript: ['hexstring'],
  validateaddress: ['address'],
  sendrawtransaction: ['hexstring', 'maxfeerate'],
  testmempoolaccept: ['rawtxs', 'maxfeerate'],
  getrawmempool: ['verbose', 'mempool_sequence'],
  getmempoolentry: ['txid'],
  gettxout: ['txid', 'n', 'include_mempool'],
  setmocktime: ['timestamp'],
  listunspent: ['minconf', 'maxconf', 'addresses', 'include_unsafe', 'query_options'],
  generatetoaddress: ['nblocks', 'address', 'maxtries'],
  getnewaddress: ['label', 'address_type'],
  getaddressinfo: ['address'],
  getbalance: ['dummy', 'minconf', 'include_watchonly', 'avoid_reuse'],
  sendtoaddress: [
    'address',
    'amount',
    'comment',
    'comment_to',
    'subtractfeefromamount',
    'replaceable',
    'conf_target',
    'estimate_mode',
    'avoid_reuse',
    'fee_rate',
    'verbose',
  ],
};

function positionOf(method: string, name: string): number {
  const names = Object.hasOwn(PARAM_NAMES, method) ? PARAM_NAMES[method]! : [];
  return names.findIndex((n) => n.split('|').includes(name));
}

/**
 * Named arguments in their places, a hole between two given ones filled with null (none after
 * the last), as Core's server does; a name the method does not have is Core's error message.
 */
export function namedToPositional(method: string, named: Readonly<Record<string, unknown>>): Result<unknown[], string> {
  const params: unknown[] = [];
  const left = new Set(Object.keys(named));
  const names = Object.hasOwn(PARAM_NAMES, method) ? PARAM_NAMES[method]! : [];
  let hole = 0;
  for (const pattern of names) {
    const name = pattern.split('|').find((n) => left.has(n));
    if (name === undefined) {
      hole += 1;
      continue;
    }
    for (; hole > 0; hole--) params.push(null);
    params.push(named[name]);
    left.delete(name);
  }
  const unknown = [...left][0];
  if (unknown !== undefined) return fail(`Unknown named parameter ${unknown}`);
  return ok(params);
}

/** Parameters that bitcoin-cli parses as JSON, by method and position. */
const JSON_PARAMS: Readonly<Record<string, readonly number[]>> = {
  getblock: [1],
  getblockhash: [0],
  getrawtransaction: [1],
  testmempoolaccept: [0, 1],
  sendrawtransaction: [1],
  getrawmempool: [0, 1],
  gettxout: [1, 2],
  setmocktime: [0],
  listunspent: [0, 1, 2, 3, 4],
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
  if (quote) return errText('BAD_REQUEST', 'host.rpc.unterminatedQuote', { quote });
  if (inToken) tokens.push(current);
  return ok(tokens);
}

export function parseCommand(line: string): Result<RpcCommand> {
  const t = tokenize(line.trim());
  if (!t.ok) return t;
  let wallet: string | undefined;
  let named = false;
  const rest = [...t.value];
  while (rest[0]?.startsWith('-')) {
    const option = rest.shift()!;
    if (option === '-named') {
      named = true;
      continue;
    }
    const m = /^-rpcwallet=(.+)$/.exec(option);
    if (!m) return errText('BAD_REQUEST', 'host.rpc.unknownOption', { option });
    wallet = m[1]!;
  }
  const method = rest.shift();
  if (!method) return errText('BAD_REQUEST', 'host.rpc.noMethod');
  const convert = Object.hasOwn(JSON_PARAMS, method) ? JSON_PARAMS[method]! : [];
  if (named) {
    // RPCConvertNamedValues (rpc/client.cpp): JSON where the table says so, by the name's position.
    // No prototype: a parameter named __proto__ is just an unknown name.
    const byName = Object.create(null) as Record<string, unknown>;
    for (const arg of rest) {
      const eq = arg.indexOf('=');
      if (eq < 0)
        return err(
          'BAD_REQUEST',
          `No '=' in named argument '${arg}', this needs to be present for every argument (even if it is empty)`,
        );
      const name = arg.slice(0, eq);
      const value = arg.slice(eq + 1);
      if (!convert.includes(positionOf(method, name))) {
        byName[name] = value;
        continue;
      }
      try {
        byName[name] = JSON.parse(value);
      } catch {
        return err('BAD_REQUEST', `Error parsing JSON: ${value}`);
      }
    }
    return ok({ method, params: [], named: byName, ...(wallet ? { wallet } : {}) });
  }
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
