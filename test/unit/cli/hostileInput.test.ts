/**
 * The CLI facing hostile input (issue 9): text from files cannot drive the terminal, files and
 * lines are read only up to their limits, names from input are looked up as own properties,
 * and every refusal is one line.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readBounded } from '../../../main/cli/io';
import { boundedLines } from '../../../main/cli/rpc';
import { MemoryWalletProvider } from '../../../main/host/walletProviders';
import { terminalText, visibleText } from '../../../shared/text/safeText';
import { catalog } from '../../scenarios/support';
import { txlab } from './run';

const ESC = '\u001b';
const RLO = '\u202e';

describe('text from a file, shown', () => {
  it('on a terminal: control and bidi characters become escapes; JSON stays the same value', () => {
    expect(terminalText(`${ESC}]0;pwned${'\u0007'}title ${ESC}[2J`)).toBe('\\x1b]0;pwned\\x07title \\x1b[2J');
    expect(terminalText(`Bob${RLO}exe.txt`)).toBe('Bob\\u202eexe.txt');
    expect(terminalText('line one\nline two', { multiline: true })).toBe('line one\nline two');
    expect(terminalText('one\ntwo')).toBe('one\\x0atwo');
    const json = JSON.stringify({ name: `a${RLO}b\u0085c${ESC}` });
    expect(JSON.parse(terminalText(json))).toEqual(JSON.parse(json));
    // eslint-disable-next-line no-control-regex -- the test looks for control characters
    expect(terminalText(json)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
  });

  it('on the page: each control is visible, and plain text is untouched', () => {
    expect(visibleText(`Bob${RLO}exe.txt`)).toBe('Bob‹RLO›exe.txt');
    expect(visibleText(`a${ESC}b`)).toBe('a␛b');
    expect(visibleText('Alice → Bob · 爱丽丝')).toBe('Alice → Bob · 爱丽丝');
    expect(visibleText('two\nlines', { multiline: true })).toBe('two\nlines');
  });
});

describe('txlab run on a hostile file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'txlab-cli-'));

  async function builtFile(edit: (f: Record<string, unknown>) => void): Promise<string> {
    const built = await catalog.build('p2pkh-basics', undefined, { wallets: await new MemoryWalletProvider().fresh() });
    if (!built.ok) throw new Error(built.error.message);
    const f = JSON.parse(JSON.stringify(built.value)) as Record<string, unknown>;
    edit(f);
    const path = join(dir, `f${Math.random().toString(16).slice(2)}.json`);
    writeFileSync(path, JSON.stringify(f));
    return path;
  }

  it('prints a title full of escape sequences as escapes', async () => {
    const path = await builtFile(
      (f) => (f['title'] = { en: `${ESC}]0;owned${'\u0007'}${ESC}[2JLesson${RLO}`, zh: '课' }),
    );
    const r = txlab(['run', path]);
    expect(r.code).toBe(0);
    // eslint-disable-next-line no-control-regex -- the test looks for control characters
    expect(r.stdout).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(r.stdout).toContain('\\x1b]0;owned\\x07\\x1b[2JLesson\\u202e');
  });

  it('refuses a JSON error quoting escape sequences in one line, escaped', () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, `{"format": "txlab-scenario", ${ESC}[2J`);
    const r = txlab(['run', path]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    // eslint-disable-next-line no-control-regex -- the test looks for control characters
    expect(r.stderr).not.toMatch(/[\u001b]/);
  });

  it('refuses /dev/zero (not a regular file) at once, in one line', () => {
    const r = txlab(['run', '/dev/zero']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/not a regular file/);
  });

  it('takes --seed -1 as a value and refuses it in its own words', () => {
    const r = txlab(['run', 'segwit', '--seed', '-1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^txlab: --seed must be a whole number from 0 to 4294967295, not "-1"\n$/);
  });

  it('knows only its own commands: `txlab constructor` is an unknown command, not a crash', () => {
    const r = txlab(['constructor']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^txlab: unknown command "constructor"/);
  });
});

describe('bounded reading', () => {
  it('readBounded reads regular files up to the limit and refuses devices and FIFOs without waiting', async () => {
    expect(await readBounded('/dev/zero', 1_000)).toMatchObject({
      ok: false,
      error: { code: 'IMPORT_FAILED', message: expect.stringMatching(/not a regular file/) as unknown },
    });
    const dir = mkdtempSync(join(tmpdir(), 'txlab-rb-'));
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    // Nobody writes to it: a blocking open would wait here forever.
    expect(await readBounded(fifo, 1_000)).toMatchObject({
      ok: false,
      error: { code: 'IMPORT_FAILED', message: expect.stringMatching(/not a regular file/) as unknown },
    });
    const small = join(dir, 'x');
    writeFileSync(small, 'hello');
    const ok = await readBounded(small, 5);
    expect(ok.ok && Buffer.from(ok.value).toString()).toBe('hello');
    expect(await readBounded(small, 4)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/limit/) as unknown },
    });
    expect(await readBounded(join(dir, 'absent'), 4)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('boundedLines cuts a line over the limit without holding it, and goes on with the next', async () => {
    const huge = 'x'.repeat(50_000);
    const chunks = ['getblockcount\n', huge.slice(0, 20_000), huge.slice(20_000), '\ngetbestblockhash\nlast'];
    const lines = [];
    for await (const l of boundedLines(Readable.from(chunks), 10_000)) lines.push(l);
    expect(lines).toEqual([
      { line: 'getblockcount' },
      { tooLong: true },
      { line: 'getbestblockhash' },
      { line: 'last' },
    ]);
  });

  it('txlab rpc answers a 3 MB line with an error and the next line normally; prototype names are not methods', () => {
    const input = [
      'getblockcount',
      'x'.repeat(3_000_000),
      'constructor',
      '__proto__',
      'hasOwnProperty',
      'valueOf',
      'getblockcount',
    ].join('\n');
    const r = txlab(['rpc'], input);
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(out).toHaveLength(7);
    expect(out[0]).toBe(101); // a new workspace starts with 101 blocks, so its first coinbase is spendable
    expect(out[1]).toMatchObject({ error: { code: -32602 } });
    for (const i of [2, 3, 4, 5]) expect(out[i]).toMatchObject({ error: { code: -32601 } });
    expect(out[6]).toBe(101);
  });
});
