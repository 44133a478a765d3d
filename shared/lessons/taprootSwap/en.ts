/** The Taproot swap lesson in English: its title, its description, each step's words and its table's. */
export const en = {
  title: 'Taproot swap: the seed’s HTLC, today',
  description:
    'The seed’s atomic swap rebuilt for Taproot: each side locks its coin to a MuSig2 key of Alice and Bob with two hidden tapleaves, a hashlock and a refund. Agreeing, they spend by the key path — one key, one signature, like any payment; otherwise a leaf shows only itself. Bytes and privacy beside the seed’s.',
  steps: {
    twoCoins: {
      title: 'The seed’s swap, built for Taproot',
      narration: (p: { hash: string }) =>
        `Alice has 1 BTC, Bob 10 LTC, as in the seed’s swap, and Alice again picks a secret X: SHA256(X) = ${p.hash}. In the seed each side locks its coin to a P2WSH script “X and the claimer’s signature, or both signatures”, and every spend publishes that whole script. Here each side’s coin goes to one Taproot key instead: the MuSig2 aggregate of Alice’s and Bob’s keys, tweaked with two tapleaves nobody sees until one is used.`,
    },
    tx1Locked: {
      title: 'Tx1: Alice’s bitcoin under one key and two hidden leaves',
      narration:
        'Tx1 pays 1 BTC to OP_1 <output key>: 34 bytes, the same as any Taproot payment’s. Behind the key are two leaves: “X and Bob’s signature” and “after 48 hours, Alice’s signature”. The refund is a CHECKLOCKTIMEVERIFY leaf, so unlike the seed nobody signs a refund for Alice before she funds (the seed’s Tx2 was pre-signed by Bob because the protocol predates CLTV).',
    },
    tx3Locked: {
      title: 'Tx3: Bob’s litecoins, the same way round',
      narration:
        'Bob locks 10 LTC on the Litecoin chain to the same kind of output: the same aggregate key of Alice and Bob, a leaf “X and Alice’s signature”, and a refund leaf for Bob after 24 hours, a day before Alice’s, as in the seed. The two outputs share no visible script or hash: on their own chains they look like two unrelated payments.',
    },
    aliceTakesLtcKeyPath: {
      title: 'Alice gives X to Bob privately; both sign Alice’s claim',
      narration:
        'Alice hands X to Bob off the chain. That costs her nothing: she can still claim Tx3 on its hashlock leaf before Bob’s refund opens, and now Bob can claim Tx1 the same way. So there is no reason left to fight, and they sign Tx3-key together with MuSig2: Alice gives her partial signature (the draft is partly signed), Bob gives his, and the two add up to one 64-byte Schnorr signature under the output key. The witness is that signature and nothing else.',
    },
    bobTakesBtcKeyPath: {
      title: 'Both sign Bob’s claim: the swap leaves no trace',
      narration:
        'Tx1-key pays Bob his bitcoin the same way. Neither chain has seen X, its hash, a script or a second key: two ordinary-looking Taproot spends on two chains, which nothing links. In the seed both claims show the whole contract and the same SHA256(X) on both chains, so anyone can pair them. The table sets the two versions of this spend side by side.',
    },
    wrongPreimage: {
      title: 'Bob stops answering: a claim with the wrong X fails',
      narration:
        'Bob has Tx3’s refund ready and will not co-sign. Alice falls back to the hashlock leaf. First a claim with a wrong 32-byte X: the leaf’s OP_SHA256 OP_EQUALVERIFY stops it, and the node refuses it. The trace beside shows the leaf running on the witness: the hash of this X is not the one in the leaf.',
    },
    wrongControlBlock: {
      title: 'A leaf must prove it is in the tree',
      narration:
        'Next the right X, but a control block whose sibling hash is wrong. The control block is the leaf’s proof: the internal key and the hash of the other leaf, from which the node recomputes the output key. With the wrong hash it gets another key, and refuses the spend before running the leaf (Core: witness program hash mismatch).',
    },
    aliceClaimsLeaf: {
      title: 'Alice claims on the hashlock leaf',
      narration:
        'With X and the right control block Tx3-leaf is accepted. The witness shows Alice’s signature, X, this leaf’s script and a 65-byte control block: the refund leaf stays a 32-byte hash, and nobody learns how long Bob’s refund was or that there was one. Compared with the seed: smaller, and one branch instead of the whole contract.',
    },
    bobReadsX: {
      title: 'Bob reads X on the Litecoin chain and claims Tx1',
      narration:
        'As in the seed, X is now public: Bob takes it from Tx3-leaf and claims Tx1 on its hashlock leaf. The swap is still atomic; it only lost some privacy, because Bob made Alice use the leaf.',
    },
    refundTooEarly: {
      title: 'Bob never locks his litecoins; Alice’s refund is not yet final',
      narration:
        'Bob disappears after Tx1 is confirmed and never publishes Tx3. Alice signs Tx1-refund, which spends the refund leaf; its nLockTime is 48 hours after the start and CHECKLOCKTIMEVERIFY checks it, so now it is refused as non-final.',
    },
    refundAfter48h: {
      title: 'After 48 hours Alice takes her bitcoin back',
      narration:
        'Two days later the refund confirms without Bob: no one had to sign it for her in advance. It shows only the refund leaf — the hash of X and the hashlock stay hidden behind one 32-byte hash.',
    },
  },
  tasks: {
    compare: {
      title: (p: { node: string }) => `${p.node} beside the seed’s version`,
      seed: 'Seed (P2WSH)',
      taproot: 'Taproot',
      witnessBytes: 'Witness bytes',
      vsize: 'Virtual size (vB)',
      script: 'Script shown',
      hash: 'SHA256(X) shown',
      keys: 'Keys shown',
      hidden: 'Left hidden',
      looksLikePayment: 'Looks like a one-key payment',
      wholeScript: (p: { bytes: number }) => `whole contract (${p.bytes} B)`,
      noScript: 'none',
      oneLeaf: (p: { bytes: number }) => `this leaf (${p.bytes} B)`,
      bothKeys: 'Alice’s and Bob’s',
      outputKeyOnly: 'the output key only',
      leafKeyAndInternal: 'one key + the internal key',
      nothingHidden: 'nothing',
      bothLeaves: 'both leaves, the aggregate',
      otherLeaf: 'the other leaf (a 32-byte hash)',
      seedVsize: 'Seed: virtual size',
      taprootVsize: 'Taproot: virtual size',
      seedWitness: 'Seed: witness bytes',
      taprootWitness: 'Taproot: witness bytes',
      note: 'Seed signatures counted at 72 bytes (a DER signature is 71–73); Schnorr signatures are always 64.',
    },
  },
};
