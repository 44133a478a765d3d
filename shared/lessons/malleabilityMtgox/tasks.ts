/** The malleability-mtgox lesson's own tasks: the attack round by round, its odds, and the table of rules. */
import { z } from 'zod';
import { ok, type Result } from '../../contract/result';
import { MUTATIONS } from '../../protocols/malleability';
import { COST_MS, nodesOf } from '../../scenario/budget';
import { refuse } from '../../scenario/refuse';
import { knownNode } from '../../scenario/validate';
import { type OwnTask, ownTask, type TaskFile } from '../host';
import { mtgoxAttackTask } from './attack';
import { matrixTask, ODDS_SANDBOX, oddsJob, oddsTask } from './odds';

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

/** The race needs the file's multi-node btc network, with these nodes, and a peer that mines. */
function checkRace(p: MtgoxAttackParams | MalleabilityOddsParams, file: TaskFile, at: string): Result<true> {
  const btc = file.chains.find((c) => c.id === 'btc');
  if (!btc || (btc.nodes?.length ?? 1) < 2) return refuse(at, 'file.raceNeedsNetwork');
  for (const [key, name] of [
    ['exchangeNode', p.exchangeNode],
    ['malloryNode', p.malloryNode],
    ...p.peers.map((n, k) => [`peers[${k}]`, n] as const),
  ] as const) {
    const known = knownNode(file, 'btc', name, `${at}.${key}`);
    if (!known.ok) return known;
  }
  if (!btc.nodes!.some((n) => p.peers.includes(n.name) && (n.hashShare ?? 0) > 0))
    return refuse(`${at}.peers`, 'file.racePeersDoNotMine');
  return ok(true);
}

const matrixParams = z.object({}).strict();

/** Typed here, not inferred: the list's types (shared/lessons/index.ts) are made from this one. */
export const MALLEABILITY_TASKS: {
  readonly 'mtgox-attack': OwnTask<typeof mtgoxAttackParams>;
  readonly 'malleability-odds': OwnTask<typeof malleabilityOddsParams>;
  readonly 'malleability-matrix': OwnTask<typeof matrixParams>;
} = {
  'mtgox-attack': ownTask(mtgoxAttackParams, {
    run: (host, p) => mtgoxAttackTask(host, p),
    // Per round: a withdrawal signed and broadcast, Mallory's polls, her copy, a block or two, perhaps a resend.
    cost: (p, file, view) =>
      p.maxRounds * (6 * view + nodesOf(file, 'btc') * (4 * COST_MS.txPerNode + 2 * COST_MS.blockPerNode) + 10),
    check: checkRace,
  }),
  'malleability-odds': ownTask(malleabilityOddsParams, {
    run: (host, p) => oddsTask(host, p),
    sandbox: (doc, p) => {
      const config = doc.chains.find((c) => c.id === 'btc');
      return config ? oddsJob(doc.seed, config, p) : undefined;
    },
    cost: (p, file, view) => {
      // A sandbox network: 101 blocks to mature a coin, then per race a payment, its copy and a
      // block reach every node, while Mallory looks once a (simulated) second for the payment.
      const btcNodes = nodesOf(file, 'btc');
      const setup = 101 * btcNodes * COST_MS.blockPerNode;
      const looks = file.chains.find((c) => c.id === 'btc')?.txDelay?.max ?? 2;
      return (
        view + setup + p.races * (btcNodes * (2 * COST_MS.txPerNode + COST_MS.blockPerNode) + looks * COST_MS.look)
      );
    },
    check: (p, file, at) => {
      if (BigInt(p.races) * (BigInt(p.amount) + ODDS_SANDBOX.fee) >= ODDS_SANDBOX.coin) {
        return refuse(`${at}.amount`, 'file.racesDoNotFit', {
          coin: String(ODDS_SANDBOX.coin / 100_000_000n),
          races: p.races,
          amount: p.amount,
        });
      }
      return checkRace(p, file, at);
    },
  }),
  /** Every mutation judged by a real node under each rule, and a SegWit payment's witness mutated: the table of which still work. */
  'malleability-matrix': ownTask(matrixParams, {
    run: (host) => matrixTask(host),
    cost: (_p, _file, view) => view + 400,
  }),
};
