/**
 * The generic lesson tasks' words in English (genericTasks/: trace, compare-sizes,
 * extract-secret, record-point, mutate-broadcast), and the frame every facts table shares:
 * the titles, column heads and row labels they publish to the lesson panel.
 */
export const en = {
  /** shared/scenario/lessonData.ts: a facts table's one column, and a yes/no figure. */
  facts: {
    value: 'Value',
    yes: 'yes',
    no: 'no',
  },
  trace: {
    title: (p: { node: string; input: number }) =>
      `Script trace of ${p.node}, input ${p.input}: the stack after each opcode (top last)`,
    script: 'Script',
    opcode: 'Opcode',
    stackAfter: 'Stack after',
    skipped: (p: { opcode: string }) => `${p.opcode} (skipped)`,
    verdict: (p: { node: string }) => `Verdict for ${p.node}`,
    valid: 'Valid',
    scriptError: 'Script error',
    opcodesExecuted: 'Opcodes executed',
    finalStack: 'Final stack',
  },
  compareSizes: {
    title: 'txid vs wtxid, size, weight and virtual size',
    txid: 'txid',
    wtxid: 'wtxid',
    size: 'Size (bytes)',
    witnessBytes: 'Witness bytes',
    weight: 'Weight (WU)',
    vsize: 'Virtual size (vB)',
    discount: 'Discount',
    sameAsTxid: 'same as txid',
    facts: 'Sizes',
    nodeSize: (p: { node: string }) => `${p.node}: size`,
    nodeVsize: (p: { node: string }) => `${p.node}: virtual size`,
    nodeWeight: (p: { node: string }) => `${p.node}: weight`,
    nodeSameIds: (p: { node: string }) => `${p.node}: txid = wtxid`,
    nodeDiscount: (p: { node: string }) => `${p.node}: witness discount`,
  },
  extractSecret: {
    title: (p: { label: string }) => `${p.label} read from the chain`,
    revealedBy: 'Revealed by',
    filledInto: 'Filled into',
  },
  recordPoint: {
    step: 'Step',
    value: 'Value',
    /** The series a lesson records, by key; any other key is its own title. */
    channelBalances: {
      title: 'Channel balances',
      y: 'BTC',
    },
  },
  mutateBroadcast: {
    copies: 'Mallory’s copies',
    mutation: (p: { node: string }) => `${p.node}: mutation`,
    txidChanged: (p: { node: string }) => `${p.node}: txid changed`,
    copyTxid: (p: { node: string }) => `${p.node}: copy’s txid`,
    accepted: (p: { node: string }) => `${p.node}: copy accepted`,
  },
};
