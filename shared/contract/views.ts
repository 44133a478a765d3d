/** What the host answers with: read-only views of the workspace. No private key is ever in them. */
import type { OutputType } from '../bitcoin/scriptType';
import type { ChainId } from '../chain/profiles';
import type { Era, PolicyRule, RbfPolicy } from '../chain/era';
import type { GraphNode, LockDescriptor } from '../workspace/model';
import type { ResolvedTimelock } from '../workspace/timelocks';
import type { ByteRange } from '../workspace/layout';
import type { PayType, TypeNote } from '../workspace/payTypes';
import type { HostText, Result } from './result';
import type { TaprootTreeView } from './taprootViews';

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly mode: 'electron' | 'browser' | 'headless';
}

export type NodeStatus =
  | { readonly kind: 'draft' }
  | { readonly kind: 'partly-signed'; readonly signed: number; readonly total: number }
  | { readonly kind: 'signed' }
  /**
   * `otherWitness`: the mempool holds this transaction (its txid) with another witness, this
   * wtxid; a txid does not cover the witness, so a key-path and a leaf spend can share one.
   */
  | { readonly kind: 'mempool'; readonly otherWitness?: string }
  /**
   * In block `height`. Its confirmations are the chain's height − `height` + 1 (`ChainSummary`):
   * not part of the node's view, so a new block changes no confirmed node's view. `otherWitness`
   * as for `mempool`: the block holds the same txid with that wtxid, not this draft's witness.
   */
  | { readonly kind: 'confirmed'; readonly height: number; readonly blockHash: string; readonly otherWitness?: string }
  | { readonly kind: 'conflicted'; readonly by: string; readonly byConfirmed: boolean }
  | {
      readonly kind: 'invalid';
      readonly input: number;
      /** Core's script error name (EVAL_FALSE, SIG_DER, …) or a reject reason. */
      readonly error: string;
      readonly message: string;
      /** The opcode that failed and its byte offset in its script, when a script failed. */
      readonly opcode?: string;
      readonly script?: string;
      readonly offset?: number;
    };

export interface SlotView {
  readonly area: 'scriptSig' | 'witness';
  readonly item: number;
  readonly pubKey: string;
  readonly sighashType: number;
  readonly signed: boolean;
  /** The wallet and key that can sign it, when one of the workspace's wallets owns the key. */
  readonly owner?: {
    readonly walletId: string;
    readonly walletName: string;
    readonly keyId: string;
    readonly keyLabel: string;
  };
}

export interface InputView {
  readonly index: number;
  readonly prevout?: { readonly txid: string; readonly vout: number; readonly node?: string; readonly output?: number };
  readonly amount?: string;
  readonly prevoutType?: OutputType;
  /** The spent P2SH coin wraps a P2WPKH program (the input's unlock pushes one): P2SH-P2WPKH. */
  readonly prevoutNested?: boolean;
  readonly sequence: number;
  readonly scriptSigHex: string;
  readonly scriptSigAsm: string;
  readonly witness: readonly string[];
  readonly slots: readonly SlotView[];
  /** Spending a P2TR output with a script tree: by the key path or a leaf (undefined: neither yet). */
  readonly taprootPath?: 'key' | number | 'none';
}

export interface OutputView {
  readonly index: number;
  readonly value: string;
  readonly scriptPubKeyHex: string;
  readonly scriptPubKeyAsm: string;
  readonly type: OutputType;
  readonly address?: string;
  readonly owner?: string;
  readonly label?: string;
  readonly lock?: LockDescriptor;
  /** A P2TR output with a script tree built here: its leaves, hashes and control blocks. */
  readonly taprootTree?: TaprootTreeView;
  /** A P2SH output known to wrap a P2WPKH program (its lock or a wallet's key says so): P2SH-P2WPKH. */
  readonly nested?: boolean;
  /** The graph node or chain transaction spending it, if any. */
  readonly spentBy?: { readonly node?: string; readonly txid?: string };
}

/** A draft's mistake a node would refuse or a person would regret, said before signing. Amounts in satoshis. */
export type DraftWarning =
  | { readonly code: 'no-outputs' }
  | { readonly code: 'outputs-exceed-inputs'; readonly missing: string }
  | { readonly code: 'absurd-fee'; readonly feeRate: number; readonly maxFeeRate: number }
  | { readonly code: 'no-change'; readonly fee: string; readonly spender: string }
  | { readonly code: 'dust'; readonly output: number; readonly threshold: string };

export interface NodeView {
  readonly id: string;
  readonly kind: GraphNode['kind'];
  readonly label: string;
  readonly chain: ChainId;
  readonly template: string;
  readonly position: { readonly x: number; readonly y: number };
  readonly version: number;
  readonly locktime: number;
  readonly txid: string;
  readonly wtxid: string;
  readonly size: number;
  readonly vsize: number;
  readonly weight: number;
  /** Satoshis; absent until every input's amount is known. */
  readonly fee?: string;
  /** sat/vB. */
  readonly feeRate?: number;
  readonly inputs: readonly InputView[];
  readonly outputs: readonly OutputView[];
  readonly status: NodeStatus;
  readonly timelocks: readonly ResolvedTimelock[];
  /** The last refusal of its broadcast: Core's reason, TxLab's English `message`, and `text` for the page (absent from a real node). */
  readonly lastRejection?: { readonly reason: string; readonly message: string; readonly text?: HostText };
  /** What to fix before signing a draft (shared/chain/draftWarnings.ts); absent when nothing. */
  readonly warnings?: readonly DraftWarning[];
  /** A payment template spending a coin of another type: what it builds (shared/workspace/payTypes.ts). */
  readonly typeNotes?: readonly TypeNote[];
}

export interface EdgeView {
  readonly id: string;
  readonly from: { readonly node: string; readonly output: number };
  readonly to: { readonly node: string; readonly input: number };
}

export interface PolicyRuleView {
  readonly on: boolean;
  /** Consensus in this era: always on. */
  readonly locked: boolean;
}

/** The rules of the node a chain follows where Litecoin Core 0.21 and Bitcoin Core differ (docs/litecoin-rules.md). */
export interface NodeRulesView {
  readonly follows: 'bitcoin-core' | 'litecoin-core-0.21';
  /** MAX_MONEY in satoshis. */
  readonly maxMoney: string;
  /** DUST_RELAY_TX_FEE in sat/vB. */
  readonly dustRelayFeeRate: number;
  /** The replacement policy a fresh node starts with (BIP125 opt-in, or none). */
  readonly replacementDefault: 'opt-in' | 'off';
  /** Witness v9 peg-in outputs are refused. */
  readonly mwebPegins: boolean;
  /** The script error of OP_IF/OP_NOTIF on an empty stack. */
  readonly emptyIfError: 'UNBALANCED_CONDITIONAL' | 'INVALID_STACK_OPERATION';
}

export interface ChainSummary {
  readonly id: ChainId;
  readonly name: string;
  readonly unit: string;
  readonly height: number;
  readonly tipHash: string;
  readonly tipTime: number;
  readonly medianTimePast: number;
  /** The chain's clock (advance time moves it). */
  readonly time: number;
  readonly targetSpacing: number;
  readonly era: Era;
  readonly rules: Readonly<Record<PolicyRule, PolicyRuleView>>;
  readonly rbf: RbfPolicy;
  /** The rules of the chain's node (a real node's own, whichever regtest it plays). */
  readonly nodeRules: NodeRulesView;
  readonly mempoolCount: number;
  readonly mempoolVsize: number;
  readonly backend: 'simulated' | 'real';
  /** For a real chain: a daemon TxLab started for it, or a node at a URL. */
  readonly realNode?: 'local' | 'rpc';
  readonly nodes: readonly {
    /** In English, as the CLI prints it ("litecoind playing Bitcoin regtest (local)"). */
    readonly name: string;
    /** A real node's name in parts, for the page to say in its language. */
    readonly real?: RealNodeName;
    readonly height: number;
    readonly tipHash: string;
    readonly mempoolCount: number;
  }[];
}

/** Which program runs a real chain, the regtest it plays when not its own coin's, and whether TxLab started it. */
export interface RealNodeName {
  /** The daemon ("litecoind") or the host of a node's URL. */
  readonly program: string;
  readonly plays?: string;
  readonly local: boolean;
}

export interface KeyView {
  readonly id: string;
  readonly purpose: string;
  readonly label: string;
  readonly publicKey: string;
  readonly path: string;
  /** Set on a key this wallet received in a handover. */
  readonly handedOverFrom?: string;
}

export interface BalanceView {
  readonly confirmed: string;
  readonly unconfirmed: string;
  readonly immature: string;
}

export interface WalletView {
  readonly id: string;
  readonly name: string;
  readonly keys: readonly KeyView[];
  readonly balances: Readonly<Record<ChainId, BalanceView>>;
}

export interface HandoverView {
  readonly time: number;
  readonly from: string;
  readonly to: string;
  readonly keyLabel: string;
  readonly reason: string;
}

export interface LessonStepView {
  readonly index: number;
  readonly title: { readonly en: string; readonly zh: string };
  readonly narration: { readonly en: string; readonly zh: string };
}

export interface Localized {
  readonly en: string;
  readonly zh: string;
}

/**
 * Something a lesson produced for people to look at rather than read: a chart or a coloured
 * table. The renderer draws these generically (MUI X Charts / a table), whatever the lesson.
 */
export type LessonDatum =
  | {
      readonly kind: 'line' | 'bar' | 'scatter';
      readonly title: Localized;
      readonly xLabel: Localized;
      readonly yLabel: Localized;
      readonly series: readonly {
        readonly label: Localized;
        readonly points: readonly (readonly [number, number])[];
      }[];
    }
  | {
      readonly kind: 'table';
      readonly title: Localized;
      readonly columns: readonly Localized[];
      readonly rows: readonly {
        /** What the row stands for, when its label is words (a mutation kind): for checks and comparisons. */
        readonly id?: string;
        readonly label: Localized;
        /** A cell's words, when it has words rather than a figure or an id, come in both languages. */
        readonly cells: readonly { readonly text: string | Localized; readonly tone?: 'good' | 'bad' | 'neutral' }[];
      }[];
    };

/** What a played lesson step did to one transaction, from the host's views before and after it. */
export type StepMark = 'new' | 'signed' | 'broadcast' | 'confirmed' | 'refused' | 'conflicted' | 'invalid' | 'spent';

export interface StepChange {
  readonly node: string;
  readonly marks: readonly StepMark[];
  /** Outputs of this transaction that the step spent on its chain. */
  readonly spentOutputs: readonly number[];
}

/**
 * The lesson stage at the current position: what the step is about and what it did. The focus is
 * the step's own (scenario file `focus`) or, when it names none, the transactions it changed.
 */
export interface LessonStageView {
  /** Transactions to frame and mark; empty: frame the whole graph. */
  readonly focus: readonly string[];
  /** Outputs (and the edges spending them) the step is about. */
  readonly focusOutputs: readonly { readonly node: string; readonly output: number }[];
  /** True when the step names no transactions and the focus is what it changed. */
  readonly defaultFocus: boolean;
  /** What the current step changed (empty before the first step). */
  readonly changes: readonly StepChange[];
  /** Keys of `data` to show beside the narration. */
  readonly figures: readonly string[];
  /** Transactions of the lesson not introduced yet: hidden unless the whole protocol is shown. */
  readonly hidden: readonly string[];
}

export interface LessonView {
  readonly scenario: string;
  readonly path: string;
  readonly title: { readonly en: string; readonly zh: string };
  readonly paths: readonly string[];
  readonly steps: readonly LessonStepView[];
  /** Steps already played (0 = none). */
  readonly position: number;
  /** Charts and tables the lesson produced so far (throughput, reorg depths, malleability matrix). */
  readonly data?: Readonly<Record<string, LessonDatum>>;
  readonly stage: LessonStageView;
}

export interface WorkspaceView {
  readonly revision: number;
  readonly name: string;
  readonly nodes: readonly NodeView[];
  readonly edges: readonly EdgeView[];
  readonly chains: readonly ChainSummary[];
  readonly wallets: readonly WalletView[];
  readonly handovers: readonly HandoverView[];
  readonly lesson?: LessonView;
  /** Changed by the person since the last new, import or lesson load (loading over it asks first). */
  readonly modified: boolean;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
}

export interface SighashView {
  readonly input: number;
  readonly sighashType: number;
  readonly preimage?: string;
  readonly digest: string;
}

export interface InspectView {
  readonly node: NodeView;
  readonly hex: string;
  readonly ranges: readonly ByteRange[];
  readonly sighashes: readonly SighashView[];
  /** Per input: the verdict of the scripts with the chain's relay flags. */
  readonly verdicts: readonly ScriptVerdictView[];
}

export interface TraceStepView {
  readonly script: string;
  readonly offset: number;
  readonly opcode: string;
  readonly pushData?: string;
  readonly executed: boolean;
  readonly stack: readonly string[];
  readonly altStack: readonly string[];
  readonly conditions: readonly boolean[];
  readonly signatureChecks?: readonly {
    readonly signature: string;
    readonly pubKey: string;
    readonly sigVersion: string;
    readonly scriptCode: string;
    readonly hashType?: number;
    readonly preimage?: string;
    readonly digest?: string;
    readonly valid: boolean;
  }[];
  /** Tapscript only: BIP342's validation weight budget left after the operation. */
  readonly validationWeightLeft?: number;
  readonly error?: string;
}

export interface TraceView {
  readonly node: string;
  readonly input: number;
  readonly flags: readonly string[];
  readonly phases: readonly {
    readonly script: string;
    readonly hex: string;
    readonly asm: string;
    readonly initialStack: readonly string[];
  }[];
  readonly steps: readonly TraceStepView[];
  readonly result: Result<undefined, ScriptFailureView>;
}

/** Why an input's scripts fail: Core's script error name (or UNCONNECTED), a sentence, where it stopped. */
export interface ScriptFailureView {
  readonly code: string;
  readonly message: string;
  readonly opcode?: string;
  readonly script?: string;
  readonly offset?: number;
}

/** An input's scripts run with the chain's relay flags. */
export type ScriptVerdictView = Result<undefined, ScriptFailureView>;

export interface BlockSummary {
  readonly hash: string;
  readonly height: number;
  readonly time: number;
  readonly txCount: number;
  readonly size: number;
  readonly weight: number;
  readonly minedBy: string;
  readonly fees: string;
}

export interface MempoolEntryView {
  readonly txid: string;
  readonly vsize: number;
  readonly fee: string;
  readonly feeRate: number;
  readonly time: number;
  readonly node?: string;
}

export interface BroadcastView {
  readonly accepted: boolean;
  readonly txid: string;
  readonly reason?: string;
  readonly message?: string;
  /** `message` by catalogue key, when the simulated chain refused (a real node's words stay its own). */
  readonly text?: HostText;
  readonly replaced?: readonly string[];
}

export interface ScenarioInfo {
  readonly name: string;
  readonly title: { readonly en: string; readonly zh: string };
  readonly paths: readonly string[];
}

/** A palette entry: a node template the host can build (`graph.addNode`). */
export interface TemplateInfo {
  readonly id: string;
  /** The default node label (the seed's name for protocol transactions: C1a, RD1a, Tx1…). */
  readonly label: string;
  /** A payment template's own address type (what its outputs pay wallets in). */
  readonly payType?: PayType;
}
