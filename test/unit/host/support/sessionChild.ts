/**
 * A host session on a data folder, driven by a seeded script of requests, for the kill tests:
 * `node sessionChild.mjs DIR MODE SEED COUNT`. Before each request it prints `send N`; after
 * each answer `ack N HASH`, the hash of what a restart must show (the workspace exported with
 * its wallets). The parent kills it at a random moment and opens the folder again.
 *
 * MODE `loads`: workspace switches (built-in lessons, imports of exported files, New, a lesson
 * replayed backwards). MODE `edits`: a lesson, then graph edits, signatures, blocks, lesson steps,
 * wallet renames and undos, most of them answered in milliseconds.
 */
import type { MethodName } from '../../../../shared/contract/methods';
import type { Result } from '../../../../shared/contract/result';
import type { WorkspaceView } from '../../../../shared/contract/views';
import { SeededRng } from '../../../../shared/rng';
import { BuiltinCatalog } from '../../../../main/host/catalog';
import { openHostSession, type HostSession } from '../../../../main/host/session';
import { stateHash } from './stateHash';

const [dir, mode, seedText, countText] = process.argv.slice(2);
if (!dir || (mode !== 'loads' && mode !== 'edits')) throw new Error('usage: sessionChild DIR loads|edits SEED COUNT');
const rng = new SeededRng(Number(seedText ?? 1));
const count = Number(countText ?? 40);
const LESSONS: readonly [string, string][] = [
  ['rsmc-channel', 'cooperative'],
  ['htlc', 'redeem'],
  ['segwit', 'witness'],
  ['atomic-swap', 'success'],
  ['multihop', 'success'],
  ['p2pkh-basics', 'pay'],
];

async function view(session: HostSession): Promise<WorkspaceView> {
  const r = await session.invoke('workspace.get', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value as WorkspaceView;
}

type Request = readonly [MethodName, Record<string, unknown>];

async function nextLoad(session: HostSession, exported: string[]): Promise<Request> {
  const roll = rng.nextFloat();
  if (roll < 0.45) {
    const [name, path] = LESSONS[Math.floor(rng.nextFloat() * LESSONS.length)]!;
    return ['scenario.load', { name, path }];
  }
  if (roll < 0.7 && exported.length > 0)
    return ['workspace.import', { json: exported[Math.floor(rng.nextFloat() * exported.length)]! }];
  if (roll < 0.8) return ['workspace.new', {}];
  const lesson = (await view(session)).lesson;
  if (lesson && lesson.position > 0)
    return ['lesson.goto', { position: Math.floor(rng.nextFloat() * lesson.position) }];
  return ['lesson.goto', { position: lesson ? Math.min(lesson.steps.length, lesson.position + 1) : 0 }];
}

async function nextEdit(session: HostSession, step: number): Promise<Request> {
  if (step === 0) return ['scenario.load', { name: 'rsmc-channel', path: 'breach-punished' }];
  const v = await view(session);
  const drafts = v.nodes.filter((n) => n.kind === 'draft');
  const any = v.nodes[Math.floor(rng.nextFloat() * v.nodes.length)];
  const roll = rng.nextFloat();
  if (roll < 0.25 && any)
    return ['graph.renameNode', { id: any.id, label: `n${step}-${Math.floor(rng.nextFloat() * 1000)}` }];
  if (roll < 0.45 && any)
    return [
      'graph.moveNodes',
      {
        moves: [
          { id: any.id, position: { x: Math.round(rng.nextFloat() * 2000), y: Math.round(rng.nextFloat() * 1000) } },
        ],
      },
    ];
  if (roll < 0.55)
    return ['graph.addNode', { template: 'p2pkh-payment', chain: 'btc', position: { x: step * 10, y: 900 } }];
  if (roll < 0.62 && drafts.length > 0)
    return [
      'tx.sign',
      {
        node: drafts[Math.floor(rng.nextFloat() * drafts.length)]!.id,
        wallet: rng.nextFloat() < 0.5 ? 'Alice' : 'Bob',
      },
    ];
  if (roll < 0.7) return ['chain.mine', { chain: 'btc', count: 1 + Math.floor(rng.nextFloat() * 3) }];
  if (roll < 0.78 && v.lesson && v.lesson.position < v.lesson.steps.length)
    return ['lesson.goto', { position: v.lesson.position + 1 }];
  if (roll < 0.86) return ['wallet.rename', { wallet: 'bob-2', name: `Bob ${step}` }];
  if (roll < 0.93 && v.canUndo) return ['workspace.undo', {}];
  return ['graph.setTxFields', { node: (drafts[0] ?? any)?.id ?? 'Funding', locktime: step }];
}

async function main(): Promise<void> {
  const opened = await openHostSession({
    dataDir: dir!,
    mode: 'headless',
    version: 'kill-test',
    seed: 7,
    catalog: new BuiltinCatalog(),
  });
  if (!opened.ok) throw new Error(opened.error.message);
  const session = opened.value;
  const exported: string[] = [];
  process.stdout.write(`ready ${await stateHash(session)}\n`);
  for (let i = 0; i < count; i++) {
    const [method, params] = mode === 'loads' ? await nextLoad(session, exported) : await nextEdit(session, i);
    process.stdout.write(`send ${i} ${method}\n`);
    const r: Result<unknown> = await session.invoke(method, params);
    process.stdout.write(`ack ${i} ${await stateHash(session)} ${r.ok ? 'ok' : r.error.code}\n`);
    if (mode === 'loads' && r.ok && method === 'scenario.load') {
      const e = await session.invoke('workspace.export', {});
      if (e.ok) exported.push((e.value as { json: string }).json);
    }
  }
  await session.flush();
  process.stdout.write('done\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(3);
});
