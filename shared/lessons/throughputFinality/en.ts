/**
 * The throughput-finality lesson in English: its title, its description, each step's title and
 * narration, and the words its tasks (throughput.ts, reorgs.ts) publish to the lesson panel.
 */
export const en = {
  title: 'Throughput and finality: 7 transactions a second, six confirmations',
  description:
    'Full 1 MB blocks, a fee market where low fees wait, and forks whose depth falls with every confirmation; a coffee paid with one confirmation is double-spent.',
  steps: {
    oneMegabyteEveryTen: {
      title: 'One megabyte every ten minutes',
      narration:
        'In 2014 a block could hold at most 1 MB and one is found about every ten minutes. A simple payment is about 225 bytes, so a block holds about 4,400 of them: roughly 7 transactions a second for the whole world. Visa handles tens of thousands a second.',
    },
    crowdFillsBlocks: {
      title: 'A crowd fills the blocks',
      narration:
        'On a separate simulated chain, thousands of people send ordinary payments of about 225 bytes — more than fit — with fees they pick themselves. Blocks fill up to the 1 MB limit; the table shows how many payments each block took.',
    },
    lowFeesWait: {
      title: 'Low fees wait',
      narration:
        'Miners take the best-paying transactions first. The chart shows it: payments at high fee rates are confirmed in the next block, the lowest still wait when the run ends. The lower the fee, the longer the wait — a problem for buying a coffee.',
    },
    forksWhySixConfirmations: {
      title: 'Forks, and why six confirmations',
      narration:
        'Finding a block is random and news takes time to travel, so two miners sometimes find blocks at once and the network briefly splits; the longer branch wins and the other is undone. Here many seeded runs of a deliberately slow network (blocks take one to five minutes to spread, so forks are frequent enough to count) show how deep those reorganisations go: the deeper, the rarer — falling with every block. That is why six confirmations are considered final.',
    },
    bobWaitsSixConfirmations: {
      title: 'Bob waits for six confirmations',
      narration:
        'Back on this workspace’s own chain, Alice pays Bob 0.002 BTC for a coffee: the transaction Coffee. Bob is careful: he waits for six confirmations — about an hour — before handing it over. Safe, but slow: this is why payment channels were invented.',
    },
    alicePaysCoffeeSends: {
      title: 'Alice pays for a coffee — and sends a double spend to pool B',
      narration:
        'The network has two mining pools, A and B, with half the hash power each; Bob’s shop watches pool A’s node. Alice pays for the coffee there (Coffee), and at the same moment hands pool B, her accomplice, Double-spend: a transaction that spends the same coin back to herself. Each pool keeps the version it saw first.',
    },
    oneConfirmation: {
      title: 'One confirmation',
      narration: 'Pool A finds a block with Coffee in it. Bob sees one confirmation and hands over the coffee.',
    },
    poolBFindsTwo: {
      title: 'Pool B finds two blocks',
      narration:
        'Before pool A’s block reached it, pool B found a block with Double-spend in it, and then another. When the blocks meet, every node follows the longer branch: pool A’s block is undone, Coffee conflicts with Double-spend, which is now confirmed, and Bob has nothing.',
    },
    sixConfirmations: {
      title: 'Six confirmations would have saved him',
      narration:
        'To undo a payment with six confirmations, an attacker would need to out-mine the rest of the network for six blocks in a row — the chance falls with every block. One confirmation is not finality.',
    },
  },
  tasks: {
    /** The crowd's payments on a sandbox chain (throughput.ts). */
    throughput: {
      blocks: {
        title: 'Blocks of the crowd’s payments (1 MB limit)',
        transactions: 'Transactions',
        size: 'Size (bytes)',
        sinceLast: 'Minutes since the last block',
        block: (p: { height: number }) => `Block ${p.height}`,
      },
      backlog: {
        title: 'Mempool backlog',
        x: 'Minutes',
        y: 'Waiting transactions',
        mempool: 'Mempool',
      },
      feeVsWait: {
        title: 'Fee rate vs wait',
        x: 'Fee rate (sat/vB)',
        y: 'Minutes / % confirmed',
        meanWait: 'Mean wait of those confirmed (minutes)',
        confirmedShare: 'Confirmed by the last block (%)',
      },
      summary: {
        title: 'Throughput',
        fullestBlockTxs: 'Transactions in the fullest block',
        avgTxSize: 'Average transaction size (bytes)',
        capacityTps: 'Capacity (full block ÷ 600 s, tx/s)',
        observedTps: 'Confirmed per second in this run',
        arrivals: 'Payments sent',
        stillWaiting: 'Still waiting after the last block',
        confirmedAt: (p: { rate: number }) => `Confirmed at ${p.rate} sat/vB (%)`,
        lowFeesWaitLonger: 'Low fees wait longer',
      },
    },
    /** Reorganisations over many seeded runs (reorgs.ts). */
    reorgs: {
      depth: {
        title: 'Reorganisations by depth',
        x: 'Blocks given up',
        y: 'Reorganisations',
        runs: (p: { runs: number; blocksPerRun: number }) => `${p.runs} runs × ${p.blocksPerRun} blocks`,
      },
      deeperThan: {
        title: 'Share of reorganisations deeper than k',
        x: 'k (confirmations)',
        y: '%',
        deeperThanK: 'deeper than k',
        undone: 'a block with k confirmations undone',
      },
      summary: {
        title: 'Forks and finality',
        blocksSeen: 'Blocks received by the nodes',
        reorgs: 'Reorganisations',
        deeperThan1Percent: 'Deeper than 1 block (% of reorgs)',
        deeperThanMaxPercent: (p: { maxDepth: number }) => `Deeper than ${p.maxDepth} blocks (% of reorgs)`,
        falls: 'Falls with every confirmation',
      },
    },
  },
};
