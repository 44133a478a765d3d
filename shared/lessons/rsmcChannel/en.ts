/** The rsmc-channel lesson in English: its title, its description, and each step's title and narration. */
export const en = {
  title: 'RSMC payment channel: open, pay, revoke, close, breach',
  description:
    'Alice and Bob open a 1 BTC channel, Alice pays Bob 0.1 off-chain, the old state is revoked by handing over keys, and the channel closes cooperatively, unilaterally, or by a breach that is punished — or not.',
  steps: {
    twoNeighboursOneChannel: {
      title: 'Two neighbours, one channel',
      narration:
        'Alice and Bob each put 0.5 BTC into a channel. The Funding transaction takes a coin from each of them and pays both deposits into a 2-of-2 multisig of Alice and Bob: nobody can move the money alone. It is built, but not signed and not broadcast yet.',
    },
    commitmentsBeforeMoneyC1a: {
      title: 'Commitments before money: C1a, RD1a, C1b, RD1b',
      narration:
        'C1a is Alice’s copy of the balance sheet: output 0 pays her 0.5 into a 2-of-2 of Alice2 and Bob, output 1 pays Bob his 0.5. RD1a takes output 0 to Alice, but only 1000 blocks after C1a confirms (nSequence = 1000). Bob signs C1a and RD1a for Alice; Alice signs the mirror pair C1b and RD1b for Bob. This is safe: Funding is still unsigned, so none of these can reach the chain yet.',
    },
    nowSignBroadcastFunding: {
      title: 'Now sign and broadcast Funding',
      narration:
        'Each holds a commitment the other has signed, so each can always get their money back. Only now do both sign Funding. Its inputs are SegWit, so signing does not change its txid and the commitments still spend the right output. Broadcast, mine a block: the channel is open.',
    },
    alicePaysBob: {
      title: 'Alice pays Bob 0.1: state 2',
      narration:
        'Alice buys something from Bob for 0.1 BTC. Nothing goes to the chain: they build C2a/RD2a and C2b/RD2b with the new balances 0.4 / 0.6 and new revocation keys Alice3 and Bob3, and sign them for each other as before. For now the old state 1 is as valid as state 2 — the problem the next step solves.',
    },
    revokingState1Keys: {
      title: 'Revoking state 1: the keys change hands',
      narration:
        'Alice hands the private key Alice2 to Bob, and Bob hands Bob2 to Alice. Now Bob alone can sign BR1a, the breach remedy: it spends C1a’s output 0 to Bob at once, with no waiting. Alice does the same with BR1b against C1b. As long as Alice never publishes the old C1a, BR1a can never be used — its parent is not on the chain.',
    },
    closingTogether: {
      title: 'Closing together',
      narration:
        'When both agree, one transaction, Close, spends Funding’s output and pays both balances at once: 0.4 to Alice and 0.6 to Bob, each paying half the fee. No timelock, nobody waits.',
    },
    aliceClosesAloneC2a: {
      title: 'Alice closes alone: C2a',
      narration:
        'Bob does not answer, so Alice adds her signature to C2a (Bob signed it long ago) and broadcasts it. Output 1 pays Bob his 0.6 at once; Alice’s 0.4 sits in output 0.',
    },
    rd2aMustWait1000: {
      title: 'RD2a must wait 1000 blocks',
      narration:
        'RD2a spends C2a’s output 0 with nSequence = 1000: a relative lock. Broadcast now, the network refuses it as non-BIP68-final. Whoever closes the channel alone is the one who waits.',
    },
    oneBlockShort: {
      title: 'One block short',
      narration:
        '998 more blocks (about a week of Bitcoin time): C2a has 999 confirmations. RD2a could only enter the next block if C2a had 1000 by then — one short, still refused.',
    },
    after1000BlocksAlice: {
      title: 'After 1000 blocks: Alice gets her 0.4',
      narration:
        'One more block and the lock has run out: RD2a is accepted and mined. Alice has her 0.4, less the fees of C2a and RD2a that the closer pays.',
    },
    aliceCheatsShePublishes: {
      title: 'Alice cheats: she publishes the revoked C1a',
      narration:
        'In C1a Alice still had 0.5. She signs the old commitment and broadcasts it; it is a perfectly valid transaction, and it confirms. C2a can no longer happen: its input is spent.',
    },
    bobPunishesBr1aTakes: {
      title: 'Bob punishes: BR1a takes everything',
      narration:
        'RD1a cannot move Alice’s 0.5 for 1000 blocks. Bob notices at once and broadcasts BR1a, which he could sign alone since he holds Alice2. BR1a has no lock, so it confirms first: Bob already had C1a’s output 1 (his 0.5), and BR1a takes output 0 (Alice’s 0.5).',
    },
    tooLateRd1a: {
      title: 'Too late for RD1a',
      narration:
        'Alice’s own delivery RD1a now spends an output that BR1a already took: refused. Cheating cost her everything she had in the channel.',
    },
    bobAwayWeek: {
      title: 'Bob is away for a week',
      narration:
        'Bob is offline. 999 blocks pass and nobody broadcasts BR1a. Now C1a has enough confirmations for RD1a’s lock of 1000 blocks: Alice signs RD1a with Alice2 (she handed over a copy, she still has it) and it confirms.',
    },
    bobComesBackToo: {
      title: 'Bob comes back too late',
      narration:
        'Bob’s BR1a now spends an output RD1a already took: refused. The 1000-block window was his only chance. Alice got back the 0.1 she had paid — the penalty only works for someone who watches the chain.',
    },
  },
};
