/** The segwit lesson in English: its title, its description, and each step's title and narration. */
export const en = {
  title: 'SegWit: txid, wtxid and the witness discount',
  description:
    'A legacy and a SegWit payment side by side: ids, weight, virtual size. A malleated signature changes the legacy txid and strands its child; the SegWit txid stays.',
  steps: {
    samePaymentTwoWays: {
      title: 'The same payment, two ways',
      narration:
        'Alice pays Bob 0.5 BTC twice: Legacy spends a legacy P2PKH coin, where the signature and key sit in the scriptSig; SegWit spends a P2WPKH coin, where they sit in a separate witness. Segregated witness means exactly this: the witness is taken out of the part of the transaction that the txid hashes.',
    },
    txidVsWtxidWeight: {
      title: 'txid vs wtxid, weight and virtual size',
      narration:
        'Both are signed. The legacy payment’s txid and wtxid are the same. The SegWit payment has two ids: the txid without the witness and the wtxid with it. Weight counts non-witness bytes four times and witness bytes once; virtual size is weight ÷ 4. The witness is cheaper, so the SegWit payment pays less fee for the same job — the witness discount, a modest capacity increase.',
    },
    bobSignsTopBefore: {
      title: 'Bob signs on top, before anything confirms',
      narration:
        'Bob passes each 0.5 BTC on at once: Legacy-child and SegWit-child each spend output 0 of their payment and name it by its txid. Bob signs both before either payment confirms. This only works if the parent’s txid does not change.',
    },
    broadcastMineEverything: {
      title: 'Broadcast and mine everything',
      narration: 'Both payments and both children are accepted together and mined into one block.',
    },
    malloryFlipsBothSignatures: {
      title: 'Mallory flips both signatures',
      narration:
        'A miner here does not enforce low-S signatures. Mallory sees both payments, replaces S by n − S in each signature (still valid, no key needed) and gets her copies to the miner first. The copy of Legacy, “Legacy (Mallory)”, has a new txid and is mined; Legacy itself now conflicts with it. The copy of SegWit changes only the witness: same txid, new wtxid, so SegWit is confirmed as it is.',
    },
    legacyChildStrandedSegwit: {
      title: 'The legacy child is stranded; the SegWit child is not',
      narration:
        'Legacy-child spends an output of a transaction that will never be mined, since its copy was: refused. SegWit-child names a txid that did confirm, so it goes through. This is why payment channels had to wait for SegWit: they are chains of transactions signed before their parents confirm.',
    },
  },
};
