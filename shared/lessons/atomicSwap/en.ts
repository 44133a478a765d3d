/** The atomic-swap lesson in English: its title, its description, and each step's title and narration. */
export const en = {
  title: 'Atomic swap: 1 BTC for 10 LTC',
  description:
    'Tier Nolan’s cross-chain swap: Tx1 and Tx3 lock the coins to the hash of Alice’s secret X, Tx2 and Tx4 are the refunds after 48 and 24 hours.',
  steps: {
    aliceHas1Btc: {
      title: 'Alice has 1 BTC, Bob has 10 LTC',
      narration: (p: { hash: string }) =>
        `They want to swap, on two different chains, without trusting each other or anyone else: Alice’s coin is in Coins on the Bitcoin chain, Bob’s in Coins (LTC) on the Litecoin chain. Alice picks a random secret X that only she knows; its hash SHA256(X) = ${p.hash} will lock both sides.`,
    },
    tx1RefundTx2Signed: {
      title: 'Tx1 and its refund Tx2, signed by Bob first',
      narration:
        'Tx1 pays Alice’s 1 BTC to a script with two ways out: X and Bob’s signature, or Alice’s and Bob’s signatures together. Before broadcasting it, Alice builds Tx2, which returns the coin to her through the second way, with nLockTime 48 hours later, and has Bob sign it. Now Alice can always get her bitcoin back, so she broadcasts Tx1. Bob cannot take it: he knows neither X nor Alice’s key.',
    },
    tx3RefundTx4Signed: {
      title: 'Tx3 and its refund Tx4, signed by Alice first',
      narration:
        'Bob does the same on the Litecoin chain: Tx3 locks his 10 LTC to “X and Alice’s signature, or both signatures”, with the same hash of X. His refund Tx4 unlocks after 24 hours, a day before Alice’s: to take his litecoins Alice must reveal X within those 24 hours, and Bob still has a day to use X before Alice could take her bitcoin back. Alice signs Tx4, and Bob broadcasts Tx3.',
    },
    aliceClaims10Ltc: {
      title: 'Alice claims 10 LTC with X',
      narration: (p: { claimTx3: string }) =>
        `With ${p.claimTx3}, Alice spends Tx3 with X and her signature. To do it she has to publish X on the Litecoin chain.`,
    },
    bobReadsXLitecoin: {
      title: 'Bob reads X on the Litecoin chain and claims 1 BTC',
      narration: (p: { claimTx3: string; claimTx1: string }) =>
        `Bob takes X from Alice’s ${p.claimTx3} and uses it, with his signature, to spend Tx1 in ${p.claimTx1}. Both got what they wanted, or neither would have: the swap is atomic. The refunds Tx2 and Tx4 can no longer happen.`,
    },
    bobWalksAway: {
      title: 'Bob walks away',
      narration:
        'Bob changes his mind and never publishes Tx3. After 24 hours Alice tries her refund: Tx2 is still locked, and refused.',
    },
    after48Hours: {
      title: 'After 48 hours: Alice takes her bitcoin back',
      narration:
        'Tx2’s lock time has passed: it confirms and Alice has her 1 BTC again. Bob never moved his litecoins. Both end where they started, less fees.',
    },
    aliceNeverClaims: {
      title: 'Alice never claims: at 24 h Bob refunds with Tx4',
      narration:
        'Alice does not claim Tx3, so X stays secret. Before 24 hours Bob’s refund Tx4 is refused; after 24 hours it confirms and Bob has his 10 LTC back. Alice’s Tx2 is still locked for another day and refused.',
    },
    aliceRefundsAt48h: {
      title: 'At 48 h Alice refunds with Tx2',
      narration: 'Another day and Tx2 confirms: Alice has her bitcoin back. Nobody lost anything but fees.',
    },
  },
};
