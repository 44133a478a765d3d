/** The malleability-mtgox lesson's own tasks: the attack round by round, its odds, and the table of rules. */
import { z } from 'zod';
import { MUTATIONS } from '../../protocols/malleability';
import { ownTask } from '../host';
import { mtgoxAttackTask } from './attack';
import { matrixTask, oddsJob, oddsTask } from './odds';

const label = z.string().min(1).max(40);
const sats = z.string().regex(/^[1-9]\d{0,15}$/);

/**
 * The Mt.Gox attack on the workspace's multi-node 2014 chain, round after round: Mallory
 * withdraws, the Exchange (shared/protocols/exchange.ts) pays from its hot wallet, Mallory
 * takes the payment off her node the moment it arrives (she looks once a second), sends a
 * mutated copy to her node and to the pools she peers with, a block is mined by a pool drawn by
 * hash share, and when the copy won she complains and the exchange decides whether to pay again.
 * Runs until Mallory has won `untilSuccesses` rounds, or `maxRounds` rounds when that is 0.
 */
const mtgoxAttackParams = z
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
  .strict();
export type MtgoxAttackParams = z.output<typeof mtgoxAttackParams>;

/** The same race many times over on a sandbox copy of the network: how often does the copy win, against the odds the delays predict? */
const malleabilityOddsParams = z
  .object({
    races: z.number().int().min(10).max(2_000),
    amount: sats,
    mutation: z.enum(MUTATIONS),
    exchangeNode: label,
    malloryNode: label,
    peers: z.array(label).min(1).max(8),
  })
  .strict();
export type MalleabilityOddsParams = z.output<typeof malleabilityOddsParams>;

export const MALLEABILITY_TASKS = {
  'mtgox-attack': ownTask(mtgoxAttackParams, { run: (host, p) => mtgoxAttackTask(host, p) }),
  'malleability-odds': ownTask(malleabilityOddsParams, {
    run: (host, p) => oddsTask(host, p),
    sandbox: (doc, p) => {
      const config = doc.chains.find((c) => c.id === 'btc');
      return config ? oddsJob(doc.seed, config, p) : undefined;
    },
  }),
  /** Every mutation judged by a real node under each rule, and a SegWit payment's witness mutated: the table of which still work. */
  'malleability-matrix': ownTask(z.object({}).strict(), { run: (host) => matrixTask(host) }),
} as const;
