/** The p2pkh-basics lesson in English: its title, its description, and each step's title and narration. */
export const en = {
  title: 'Script execution: a P2PKH payment',
  description:
    'Alice pays Bob from a pay-to-public-key-hash coin; the debugger shows the stack after every opcode. Mallory’s forgery fails at OP_EQUALVERIFY.',
  steps: {
    coinLockedAliceKey: {
      title: 'A coin locked to Alice’s key hash',
      narration: (p: { output: number; node: string; pkh: string }) =>
        `Alice owns 1 BTC: output #${p.output} of ${p.node}, the transaction that paid it to her. Its output script (scriptPubKey) is OP_DUP OP_HASH160 ${p.pkh} OP_EQUALVERIFY OP_CHECKSIG: whoever shows a public key with this HASH160, and a signature made with that key, may spend it. Script is a small stack language, read left to right, with no loops.`,
    },
    aliceSignsPaymentBob: {
      title: 'Alice signs a payment to Bob',
      narration:
        'Payment spends Alice’s coin: 0.3 BTC to Bob, the rest back to Alice, 0.0001 BTC left to the miner as fee. Signing puts <signature> <public key> in the input script (scriptSig). The txid is the double SHA-256 of the serialized transaction — the signature is part of those bytes.',
    },
    stepThroughScripts: {
      title: 'Step through the scripts',
      narration:
        'First the input script pushes the signature, then the public key. Then the output script runs on the same stack: OP_DUP copies the key, OP_HASH160 hashes it, the expected hash is pushed, OP_EQUALVERIFY checks the two hashes are equal, and OP_CHECKSIG checks the signature against the key. A single TRUE is left: valid. The table shows the stack after every opcode.',
    },
    broadcastMine: {
      title: 'Broadcast and mine',
      narration:
        'The network checks the same scripts, accepts Payment into the mempool, and a miner puts it in a block. Alice’s coin is spent: Bob has 0.3 BTC.',
    },
    mallorySignsOwnKey: {
      title: 'Mallory signs with her own key',
      narration:
        'Mallory builds Forgery, a transaction that spends Alice’s coin to herself, and signs it with her own key: her signature is perfectly good — for her key. The workbench already marks it invalid.',
    },
    whereFailsOpEqualverify: {
      title: 'Where it fails: OP_EQUALVERIFY',
      narration:
        'Step through Forgery’s input: OP_HASH160 of Mallory’s key is not the hash in Alice’s output script, so OP_EQUALVERIFY stops the script right there. OP_CHECKSIG never runs. The table shows the stack after every opcode.',
    },
    networkRefuses: {
      title: 'The network refuses it',
      narration: 'Every node runs the same check: the broadcast of Forgery is refused and Alice keeps her coin.',
    },
  },
};
