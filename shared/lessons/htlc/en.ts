/** The htlc lesson in English: its title, its description, and each step's title and narration. */
export const en = {
  title: 'HTLC in a channel: pay for R, or time out',
  description:
    'Alice offers Bob 0.1 BTC inside their channel for a secret R. Bob redeems with R, or Alice takes it back after three days; a revoked HTLC state is punished with HBR1a or HTBR1a.',
  steps: {
    aliceOffersHtlc: {
      title: 'Alice offers 0.1 for R: state 2 with an HTLC',
      narration: (p: { hash: string }) =>
        `Bob picks a secret R and tells Alice only its hash, HASH160(R) = ${p.hash}. The new commitments C2a and C2b each get a third output of 0.1, the HTLC. With R and both signatures it goes to Bob through HE1b; without R it can only go back to Alice through HT1a, whose nLockTime is three days away. Bob pre-signs Alice’s side (C2a, RD2a, HT1a, HTRD1a), Alice pre-signs Bob’s (C2b, RD2b, HE1b, HERD1b).`,
    },
    state1Revoked: {
      title: 'State 1 is revoked',
      narration:
        'As in the RSMC lesson, Alice hands Alice2 to Bob and Bob hands Bob2 to Alice: C1a and C1b are dead. Publishing either would hand the other side everything.',
    },
    bobShowsRChain: {
      title: 'Bob shows R on the chain: C2b and HE1b',
      narration:
        'Bob publishes his commitment C2b and HE1b, which spends the HTLC output with R and both signatures (Alice signed in advance; R is not covered by signatures, so it could be added later). Alice’s 0.4 is paid to her at once by C2b.',
    },
    oneWhoPublishesWaits: {
      title: 'The one who publishes waits: HERD1b and RD2b',
      narration:
        'HE1b pays the 0.1 into another revocable 2-of-2, so Bob, who closed the channel, waits 1000 blocks for HERD1b and RD2b. Then he has 0.6 and Alice 0.4: the payment went through on the chain.',
    },
    bobNeverShowsR: {
      title: 'Bob never shows R: Alice publishes C2a',
      narration: 'Bob has gone quiet. Alice publishes her commitment C2a; Bob’s 0.5 is paid to him at once.',
    },
    ht1aLockedThreeDays: {
      title: 'HT1a is locked for three days',
      narration:
        'HT1a takes the HTLC output back through the other branch, but its nLockTime is three days after the offer: this gives Bob three days to get R onto the chain. Broadcast now, it is refused as non-final.',
    },
    threeDaysLater: {
      title: 'Three days later',
      narration:
        'The clock moves three days and a few blocks are mined, so the median time of the last blocks has passed the timeout. HT1a is accepted.',
    },
    aliceWaits1000Blocks: {
      title: 'Alice waits 1000 blocks: RD2a and HTRD1a',
      narration:
        'Alice closed the channel, so both her outputs are locked for 1000 blocks. Then she has 0.5 back and Bob keeps his 0.5: the payment did not happen.',
    },
    rArrivesOffChain: {
      title: 'R arrives off-chain: state 3, state 2 revoked',
      narration:
        'Bob shows R to Alice privately and they agree on 0.4 / 0.6 without the HTLC: C3a/RD3a and C3b/RD3b are signed. To revoke state 2, Alice hands Alice3 to Bob and Bob hands Bob3 to Alice. Bob now prepares three breach remedies with Alice3: BR2a for C2a’s output 0, HBR1a for the HTLC output, and HTBR1a for HT1a’s output.',
    },
    alicePublishesRevokedC2a: {
      title: 'Alice publishes the revoked C2a and keeps HT1a back',
      narration: 'Alice broadcasts C2a. She holds HT1a back, hoping Bob cannot touch the HTLC output without R.',
    },
    hbr1aBobTakesHtlc: {
      title: 'HBR1a: Bob takes the HTLC output without R',
      narration:
        'With Alice3, Bob spends the HTLC output’s second branch at once with HBR1a, and C2a’s output 0 with BR2a. All 1 BTC of the channel is now Bob’s.',
    },
    aliceWaitsOutTimeout: {
      title: 'Alice waits out the timeout, then publishes C2a and HT1a together',
      narration:
        'Three days later Alice broadcasts the revoked C2a and, straight after it, HT1a — she gets the HTLC output before Bob can use HBR1a.',
    },
    hbr1aTooLate: {
      title: 'HBR1a is too late…',
      narration: 'The HTLC output is already spent by HT1a, so HBR1a is refused.',
    },
    htbr1aStillWorks: {
      title: '…but HTBR1a is not',
      narration:
        'HT1a paid the 0.1 into a 2-of-2 of Alice3 and Bob that Alice can only leave after 1000 blocks (HTRD1a). Bob holds Alice3, so HTBR1a takes it now, and BR2a takes output 0: Bob has everything. This is why both HBR1a and HTBR1a are needed.',
    },
  },
};
