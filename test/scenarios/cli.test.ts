/** The scenario commands as a user runs them: txlab scenarios, run, export (child processes). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTINS } from '../../shared/lessons';
import { txlab } from '../unit/cli/run';

const dir = mkdtempSync(join(tmpdir(), 'txlab-scenarios-'));

interface RunJson {
  scenario: string;
  path: string;
  seed: number;
  ok: boolean;
  bestBlockHashes: Record<string, string>;
  balances: Record<string, Record<string, string>>;
  steps: { index: number; ok: boolean; calls: { action: string; txid?: string }[]; statuses: Record<string, string> }[];
}

const lastJson = (stdout: string): RunJson => JSON.parse(stdout.trim().split('\n').at(-1)!) as RunJson;

describe('txlab scenarios', () => {
  it('lists every built-in with its paths', () => {
    const r = txlab(['scenarios', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { name: string; paths: string[] }[];
    expect(list.map((s) => s.name)).toEqual(BUILTINS.map((b) => b.name));
    expect(list.find((s) => s.name === 'rsmc-channel')!.paths).toEqual([
      'cooperative',
      'unilateral',
      'breach-punished',
      'breach-unpunished',
    ]);
    const text = txlab(['scenarios']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('atomic-swap');
  });
});

describe('txlab run', () => {
  it('plays a built-in: steps with txids and statuses, then balances and best blocks as one JSON line', () => {
    const r = txlab(['run', 'atomic-swap', '--json']);
    expect(r.code).toBe(0);
    const out = lastJson(r.stdout);
    expect(out).toMatchObject({ scenario: 'atomic-swap', path: 'success', seed: 4, ok: true });
    expect(Object.keys(out.bestBlockHashes).sort()).toEqual(['btc', 'ltc']);
    expect(out.balances['Alice']).toEqual({ btc: '0', ltc: '999998000' });
    expect(out.balances['Bob']).toEqual({ btc: '99998000', ltc: '0' });
    expect(out.steps.every((s) => s.ok)).toBe(true);
    expect(out.steps.flatMap((s) => s.calls).filter((c) => c.action === 'tx.broadcast' && c.txid)).toHaveLength(4);
    expect(out.steps.at(-1)!.statuses['Tx1-claim']).toMatch(/^confirmed/);
  });

  it('is deterministic: the same seed gives the same best blocks, another seed other ones', () => {
    const a = lastJson(txlab(['run', 'multihop', '--path', 'dave-silent', '--json']).stdout);
    const b = lastJson(txlab(['run', 'multihop', '--path', 'dave-silent', '--json']).stdout);
    const c = lastJson(txlab(['run', 'multihop', '--path', 'dave-silent', '--seed', '99', '--json']).stdout);
    expect(b.bestBlockHashes).toEqual(a.bestBlockHashes);
    expect(c.seed).toBe(99);
    expect(c.ok).toBe(true);
    expect(c.bestBlockHashes['btc']).not.toBe(a.bestBlockHashes['btc']);
  });

  it('exports a built-in and plays the file to the same end', () => {
    const file = join(dir, 'htlc.json');
    const exported = txlab(['export', 'htlc', '--out', file]);
    expect(exported.code).toBe(0);
    const fromFile = lastJson(txlab(['run', file, '--path', 'breach-withheld', '--json']).stdout);
    const builtIn = lastJson(txlab(['run', 'htlc', '--path', 'breach-withheld', '--json']).stdout);
    expect(fromFile.ok).toBe(true);
    expect(fromFile.bestBlockHashes).toEqual(builtIn.bestBlockHashes);
    expect(fromFile.balances).toEqual(builtIn.balances);
    // Public keys only unless asked for.
    expect(readFileSync(file, 'utf8')).not.toContain('mnemonic');
  });

  it('exits 1 when a check fails, and says where', () => {
    const file = join(dir, 'rsmc.json');
    expect(txlab(['export', 'rsmc-channel', '--out', file]).code).toBe(0);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as {
      lesson: {
        paths: Record<
          string,
          { actions: { expect?: { balances?: Record<string, Record<string, { value: string }>> } }[] }[]
        >;
      };
    };
    const last = doc.lesson.paths['cooperative']!.at(-1)!;
    last.actions.find((a) => a.expect?.balances)!.expect!.balances!['Bob']!['btc']!.value = '1';
    const broken = join(dir, 'rsmc-broken.json');
    writeFileSync(broken, JSON.stringify(doc));
    const r = txlab(['run', broken, '--json']);
    expect(r.code).toBe(1);
    const out = lastJson(r.stdout);
    expect(out.ok).toBe(false);
    expect(out.steps.at(-1)).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    const text = txlab(['run', broken]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('FAIL');
  });

  it('bad input is a usage error (exit 2, one line)', () => {
    const malformed = join(dir, 'malformed.json');
    writeFileSync(malformed, '{"format": "txlab-scenario", "version": 1, "__proto__": {}}');
    for (const args of [
      ['run'],
      ['run', 'no-such-scenario'],
      ['run', 'rsmc-channel', '--path', 'no-such-path'],
      ['run', 'rsmc-channel', '--seed', 'seven'],
      ['run', 'rsmc-channel', '--bogus'],
      ['run', malformed],
      ['run', malformed, '--seed', '3'],
      ['export'],
      ['export', 'no-such-scenario'],
      ['scenarios', 'extra', '--nope'],
    ]) {
      const r = txlab(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});
