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
import { err, ok, type Result } from '../../shared/contract/result';
import type { BackendSpec } from '../../shared/contract/methods';
import type { ChainConfig } from '../../shared/scenario/chainActions';
import { type DaemonBinary, startLocalDaemon } from '../backends/localDaemon';
import { RealChain } from '../backends/realChain';
import { createRpcClient, type RpcAuth } from '../backends/rpcClient';
import type { BackendOffers } from './backendOffers';

export type { BackendSpec };

/**
 * A backend as the host uses it, resolved from what the page picked (an offer's id, typed
 * credentials) or from the command line (whose flags are the person's own choice).
 */
export type ResolvedBackend =
  | { readonly kind: 'simulated' }
  | { readonly kind: 'local'; readonly binary: DaemonBinary }
  | { readonly kind: 'rpc'; readonly url: string; readonly auth: RpcAuth };

export type BackendChoice = Partial<Record<ChainId, ResolvedBackend>>;
export type RealBackend = Exclude<ResolvedBackend, { kind: 'simulated' }>;

/**
 * Why a chain cannot be played on a real node, or undefined if it can. A node enforces today's
 * consensus and policy and is one peer: the 2014 era and simulated networks of several nodes
 * (propagation races, forks) exist only in the simulator.
 */
export function realNodeObstacle(config: ChainConfig): string | undefined {
  const profile = PROFILES[config.id];
  if (config.era !== 'modern')
    return `its ${profile.name} chain is set to the 2014 era (before BIP66 and SegWit), and a real node only plays today's rules`;
  const nodes = config.nodes?.length ?? 1;
  if (nodes > 1)
    return `it simulates a network of ${nodes} nodes on ${profile.name} (propagation races and forks), which needs the simulator`;
  return undefined;
}

/** What the page picked, as the host will use it: only programs on offer, only nodes on this computer. */
export async function resolveBackend(
  chain: ChainId,
  spec: BackendSpec,
  offers: BackendOffers,
): Promise<Result<ResolvedBackend>> {
  switch (spec.kind) {
    case 'simulated':
      return ok(spec);
    case 'local': {
      const binary = await offers.binaryFor(chain, spec.daemon);
      return binary.ok ? ok({ kind: 'local', binary: binary.value }) : binary;
    }
    case 'rpc':
      return ok({ kind: 'rpc', url: spec.url, auth: { kind: 'password', user: spec.user, password: spec.password } });
  }
}

export async function connectBackend(config: ChainConfig, backend: RealBackend): Promise<Result<RealChain>> {
  const profile = PROFILES[config.id];
  const obstacle = realNodeObstacle(config);
  if (obstacle) return err('INVALID_STATE', `${profile.name} cannot be played on a real node: ${obstacle}`);
  if (backend.kind === 'local') {
    const started = await startLocalDaemon({ binary: backend.binary.path });
    if (!started.ok) return started;
    const node = started.value;
    const connected = await RealChain.connect({
      profile,
      rpc: node.rpc,
      startTime: config.startTime,
      name: node.kind,
      local: true,
      onClose: () => node.stop(),
    });
    if (!connected.ok) await node.stop();
    return connected;
  }
  const client = createRpcClient({ url: backend.url, auth: backend.auth });
  if (!client.ok) return client;
  const connected = await RealChain.connect({
    profile,
    rpc: client.value,
    startTime: config.startTime,
    name: new URL(backend.url).host,
  });
  if (!connected.ok) client.value.close();
  return connected;
}
