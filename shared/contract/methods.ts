/**
 * The one contract between the renderer and the host: every method, its request schema, its
 * response type and its undo policy, declared once. Transports carry `{ method, params }`; the
 * host validates `params` with these schemas before anything else.
 */
import { z } from 'zod';
import { POLICY_RULES } from '../chain/era';
import { chainIdSchema, positionSchema, satoshis } from '../workspace/model';
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
const payeeSchema = z.union([
  // The address type defaults to the era's: P2PKH in 2014 (no SegWit yet), P2WPKH today.
  z.object({ wallet: walletId, type: z.enum(['p2pkh', 'p2wpkh']).optional() }).strict(),
  z.object({ address: z.string().min(1).max(100) }).strict(),
]);

/** A node's JSON-RPC address: plain http on this computer, with a port and without credentials in it. */
const LOOPBACK_RPC_URL = /^http:\/\/(\[::1\]|localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}):(\d{1,5})(\/[A-Za-z0-9._~%/-]*)?$/i;

export const loopbackRpcUrlSchema = z
  .string()
  .max(200)
  .refine((text) => {
    const m = LOOPBACK_RPC_URL.exec(text);
    return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 65_535;
  }, 'an http:// address of a node on this computer with a port, e.g. http://127.0.0.1:18443');

/**
 * Where a chain runs: the simulator, a regtest daemon TxLab starts, or a node at a JSON-RPC URL.
 * The page picks among what the host offers (chain.backendOptions): `daemon` is the id of an
 * offered program (found on PATH, or chosen by the person in a file dialog or with a command-line
 * flag), never a path; unset, a chain prefers its own coin's daemon. A node at a URL is on this
 * computer; its credentials are typed or read by the page from a .cookie file the person picked.
 */
export const backendSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('simulated') }).strict(),
  z.object({ kind: z.literal('local'), daemon: z.string().regex(/^[a-z0-9-]{1,40}$/).optional() }).strict(),
  z.object({ kind: z.literal('rpc'), url: loopbackRpcUrlSchema, user: z.string().max(200), password: z.string().max(200) }).strict(),
]);
export type BackendSpec = z.infer<typeof backendSpecSchema>;

/** How a graph edit is undone: recorded edits can be undone; queries and chain actions are not edits. */
export type UndoPolicy = 'record' | 'none';

export const METHODS = {
  'app.info': { request: empty, undo: 'none' },

  'workspace.get': { request: empty, undo: 'none' },
  'workspace.new': { request: z.object({ name: z.string().min(1).max(80).optional() }).strict(), undo: 'none' },
  /** Public parts only. Exporting private keys is not a renderer call: the main process does it (File menu) and writes the file itself. */
  'workspace.export': { request: empty, undo: 'none' },
  'workspace.import': { request: z.object({ json: z.string().min(1).max(20_000_000) }).strict(), undo: 'none' },
  'workspace.undo': { request: empty, undo: 'none' },
  'workspace.redo': { request: empty, undo: 'none' },

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
    undo: 'record',
  },
  /** The palette: every registered node template (read-only). */
  'graph.templates': { request: empty, undo: 'none' },
  'graph.addChainTx': { request: z.object({ chain: chainIdSchema, txid: z.string().regex(/^[0-9a-f]{64}$/), position: positionSchema }).strict(), undo: 'record' },
  /** A PSBT (base64 or hex) or a raw transaction (hex) as a new draft; inputs spending graph nodes become edges. */
  'graph.importTx': { request: z.object({ chain: chainIdSchema, data: z.string().min(2).max(4_000_000), position: positionSchema }).strict(), undo: 'record' },
  'graph.removeNodes': { request: z.object({ ids: z.array(nodeId).min(1).max(5_000) }).strict(), undo: 'record' },
  'graph.moveNodes': { request: z.object({ moves: z.array(z.object({ id: nodeId, position: positionSchema }).strict()).min(1).max(5_000) }).strict(), undo: 'record' },
  'graph.renameNode': { request: z.object({ id: nodeId, label: z.string().min(1).max(40) }).strict(), undo: 'record' },
  'graph.connect': {
    request: z.object({ from: z.object({ node: nodeId, output: index }).strict(), to: z.object({ node: nodeId, input: index }).strict() }).strict(),
    undo: 'record',
  },
  'graph.disconnect': { request: z.object({ node: nodeId, input: index }).strict(), undo: 'record' },
  'graph.setTxFields': { request: z.object({ node: nodeId, version: u32.optional(), locktime: u32.optional() }).strict(), undo: 'record' },
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
    undo: 'record',
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
    undo: 'record',
  },
  'graph.addInput': { request: z.object({ node: nodeId }).strict(), undo: 'record' },
  'graph.addOutput': { request: z.object({ node: nodeId, value: satoshis.optional(), payTo: payeeSchema.optional() }).strict(), undo: 'record' },
  'graph.removeInput': { request: z.object({ node: nodeId, input: index }).strict(), undo: 'record' },
  'graph.removeOutput': { request: z.object({ node: nodeId, output: index }).strict(), undo: 'record' },

  'tx.sign': {
    request: z
      .object({
        node: nodeId,
        wallet: walletId,
        /** One input, or every input with a slot the wallet can sign. */
        input: index.optional(),
        keyId: z.string().max(64).optional(),
        sighashType: z.number().int().min(0).max(255).default(1),
      })
      .strict(),
    undo: 'record',
  },
  'tx.broadcast': { request: z.object({ node: nodeId, via: z.string().max(40).optional() }).strict(), undo: 'none' },
  'tx.inspect': { request: z.object({ node: nodeId }).strict(), undo: 'none' },
  /** BIP174: the draft with the outputs it spends, its scripts and the signatures made so far. */
  'tx.exportPsbt': { request: z.object({ node: nodeId }).strict(), undo: 'none' },
  'tx.debug': { request: z.object({ node: nodeId, input: index }).strict(), undo: 'none' },

  'chain.blocks': { request: z.object({ chain: chainIdSchema, fromHeight: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(5_000).default(200) }).strict(), undo: 'none' },
  'chain.mempool': { request: z.object({ chain: chainIdSchema, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(5_000).default(500) }).strict(), undo: 'none' },
  'chain.mine': {
    request: z.object({ chain: chainIdSchema, count: z.number().int().min(1).max(10_000), to: payeeSchema.optional() }).strict(),
    undo: 'none',
  },
  /** Plays the chain on the simulator or a real node; the workspace's chain history is replayed there. */
  'chain.setBackend': { request: z.object({ chain: chainIdSchema, backend: backendSpecSchema }).strict(), undo: 'none' },
  /** The node programs the host offers for a local backend. */
  'chain.backendOptions': { request: empty, undo: 'none' },
  /** Asks the person to choose a node program in a file dialog (desktop app only); it joins the offers. */
  'chain.chooseDaemon': { request: empty, undo: 'none' },
  'chain.advanceTime': { request: z.object({ chain: chainIdSchema, seconds: z.number().int().min(1).max(10 * 365 * 86_400) }).strict(), undo: 'none' },
  'chain.setPolicy': {
    request: z
      .object({
        chain: chainIdSchema,
        era: z.enum(['2014', 'modern']).optional(),
        rules: z.partialRecord(z.enum(POLICY_RULES), z.boolean()).optional(),
        rbf: z.enum(['off', 'opt-in', 'full']).optional(),
      })
      .strict(),
    undo: 'none',
  },

  'wallet.list': { request: empty, undo: 'none' },
  'wallet.create': { request: z.object({ name: z.string().min(1).max(40) }).strict(), undo: 'none' },
  'wallet.rename': { request: z.object({ wallet: walletId, name: z.string().min(1).max(40) }).strict(), undo: 'none' },
  'wallet.delete': { request: z.object({ wallet: walletId }).strict(), undo: 'none' },
  'wallet.deriveKey': {
    request: z.object({ wallet: walletId, purpose: z.enum(['receive', 'change', 'funding', 'revocation', 'htlc', 'swap']), label: z.string().max(40).optional() }).strict(),
    undo: 'none',
  },
  'wallet.handOver': { request: z.object({ keyId: z.string().min(1).max(64), from: walletId, to: walletId, reason: z.string().max(200) }).strict(), undo: 'none' },
  'wallet.utxos': { request: z.object({ wallet: walletId, chain: chainIdSchema }).strict(), undo: 'none' },

  'rpc.call': { request: z.object({ chain: chainIdSchema, line: z.string().min(1).max(200_000) }).strict(), undo: 'none' },

  'scenario.list': { request: empty, undo: 'none' },
  'scenario.load': { request: z.object({ name: z.string().min(1).max(60), path: z.string().max(60).optional() }).strict(), undo: 'none' },
  'lesson.goto': { request: z.object({ position: z.number().int().min(0).max(1_000) }).strict(), undo: 'none' },

  /** Stops the request the host is working on (a replay, mining, a lesson step), answered at once. */
  'work.cancel': { request: empty, undo: 'none' },
} as const satisfies Record<string, { request: z.ZodType; undo: UndoPolicy }>;

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

/** The response of every method. Graph edits and chain actions answer with the new workspace. */
export interface MethodResponses {
  'app.info': AppInfo;
  'workspace.get': WorkspaceView;
  'workspace.new': WorkspaceView;
  'workspace.export': { readonly json: string; readonly fileName: string };
  'workspace.import': WorkspaceView;
  'workspace.undo': WorkspaceView;
  'workspace.redo': WorkspaceView;
  'graph.templates': { readonly templates: readonly TemplateInfo[] };
  'graph.addNode': WorkspaceView & { readonly created: string };
  'graph.addChainTx': WorkspaceView & { readonly created: string };
  'graph.importTx': WorkspaceView & { readonly created: string };
  'graph.removeNodes': WorkspaceView;
  'graph.moveNodes': WorkspaceView;
  'graph.renameNode': WorkspaceView;
  'graph.connect': WorkspaceView;
  'graph.disconnect': WorkspaceView;
  'graph.setTxFields': WorkspaceView;
  'graph.setInput': WorkspaceView;
  'graph.setOutput': WorkspaceView;
  'graph.addInput': WorkspaceView;
  'graph.addOutput': WorkspaceView;
  'graph.removeInput': WorkspaceView;
  'graph.removeOutput': WorkspaceView;
  'tx.sign': WorkspaceView & { readonly signed: number };
  'tx.broadcast': WorkspaceView & { readonly broadcast: BroadcastView };
  'tx.inspect': InspectView;
  'tx.exportPsbt': { readonly psbt: string; readonly fileName: string };
  'tx.debug': TraceView;
  'chain.blocks': { readonly blocks: readonly BlockSummary[]; readonly height: number };
  'chain.mempool': { readonly entries: readonly MempoolEntryView[]; readonly total: number };
  'chain.mine': WorkspaceView & { readonly hashes: readonly string[] };
  'chain.setBackend': WorkspaceView;
  'chain.backendOptions': BackendOptions;
  /** Absent when the person closed the dialog without choosing. */
  'chain.chooseDaemon': { readonly daemon?: DaemonOffer };
  'chain.advanceTime': WorkspaceView;
  'chain.setPolicy': WorkspaceView;
  'wallet.list': { readonly wallets: readonly WalletView[] };
  'wallet.create': WorkspaceView;
  'wallet.rename': WorkspaceView;
  'wallet.delete': WorkspaceView;
  'wallet.deriveKey': WorkspaceView & { readonly keyId: string };
  'wallet.handOver': WorkspaceView;
  'wallet.utxos': { readonly utxos: readonly UtxoView[] };
  /** `text` is the result as bitcoin-cli prints it (amounts with eight decimals). */
  'rpc.call': { readonly result: unknown; readonly text: string };
  'scenario.list': { readonly scenarios: readonly ScenarioInfo[] };
  'scenario.load': WorkspaceView;
  'lesson.goto': WorkspaceView;
  /** `cancelling`: long work was under way and will stop at its next slice. */
  'work.cancel': { readonly cancelling: boolean };
}

/** Events the host pushes. The renderer refetches or patches its view on them. */
export interface HostEvents {
  'workspace.changed': { readonly revision: number };
  'tx.status': { readonly node: string; readonly txid: string; readonly status: string };
  'chain.block': { readonly chain: string; readonly hash: string; readonly height: number };
  'chain.reorg': { readonly chain: string; readonly depth: number; readonly oldTip: string; readonly newTip: string };
  progress: { readonly task: string; readonly done: number; readonly total: number; readonly label?: string };
  'keystore.handover': { readonly from: string; readonly to: string; readonly keyLabel: string };
  /** Sent by the Electron main process (never the host) when a native menu item asks the window to act. */
  'menu.command': { readonly command: MenuCommand };
}
export type HostEventName = keyof HostEvents;
