/**
 * The workspace on disk, so that an acknowledged change survives a crash and a workspace switch
 * never pairs a document with another workspace's wallets.
 *
 *   workspace.json       snapshot: { seq, fingerprint, document, base }
 *   workspace.log        one line per acknowledged change after the snapshot: { seq, delta }
 *   workspace.next.json  a switch (import, lesson load, new) being committed
 *
 * A change is appended to the log before its request is answered (a kill after the answer
 * cannot lose it; the operating system has the bytes even if the process dies). The log is
 * folded into a new snapshot when the host is idle.
 *
 * A switch replaces the document and the keystore's wallets, two files that cannot be renamed
 * together. So: (1) the new document goes to workspace.next.json with the fingerprint of its
 * wallets, (2) the keystore adopts the wallets (its own atomic write: the commit point),
 * (3) next replaces the snapshot and the log is emptied. On open, a leftover next file is
 * promoted if the keystore holds its wallets (killed after 2) and discarded otherwise (before 2).
 *
 * Any other request that changes the wallets (a key handed over in a lesson step, a rename)
 * writes the keystore at once, before the request's own entry reaches the log. So before its
 * first keystore write the keystore file as it was goes to workspace.rollback.json, tagged with
 * the request's sequence number; the request's entry (an empty one if the document did not
 * change) commits it, and the rollback file is removed. On open, a rollback file whose request
 * never committed puts the old keystore back: the wallets and the document stay of one moment.
 */
import { closeSync, ftruncateSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { err, ok, type Result } from '../../../shared/contract/result';
import type { ScenarioFile } from '../../../shared/scenario/schema';
import { readFileIfExists, removeFileIfExists, removeStaleTempFiles, writeFileAtomic } from '../../storage/atomicFile';
import { applyDocDelta, docDelta, type DocDelta } from './docDelta';

export const SNAPSHOT_FILE = 'workspace.json';
export const LOG_FILE = 'workspace.log';
export const NEXT_FILE = 'workspace.next.json';
export const ROLLBACK_FILE = 'workspace.rollback.json';

/** Fold the log into a snapshot once it is this long, even while busy. */
const MAX_LOG_BYTES = 4_000_000;

interface SnapshotFile {
  readonly format: 'txlab-autosave';
  readonly version: 2;
  readonly seq: number;
  /** Which wallets the document belongs to (see walletsFingerprint in session.ts). */
  readonly fingerprint?: string;
  readonly document: unknown;
  readonly base?: unknown;
}

/** What was on disk: raw JSON, to be validated like any file (the data folder is not trusted more than a file). */
export interface SavedWorkspace {
  readonly document: unknown;
  readonly base?: unknown;
  readonly fingerprint?: string;
}

function parseSnapshot(bytes: Uint8Array): SnapshotFile | undefined {
  try {
    const raw = JSON.parse(Buffer.from(bytes).toString('utf8')) as Omit<Partial<SnapshotFile>, 'version'> & {
      version?: number;
    };
    if (raw.format !== 'txlab-autosave' || raw.document === undefined) return undefined;
    // Version 1 (before the log): the same document, no sequence or fingerprint.
    if (raw.version === 1)
      return {
        format: 'txlab-autosave',
        version: 2,
        seq: 0,
        document: raw.document,
        ...(raw.base !== undefined ? { base: raw.base } : {}),
      };
    if (raw.version !== 2 || typeof raw.seq !== 'number' || !Number.isSafeInteger(raw.seq) || raw.seq < 0)
      return undefined;
    return raw as SnapshotFile;
  } catch {
    return undefined;
  }
}

export class WorkspaceJournal {
  private seq: number;
  private logFd: number | undefined;
  private logBytes = 0;
  private savedBase: unknown;

  private constructor(
    private readonly dir: string,
    seq: number,
    base: unknown,
    private readonly log: (line: string) => void,
  ) {
    this.seq = seq;
    this.savedBase = base;
  }

  /**
   * Opens the journal of `dir` and reads the last acknowledged workspace. `fingerprint` is the
   * fingerprint of the wallets the keystore holds now: it decides an interrupted switch.
   */
  static async open(
    dir: string,
    fingerprint: string,
    log: (line: string) => void,
  ): Promise<{ journal: WorkspaceJournal; saved: SavedWorkspace | undefined }> {
    const snapshotPath = join(dir, SNAPSHOT_FILE);
    const nextPath = join(dir, NEXT_FILE);
    await removeStaleTempFiles(snapshotPath);
    await removeStaleTempFiles(nextPath);
    const nextBytes = await readFileIfExists(nextPath);
    if (nextBytes) {
      const next = parseSnapshot(nextBytes);
      if (next && next.fingerprint === fingerprint) {
        await rename(nextPath, snapshotPath); // the keystore committed this switch: finish it
        truncate(join(dir, LOG_FILE));
      } else {
        await removeFileIfExists(nextPath); // killed before the keystore changed: the switch never happened
      }
    }
    const bytes = await readFileIfExists(snapshotPath);
    if (!bytes) return { journal: new WorkspaceJournal(dir, 0, undefined, log), saved: undefined };
    const snapshot = parseSnapshot(bytes);
    if (!snapshot) {
      const kept = await WorkspaceJournal.keepUnreadable(dir, log, 'it is not an autosave file TxLab can read');
      return { journal: new WorkspaceJournal(dir, 0, undefined, log), saved: kept };
    }
    if (snapshot.fingerprint !== undefined && snapshot.fingerprint !== fingerprint) {
      log(
        'the autosaved workspace was made with other wallets than the keystore holds; its signature slots may have no owner',
      );
    }
    let document = snapshot.document as Record<string, unknown>;
    let seq = snapshot.seq;
    for (const entry of readLog(join(dir, LOG_FILE))) {
      if (entry.seq <= seq) continue;
      if (entry.seq !== seq + 1 || typeof document !== 'object' || document === null) break; // a gap: nothing after it was acknowledged in order
      document = applyDocDelta(document, entry.delta);
      seq = entry.seq;
    }
    const journal = new WorkspaceJournal(dir, seq, snapshot.base, log);
    return {
      journal,
      saved: {
        document,
        ...(snapshot.base !== undefined ? { base: snapshot.base } : {}),
        ...(snapshot.fingerprint !== undefined ? { fingerprint: snapshot.fingerprint } : {}),
      },
    };
  }

  /** An autosave that cannot be read is kept aside, never overwritten: the person may want it. */
  static async keepUnreadable(dir: string, log: (line: string) => void, why: string): Promise<undefined> {
    const aside = `workspace.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    try {
      await rename(join(dir, SNAPSHOT_FILE), join(dir, aside));
      truncate(join(dir, LOG_FILE));
      log(
        `the autosaved workspace could not be opened (${why}); it was kept as ${aside} and a new workspace was started`,
      );
    } catch (e) {
      log(`the autosaved workspace could not be opened (${why}) nor set aside: ${String(e)}`);
    }
    return undefined;
  }

  /**
   * Appends what one request changed, synchronously, before the request is answered. A change of
   * the lesson's starting point (rare) writes a whole snapshot instead. `fingerprint` is asked
   * for only then: it reads every wallet, which most edits never need.
   */
  async record(
    before: ScenarioFile,
    after: ScenarioFile,
    base: ScenarioFile | undefined,
    fingerprint: () => string,
  ): Promise<void> {
    if (base !== this.savedBase) {
      await this.snapshot(after, base, fingerprint());
      return;
    }
    const delta = docDelta(before, after);
    if (!delta) return;
    this.append(delta);
    if (this.logBytes > MAX_LOG_BYTES) await this.snapshot(after, base, fingerprint());
  }

  /** The sequence number of the last committed change. */
  get committed(): number {
    return this.seq;
  }

  /** Before a request's first keystore write: the keystore file as it was, for `seq` (the request's commit). */
  async saveKeystoreRollback(keystorePath: string, seq: number): Promise<void> {
    const bytes = await readFileIfExists(keystorePath);
    if (!bytes) return;
    await writeFileAtomic(
      join(this.dir, ROLLBACK_FILE),
      Buffer.from(JSON.stringify({ seq, keystore: Buffer.from(bytes).toString('base64') }), 'utf8'),
    );
  }

  /** The request that wrote the keystore is over: its commit (an empty entry if nothing else) is in the log; the rollback goes. */
  async commitKeystoreChange(seq: number): Promise<void> {
    if (this.seq < seq) this.append({});
    await removeFileIfExists(join(this.dir, ROLLBACK_FILE));
  }

  /**
   * Run before the keystore is opened: a rollback file left by a request that never committed
   * puts the keystore file back as it was. `fingerprintNow` opens the keystore as it is, for the
   * one case the files cannot decide: a switch whose keystore write may or may not have landed.
   */
  static async settleKeystore(
    dir: string,
    keystorePath: string,
    fingerprintNow: () => Promise<string | undefined>,
    log: (line: string) => void,
  ): Promise<void> {
    const rollbackPath = join(dir, ROLLBACK_FILE);
    const bytes = await readFileIfExists(rollbackPath);
    if (!bytes) return;
    let rollback: { seq: number; keystore: string } | undefined;
    try {
      const raw = JSON.parse(Buffer.from(bytes).toString('utf8')) as { seq?: unknown; keystore?: unknown };
      if (typeof raw.seq === 'number' && typeof raw.keystore === 'string')
        rollback = { seq: raw.seq, keystore: raw.keystore };
    } catch {
      rollback = undefined;
    }
    if (rollback && !(await committedAtLeast(dir, rollback.seq, fingerprintNow))) {
      await writeFileAtomic(keystorePath, Buffer.from(rollback.keystore, 'base64'));
      log('a request was cut off while it changed the wallets; they were put back as they were before it');
    }
    await removeFileIfExists(rollbackPath);
  }

  private append(delta: DocDelta): void {
    const line = Buffer.from(`${JSON.stringify({ seq: this.seq + 1, delta })}\n`, 'utf8');
    this.logFd ??= openSync(join(this.dir, LOG_FILE), 'a', 0o600);
    let offset = 0;
    while (offset < line.length) offset += writeSync(this.logFd, line, offset, line.length - offset);
    this.logBytes += line.length;
    this.seq++;
  }

  /** Folds the log into a new snapshot (idle time, quitting, or a long log). */
  async snapshot(doc: ScenarioFile, base: ScenarioFile | undefined, fingerprint: string): Promise<void> {
    const seq = this.seq + 1;
    await writeSnapshot(join(this.dir, SNAPSHOT_FILE), {
      format: 'txlab-autosave',
      version: 2,
      seq,
      fingerprint,
      document: doc,
      ...(base ? { base } : {}),
    });
    this.seq = seq;
    this.savedBase = base;
    this.emptyLog();
  }

  /**
   * A workspace switch: `adopt` replaces the keystore's wallets, and is the commit point (see
   * the file comment). Nothing changes on disk if it fails.
   */
  async commitSwitch(
    doc: ScenarioFile,
    base: ScenarioFile | undefined,
    fingerprint: string,
    adopt: () => Promise<Result<unknown>>,
  ): Promise<Result<unknown>> {
    const seq = this.seq + 1;
    const nextPath = join(this.dir, NEXT_FILE);
    try {
      await writeSnapshot(nextPath, {
        format: 'txlab-autosave',
        version: 2,
        seq,
        fingerprint,
        document: doc,
        ...(base ? { base } : {}),
      });
    } catch (e) {
      return err(
        'INVALID_STATE',
        `could not save the new workspace, so nothing was changed: ${e instanceof Error ? e.message : String(e)}`,
        { detail: 'IO' },
      );
    }
    const adopted = await adopt();
    if (!adopted.ok) {
      await removeFileIfExists(nextPath).catch(() => undefined);
      return adopted;
    }
    renameSync(nextPath, join(this.dir, SNAPSHOT_FILE));
    this.seq = seq;
    this.savedBase = base;
    this.emptyLog();
    return ok(true);
  }

  private emptyLog(): void {
    if (this.logFd !== undefined) {
      ftruncateSync(this.logFd, 0);
    } else {
      truncate(join(this.dir, LOG_FILE));
    }
    this.logBytes = 0;
  }

  close(): void {
    if (this.logFd !== undefined) closeSync(this.logFd);
    this.logFd = undefined;
  }
}

/** Whether the change numbered `seq` committed: in the snapshot or the log, or a switch whose wallets the keystore holds. */
async function committedAtLeast(
  dir: string,
  seq: number,
  fingerprintNow: () => Promise<string | undefined>,
): Promise<boolean> {
  const snapshotBytes = await readFileIfExists(join(dir, SNAPSHOT_FILE));
  let committed = snapshotBytes ? (parseSnapshot(snapshotBytes)?.seq ?? 0) : 0;
  for (const entry of readLog(join(dir, LOG_FILE))) {
    if (entry.seq === committed + 1) committed = entry.seq;
  }
  if (committed >= seq) return true;
  const nextBytes = await readFileIfExists(join(dir, NEXT_FILE));
  const next = nextBytes ? parseSnapshot(nextBytes) : undefined;
  return (
    next !== undefined &&
    next.seq >= seq &&
    next.fingerprint !== undefined &&
    next.fingerprint === (await fingerprintNow())
  );
}

async function writeSnapshot(path: string, file: SnapshotFile): Promise<void> {
  await writeFileAtomic(path, Buffer.from(JSON.stringify(file), 'utf8'));
}

function truncate(path: string): void {
  try {
    const fd = openSync(path, 'r+');
    try {
      ftruncateSync(fd, 0);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/** The log's entries in order; a torn last line (a kill mid-append, never acknowledged) ends it. */
function readLog(path: string): { seq: number; delta: DocDelta }[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const entries: { seq: number; delta: DocDelta }[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    try {
      const entry = JSON.parse(line) as { seq?: unknown; delta?: unknown };
      if (typeof entry.seq !== 'number' || typeof entry.delta !== 'object' || entry.delta === null) break;
      entries.push({ seq: entry.seq, delta: entry.delta });
    } catch {
      break;
    }
  }
  return entries;
}
