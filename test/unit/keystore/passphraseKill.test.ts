/**
 * SIGKILL during passphrase changes, at seeded random moments: after every kill the keystore opens
 * with the passphrase of the last acknowledged change or of the one in flight (never an older one,
 * never neither), with every wallet's mnemonic and keys as before, and with no leftover files.
 * The child (fixtures/passphraseLoop.ts) opens the keystore, which finishes what the last kill
 * interrupted, then changes the passphrase back to back in every direction. Each kill is checked
 * on a copy of the folder, so the next child meets the leftovers and can be killed while it
 * finishes them.
 */
import { cp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Keystore } from '../../../main/keystore/keystore';
import {
  bundleChild,
  forWorkers,
  killChildren,
  removeBundles,
  seededRandom,
  WarmChildren,
} from '../../support/killHarness';
import { directionInto, keyFingerprint, passphraseAt, type ChangeDirection } from './fixtures/passphraseSteps';
import { openKeystore, tempDir, TEST_KDF } from './helpers';

const CHILD = join(import.meta.dirname, 'fixtures', 'passphraseLoop.ts');
const WORKERS = 2; // two cores: two children in two folders at once
const KILLS_PER_WORKER = 60;
/**
 * The child's open takes 5–20 ms and a change 5–20 ms (cheap scrypt, three fsyncs): kills land in
 * the open (which may be finishing the previous round's change), the first change or a few later.
 */
const MAX_DELAY_MS = 80;

afterEach(killChildren);
afterAll(removeBundles);

const canonicalFiles = (passphrase: string | undefined) =>
  passphrase === undefined ? ['keystore.json', 'keystore.key'] : ['keystore.json'];
const openAt = (dir: string, passphrase: string | undefined) =>
  Keystore.open({ dir, kdf: TEST_KDF, ...(passphrase === undefined ? {} : { passphrase }) });
const filesIn = async (dir: string) => (await readdir(dir)).sort();

describe('passphrase change under SIGKILL', () => {
  it(`survives ${WORKERS * KILLS_PER_WORKER} kills: old or new passphrase, wallets intact, acknowledged changes kept`, async () => {
    const started = Date.now();
    const script = await bundleChild(CHILD);
    const stats = { kills: 0, acknowledged: 0, unfinished: 0, tempFiles: 0, killedFinishing: 0, old: 0, new: 0 };
    const byDirection = new Map<ChangeDirection, { old: number; new: number }>();

    async function worker(seed: number): Promise<void> {
      const random = seededRandom(seed);
      const children = new WarmChildren(script);
      const dir = await tempDir();
      const check = await tempDir();
      const expected = (await openKeystore(dir)).exportWallets({ includePrivateKeys: true }); // step 0: no passphrase
      let step = 0;
      let fingerprint = await keyFingerprint(dir);
      let leftoversAtStart = false;
      for (let round = 0; round < KILLS_PER_WORKER; round++) {
        const run = await children.runUntilKilled({
          args: [dir, String(step)],
          delayMs: Math.floor(random() * MAX_DELAY_MS),
        });
        expect(run.stderr).toBe('');
        expect(run.killed).toBe(true);
        stats.kills++;
        if (leftoversAtStart && !run.lines.includes('opened')) stats.killedFinishing++;
        let acked = step;
        let ackedKey = fingerprint;
        for (const line of run.lines.filter((l) => l !== 'opened')) {
          const done = /^done (\d+)(?: key=([0-9a-f]+|none))?$/.exec(line);
          if (!done) throw new Error(`round ${round}: unexpected output ${JSON.stringify(line)}`);
          acked = Number(done[1]);
          ackedKey = done[2] ?? 'none';
        }
        stats.acknowledged += acked - step;

        const before = await filesIn(dir);
        await rm(check, { recursive: true, force: true });
        await cp(dir, check, { recursive: true });
        // "old": the last acknowledged step; "new": the change in flight when the kill came.
        const oldPassphrase = passphraseAt(acked);
        const newPassphrase = passphraseAt(acked + 1);
        let opened = await openAt(check, oldPassphrase);
        let outcome: 'old' | 'new' = 'old';
        if (opened.ok) {
          // A key rotation opens without a passphrase either way; the key file tells which.
          if (oldPassphrase === undefined && newPassphrase === undefined && (await keyFingerprint(check)) !== ackedKey)
            outcome = 'new';
        } else {
          opened = await openAt(check, newPassphrase);
          outcome = 'new';
        }
        if (!opened.ok)
          throw new Error(
            `round ${round} (step ${acked}, ${directionInto(acked + 1)}): neither passphrase opens: ${opened.error.detail} ${opened.error.message}`,
          );

        expect(opened.value.exportWallets({ includePrivateKeys: true })).toEqual(expected);
        const passphrase = outcome === 'old' ? oldPassphrase : newPassphrase;
        expect(opened.value.hasPassphrase).toBe(passphrase !== undefined);
        expect(await filesIn(check)).toEqual(canonicalFiles(passphrase));
        leftoversAtStart = before.join() !== canonicalFiles(passphrase).join();
        if (leftoversAtStart) stats.unfinished++;
        if (before.some((name) => name.endsWith('.tmp'))) stats.tempFiles++;
        stats[outcome]++;
        const direction = byDirection.get(directionInto(acked + 1)) ?? { old: 0, new: 0 };
        direction[outcome]++;
        byDirection.set(directionInto(acked + 1), direction);

        step = outcome === 'old' ? acked : acked + 1;
        fingerprint = await keyFingerprint(check);
      }
      children.close();
    }

    await forWorkers(WORKERS, (w) => worker(0x9a55 + w));
    const seconds = (Date.now() - started) / 1000;
    const directions = [...byDirection].map(([d, n]) => `${d}: ${n.old} old / ${n.new} new`).join('; ');
    console.log(
      `passphrase kill test: ${stats.kills} kills, ${stats.acknowledged} changes acknowledged, ` +
        `${stats.unfinished} kills left an unfinished change on disk (${stats.tempFiles} with a temp file), ` +
        `${stats.killedFinishing} kills hit a child while it opened such a folder, ` +
        `opened with old ${stats.old} / new ${stats.new} (in flight: ${directions}), ${seconds.toFixed(1)} s`,
    );
    expect(stats.kills).toBe(WORKERS * KILLS_PER_WORKER);
    expect(stats.acknowledged).toBeGreaterThan(0);
    expect(stats.unfinished).toBeGreaterThan(0); // some kills did land between the writes of a change
    expect(stats.killedFinishing).toBeGreaterThan(0);
    expect(stats.old).toBeGreaterThan(0);
    expect(stats.new).toBeGreaterThan(0);
    expect(byDirection.size).toBe(4);
  }, 120_000); // ~15 s on two idle cores; a loaded box is slow, not wrong (the time is logged, not asserted)
});
