/** The multihop lesson in English: its title, its description, and each step's title and narration. */
export const en = {
  title: 'Multi-hop payment: Alice → Bob → Carol → Dave',
  description:
    'Alice pays Dave 0.05 BTC through Bob and Carol with chained HTLCs of 0.052, 0.051 and 0.05 and timeouts of 3, 2 and 1 days.',
  steps: {
    routeThreeChannels: {
      title: 'A route of three channels',
      narration: (p: { hash: string }) =>
        `Alice wants to pay Dave 0.05 BTC but has no channel with him. She has one with Bob, Bob with Carol, Carol with Dave. Dave makes a secret R and gives Alice only H(R) = ${p.hash}. R and H(R) are like the two halves of a tally: whoever shows R proves the payment arrived. Coins holds what Alice, Bob and Carol start with.`,
    },
    htlcsFromAliceDave: {
      title: 'HTLCs from Alice to Dave: 0.052, 0.051, 0.05',
      narration:
        'HTLC Alice→Bob locks 0.052 for Bob: his with R within 3 days, else back to Alice. HTLC Bob→Carol locks 0.051 for Carol for 2 days, HTLC Carol→Dave 0.05 for Dave for 1 day. Each timeout is a day shorter than the one before, so whoever learns R downstream still has a day to use it upstream. (Each HTLC is shown as the on-chain contract its channel would enforce.)',
    },
    daveShowsRTakes: {
      title: 'Dave shows R and takes 0.05',
      narration:
        'With Redeem Carol→Dave, Dave spends Carol’s HTLC with his signature and R. R is now public, on the chain.',
    },
    carolReadsRFrom: {
      title: 'Carol reads R from the chain and takes 0.051',
      narration:
        'Carol signs Redeem Bob→Carol, her claim on Bob’s HTLC (R is not covered by the signature). She reads R from Dave’s Redeem Carol→Dave, puts it in, and takes 0.051 — 0.001 more than she paid Dave.',
    },
    bobDoesSame: {
      title: 'Bob does the same: 0.052',
      narration:
        'Bob reads R from Carol’s Redeem Bob→Carol and takes Alice’s 0.052 with Redeem Alice→Bob. Alice’s refund, Timeout Alice→Bob, can no longer happen. Every hop kept 0.001; Dave has 0.05; Alice paid 0.052.',
    },
    /** A hop's timeout path, one step per hop: the day it expires, the payer, the amount in BTC, the next hop's timeout still early. */
    timeout: {
      title: (p: { day: number; payer: string; amount: number }) =>
        `After ${p.day} day${p.day > 1 ? 's' : ''}: ${p.payer} takes back ${p.amount}`,
      narration: (p: { payer: string; amount: number; timeout: string; early: string | undefined }) =>
        `The clock passes ${p.payer}’s timeout. ${p.timeout} (nLockTime = the timeout, checked by OP_CHECKLOCKTIMEVERIFY in the script) is now accepted: ${p.payer} has the ${p.amount} back.${p.early ? ` ${p.early} is still a day early and refused.` : ''}`,
    },
    daveNeverRevealsR: {
      title: 'Dave never reveals R',
      narration:
        'Dave keeps R to himself. Nobody can redeem anything, and nobody can take their coins back yet either: Alice’s refund, Timeout Alice→Bob, is locked for 3 days and refused.',
    },
  },
};
