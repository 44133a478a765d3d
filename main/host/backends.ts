/**
 * Which chains of a workspace run on a real regtest node, and how TxLab reaches it: a daemon it
 * starts and owns (temporary data folder, free ports, loopback only), or one at a JSON-RPC URL
 * (loopback only unless the user says otherwise).
 *
 * Either daemon can play either chain (see main/backends/realChain.ts): a local backend without
 * a `daemon` uses the chain's own coin's daemon when it is installed, otherwise the other one, and
 * the chain's name then says so ("litecoind playing Bitcoin regtest (local)").
 */
import type { ChainId } from '../../shared/chain/profiles';
import { PROFILES } from '../../shared/chain/profiles';
import { err, type Result } from '../../shared/contract/result';
import type { BackendSpec } from '../../shared/contract/methods';
import type { ChainConfig } from '../../shared/scenario/chainActions';
import { type DaemonBinary, type DaemonKind, findDaemonBinary, startLocalDaemon } from '../backends/localDaemon';
import { RealChain } from '../backends/realChain';
import { createRpcClient, type RpcClient } from '../backends/rpcClient';

export type { BackendSpec };
export type BackendChoice = Partial<Record<ChainId, BackendSpec>>;
export type RealBackendSpec = Exclude<BackendSpec, { kind: 'simulated' }>;

/** Each coin's own daemon: preferred for its chain when both are installed. */
export const OWN_DAEMON: Readonly<Record<ChainId, DaemonKind>> = { btc: 'bitcoind', ltc: 'litecoind' };

const HOW_TO_INSTALL: Readonly<Record<DaemonKind, string>> = {
  litecoind: 'apt-get install -y litecoind',
  bitcoind: 'install Bitcoin Core and put bitcoind on PATH, or play the chain on litecoind',
};

/**
 * Why a chain cannot be played on a real node, or undefined if it can. A node enforces today's
 * consensus and policy and is one peer: the 2014 era and simulated networks of several nodes
 * (propagation races, forks) exist only in the simulator.
 */
export function realNodeObstacle(config: ChainConfig): string | undefined {
  const profile = PROFILES[config.id];
  if (config.era !== 'modern') return `its ${profile.name} chain is set to the 2014 era (before BIP66 and SegWit), and a real node only plays today's rules`;
  const nodes = config.nodes?.length ?? 1;
  if (nodes > 1) return `it simulates a network of ${nodes} nodes on ${profile.name} (propagation races and forks), which needs the simulator`;
  return undefined;
}

/** The daemon binary for a local backend of `chain` (see the file comment for the choice). */
export async function localDaemonBinary(chain: ChainId, spec: Extract<BackendSpec, { kind: 'local' }>): Promise<Result<DaemonBinary>> {
  if (spec.binary !== undefined) return findDaemonBinary(spec.binary);
  if (spec.daemon === undefined) return findDaemonBinary(undefined, OWN_DAEMON[chain]);
  const found = await findDaemonBinary(undefined, spec.daemon);
  if (found.ok && found.value.kind !== spec.daemon) return err('BACKEND_UNAVAILABLE', `${spec.daemon} is not on PATH (${HOW_TO_INSTALL[spec.daemon]})`);
  return found;
}

/** A client for a node at a URL, with its cookie file or user and password. */
export function rpcClientFor(spec: Extract<BackendSpec, { kind: 'rpc' }>): Result<RpcClient> {
  return createRpcClient({
    url: spec.url,
    auth: spec.cookieFile ? { kind: 'cookie', cookieFile: spec.cookieFile } : { kind: 'password', user: spec.user ?? '', password: spec.password ?? '' },
  });
}

export async function connectBackend(config: ChainConfig, spec: RealBackendSpec): Promise<Result<RealChain>> {
  const profile = PROFILES[config.id];
  const obstacle = realNodeObstacle(config);
  if (obstacle) return err('INVALID_STATE', `${profile.name} cannot be played on a real node: ${obstacle}`);
  if (spec.kind === 'local') {
    const binary = await localDaemonBinary(config.id, spec);
    if (!binary.ok) return binary;
    const started = await startLocalDaemon({ binary: binary.value.path });
    if (!started.ok) return started;
    const node = started.value;
    const connected = await RealChain.connect({ profile, rpc: node.rpc, startTime: config.startTime, name: node.kind, local: true, onClose: () => node.stop() });
    if (!connected.ok) await node.stop();
    return connected;
  }
  const client = rpcClientFor(spec);
  if (!client.ok) return client;
  const connected = await RealChain.connect({ profile, rpc: client.value, startTime: config.startTime, name: new URL(spec.url).host });
  if (!connected.ok) client.value.close();
  return connected;
}
