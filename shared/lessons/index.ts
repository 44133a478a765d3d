/** The built-in scenarios, in the order a course would teach them (the seed's order). */
import { atomicSwap } from './atomicSwap/lesson';
import { htlc } from './htlc/lesson';
import { malleabilityMtgox } from './malleabilityMtgox/lesson';
import { multihop } from './multihop/lesson';
import { p2pkhBasics } from './p2pkhBasics/lesson';
import { rsmcChannel } from './rsmcChannel/lesson';
import { segwit } from './segwit/lesson';
import { throughputFinality } from './throughputFinality/lesson';
import type { BuiltinScenario } from './types';

export const BUILTINS: readonly BuiltinScenario[] = [p2pkhBasics, malleabilityMtgox, throughputFinality, segwit, rsmcChannel, htlc, multihop, atomicSwap];

export function findBuiltin(name: string): BuiltinScenario | undefined {
  return BUILTINS.find((b) => b.name === name);
}
