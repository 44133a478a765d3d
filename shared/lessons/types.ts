/**
 * What a built-in scenario is: pure code that declares its wallets, chains and starting coins,
 * and, given the public keys and the coins the host made for it, returns the graph and the
 * lesson paths. The host's catalog (main/host/catalog.ts) creates the wallets from the seed,
 * mines and hands out the coins, and turns the result into a scenario file.
 */
import type { Bytes } from '../bitcoin/bytes';
import type { ChainId } from '../chain/profiles';
import type { KeyWrap } from '../protocols/types';
import type { GraphNode } from '../workspace/model';
import type { ChainConfig } from '../scenario/chainActions';
import type { Text } from '../scenario/lessonData';
import type { LessonStep, walletKeySchema } from '../scenario/schema';
import type { z } from 'zod';

export type KeyPurposeName = z.infer<typeof walletKeySchema>['purpose'];

export interface BuiltinWallet {
  readonly name: string;
  /** Derived in this order; labels are unique across the scenario ("Alice", "Alice2", …). */
  readonly keys: readonly { readonly purpose: KeyPurposeName; readonly label: string }[];
}

/** A starting coin: the host's faucet pays `value` to the key labelled `key`. */
export interface Grant {
  readonly id: string;
  readonly key: string;
  readonly chain: ChainId;
  readonly value: bigint;
  readonly wrap: KeyWrap;
}

/** Where a grant landed: output `output` of the coins node `node` (a confirmed faucet transaction). */
export interface CoinRef {
  readonly node: string;
  readonly output: number;
  readonly value: bigint;
  readonly chain: ChainId;
  readonly pubKey: Bytes;
  readonly wrap: KeyWrap;
}

export interface ChainMoment {
  readonly height: number;
  /** The chain's clock and median time past after the setup (time locks count from these). */
  readonly time: number;
  readonly mtp: number;
}

export interface BuildContext {
  readonly seed: number;
  /** Public keys by label. */
  readonly keys: Readonly<Record<string, Bytes>>;
  /** Coins by grant id. */
  readonly coins: Readonly<Record<string, CoinRef>>;
  readonly chains: Readonly<Partial<Record<ChainId, ChainMoment>>>;
}

export interface BuildResult {
  /** Drafts laid out left → right; the host adds the coins nodes at `coinsAt`. */
  readonly nodes: readonly GraphNode[];
  readonly coinsAt: Readonly<Partial<Record<ChainId, { readonly x: number; readonly y: number }>>>;
  readonly paths: Readonly<Record<string, readonly LessonStep[]>>;
}

export interface BuiltinScenario {
  readonly name: string;
  readonly title: Text;
  readonly description: Text;
  readonly defaultSeed: number;
  /** Path names; the first is the default (the happy path). */
  readonly paths: readonly string[];
  readonly wallets: readonly BuiltinWallet[];
  readonly chains: readonly ChainConfig[];
  readonly grants: readonly Grant[];
  build(ctx: BuildContext): BuildResult;
}

/** The wallet every built-in has: it mines the blocks and funds the others. */
export const MINER_WALLET = 'Miner';

/** Id of the node holding the faucet transaction of a chain. */
export function coinsNodeId(chain: ChainId): string {
  return chain === 'btc' ? 'Coins' : 'Coins-LTC';
}
