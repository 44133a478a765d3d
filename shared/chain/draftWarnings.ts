/**
 * A draft's mistakes, said before it is signed: what a node would refuse (an absurd fee: Core's
 * sendrawtransaction default maxfeerate; dust outputs: the chain's dust relay fee; outputs above
 * the inputs: bad-txns-in-belowout) and what a person would regret (no change back, so the rest
 * goes to the miner). The builder shows them on the node and in the inspector.
 */
import type { TxOutputLike } from '../bitcoin/txTypes';
import type { DraftWarning } from '../contract/views';
import { dustThreshold } from './policy';

/** DEFAULT_MAX_RAW_TX_FEE_RATE (Core's node/transaction.h:20): 0.10 coin per kvB, in sat/kvB. */
export const DEFAULT_MAX_RAW_TX_FEE_RATE = 10_000_000n;
/** The same in sat/vB. */
const MAX_SENDRAW_FEE_RATE = Number(DEFAULT_MAX_RAW_TX_FEE_RATE) / 1000;

export interface DraftFacts {
  /** The inputs' total; undefined while an input's coin is unknown. */
  readonly inputsTotal: bigint | undefined;
  readonly outputs: readonly TxOutputLike[];
  readonly vsize: number;
  readonly dustRelayFeeRate: number;
  /** The wallet whose coins the inputs spend (the first one that has an owner), if any. */
  readonly spender: string | undefined;
  /** Whether an output pays the spender: change. */
  readonly paysSpender: boolean;
}

export function draftWarnings(facts: DraftFacts): DraftWarning[] {
  const warnings: DraftWarning[] = [];
  if (facts.outputs.length === 0) return [{ code: 'no-outputs' }];
  const outputsTotal = facts.outputs.reduce((sum, o) => sum + o.value, 0n);
  if (facts.inputsTotal !== undefined) {
    const fee = facts.inputsTotal - outputsTotal;
    if (fee < 0n) warnings.push({ code: 'outputs-exceed-inputs', missing: (-fee).toString() });
    // Core: refused when fee > maxfeerate × vsize / 1000 (in sat/kvB); here in sat/vB.
    else if (Number(fee) > MAX_SENDRAW_FEE_RATE * facts.vsize) {
      warnings.push({
        code: 'absurd-fee',
        feeRate: Math.round(Number(fee) / facts.vsize),
        maxFeeRate: MAX_SENDRAW_FEE_RATE,
      });
      if (facts.spender !== undefined && !facts.paysSpender)
        warnings.push({ code: 'no-change', fee: fee.toString(), spender: facts.spender });
    }
  }
  facts.outputs.forEach((output, index) => {
    const threshold = dustThreshold(output, facts.dustRelayFeeRate);
    if (output.value < threshold) warnings.push({ code: 'dust', output: index, threshold: threshold.toString() });
  });
  return warnings;
}
