/**
 * `txlab run NAME|FILE [--path PATH] [--seed N] [--json]`: plays a scenario's lesson headlessly,
 * step by step, through the same contract the UI uses. Prints each step with the transactions it
 * broadcast and the statuses that changed, then the balances per wallet and chain and the best
 * block hashes. With --json the last line is one JSON object. Exit 1 when a step's check fails.
 */
import { parseArgs } from 'node:util';
import type { WorkspaceView } from '../../shared/contract/views';
import { gotoLessonPosition, type StepReport } from '../host/lesson';
import { openScenario, parseSeed } from './headless';
import { out, usage } from './io';

const USAGE = 'usage: txlab run NAME|FILE [--path PATH] [--seed N] [--json]';

interface StepRecord {
  readonly index: number;
  readonly title: string;
  readonly ok: boolean;
  readonly calls: readonly { readonly action: string; readonly node?: string; readonly txid?: string; readonly detail?: string }[];
  readonly statuses: Readonly<Record<string, string>>;
  readonly error?: { readonly code: string; readonly message: string };
}

const btc = (sats: bigint): string => `${sats / 100_000_000n}.${(sats % 100_000_000n).toString().padStart(8, '0')}`;

function statuses(view: WorkspaceView): Record<string, string> {
  return Object.fromEntries(view.nodes.map((n) => [n.id, n.status.kind === 'confirmed' ? `confirmed (${n.status.confirmations})` : n.status.kind]));
}

export async function runCommand(args: string[]): Promise<number> {
  let parsed: { values: { path?: string; seed?: string; json?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({ args, options: { path: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (e) {
    usage(`${e instanceof Error ? e.message : String(e)} — ${USAGE}`);
  }
  const [target, ...extra] = parsed.positionals;
  if (!target || extra.length > 0) usage(USAGE);
  const json = parsed.values.json === true;
  const { bench, handlers, doc } = await openScenario(target, parsed.values.path, parseSeed(parsed.values.seed));
  const lesson = doc.lesson!;
  const steps = lesson.paths[lesson.path]!;
  if (!json) out(`${doc.name} · ${lesson.path} · seed ${doc.seed} — ${doc.title.en}`);

  const records: StepRecord[] = [];
  let before = statuses(bench.view());
  let failed = false;
  for (let i = lesson.position; i < steps.length; i++) {
    const reports: StepReport[] = [];
    const r = await gotoLessonPosition(bench, handlers, i + 1, reports);
    const view = bench.view();
    const after = statuses(view);
    // The report lists the step's calls and tasks in order; the step's own actions name their nodes.
    const acts = steps[i]!.actions.filter((a) => !('expect' in a));
    const calls = (reports[0]?.calls ?? []).map((c, k) => {
      const a = acts[k];
      const params = a && 'call' in a ? a.params : undefined;
      const node = params && typeof params['node'] === 'string' ? params['node'] : undefined;
      return { action: c.method, ...(node ? { node } : {}), ...(c.txid ? { txid: c.txid } : {}), ...(c.detail ? { detail: c.detail } : {}) };
    });
    const record: StepRecord = { index: i + 1, title: steps[i]!.title.en, ok: r.ok, calls, statuses: after, ...(r.ok ? {} : { error: { code: r.error.code, message: r.error.message } }) };
    records.push(record);
    if (!json) {
      out(`${String(i + 1).padStart(2)}. ${record.title}`);
      for (const c of calls) if (c.txid || c.detail) out(`      ${c.action}${c.node ? ` ${c.node}` : ''}${c.txid ? ` → ${c.txid}` : ''}${c.detail ? `  (${c.detail})` : ''}`);
      // A new kind of status is news; one more confirmation is not.
      const kind = (s: string | undefined) => s?.replace(/ \(\d+\)$/, '');
      const changed = Object.entries(after).filter(([id, s]) => kind(before[id]) !== kind(s));
      if (changed.length > 0) out(`      ${changed.map(([id, s]) => `${id}: ${s}`).join(', ')}`);
      if (!r.ok) out(`      FAILED: ${r.error.message}`);
    }
    before = after;
    if (!r.ok) {
      failed = true;
      break;
    }
  }

  const view = bench.view();
  const balances = Object.fromEntries(
    view.wallets.map((w) => [w.name, Object.fromEntries(view.chains.map((c) => [c.id, (BigInt(w.balances[c.id].confirmed) + BigInt(w.balances[c.id].unconfirmed) + BigInt(w.balances[c.id].immature)).toString()]))]),
  );
  const bestBlockHashes = Object.fromEntries(view.chains.map((c) => [c.id, c.tipHash]));
  if (json) {
    out(JSON.stringify({ scenario: doc.name, path: lesson.path, seed: doc.seed, ok: !failed, bestBlockHashes, balances, steps: records }));
  } else {
    out('balances:');
    for (const [wallet, chains] of Object.entries(balances)) out(`  ${wallet.padEnd(10)} ${Object.entries(chains).map(([c, v]) => `${btc(BigInt(v))} ${c.toUpperCase()}`).join('   ')}`);
    out('best blocks:');
    for (const c of view.chains) out(`  ${c.id}  ${c.tipHash}  (height ${c.height})`);
    out(failed ? `FAIL: step ${records.length} of ${steps.length}` : `PASS: ${records.length} steps`);
  }
  return failed ? 1 : 0;
}
