/** A chain node's rules as the chain panel shows them (docs/litecoin-rules.md). */
import { ERRORS_AS_CORE_0_21 } from '../../shared/bitcoin/flags';
import type { ChainRules } from '../../shared/chain/profiles';
import type { NodeRulesView } from '../../shared/contract/views';

export function nodeRulesView(rules: ChainRules): NodeRulesView {
  return {
    follows: rules.follows,
    maxMoney: rules.maxMoney.toString(),
    dustRelayFeeRate: rules.dustRelayFeeRate,
    replacementDefault: rules.replacement,
    mwebPegins: rules.mwebPegins,
    emptyIfError:
      (rules.interpreterFlags & ERRORS_AS_CORE_0_21) !== 0 ? 'UNBALANCED_CONDITIONAL' : 'INVALID_STACK_OPERATION',
  };
}
