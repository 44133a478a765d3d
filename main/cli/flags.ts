/** Options shared by the commands: `--flags F` (script flags) and `--backend SPEC` (real nodes). */
import {
  F,
  FLAGS_2014,
  fillFlags,
  parseFlagNames,
  TAPROOT_CONSENSUS_FLAGS,
  TAPROOT_STANDARD_FLAGS,
} from '../../shared/bitcoin/flags';
import { CHAIN_IDS, type ChainId } from '../../shared/chain/profiles';
import { englishText, fail, ok, type Result } from '../../shared/contract/result';
import type { ChainConfig } from '../../shared/scenario/chainActions';
import { isLoopbackHost } from '../backends/rpcClient';
import { type RpcAuth, realNodeObstacle } from '../host/backendChoice';
import { usage } from './io';

/**
 * The modern chains' flags (Taproot's included, as Core 0.21's STANDARD_SCRIPT_VERIFY_FLAGS).
 * Core enforces push-only scriptSigs through IsStandardTx; the engine does it with SIGPUSHONLY.
 */
const STANDARD_WITH_PUSHONLY = TAPROOT_STANDARD_FLAGS | F.SIGPUSHONLY;

/** Script flags as the command line names them: standard, consensus, 2014, or a comma list of Core's names. */
export function flagsFromText(text: string | undefined): Result<number, string> {
  const value = (text ?? 'standard').trim();
  if (value === 'standard') return ok(STANDARD_WITH_PUSHONLY);
  if (value === 'consensus') return ok(TAPROOT_CONSENSUS_FLAGS);
  if (value === '2014') return ok(FLAGS_2014);
  const parsed = parseFlagNames(value);
  if (!parsed.ok)
    return fail(
      `unknown flag "${parsed.error.detail}" (use standard, consensus, 2014, or Core's names such as P2SH,WITNESS,DERSIG)`,
    );
  if (fillFlags(parsed.value) !== parsed.value)
    return fail(`flags "${value}" are not a valid combination: WITNESS needs P2SH and CLEANSTACK needs WITNESS`);
  return parsed;
}

/** `--flags F`; a bad value ends the command with a usage line. */
export function parseFlagsOption(text: string | undefined): number {
  const flags = flagsFromText(text);
  if (!flags.ok) usage(flags.error);
  return flags.value;
}

/**
 * `--backend SPEC` of `txlab run`: where each chain plays. SPEC is one value for every chain of
 * the scenario, or a per-chain list `btc=VALUE,ltc=VALUE` (chains not named stay simulated).
 * A VALUE is `simulated`, `local` (a daemon TxLab starts: the chain's own coin's if installed,
 * else the other), `local-litecoind`, `local-bitcoind`, or an `http://127.0.0.1:PORT` RPC URL,
 * which needs `--rpc-cookie FILE` or `--rpc-user U --rpc-password P`.
 */
/**
 * A backend as the command line names it. A local daemon is found later (on PATH, or the
 * program of `--daemon PATH`); a cookie file given with `--rpc-cookie` is the person's own choice,
 * read before each call as bitcoin-cli does.
 */
export type CliBackend =
  | { readonly kind: 'simulated' }
  | { readonly kind: 'local'; readonly daemon?: 'bitcoind' | 'litecoind' }
  | { readonly kind: 'rpc'; readonly url: string; readonly auth: RpcAuth };
export type CliBackendChoice = Partial<Record<ChainId, CliBackend>>;

export interface BackendOption {
  /** The one value for every chain, or undefined with a per-chain list. */
  readonly every?: CliBackend;
  readonly chains: CliBackendChoice;
}

export interface RpcAuthOptions {
  readonly cookie?: string | undefined;
  readonly user?: string | undefined;
  readonly password?: string | undefined;
}

const BACKEND_VALUES = 'simulated, local, local-litecoind, local-bitcoind or an http://127.0.0.1:PORT URL';
const BACKEND_EXAMPLE = 'e.g. --backend local-litecoind or --backend btc=local-litecoind,ltc=local-litecoind';

export function parseBackendOption(text: string | undefined, auth: RpcAuthOptions): BackendOption | undefined {
  const authGiven = auth.cookie !== undefined || auth.user !== undefined || auth.password !== undefined;
  if (text === undefined) {
    if (authGiven) usage('--rpc-cookie, --rpc-user and --rpc-password go with --backend http://127.0.0.1:PORT');
    return undefined;
  }
  const value = text.trim();
  if (value === '') usage(`--backend needs a value: ${BACKEND_VALUES} (${BACKEND_EXAMPLE})`);
  let option: BackendOption;
  if (value.includes('=')) {
    const chains: Partial<Record<ChainId, CliBackend>> = {};
    for (const part of value.split(',')) {
      const eq = part.indexOf('=');
      const chain = (eq < 0 ? part : part.slice(0, eq)).trim();
      if (eq < 0) usage(`--backend: "${part}" is not CHAIN=VALUE (${BACKEND_EXAMPLE})`);
      if (!(CHAIN_IDS as readonly string[]).includes(chain))
        usage(`--backend: unknown chain "${chain}" (chains: ${CHAIN_IDS.join(', ')})`);
      if (Object.hasOwn(chains, chain)) usage(`--backend names the ${chain} chain twice`);
      chains[chain as ChainId] = backendValue(part.slice(eq + 1).trim(), auth);
    }
    option = { chains };
  } else {
    option = { every: backendValue(value, auth), chains: {} };
  }
  const specs = option.every ? [option.every] : Object.values(option.chains);
  if (authGiven && !specs.some((s) => s.kind === 'rpc'))
    usage('--rpc-cookie, --rpc-user and --rpc-password go with an http://127.0.0.1:PORT backend');
  return option;
}

function backendValue(value: string, auth: RpcAuthOptions): CliBackend {
  switch (value) {
    case 'simulated':
      return { kind: 'simulated' };
    case 'local':
      return { kind: 'local' };
    case 'local-litecoind':
      return { kind: 'local', daemon: 'litecoind' };
    case 'local-bitcoind':
      return { kind: 'local', daemon: 'bitcoind' };
  }
  if (!value.includes('://')) usage(`--backend: "${value}" is not ${BACKEND_VALUES} (${BACKEND_EXAMPLE})`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    usage(`--backend: "${value}" is not a URL (expected e.g. http://127.0.0.1:18443)`);
  }
  if (url.protocol !== 'http:') usage(`--backend: the node's RPC speaks plain http, not ${url.protocol} ("${value}")`);
  if (url.username || url.password)
    usage('--backend: put RPC credentials in --rpc-user/--rpc-password or --rpc-cookie, not in the URL');
  if (!isLoopbackHost(url.hostname))
    usage(
      `--backend: refusing RPC to ${url.hostname}: only a node on this machine (127.0.0.1, ::1, localhost) is allowed`,
    );
  if (url.port === '')
    usage(`--backend: "${value}" has no port (regtest RPC is usually 18443 for bitcoind, 19443 for litecoind)`);
  if (auth.cookie !== undefined && (auth.user !== undefined || auth.password !== undefined))
    usage('--rpc-cookie and --rpc-user/--rpc-password are two ways to log in: give one');
  if (auth.cookie !== undefined)
    return { kind: 'rpc', url: url.href, auth: { kind: 'cookie', cookieFile: auth.cookie } };
  if (auth.user === undefined || auth.password === undefined)
    usage(`--backend ${value} needs --rpc-cookie FILE, or --rpc-user and --rpc-password`);
  return { kind: 'rpc', url: url.href, auth: { kind: 'password', user: auth.user, password: auth.password } };
}

/**
 * The backend of each chain of a scenario. Usage errors for what cannot work: a chain the
 * scenario does not have, one RPC node for two chains, a chain that needs the simulator.
 */
export function resolveBackends(
  option: BackendOption | undefined,
  scenario: string,
  chains: readonly ChainConfig[],
): CliBackendChoice {
  if (!option) return {};
  const ids = chains.map((c) => c.id);
  for (const named of Object.keys(option.chains)) {
    if (!(ids as string[]).includes(named))
      usage(`--backend: ${scenario} has no ${named} chain (its chains: ${ids.join(', ')})`);
  }
  const choice: Partial<Record<ChainId, CliBackend>> = option.every
    ? Object.fromEntries(ids.map((id) => [id, option.every!]))
    : { ...option.chains };
  const urls = Object.values(choice).flatMap((s) => (s.kind === 'rpc' ? [s.url] : []));
  if (new Set(urls).size < urls.length)
    usage(
      `--backend: one RPC node cannot play both chains of ${scenario}; give each its own node, e.g. btc=URL1,ltc=URL2`,
    );
  for (const config of chains) {
    const spec = choice[config.id];
    const obstacle = spec && spec.kind !== 'simulated' ? realNodeObstacle(config) : undefined;
    if (obstacle) usage(`${scenario} cannot play on a real node: ${englishText(obstacle)}`);
  }
  return choice;
}
