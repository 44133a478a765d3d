/** The built-in scenarios, in the order a course would teach them (the seed's order). */
import { atomicSwap } from './atomicSwap';
import { htlc } from './htlc';
import { malleabilityMtgox } from './malleabilityMtgox';
import { multihop } from './multihop';
import { p2pkhBasics } from './p2pkhBasics';
import { rsmcChannel } from './rsmcChannel';
import { segwit } from './segwit';
import { throughputFinality } from './throughputFinality';
import type { BuiltinScenario } from './types';

export const BUILTINS: readonly BuiltinScenario[] = [p2pkhBasics, malleabilityMtgox, throughputFinality, segwit, rsmcChannel, htlc, multihop, atomicSwap];

export function findBuiltin(name: string): BuiltinScenario | undefined {
  return BUILTINS.find((b) => b.name === name);
}
