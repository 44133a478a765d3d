/**
 * The one contract between the renderer and the host: every method in one row — its request
 * schema, what it answers, what it does to the undo history, and the events it sends besides
 * `workspace.changed`. Transports carry `{ method, params }`; the host validates `params` with
 * these schemas before anything else, and applies the history policy (main/host/actions.ts).
 */
import { z } from 'zod';
import { POLICY_RULES } from '../chain/era';
import { chainIdSchema, positionSchema, satoshis } from '../workspace/model';
import { PAY_TYPES } from '../workspace/payTypes';
import type { MenuCommand } from './menu';
import type {
  AppInfo,
  BlockSummary,
  BroadcastView,
  InspectView,
  MempoolEntryView,
  ScenarioInfo,
  TemplateInfo,
  TraceView,
  WalletView,
  WorkspaceView,
} from './views';

const nodeId = z.string().min(1).max(64);
const walletId = z.string().min(1).max(64);
const index = z.number().int().min(0).max(10_000);
const u32 = z.number().int().min(0).max(0xffffffff);
const empty = z.object({}).strict();

/** Who gets paid: a wallet (a fresh receive address of the chosen type) or an address. */
const payTypeSchema = z.enum(PAY_TYPES);

const payeeSchema = z.union([
  // The address type defaults to the draft's template's (a P2PKH payment pays P2PKH), else to the
  // era's: P2PKH in 2014 (no SegWit yet), P2WPKH today.
  z.object({ wallet: walletId, type: payTypeSchema.optional() }).strict(),
  z.object({ address: z.string().min(1).max(100) }).strict(),
]);

/** One leaf of a P2TR script tree, as the inspector's forms describe it (keys are wallets' taproot keys). */
const tapLeafRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('key'), wallet: walletId }).strict(),
  /** The wallet's key once the coin is `blocks` deep (CHECKSEQUENCEVERIFY). */
  z.object({ kind: z.literal('after'), wallet: walletId, blocks: z.number().int().min(1).max(0xffff) }).strict(),
  /** The wallet's key from a height (< 500,000,000) or a Unix time on (CHECKLOCKTIMEVERIFY). */
  z.object({ kind: z.literal('at'), wallet: walletId, locktime: z.number().int().min(1).max(0x7fffffff) }).strict(),
  /** The wallet's key with the preimage of a SHA256 hash. */
  z
    .object({
      kind: z.literal('hash'),
      wallet: walletId,
      hash: z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits'),
    })
    .strict(),
  /** `required` of the wallets sign (OP_CHECKSIGADD); each wallet once. */
  z
    .object({
      kind: z.literal('multi'),
      wallets: z.array(walletId).min(1).max(16),
      required: z.number().int().min(1).max(16),
    })
    .strict()
    .refine((l) => l.required <= l.wallets.length, {
      error: 'more signatures required than wallets',
      path: ['required'],
    })
    .refine((l) => new Set(l.wallets).size === l.wallets.length, { error: 'a wallet twice', path: ['wallets'] }),
  /** A script in ASM. */
  z.object({ kind: z.literal('asm'), asm: z.string().min(1).max(20_000) }).strict(),
]);
export type TapLeafRequest = z.infer<typeof tapLeafRequestSchema>;

/** A node's JSON-RPC address: plain http on this computer, with a port and without credentials in it. */
const LOOPBACK_RPC_URL =
  /^http:\/\/(\[::1\]|localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}):(\d{1,5})(\/[A-Za-z0-9._~%/-]*)?$/i;

const loopbackRpcUrlSchema = z
  .string()
  .max(200)
  .refine(
    (text) => {
      const m = LOOPBACK_RPC_URL.exec(text);
      return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 65_535;
    },
    {
      error: 'an http:// address of a node on this computer with a port, e.g. http://127.0.0.1:18443',
      params: { key: 'request.loopbackUrl' },
    },
  );

/**
 * Where a chain runs: the simulator, a regtest daemon TxLab starts, or a node at a JSON-RPC URL.
 * The page picks among what the host offers (chain.backendOptions): `daemon` is the id of an
 * offered program (found on PATH, or chosen by the person in a file dialog or with a command-line
 * flag), never a path; unset, a chain prefers its own coin's daemon. A node at a URL is on this
 * computer; its credentials are typed or read by the page from a .cookie file the person picked.
 */
export const backendSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('simulated') }).strict(),
  z
    .object({
      kind: z.literal('local'),
      daemon: z
        .string()
        .regex(/^[a-z0-9-]{1,40}$/)
        .optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('rpc'),
      url: loopbackRpcUrlSchema,
      user: z.string().max(200),
      password: z.string().max(200),
    })
    .strict(),
]);
export type BackendSpec = z.infer<typeof backendSpecSchema>;

/**
 * What a method does to the undo history: `record` makes an undo step; `merge` makes one too,
 * unless the last step was the same method on the same thing (dragging a node, typing a name),
 * which it then extends; `skip` leaves the history alone (queries, chain and wallet actions).
 */
export type HistoryPolicy = 'record' | 'merge' | 'skip';

/** A method's answer, declared in its row: types only, plus whether it is the new workspace view. */
export interface Answer<T, V extends boolean = boolean> {
  readonly view: V;
  /** Never set: carries the answer's type. */
  readonly type?: T;
}
/** An answer that is not a view. */
const answers = <T>(): Answer<T, false> => ({ view: false });
/** The workspace view after the call, with a few fields of the method's own. */
const view = <X extends object = object>(): Answer<WorkspaceView & X, true> => ({ view: true });

export const METHODS = {
  'app.info': { request: empty, history: 'skip', answers: answers<AppInfo>() },

  'workspace.get': { request: empty, history: 'skip', answers: view() },
  'workspace.new': {
    request: z.object({ name: z.string().min(1).max(80).optional() }).strict(),
    history: 'skip',
    answers: view(),
    emits: ['progress'],
  },
  /** Public parts only. Exporting private keys is not a renderer call: the main process does it (File menu) and writes the file itself. */
  'workspace.export': {
    request: empty,
    history: 'skip',
    answers: answers<{ readonly json: string; readonly fileName: string }>(),
  },
  'workspace.import': {
    request: z.object({ json: z.string().min(1).max(20_000_000) }).strict(),
    history: 'skip',
    answers: view(),
    emits: ['progress', 'chain.block'],
  },
  'workspace.undo': { request: empty, history: 'skip', answers: view() },
  'workspace.redo': { request: empty, history: 'skip', answers: view() },

  'graph.addNode': {
    request: z
      .object({
        template: z.string().min(1).max(40),
        chain: chainIdSchema,
        position: positionSchema,
        /** Template parameters (amounts, payees, keys); each template validates its own. */
        params: z.record(z.string().max(40), z.unknown()).optional(),
      })
      .strict(),
    history: 'record',
    answers: view<{ readonly created: string }>(),
  },
  /** The palette: every registered node template (read-only). */
  'graph.templates': {
    request: empty,
    history: 'skip',
    answers: answers<{ readonly templates: readonly TemplateInfo[] }>(),
  },
  'graph.addChainTx': {
    request: z
      .object({ chain: chainIdSchema, txid: z.string().regex(/^[0-9a-f]{64}$/), position: positionSchema })
      .strict(),
    history: 'record',
    answers: view<{ readonly created: string }>(),
  },
  /**
   * A payment from one coin in one edit and one undo step: the coin's transaction (placed, or the
   * one on the canvas), a payment draft spending it, a round amount (or `value`) to the payee and
   * the rest back to the coin's owner less a fixed fee (shared/workspace/firstPayment.ts).
   */
  'graph.payFromCoin': {
    request: z
      .object({
        chain: chainIdSchema,
        coin: z.object({ txid: z.string().regex(/^[0-9a-f]{64}$/), vout: index }).strict(),
        to: payeeSchema,
        value: satoshis.optional(),
        position: positionSchema,
      })
      .strict(),
    history: 'record',
    answers: view<{ readonly created: string; readonly coinNode: string }>(),
  },
  /** A PSBT (base64 or hex) or a raw transaction (hex) as a new draft; inputs spending graph nodes become edges. */
  'graph.importTx': {
    request: z
      .object({ chain: chainIdSchema, data: z.string().min(2).max(4_000_000), position: positionSchema })
      .strict(),
    history: 'record',
    answers: view<{ readonly created: string }>(),
  },
  'graph.removeNodes': {
    request: z.object({ ids: z.array(nodeId).min(1).max(5_000) }).strict(),
    history: 'record',
    answers: view(),
  },
  /** A selection deleted in one edit and one undo step: nodes, and edges named by the input they feed. */
  'graph.deleteSelection': {
    request: z
      .object({
        nodes: z.array(nodeId).max(5_000),
        edges: z.array(z.object({ node: nodeId, input: index }).strict()).max(5_000),
      })
      .strict()
      .refine((p) => p.nodes.length + p.edges.length > 0, {
        error: 'the selection is empty',
        params: { key: 'request.emptySelection' },
      }),
    history: 'record',
    answers: view(),
  },
  'graph.moveNodes': {
    request: z
      .object({
        moves: z
          .array(z.object({ id: nodeId, position: positionSchema }).strict())
          .min(1)
          .max(5_000),
      })
      .strict(),
    history: 'merge',
    answers: view(),
  },
  'graph.renameNode': {
    request: z.object({ id: nodeId, label: z.string().min(1).max(40) }).strict(),
    history: 'merge',
    answers: view(),
  },
  'graph.connect': {
    request: z
      .object({
        from: z.object({ node: nodeId, output: index }).strict(),
        to: z.object({ node: nodeId, input: index }).strict(),
      })
      .strict(),
    history: 'record',
    answers: view(),
  },
  'graph.disconnect': {
    request: z.object({ node: nodeId, input: index }).strict(),
    history: 'record',
    answers: view(),
  },
  'graph.setTxFields': {
    request: z.object({ node: nodeId, version: u32.optional(), locktime: u32.optional() }).strict(),
    history: 'record',
    answers: view(),
  },
  'graph.setInput': {
    request: z
      .object({
        node: nodeId,
        input: index,
        sequence: u32.optional(),
        /** A custom scriptSig / witness in ASM (Core's asm); replaces the unlock template. */
        scriptSigAsm: z.string().max(20_000).optional(),
        witnessHex: z.array(z.string().max(20_000)).max(64).optional(),
      })
      .strict(),
    history: 'record',
    answers: view(),
  },
  'graph.setOutput': {
    request: z
      .object({
        node: nodeId,
        output: index,
        value: satoshis.optional(),
        payTo: payeeSchema.optional(),
        scriptPubKeyAsm: z.string().max(20_000).optional(),
        label: z.string().max(80).optional(),
      })
      .strict(),
    history: 'record',
    answers: view(),
  },
  /**
   * An output paying P2TR with a script tree: the internal key (a wallet's taproot key, or BIP341's
   * unspendable NUMS point for a script-only output) and up to 8 leaves from simple forms.
   */
  'graph.setTaprootOutput': {
    request: z
      .object({
        node: nodeId,
        output: index,
        internal: z.union([z.object({ wallet: walletId }).strict(), z.object({ nums: z.literal(true) }).strict()]),
        leaves: z.array(tapLeafRequestSchema).min(1).max(8),
      })
      .strict(),
    history: 'record',
    answers: view(),
  },
  /** How an input spends a P2TR output with a script tree: the key path or one leaf (`preimage` for a hashlock). */
  'graph.setSpendPath': {
    request: z
      .object({
        node: nodeId,
        input: index,
        path: z.union([z.literal('key'), z.number().int().min(0).max(7)]),
        preimage: z
          .string()
          .max(1040)
          .regex(/^(?:[0-9a-f]{2})*$/, 'lowercase hex')
          .optional(),
      })
      .strict(),
    history: 'record',
    answers: view(),
  },
  'graph.addInput': { request: z.object({ node: nodeId }).strict(), history: 'record', answers: view() },
  'graph.addOutput': {
    request: z.object({ node: nodeId, value: satoshis.optional(), payTo: payeeSchema.optional() }).strict(),
    history: 'record',
    answers: view(),
  },
  'graph.removeInput': {
    request: z.object({ node: nodeId, input: index }).strict(),
    history: 'record',
    answers: view(),
  },
  'graph.removeOutput': {
    request: z.object({ node: nodeId, output: index }).strict(),
    history: 'record',
    answers: view(),
  },

  'tx.sign': {
    request: z
      .object({
        node: nodeId,
        wallet: walletId,
        /** One input, or every input with a slot the wallet can sign. */
        input: index.optional(),
        keyId: z.string().max(64).optional(),
        /** Default: SIGHASH_ALL (1) for ECDSA, SIGHASH_DEFAULT (0, a 64-byte signature) for a Taproot key path. */
        sighashType: z.number().int().min(0).max(255).optional(),
      })
      .strict(),
    history: 'record',
    answers: view<{ readonly signed: number }>(),
  },
  'tx.broadcast': {
    request: z.object({ node: nodeId, via: z.string().max(40).optional() }).strict(),
    history: 'skip',
    answers: view<{ readonly broadcast: BroadcastView }>(),
  },
  'tx.inspect': { request: z.object({ node: nodeId }).strict(), history: 'skip', answers: answers<InspectView>() },
  /** BIP174: the draft with the outputs it spends, its scripts and the signatures made so far. */
  'tx.exportPsbt': {
    request: z.object({ node: nodeId }).strict(),
    history: 'skip',
    answers: answers<{ readonly psbt: string; readonly fileName: string }>(),
  },
  'tx.debug': {
    request: z.object({ node: nodeId, input: index }).strict(),
    history: 'skip',
    answers: answers<TraceView>(),
  },

  'chain.blocks': {
    request: z
      .object({
        chain: chainIdSchema,
        fromHeight: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(5_000).default(200),
      })
      .strict(),
    history: 'skip',
    answers: answers<{ readonly blocks: readonly BlockSummary[]; readonly height: number }>(),
  },
  'chain.mempool': {
    request: z
      .object({
        chain: chainIdSchema,
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(5_000).default(500),
      })
      .strict(),
    history: 'skip',
    answers: answers<{ readonly entries: readonly MempoolEntryView[]; readonly total: number }>(),
  },
  'chain.mine': {
    request: z
      .object({ chain: chainIdSchema, count: z.number().int().min(1).max(10_000), to: payeeSchema.optional() })
      .strict(),
    history: 'skip',
    answers: view<{ readonly hashes: readonly string[] }>(),
    emits: ['chain.block', 'progress'],
  },
  /** Plays the chain on the simulator or a real node; the workspace's chain history is replayed there. */
  'chain.setBackend': {
    request: z.object({ chain: chainIdSchema, backend: backendSpecSchema }).strict(),
    history: 'skip',
    answers: view(),
    emits: ['progress', 'chain.block'],
  },
  /** The node programs the host offers for a local backend. */
  'chain.backendOptions': { request: empty, history: 'skip', answers: answers<BackendOptions>() },
  /** Asks the person to choose a node program in a file dialog (desktop app only); it joins the offers. */
  'chain.chooseDaemon': { request: empty, history: 'skip', answers: answers<{ readonly daemon?: DaemonOffer }>() },
  'chain.advanceTime': {
    request: z
      .object({
        chain: chainIdSchema,
        seconds: z
          .number()
          .int()
          .min(1)
          .max(10 * 365 * 86_400),
      })
      .strict(),
    history: 'skip',
    answers: view(),
  },
  'chain.setPolicy': {
    request: z
      .object({
        chain: chainIdSchema,
        era: z.enum(['2014', 'modern']).optional(),
        rules: z.partialRecord(z.enum(POLICY_RULES), z.boolean()).optional(),
        rbf: z.enum(['off', 'opt-in', 'full']).optional(),
      })
      .strict(),
    history: 'skip',
    answers: view(),
  },

  'wallet.list': { request: empty, history: 'skip', answers: answers<{ readonly wallets: readonly WalletView[] }>() },
  'wallet.create': {
    request: z.object({ name: z.string().min(1).max(40) }).strict(),
    history: 'skip',
    answers: view(),
  },
  'wallet.rename': {
    request: z.object({ wallet: walletId, name: z.string().min(1).max(40) }).strict(),
    history: 'skip',
    answers: view(),
  },
  'wallet.delete': { request: z.object({ wallet: walletId }).strict(), history: 'skip', answers: view() },
  'wallet.deriveKey': {
    request: z
      .object({
        wallet: walletId,
        purpose: z.enum(['receive', 'change', 'funding', 'revocation', 'htlc', 'swap', 'taproot']),
        label: z.string().max(40).optional(),
      })
      .strict(),
    history: 'skip',
    answers: view<{ readonly keyId: string }>(),
  },
  'wallet.handOver': {
    request: z
      .object({ keyId: z.string().min(1).max(64), from: walletId, to: walletId, reason: z.string().max(200) })
      .strict(),
    history: 'skip',
    answers: view(),
    emits: ['keystore.handover'],
  },
  'wallet.utxos': {
    request: z.object({ wallet: walletId, chain: chainIdSchema }).strict(),
    history: 'skip',
    answers: answers<{ readonly utxos: readonly UtxoView[] }>(),
  },

  'rpc.call': {
    request: z.object({ chain: chainIdSchema, line: z.string().min(1).max(200_000) }).strict(),
    history: 'skip',
    answers: answers<{ readonly result: unknown; readonly text: string }>(),
    emits: ['chain.block', 'chain.reorg'],
  },

  'scenario.list': {
    request: empty,
    history: 'skip',
    answers: answers<{ readonly scenarios: readonly ScenarioInfo[] }>(),
  },
  'scenario.load': {
    request: z.object({ name: z.string().min(1).max(60), path: z.string().max(60).optional() }).strict(),
    history: 'skip',
    answers: view(),
    emits: ['progress', 'chain.block'],
  },
  'lesson.goto': {
    request: z.object({ position: z.number().int().min(0).max(1_000) }).strict(),
    history: 'skip',
    answers: view(),
    emits: ['progress', 'chain.block', 'chain.reorg'],
  },

  /** Stops the request the host is working on (a replay, mining, a lesson step), answered at once. */
  'work.cancel': { request: empty, history: 'skip', answers: answers<{ readonly cancelling: boolean }>() },
} as const satisfies Record<
  string,
  { request: z.ZodType; history: HistoryPolicy; answers: Answer<unknown>; emits?: readonly HostEventName[] }
>;

export type MethodName = keyof typeof METHODS;
export type MethodRequest<M extends MethodName> = z.input<(typeof METHODS)[M]['request']>;
export type ParsedRequest<M extends MethodName> = z.output<(typeof METHODS)[M]['request']>;

/** A node program the host can start, found on PATH or chosen by the person. */
export interface DaemonOffer {
  readonly id: string;
  readonly kind: 'bitcoind' | 'litecoind';
  readonly path: string;
  readonly origin: 'path' | 'chosen';
}

export interface BackendOptions {
  readonly daemons: readonly DaemonOffer[];
  /** True where the host can show a file dialog (the desktop app); browser mode takes `--daemon PATH`. */
  readonly canChooseDaemon: boolean;
}

export interface UtxoView {
  readonly txid: string;
  readonly vout: number;
  readonly value: string;
  readonly confirmations: number;
  readonly coinbase: boolean;
  readonly mature: boolean;
  readonly address?: string;
}

/** What each method answers, as its row declares. */
export type MethodResponses = { [M in MethodName]: (typeof METHODS)[M]['answers'] extends Answer<infer T> ? T : never };
/** The methods that answer with the workspace view. */
export type ViewMethod = {
  [M in MethodName]: (typeof METHODS)[M]['answers'] extends Answer<unknown, true> ? M : never;
}[MethodName];

/** Events the host pushes. The renderer refetches or patches its view on them. */
export interface HostEvents {
  'workspace.changed': { readonly revision: number; readonly canUndo: boolean; readonly canRedo: boolean };
  'tx.status': { readonly node: string; readonly txid: string; readonly status: string };
  'chain.block': { readonly chain: string; readonly hash: string; readonly height: number };
  'chain.reorg': { readonly chain: string; readonly depth: number; readonly oldTip: string; readonly newTip: string };
  progress: { readonly task: string; readonly done: number; readonly total: number; readonly label?: string };
  'keystore.handover': { readonly from: string; readonly to: string; readonly keyLabel: string };
  /** Sent by the Electron main process (never the host) when a native menu item asks the window to act. */
  'menu.command': { readonly command: MenuCommand };
}
export type HostEventName = keyof HostEvents;
