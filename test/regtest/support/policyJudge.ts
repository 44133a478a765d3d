/**
 * Judges a policy-rule case (generators/policyRules.ts) on both sides. The node: litecoind's own
 * RPCs (testmempoolaccept, sendrawtransaction, decoderawtransaction, generateblock). The engine:
 * the same RPC methods as `txlab rpc` answers them (main/host/rpc/methods.ts), run on a shadow
 * ChainNode that follows the node block by block (main/backends/realChain.ts), so both see the
 * same coins; decoding through support/decoded.ts, scripts through support/verdicts.ts. Every
 * verdict and every reason must be the same string on both sides.
 */
import { z } from 'zod';
import type { LocalDaemon } from '../../../main/backends/localDaemon';
import type { RealChain } from '../../../main/backends/realChain';
import { RpcError } from '../../../main/host/rpc/errors';
import { type RpcContext, RPC_METHODS } from '../../../main/host/rpc/methods';
import type { Workbench } from '../../../main/host/workbench';
import { checkTransaction, Transaction } from '../../../shared/bitcoin/transaction';
import { LTC_REGTEST } from '../../../shared/chain/profiles';
import { txRecord } from '../../../shared/chain/txRecord';
import type { PolicyCase, RuleId } from '../generators/policyRules';
import { compareDecoded } from './decoded';
import type { Miner } from './node';
import { callBatch } from './rpcBatch';
import { compare, consensusFlagsAt, engineVerdict, type ForkHeights, nodeVerdict } from './verdicts';

export interface Check {
  /** testmempoolaccept, sendrawtransaction, decoderawtransaction, generateblock, setup. */
  readonly what: string;
  readonly node: string;
  readonly engine: string;
  readonly agrees: boolean;
}

export interface CaseOutcome {
  readonly rule: RuleId;
  readonly id: string;
  readonly hex: string;
  readonly checks: readonly Check[];
  /** testmempoolaccept's verdict on the node: "allowed" or the reject reason. */
  readonly nodePolicy: string;
}

const MempoolAnswer = z
  .array(z.object({ allowed: z.boolean(), 'reject-reason': z.string().optional(), vsize: z.number().optional() }))
  .length(1);

type Answer = { ok: true; value: unknown } | { ok: false; code: number; message: string };

const describeMempool = (a: Answer): string => {
  if (!a.ok) return `error ${a.code}: ${a.message}`;
  const [r] = MempoolAnswer.parse(a.value);
  return r!.allowed ? `allowed (vsize ${r!.vsize})` : `rejected: ${r!['reject-reason']}`;
};

/**
 * sendrawtransaction's error as `code: reject reason`. Core's message is the validation state's
 * ToString(), "reason, debug message" for some refusals ("min relay fee not met, 109 < 110");
 * TxLab's RPC gives the reason alone. Only the reason is compared.
 */
const describeSend = (a: Answer): string =>
  a.ok ? `sent ${String(a.value)}` : `error ${a.code}: ${a.code === -26 ? a.message.split(', ')[0] : a.message}`;

/** Reject reasons of Consensus::CheckTransaction (consensus/tx_check.cpp): what a block would fail on first. */
const CHECK_TX_REASONS = new Set([
  'bad-txns-vin-empty',
  'bad-txns-vout-empty',
  'bad-txns-oversize',
  'bad-txns-vout-negative',
  'bad-txns-vout-toolarge',
  'bad-txns-txouttotal-toolarge',
  'bad-txns-inputs-duplicate',
  'bad-cb-length',
  'bad-txns-prevout-null',
]);

export class PolicyJudge {
  private readonly ctx: RpcContext;

  constructor(
    private readonly node: LocalDaemon,
    private readonly chain: RealChain,
    private readonly miner: Miner,
    private readonly forks: ForkHeights,
  ) {
    const primary = chain.primary;
    // The workbench around the shadow chain is only its chain: broadcasts go to the engine's mempool.
    const bench = {
      chains: new Map([['ltc', { primary }]]),
      applyChain: (action: { hex: string }) =>
        Promise.resolve({
          op: 'broadcast',
          outcome: primary.acceptToMempool(txRecord(Transaction.fromHex(action.hex))),
        }),
      changed: () => undefined,
    } as unknown as Workbench;
    this.ctx = { bench, chain: 'ltc', style: 'v0.21' };
  }

  private async nodeCall(method: string, params: readonly unknown[]): Promise<Answer> {
    const [answer] = await callBatch(this.node, method, [params]);
    return answer!.ok ? { ok: true, value: answer!.result } : answer!;
  }

  private async engineCall(method: string, params: readonly unknown[]): Promise<Answer> {
    try {
      return { ok: true, value: await RPC_METHODS[method]!(this.ctx, params) };
    } catch (e) {
      if (e instanceof RpcError) return { ok: false, code: e.code, message: e.message };
      throw e;
    }
  }

  /** The shadow chain catches up with blocks the node mined (generateblock). */
  async sync(): Promise<void> {
    const synced = await this.chain.sync();
    if (!synced.ok) throw new Error(`the shadow chain could not follow the node: ${synced.error.message}`);
  }

  async judge(c: PolicyCase): Promise<CaseOutcome> {
    const checks: Check[] = [];
    const push = (what: string, node: string, engine: string) =>
      checks.push({ what, node, engine, agrees: node === engine });

    for (const hex of c.setup ?? []) {
      const node = await this.nodeCall('sendrawtransaction', [hex, 0]);
      const engine = this.chain.primary.acceptToMempool(txRecord(Transaction.fromHex(hex)));
      push(
        'setup broadcast',
        node.ok ? `sent ${String(node.value)}` : `refused: ${node.message.split(', ')[0]}`,
        engine.ok ? `sent ${engine.txid}` : `refused: ${engine.rejection.reason}`,
      );
    }

    const params = c.maxFeeRate === undefined ? [[c.hex]] : [[c.hex], c.maxFeeRate];
    const nodePolicy = await this.nodeCall('testmempoolaccept', params);
    const nodeText = describeMempool(nodePolicy);
    push('testmempoolaccept', nodeText, describeMempool(await this.engineCall('testmempoolaccept', params)));

    if (c.send) {
      const sendParams = c.maxFeeRate === undefined ? [c.hex] : [c.hex, c.maxFeeRate];
      const node = await this.nodeCall('sendrawtransaction', sendParams);
      const engine = await this.engineCall('sendrawtransaction', sendParams);
      push('sendrawtransaction', describeSend(node), describeSend(engine));
    }

    // Some maxfeerate-argument cases do not decode: they stop at the two calls above.
    const tx = c.decode || c.scriptBlock || c.checkTxBlock ? Transaction.fromHex(c.hex) : undefined;
    if (tx && c.decode) {
      const differences = await compareDecoded(this.node, [tx]);
      push('decoderawtransaction', differences.length === 0 ? 'same' : differences.join('\n'), 'same');
    }

    if (tx && (c.scriptBlock || c.checkTxBlock)) {
      const height = this.chain.primary.height + 1;
      const block = await this.miner.generateBlock([c.hex]);
      if (!block.ok && block.error.code !== 'REJECTED') throw new Error(`generateblock: ${block.error.message}`);
      const reason = block.ok ? undefined : (block.error.detail ?? '').replace(/^TestBlockValidity failed: /, '');
      if (c.scriptBlock) {
        const engine = engineVerdict(tx, c.scriptBlock, consensusFlagsAt(height, this.forks));
        const comparison = compare(engine, nodeVerdict(block.ok, reason));
        checks.push({
          what: 'generateblock (scripts)',
          node: comparison.node,
          engine: comparison.engine,
          agrees: comparison.verdictAgrees && comparison.reasonAgrees !== false,
        });
      }
      if (c.checkTxBlock) {
        const first = reason?.split(', ')[0];
        const node = first && CHECK_TX_REASONS.has(first) ? first : 'passes CheckTransaction';
        push(
          'generateblock (CheckTransaction)',
          node,
          checkTransaction(tx, LTC_REGTEST.rules.maxMoney) ?? 'passes CheckTransaction',
        );
      }
      if (block.ok) await this.sync();
    }

    const nodeVerdictText = nodePolicy.ok ? MempoolAnswer.parse(nodePolicy.value)[0]! : undefined;
    return {
      rule: c.rule,
      id: c.id,
      hex: c.hex,
      checks,
      nodePolicy: nodeVerdictText?.allowed ? 'allowed' : (nodeVerdictText?.['reject-reason'] ?? nodeText),
    };
  }
}

export interface RuleRow {
  readonly rule: RuleId;
  readonly cases: number;
  readonly agreed: number;
  readonly checks: number;
  /** The node's testmempoolaccept verdicts, with how many cases got each. */
  readonly verdicts: ReadonlyMap<string, number>;
}

export function ruleTable(rules: readonly RuleId[], outcomes: readonly CaseOutcome[]): RuleRow[] {
  return rules.map((rule) => {
    const mine = outcomes.filter((o) => o.rule === rule);
    const verdicts = new Map<string, number>();
    for (const o of mine) verdicts.set(o.nodePolicy, (verdicts.get(o.nodePolicy) ?? 0) + 1);
    return {
      rule,
      cases: mine.length,
      agreed: mine.filter((o) => o.checks.every((c) => c.agrees)).length,
      checks: mine.reduce((s, o) => s + o.checks.length, 0),
      verdicts,
    };
  });
}

export function formatTable(rows: readonly RuleRow[]): string {
  const lines = rows.map(
    (r) =>
      `${r.rule.padEnd(20)} ${String(r.cases).padStart(5)} ${String(r.agreed).padStart(6)} ${String(r.checks).padStart(6)}  ${[
        ...r.verdicts,
      ]
        .map(([v, n]) => `${v} ×${n}`)
        .join('; ')}`,
  );
  return [
    `${'rule'.padEnd(20)} ${'cases'.padStart(5)} ${'agreed'.padStart(6)} ${'checks'.padStart(6)}  node verdicts`,
    ...lines,
  ].join('\n');
}

export function disagreements(outcomes: readonly CaseOutcome[]): string[] {
  return outcomes
    .filter((o) => o.checks.some((c) => !c.agrees))
    .map(
      (o) =>
        `${o.id}\n${o.checks
          .filter((c) => !c.agrees)
          .map((c) => `  ${c.what}\n    node:   ${c.node}\n    engine: ${c.engine}`)
          .join(
            '\n',
          )}\n  tx: ${o.hex.length > 2_000 ? `${o.hex.slice(0, 2_000)}… (${o.hex.length / 2} bytes)` : o.hex}`,
    );
}
