/**
 * Which chains of a workspace run on a real regtest node, and how TxLab reaches it: a daemon it
 * starts and owns (temporary data folder, free ports, loopback only), or one at a JSON-RPC URL
 * (loopback only unless the user says otherwise).
 *
 * Plain data and rules only: finding programs on PATH, starting daemons and speaking JSON-RPC
 * need Node, so the workbench gets them as a `BackendPlatform` (on Node: `nodePlatform()` in
 * backends.ts). Without one, every chain plays on the simulator.
 */
import type { ChainId } from '../../shared/chain/profiles';
import { PROFILES } from '../../shared/chain/profiles';
import { errText, type HostText, ok, type Result } from '../../shared/contract/result';
import type { BackendOptions, BackendSpec } from '../../shared/contract/methods';
import type { ChainConfig } from '../../shared/scenario/chainActions';
import type { ChainBackend } from './chainBackend';

export type { BackendSpec };

export type DaemonKind = 'litecoind' | 'bitcoind';

export interface DaemonBinary {
  readonly path: string;
  readonly kind: DaemonKind;
}

export type RpcAuth =
  /** Core's cookie file (`<datadir>/<chain>/.cookie`), read before each call: it changes on restart. */
  | { readonly kind: 'cookie'; readonly cookieFile: string }
  | { readonly kind: 'password'; readonly user: string; readonly password: string };

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

/** The node programs a local backend may start (on Node: backendOffers.ts). */
export interface DaemonOffers {
  list(): Promise<BackendOptions>;
  /** The program for a local backend of `chain`: the offer named, else the chain's own coin's daemon, else any. */
  binaryFor(chain: ChainId, id: string | undefined): Promise<Result<DaemonBinary>>;
}

/** Starts or reaches the real node a chain plays on. */
export type ConnectBackend = (config: ChainConfig, backend: RealBackend) => Promise<Result<ChainBackend>>;

/** What real nodes need from the platform the host runs on. */
export interface BackendPlatform {
  readonly offers: DaemonOffers;
  readonly connect: ConnectBackend;
}

/** A host without real nodes: nothing on offer, every chain simulated. */
export const SIMULATOR_ONLY: BackendPlatform = {
  offers: {
    list: () => Promise.resolve({ daemons: [], canChooseDaemon: false }),
    binaryFor: () => Promise.resolve(errText('BACKEND_UNAVAILABLE', 'host.realNode.needsNode')),
  },
  connect: () => Promise.resolve(errText('BACKEND_UNAVAILABLE', 'host.realNode.needsNode')),
};

/**
 * Why a chain cannot be played on a real node, or undefined if it can. A node enforces today's
 * consensus and policy and is one peer: the 2014 era and simulated networks of several nodes
 * (propagation races, forks) exist only in the simulator.
 */
export function realNodeObstacle(config: ChainConfig): HostText | undefined {
  const chain = PROFILES[config.id].name;
  if (config.era !== 'modern') return { key: 'host.realNode.era2014', params: { chain } };
  const nodes = config.nodes?.length ?? 1;
  if (nodes > 1) return { key: 'host.realNode.network', params: { chain, nodes } };
  return undefined;
}

/** What the page picked, as the host will use it: only programs on offer, only nodes on this computer. */
export async function resolveBackend(
  chain: ChainId,
  spec: BackendSpec,
  offers: DaemonOffers,
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
