/**
 * Which chains of a workspace run on a real regtest node, and how TxLab reaches it: a daemon it
 * starts and owns (temporary data folder, free ports, loopback only), or one at a JSON-RPC URL
 * (loopback only unless the user says otherwise).
 */
import type { ChainId } from '../../shared/chain/profiles';
import { PROFILES } from '../../shared/chain/profiles';
import { err, type Result } from '../../shared/contract/result';
import type { BackendSpec } from '../../shared/contract/methods';
import type { ChainConfig } from '../../shared/scenario/chainActions';
import { startLocalDaemon } from '../backends/localDaemon';
import { RealChain } from '../backends/realChain';
import { createRpcClient } from '../backends/rpcClient';

export type { BackendSpec };
export type BackendChoice = Partial<Record<ChainId, BackendSpec>>;

/** The daemon that plays each chain. */
const DAEMON_FOR: Readonly<Record<ChainId, 'bitcoind' | 'litecoind'>> = { btc: 'bitcoind', ltc: 'litecoind' };

export async function connectBackend(config: ChainConfig, spec: Exclude<BackendSpec, { kind: 'simulated' }>): Promise<Result<RealChain>> {
  const profile = PROFILES[config.id];
  if (config.era !== 'modern') return err('INVALID_STATE', `${profile.name} is set to the 2014 era; a real node can only play today's rules`);
  if ((config.nodes?.length ?? 1) > 1) return err('INVALID_STATE', `this lesson simulates a network of ${config.nodes!.length} nodes on ${profile.name}; it needs the simulator`);
  if (spec.kind === 'local') {
    const daemon = DAEMON_FOR[config.id];
    const started = await startLocalDaemon({ prefer: daemon, ...(spec.binary ? { binary: spec.binary } : {}) });
    if (!started.ok) return started;
    if (started.value.kind !== daemon) {
      await started.value.stop();
      return err('BACKEND_UNAVAILABLE', `${profile.name} needs ${daemon}, but only ${started.value.kind} was found (apt-get install -y ${daemon === 'litecoind' ? 'litecoind' : 'bitcoind'})`);
    }
    const node = started.value;
    const connected = await RealChain.connect({ profile, rpc: node.rpc, startTime: config.startTime, name: `${daemon} (local)`, onClose: () => node.stop() });
    if (!connected.ok) await node.stop();
    return connected;
  }
  const client = createRpcClient({
    url: spec.url,
    auth: spec.cookieFile ? { kind: 'cookie', cookieFile: spec.cookieFile } : { kind: 'password', user: spec.user ?? '', password: spec.password ?? '' },
  });
  if (!client.ok) return client;
  return RealChain.connect({ profile, rpc: client.value, startTime: config.startTime, name: new URL(spec.url).host });
}
