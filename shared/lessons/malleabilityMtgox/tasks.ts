/** The malleability-mtgox lesson's own tasks: the attack round by round, its odds, and the table of rules. */
import { z } from 'zod';
import { MUTATIONS } from '../../protocols/malleability';

const label = z.string().min(1).max(40);
const sats = z.string().regex(/^[1-9]\d{0,15}$/);

export const MALLEABILITY_TASKS = {
  /**
   * The Mt.Gox attack on the workspace's multi-node 2014 chain, round after round: Mallory
   * withdraws, the Exchange (shared/protocols/exchange.ts) pays from its hot wallet, Mallory
   * takes the payment off her node the moment it arrives (she looks once a second), sends a
   * mutated copy to her node and to the pools she peers with, a block is mined by a pool drawn by
   * hash share, and when the copy won she complains and the exchange decides whether to pay again.
   * Runs until Mallory has won `untilSuccesses` rounds, or `maxRounds` rounds when that is 0.
   */
  'mtgox-attack': z
    .object({
      amount: sats,
      fee: sats,
      mutation: z.enum(MUTATIONS),
      tracking: z.enum(['txid', 'outputs']),
      exchangeNode: label,
      malloryNode: label,
      peers: z.array(label).min(1).max(8),
      untilSuccesses: z.number().int().min(0).max(5),
      maxRounds: z.number().int().min(1).max(50),
    })
    .strict(),
  /** The same race many times over on a sandbox copy of the network: how often does the copy win, against the odds the delays predict? */
  'malleability-odds': z
    .object({
      races: z.number().int().min(10).max(2_000),
      amount: sats,
      mutation: z.enum(MUTATIONS),
      exchangeNode: label,
      malloryNode: label,
      peers: z.array(label).min(1).max(8),
    })
    .strict(),
  /** Every mutation judged by a real node under each rule, and a SegWit payment's witness mutated: the table of which still work. */
  'malleability-matrix': z.object({}).strict(),
} as const;

/** The malleability-odds sandbox pays every race from the change of one 50 BTC coinbase, with this fee a race. */
export const ODDS_SANDBOX = { coin: 50n * 100_000_000n, fee: 10_000n } as const;
