import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as secp from 'tiny-secp256k1';
import { describe, expect, it } from 'vitest';
import { concat, toHex } from '../../../shared/bitcoin/bytes';
import { OP } from '../../../shared/bitcoin/opcodes';
import { compileScript, pushData } from '../../../shared/bitcoin/script';
import { legacySighash, taprootSighash } from '../../../shared/bitcoin/sighash';
import { encodeDer } from '../../../shared/bitcoin/signatureEncoding';
import { taprootOutput } from '../../../shared/bitcoin/taproot';
import { Transaction } from '../../../shared/bitcoin/transaction';
import { p2pkhScript, testKey } from '../../helpers/keys';
import { txlab } from './run';

const dir = mkdtempSync(join(tmpdir(), 'txlab-cli-'));
const fixtures = new URL('../../fixtures/bitcoin-core/', import.meta.url);

function p2pkhSpend(): { tx: string; prevouts: string } {
  const key = testKey('cli');
  const script = p2pkhScript(key.publicKey);
  const tx = new Transaction();
  tx.version = 1;
  tx.addInput(new Uint8Array(32).fill(3), 1);
  tx.addOutput(script, 5_000n);
  const sig = concat(encodeDer(key.sign(legacySighash(tx, 0, script, 1).digest)), Uint8Array.of(1));
  tx.setInputScript(0, concat(pushData(sig), pushData(key.publicKey)));
  return { tx: tx.toHex(), prevouts: JSON.stringify([{ scriptPubKey: toHex(script), amount: 6_000 }]) };
}

describe('txlab vectors', () => {
  it('runs a Core file and ends with the counts', () => {
    const r = txlab(['vectors', new URL('tx_invalid.json', fixtures).pathname]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('93 passed, 0 failed, 0 skipped');
  });

  it('runs script_tests.json with no row skipped, the tapscript rows included', () => {
    const r = txlab(['vectors', new URL('script_tests.json', fixtures).pathname]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('1222 passed, 0 failed, 0 skipped');
  });

  it('runs Core’s script asset tests (Taproot), and names a broken entry', () => {
    const dump = new URL('../../fixtures/taproot/feature_taproot_dump.json.gz', import.meta.url);
    const entries = (JSON.parse(gunzipSync(readFileSync(dump)).toString('utf8')) as { success: unknown }[]).slice(
      0,
      40,
    );
    const file = join(dir, 'assets.json');
    writeFileSync(file, JSON.stringify(entries));
    const r = txlab(['vectors', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/: script_assets/);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('40 passed, 0 failed, 0 skipped');
    // Its success case emptied: it cannot verify.
    const broken = entries.map((e, i) => (i === 5 ? { ...e, success: { scriptSig: '', witness: [] } } : e));
    writeFileSync(file, JSON.stringify(broken));
    const bad = txlab(['vectors', file]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/FAIL row 5: .*success fails/);
  });

  it('prints a failing row with its reason and exits 1', () => {
    const rows = JSON.parse(readFileSync(new URL('sighash.json', fixtures), 'utf8')) as unknown[][];
    rows[3]![4] = '00'.repeat(32); // a wrong expected digest
    const file = join(dir, 'sighash-broken.json');
    writeFileSync(file, JSON.stringify(rows));
    const r = txlab(['vectors', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL row 3: expected 0{64}, got [0-9a-f]{64}/);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('499 passed, 1 failed, 0 skipped');
  });

  it('refuses what is not a vector file with one line and exit 2', () => {
    const file = join(dir, 'not-vectors.json');
    writeFileSync(file, '{"a": 1}');
    for (const args of [['vectors', file], ['vectors', join(dir, 'missing.json')], ['vectors']]) {
      const r = txlab(args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('txlab verify', () => {
  it('verifies a signed P2PKH spend and traces it', () => {
    const { tx, prevouts } = p2pkhSpend();
    const r = txlab(['verify', '--tx', tx, '--prevouts', prevouts, '--trace']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/input 0: valid/);
    expect(r.stdout).toMatch(/OP_DUP/);
    expect(r.stdout).toMatch(/OP_CHECKSIG\s+01/);
  });

  it('traces a tapscript spend with the weight budget left after each step', () => {
    const key = new Uint8Array(32).fill(4);
    const leaf = { script: compileScript([secp.xOnlyPointFromScalar(key), OP.OP_CHECKSIG]), leafVersion: 0xc0 };
    const output = taprootOutput(secp.xOnlyPointFromScalar(new Uint8Array(32).fill(5)), leaf)!;
    const tx = new Transaction();
    tx.version = 2;
    tx.addInput(new Uint8Array(32).fill(6), 0);
    tx.addOutput(output.scriptPubKey, 9_000n);
    const spent = [{ scriptPubKey: output.scriptPubKey, amount: 10_000n }];
    const spend = { annexHash: undefined, tapleafHash: output.leaves[0]!.leafHash, codeSeparatorPos: 0xffffffff };
    const digest = taprootSighash(tx, 0, spent, 0, 'TAPSCRIPT', spend)!.digest;
    tx.setWitness(0, [secp.signSchnorr(digest, key, new Uint8Array(32)), leaf.script, output.leaves[0]!.controlBlock]);
    const prevouts = JSON.stringify([{ scriptPubKey: toHex(output.scriptPubKey), amount: 10_000 }]);
    const r = txlab([
      'verify',
      '--tx',
      tx.toHex(),
      '--prevouts',
      prevouts,
      '--flags',
      'P2SH,WITNESS,TAPROOT',
      '--trace',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ {2}tapscript:/);
    // 1 + 65 + 35 + 34 witness bytes + 50, then 50 spent by OP_CHECKSIG.
    expect(r.stdout).toMatch(/OP_PUSHBYTES_32 .* budget 185/);
    expect(r.stdout).toMatch(/OP_CHECKSIG .* budget 135/);
  });

  it('reports an invalid input with Core’s error name and exits 1', () => {
    const { tx } = p2pkhSpend();
    const other = toHex(p2pkhScript(testKey('someone else').publicKey));
    const r = txlab(['verify', '--tx', tx, '--prevouts', JSON.stringify([{ scriptPubKey: other, amount: 6000 }])]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/input 0: invalid — EQUALVERIFY/);
  });

  it('verifies a batch file into one JSON array, in order', () => {
    const good = p2pkhSpend();
    const file = join(dir, 'batch.json');
    const other = toHex(p2pkhScript(testKey('x').publicKey));
    writeFileSync(
      file,
      JSON.stringify([
        { tx: good.tx, prevouts: JSON.parse(good.prevouts) as unknown, flags: 'standard' },
        { tx: good.tx, prevouts: [{ scriptPubKey: other, amount: 6000 }], flags: '2014' },
      ]),
    );
    const r = txlab(['verify', '--batch', file]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      valid: boolean;
      error: string | null;
      txid: string;
      inputs: { valid: boolean }[];
    }[];
    expect(out.map((o) => [o.valid, o.error])).toEqual([
      [true, null],
      [false, 'EQUALVERIFY'],
    ]);
    expect(out[0]!.txid).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers every batch item: a malformed one gets its error in its place', () => {
    const good = p2pkhSpend();
    const file = join(dir, 'mixed.json');
    const prevouts = JSON.parse(good.prevouts) as unknown;
    writeFileSync(
      file,
      JSON.stringify([
        { tx: good.tx, prevouts },
        { tx: 'zz', prevouts },
        { tx: good.tx, prevouts: [] },
        { tx: good.tx, prevouts, flags: 'P2SH,NOPE' },
        { tx: good.tx },
        { tx: good.tx, prevouts },
      ]),
    );
    const r = txlab(['verify', '--batch', file]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { valid?: boolean; error: string | null }[];
    expect(out).toHaveLength(6);
    expect(out.map((o) => o.valid)).toEqual([true, undefined, undefined, undefined, undefined, true]);
    expect(out[1]!.error).toMatch(/^\[1\]: /);
    expect(out[2]!.error).toMatch(/^\[2\]: prevouts has 0 entries but the transaction has 1 inputs/);
    expect(out[3]!.error).toMatch(/^\[3\]\.flags: unknown flag "NOPE"/);
    expect(out[4]!.error).toMatch(/^\[4\]\.prevouts: /);
  });

  it('refuses bad input with one line and exit 2', () => {
    const { tx, prevouts } = p2pkhSpend();
    const bad: string[][] = [
      ['verify', '--tx', 'zz', '--prevouts', prevouts],
      ['verify', '--tx', tx.slice(0, 40), '--prevouts', prevouts],
      ['verify', '--tx', tx, '--prevouts', '[]'],
      ['verify', '--tx', tx, '--prevouts', prevouts, '--flags', 'P2SH,NOPE'],
      ['verify', '--tx', tx, '--prevouts', prevouts, '--flags', 'WITNESS'],
      ['verify', '--batch', join(dir, 'nope.json')],
      ['verify', '--tx', tx],
    ];
    for (const args of bad) {
      const r = txlab(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
    }
  });
});
