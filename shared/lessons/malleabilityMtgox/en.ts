/**
 * The malleability-mtgox lesson in English: its title, its description, each step's title and
 * narration, and the words its tasks (attack.ts, odds.ts) publish to the lesson panel.
 */
export const en = {
  title: 'Mt.Gox and transaction malleability',
  description:
    'Mallory races a malleated copy of her withdrawal to the miners; an exchange that tracks txids pays twice. The odds of the race, and which rule — or SegWit — closed each hole.',
  steps: {
    mtgox2014: {
      title: 'Mt.Gox, February 2014',
      narration:
        'Mt.Gox handled most of the world’s bitcoin trading. When a customer withdrew, it sent a transaction and wrote down its txid. When a customer said a withdrawal never arrived, it looked that txid up; if it was not confirmed, it paid again. In February 2014 attackers used transaction malleability against exactly this, and Mt.Gox later reported 850,000 bitcoins missing. On the canvas, Coins is the exchange’s hot wallet: eight coins of 2 BTC.',
    },
    changingTransactionWithoutKey: {
      title: 'Changing a transaction without the key',
      narration:
        'The txid is the double SHA-256 of the whole transaction, signatures included, but a signature cannot sign itself. So anyone can re-encode it — push it with OP_PUSHDATA2 instead of a plain push, pad its DER encoding, flip S to n − S — and get a valid transaction that pays the same people the same amounts under a different txid. Like silver melted down from an ingot and cast as a pot: the same silver in a different shape.',
    },
    race: {
      title: 'The race',
      narration:
        'Mallory withdraws 1 BTC and the exchange pays her: W1, W2, … are its payments, one per round. Mallory checks her node every second; as soon as a payment arrives she re-pushes its signature with OP_PUSHDATA2 and sends the copy to her node and straight to pools A and B. Each pool keeps whichever version reaches it first — a matter of luck. A pool, drawn by hash power, finds the next block. In the round where a pool mines the copy — the transaction marked “(Mallory)” — the exchange’s original conflicts with it; Mallory complains, the exchange finds its own txid unconfirmed and pays her again: the “-resend” transaction. She stops after one win.',
    },
    oddsOverManyRaces: {
      title: 'The odds over many races',
      narration:
        'One lucky round proves little, so the same race runs 200 times on a copy of this network. Mallory is directly connected to pools holding 75% of the hash power. The original takes 10 to 20 seconds to reach each node, Mallory’s included; at her next once-a-second look she hands her copy straight to those pools, and it gets there before the original 45% of the time. Predicted share of races she wins: 0.75 × 0.45 ≈ 34%. The chart shows the observed share settling on the prediction.',
    },
    whichRuleClosedWhich: {
      title: 'Which rule closed which hole',
      narration:
        'The table judges every mutation (rows) by a real node with one rule switched on at a time (columns): strict DER (BIP66) stops the re-encoded signatures, low-S the flipped S (its check reads the signature as strict DER, so it stops the DER tricks too), MINIMALDATA the odd pushes, SIGPUSHONLY and CLEANSTACK the extra items. With all of them on, nothing gets through. The last column mutates a SegWit payment’s witness instead: the txid does not even change, because the witness is not part of it.',
    },
    relayRulesAre: {
      title: 'The relay rules are on',
      narration:
        'The same network, but every node now enforces strict DER, low S, MINIMALDATA, SIGPUSHONLY and CLEANSTACK. Mallory withdraws three times (W1, W2, W3): each copy is refused by her own node and by the pools, the original is always mined, and the exchange pays each withdrawal exactly once.',
    },
    exchangeThatWatchesWhat: {
      title: 'An exchange that watches what the chain did',
      narration:
        'The fix that needs no new rule: when Mallory complains, the exchange does not look for its txid but for a mined transaction that spent its coins and paid her — and finds her own copy, marked “(Mallory)”. Mallory wins the race once more, and gains nothing: nobody pays her again.',
    },
  },
  tasks: {
    /** The Mt.Gox race round by round (attack.ts). */
    attack: {
      title: 'The race, round by round',
      withdrawalTxid: 'Withdrawal txid',
      copy: 'Mallory’s copy',
      foundBy: 'Block found by',
      mined: 'Mined',
      paidAgain: 'Paid again',
      round: (p: { round: number }) => `Round ${p.round}`,
      refused: (p: { reason: string }) => `refused: ${p.reason}`,
      theCopy: 'the copy',
      theOriginal: 'the original',
      ledger: {
        title: 'The exchange’s ledger',
        rounds: 'Withdrawals Mallory asked for',
        successes: 'Rounds the copy was mined',
        paidAgain: 'Withdrawals paid twice',
        requestedSat: 'Asked for (sat)',
        paidSat: 'Paid to Mallory, as the chain shows (sat)',
        lossSat: 'Lost to malleability (sat)',
        lossIsOneWithdrawalPerWin: 'Loss = one withdrawal per paid-again round',
      },
    },
    /** The same race many times over (odds.ts). */
    odds: {
      chart: {
        title: 'How often the copy wins',
        x: 'Races',
        y: '% won by Mallory',
        observed: 'observed so far',
        predicted: 'predicted by the delays',
      },
      summary: {
        title: 'The race odds',
        races: 'Races',
        wins: 'Won by Mallory’s copy',
        observedPercent: 'Observed (%)',
        peerSharePercent: 'Hash power Mallory reaches (%)',
        copyFirstPercent: 'Copy first at such a pool (%)',
        predictedPercent: 'Predicted (%)',
        withinThreeSigma: 'Observed within 3σ of predicted',
      },
    },
    /** Every mutation under each rule (odds.ts, matrixTask). */
    matrix: {
      title: 'Which mutations still work, rule by rule',
      /** The columns, by the ids the summary's facts carry. */
      rules: {
        none: '2014: no rule',
        dersig: 'Strict DER (BIP66)',
        lowS: 'Low S',
        minimalData: 'MINIMALDATA',
        pushOnlyCleanStack: 'SIGPUSHONLY + CLEANSTACK',
        all: 'All of them',
      },
      segwitColumn: 'SegWit (witness mutated)',
      /** Each mutation in words (shared/protocols/malleability.ts says what it does). */
      mutations: {
        'high-s': 'S flipped to n − S',
        'der-padding': 'DER: zero byte before R',
        'der-long-length': 'DER: length in long form',
        pushdata1: 'Pushed with OP_PUSHDATA1',
        pushdata2: 'Pushed with OP_PUSHDATA2',
        'extra-push': 'An extra push first',
        'non-push': 'An OP_NOP first',
      },
      /** A cell's words; the English is what the regtest suite compares with real nodes' answers. */
      works: 'works: new txid',
      sameTxid: 'accepted, same txid',
      notApplicable: 'n/a',
      stopped: (p: { why: string }) => `stopped: ${p.why}`,
      summary: {
        title: 'Mutations that still change the txid and get accepted',
        segwit: 'SegWit',
        segwitTxidUnchanged: 'SegWit txid unchanged by every witness mutation',
      },
    },
  },
};
