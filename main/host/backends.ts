/**
 * Real nodes on Node: the adapter behind the workbench's `BackendPlatform` (backendChoice.ts).
 * It starts a daemon TxLab owns or connects to one at a JSON-RPC URL (main/backends/).
 *
 * Either daemon can play either chain (see main/backends/realChain.ts): a local backend without
 * a `daemon` uses the chain's own coin's daemon when it is installed, otherwise the other one, and
 * the chain's name then says so ("litecoind playing Bitcoin regtest (local)").
 */
import { PROFILES } from '../../shared/chain/profiles';
import { englishText, type HostText, type Result } from '../../shared/contract/result';
import type { ChainConfig } from '../../shared/scenario/chainActions';
import { startLocalDaemon } from '../backends/localDaemon';
import { RealChain } from '../backends/realChain';
import { createRpcClient } from '../backends/rpcClient';
import { type BackendPlatform, type RealBackend, realNodeObstacle } from './backendChoice';
import { BackendOffers } from './backendOffers';

async function connectBackend(config: ChainConfig, backend: RealBackend): Promise<Result<RealChain>> {
  const profile = PROFILES[config.id];
  const obstacle = realNodeObstacle(config);
  if (obstacle) {
    const where: HostText = { key: 'host.realNode.cannotPlay', params: { chain: profile.name } };
    return {
      ok: false,
      error: { code: 'INVALID_STATE', message: englishText(where) + englishText(obstacle), text: obstacle, where },
    };
  }
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

/** Real nodes for a workbench on Node: the programs of `offers` (found on PATH unless given), started or reached here. */
export function nodePlatform(offers: BackendOffers = new BackendOffers()): BackendPlatform {
  return { offers, connect: connectBackend };
}
