/** The generic lesson tasks' words in Simplified Chinese: the same keys as en.ts, checked by the compiler. */
import type { Translation } from '../narration';
import type { en } from './en';

export const zh: Translation<typeof en> = {
  facts: {
    value: '数值',
    yes: '是',
    no: '否',
  },
  trace: {
    title: (p) => `${p.node} 输入 ${p.input} 的脚本执行：每个操作码之后的栈（栈顶在最后）`,
    script: '脚本',
    opcode: '操作码',
    stackAfter: '执行后的栈',
    skipped: (p) => `${p.opcode}（跳过）`,
    verdict: (p) => `${p.node} 的验证结果`,
    valid: '有效',
    scriptError: '脚本错误',
    opcodesExecuted: '执行的操作码',
    finalStack: '最终的栈',
  },
  compareSizes: {
    title: 'txid 与 wtxid、大小、权重与虚拟大小',
    txid: 'txid',
    wtxid: 'wtxid',
    size: '大小（字节）',
    witnessBytes: '见证字节',
    weight: '权重（WU）',
    vsize: '虚拟大小（vB）',
    discount: '折扣',
    sameAsTxid: '与 txid 相同',
    facts: '大小',
    nodeSize: (p) => `${p.node}：大小`,
    nodeVsize: (p) => `${p.node}：虚拟大小`,
    nodeWeight: (p) => `${p.node}：权重`,
    nodeSameIds: (p) => `${p.node}：txid = wtxid`,
    nodeDiscount: (p) => `${p.node}：见证折扣`,
  },
  extractSecret: {
    title: (p) => `从链上读到的 ${p.label}`,
    revealedBy: '由谁公开',
    filledInto: '填入',
  },
  recordPoint: {
    step: '步骤',
    value: '数值',
    channelBalances: {
      title: '通道余额',
      y: 'BTC',
    },
  },
  mutateBroadcast: {
    copies: 'Mallory 的副本',
    mutation: (p) => `${p.node}：改动`,
    txidChanged: (p) => `${p.node}：txid 改变`,
    copyTxid: (p) => `${p.node}：副本的 txid`,
    accepted: (p) => `${p.node}：副本被接受`,
  },
};
