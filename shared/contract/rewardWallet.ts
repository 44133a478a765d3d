/**
 * Who gets a block's reward when the person names nobody: the scenario's Miner, so that nobody
 * in the story gets richer by mining; else Alice, the default workspace's first wallet; else the
 * first wallet there is. The host mines to it and the chain panel names it, so both agree.
 */
export function defaultRewardWallet<W extends { readonly id: string; readonly name: string }>(
  wallets: readonly W[],
): W | undefined {
  return wallets.find((w) => w.name === 'Miner') ?? wallets.find((w) => w.name === 'Alice') ?? wallets[0];
}
