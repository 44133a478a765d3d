/**
 * `txlab run NAME|FILE [--path PATH] [--seed N] [--json] [--backend SPEC]`: plays a scenario's
 * lesson headlessly, step by step, through the same contract the UI uses. Prints where each chain
 * plays, each step with the transactions it broadcast and the statuses that changed, then the
 * balances per wallet and chain and the best block hashes. With --json the last line is one JSON
 * object. Exit 1 when a step's check fails. `--backend` plays chains on real regtest nodes
 * (main/cli/flags.ts lists its values); daemons TxLab started are stopped before it exits.
 */
import { parseArgs } from 'node:util';
import type { ChainId } from '../../shared/chain/profiles';
import type { WorkspaceView } from '../../shared/contract/views';
import { gotoLessonPosition, type StepReport } from '../host/lesson';
import type { Workbench } from '../host/workbench';
import { parseBackendOption } from './flags';
import { openScenario, parseSeed } from './headless';
import { joinOptionValues, out, usage } from './io';

const USAGE =
  'usage: txlab run NAME|FILE [--path PATH] [--seed N] [--json] [--backend local|local-litecoind|local-bitcoind|URL|btc=…,ltc=…] [--daemon PATH] [--rpc-cookie FILE | --rpc-user U --rpc-password P]';

export interface StepRecord {
  readonly index: number;
  readonly title: string;
  readonly ok: boolean;
  readonly calls: readonly {
    readonly action: string;
    readonly node?: string;
    readonly txid?: string;
    readonly detail?: string;
  }[];
  readonly statuses: Readonly<Record<string, string>>;
  readonly error?: { readonly code: string; readonly message: string };
}

const btc = (sats: bigint): string => `${sats / 100_000_000n}.${(sats % 100_000_000n).toString().padStart(8, '0')}`;

function statuses(view: WorkspaceView): Record<string, string> {
  const tip = new Map(view.chains.map((c) => [c.id, c.height]));
  const described = (n: WorkspaceView['nodes'][number]): string =>
    n.status.kind === 'confirmed'
      ? `confirmed (${(tip.get(n.chain) ?? n.status.height) - n.status.height + 1})`
      : n.status.kind;
  return Object.fromEntries(view.nodes.map((n) => [n.id, described(n)]));
}

export interface ChainBackend {
  readonly kind: 'simulated' | 'real';
  /** "simulator", or the node's name, e.g. "litecoind playing Bitcoin regtest (local)". */
  readonly name: string;
}

/** Where each chain of the workspace plays. */
function chainBackends(bench: Workbench): Record<string, ChainBackend> {
  return Object.fromEntries(
    [...bench.chains.chains].map(([id, chain]): [ChainId, ChainBackend] => [
      id,
      { kind: chain.kind, name: chain.name },
    ]),
  );
}

interface RunValues {
  path?: string;
  seed?: string;
  json?: boolean;
  backend?: string;
  daemon?: string;
  'rpc-cookie'?: string;
  'rpc-user'?: string;
  'rpc-password'?: string;
}

export async function runCommand(args: string[]): Promise<number> {
  let parsed: { values: RunValues; positionals: string[] };
  try {
    parsed = parseArgs({
      args: joinOptionValues(args, ['path', 'seed', 'backend', 'daemon', 'rpc-cookie', 'rpc-user', 'rpc-password']),
      options: {
        path: { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'boolean' },
        backend: { type: 'string' },
        daemon: { type: 'string' },
        'rpc-cookie': { type: 'string' },
        'rpc-user': { type: 'string' },
        'rpc-password': { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    usage(`${e instanceof Error ? e.message : String(e)} — ${USAGE}`);
  }
  const [target, ...extra] = parsed.positionals;
  if (!target || extra.length > 0) usage(USAGE);
  const v = parsed.values;
  const json = v.json === true;
  const backend = parseBackendOption(v.backend, {
    cookie: v['rpc-cookie'],
    user: v['rpc-user'],
    password: v['rpc-password'],
  });
  const seed = parseSeed(v.seed);
  if (v.daemon !== undefined && !backend)
    usage('--daemon PATH goes with --backend local (the program TxLab starts for a chain)');
  const opened = await openScenario(target, v.path, seed, backend, v.daemon);
  try {
    return await play(opened, json);
  } finally {
    // Stops the daemons TxLab started for this run (a no-op for simulated chains).
    await opened.bench.chains.close();
  }
}

type Opened = Awaited<ReturnType<typeof openScenario>>;

/** What `txlab run --json` prints: where each chain played, every step, the end balances. */
export interface RunReport {
  readonly scenario: string;
  readonly path: string;
  readonly seed: number;
  readonly ok: boolean;
  readonly backends: Readonly<Record<string, ChainBackend>>;
  readonly bestBlockHashes: Readonly<Record<string, string>>;
  /** Satoshis (confirmed + unconfirmed + immature) per wallet and chain, as decimal strings. */
  readonly balances: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly steps: readonly StepRecord[];
}

/**
 * Plays the opened lesson from where it stands to its end, or to the first failing step.
 * `onStep` sees each step as it finishes, with the statuses before it.
 */
export async function playLesson(
  { bench, handlers, doc }: Opened,
  onStep?: (record: StepRecord, before: Readonly<Record<string, string>>) => void,
): Promise<RunReport> {
  const lesson = doc.lesson!;
  const steps = lesson.paths[lesson.path]!;
  const records: StepRecord[] = [];
  let before = statuses(bench.view());
  let failed = false;
  for (let i = lesson.position; i < steps.length; i++) {
    const reports: StepReport[] = [];
    const r = await gotoLessonPosition(bench, handlers, i + 1, reports);
    const after = statuses(bench.view());
    // The report lists the step's calls and tasks in order; the step's own actions name their nodes.
    const acts = steps[i]!.actions.filter((a) => !('expect' in a));
    const calls = (reports[0]?.calls ?? []).map((c, k) => {
      const a = acts[k];
      const params = a && 'call' in a ? a.params : undefined;
      const node = params && 'node' in params && typeof params.node === 'string' ? params.node : undefined;
      return {
        action: c.method,
        ...(node ? { node } : {}),
        ...(c.txid ? { txid: c.txid } : {}),
        ...(c.detail ? { detail: c.detail } : {}),
      };
    });
    const record: StepRecord = {
      index: i + 1,
      title: steps[i]!.title.en,
      ok: r.ok,
      calls,
      statuses: after,
      ...(r.ok ? {} : { error: { code: r.error.code, message: r.error.message } }),
    };
    records.push(record);
    onStep?.(record, before);
    before = after;
    if (!r.ok) {
      failed = true;
      break;
    }
  }
  const view = bench.view();
  const balances = Object.fromEntries(
    view.wallets.map((w) => [
      w.name,
      Object.fromEntries(
        view.chains.map((c) => [
          c.id,
          (
            BigInt(w.balances[c.id].confirmed) +
            BigInt(w.balances[c.id].unconfirmed) +
            BigInt(w.balances[c.id].immature)
          ).toString(),
        ]),
      ),
    ]),
  );
  const bestBlockHashes = Object.fromEntries(view.chains.map((c) => [c.id, c.tipHash]));
  return {
    scenario: doc.name,
    path: lesson.path,
    seed: doc.seed,
    ok: !failed,
    backends: chainBackends(bench),
    bestBlockHashes,
    balances,
    steps: records,
  };
}

function printStep(record: StepRecord, before: Readonly<Record<string, string>>): void {
  out(`${String(record.index).padStart(2)}. ${record.title}`);
  for (const c of record.calls)
    if (c.txid || c.detail)
      out(
        `      ${c.action}${c.node ? ` ${c.node}` : ''}${c.txid ? ` → ${c.txid}` : ''}${c.detail ? `  (${c.detail})` : ''}`,
      );
  // A new kind of status is news; one more confirmation is not.
  const kind = (s: string | undefined) => s?.replace(/ \(\d+\)$/, '');
  const changed = Object.entries(record.statuses).filter(([id, s]) => kind(before[id]) !== kind(s));
  if (changed.length > 0) out(`      ${changed.map(([id, s]) => `${id}: ${s}`).join(', ')}`);
  if (record.error) out(`      FAILED: ${record.error.message}`);
}

async function play(opened: Opened, json: boolean): Promise<number> {
  const { bench, doc } = opened;
  const lesson = doc.lesson!;
  if (!json) {
    out(`${doc.name} · ${lesson.path} · seed ${doc.seed} — ${doc.title.en}`);
    for (const [id, b] of Object.entries(chainBackends(bench)))
      if (b.kind === 'real') out(`  ${id} plays on ${b.name}`);
  }
  const report = await playLesson(opened, json ? undefined : printStep);
  if (json) {
    out(JSON.stringify(report));
  } else {
    out('balances:');
    for (const [wallet, chains] of Object.entries(report.balances))
      out(
        `  ${wallet.padEnd(10)} ${Object.entries(chains)
          .map(([c, v]) => `${btc(BigInt(v))} ${c.toUpperCase()}`)
          .join('   ')}`,
      );
    out('best blocks:');
    for (const c of bench.view().chains) out(`  ${c.id}  ${c.tipHash}  (height ${c.height})`);
    const steps = lesson.paths[lesson.path]!.length;
    out(report.ok ? `PASS: ${report.steps.length} steps` : `FAIL: step ${report.steps.length} of ${steps}`);
  }
  return report.ok ? 0 : 1;
}
