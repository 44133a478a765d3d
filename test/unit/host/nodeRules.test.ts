/**
 * The chain panel's "Litecoin rules" come from the view: each chain summary carries the rules of
 * its node (issue 13 §5), Bitcoin Core's on the Bitcoin chain and Litecoin Core 0.21's on the
 * Litecoin chain, and a real node's shadow chain carries the rules of the coin the node runs.
 */
import { describe, expect, it } from 'vitest';
import { shadowProfile } from '../../../main/backends/realChain';
import { BuiltinCatalog } from '../../../main/host/catalog';
import { nodeRulesView } from '../../../main/host/nodeRulesView';
import { BTC_REGTEST } from '../../../shared/chain/profiles';
import { applyPatch, diffViews } from '../../../shared/contract/viewPatch';
import { testBench } from './helpers';

describe('node rules in the chain summaries', () => {
  it('carries Bitcoin Core rules on btc and Litecoin Core 0.21 rules on ltc', async () => {
    const t = await testBench({ catalog: new BuiltinCatalog() });
    await t.must('scenario.load', { name: 'atomic-swap', path: 'success' });
    const view = await t.must('workspace.get', {});
    const rules = Object.fromEntries(view.chains.map((c) => [c.id, c.nodeRules]));
    expect(rules).toEqual({
      btc: {
        follows: 'bitcoin-core',
        maxMoney: '2100000000000000',
        dustRelayFeeRate: 3,
        replacementDefault: 'opt-in',
        mwebPegins: false,
        emptyIfError: 'INVALID_STACK_OPERATION',
      },
      ltc: {
        follows: 'litecoin-core-0.21',
        maxMoney: '8400000000000000',
        dustRelayFeeRate: 30,
        replacementDefault: 'off',
        mwebPegins: true,
        emptyIfError: 'UNBALANCED_CONDITIONAL',
      },
    });
    // The replacement setting starts at the node's default; switching it leaves the node's rules alone.
    expect(view.chains.find((c) => c.id === 'ltc')!.rbf).toBe('off');
    await t.must('chain.setPolicy', { chain: 'ltc', rbf: 'opt-in' });
    const after = await t.must('workspace.get', {});
    expect(after.chains.find((c) => c.id === 'ltc')!.nodeRules).toEqual(rules.ltc);
    // A patch from a view without the rules (an older page's) brings them.
    const bare = { ...view, chains: view.chains.map(({ nodeRules: _, ...c }) => c) } as unknown as typeof view;
    const patched = applyPatch(bare, diffViews(bare, after));
    expect(patched.chains.map((c) => c.nodeRules)).toEqual(after.chains.map((c) => c.nodeRules));
  });

  it("a real node's shadow chain shows the rules of the coin the node runs", () => {
    expect(nodeRulesView(shadowProfile(BTC_REGTEST, 'ltc').rules).follows).toBe('litecoin-core-0.21');
    expect(nodeRulesView(BTC_REGTEST.rules).follows).toBe('bitcoin-core');
  });
});
