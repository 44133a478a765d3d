/** Script execution: a P2PKH payment stepped opcode by opcode, and Mallory's forgery. */
import { describe, expect, it } from 'vitest';
import { fromHex, reverse, toHex } from '../../shared/bitcoin/bytes';
import { hash256 } from '../../shared/bitcoin/hashes';
import { balance, COIN, fact, play, status } from './support';

describe('p2pkh-basics', () => {
  it('pay: sign, step through (the stack after every opcode), broadcast, mine', async () => {
    const { view, t } = await play('p2pkh-basics', 'pay');
    expect(status(view, 'Payment')).toBe('confirmed');
    expect(balance(view, 'Bob', 'btc')).toBe((3n * COIN) / 10n);
    expect(balance(view, 'Alice', 'btc')).toBe((7n * COIN) / 10n - 10_000n);
    const trace = await t.must('tx.debug', { node: 'Payment', input: 0 });
    // <sig> (71 or 72 bytes with its hash type) <pubkey> | OP_DUP OP_HASH160 <pkh> OP_EQUALVERIFY OP_CHECKSIG
    expect(trace.steps[0]!.opcode).toMatch(/^OP_PUSHBYTES_7[12]$/);
    expect(trace.steps.slice(1).map((s) => s.opcode)).toEqual([
      'OP_PUSHBYTES_33',
      'OP_DUP',
      'OP_HASH160',
      'OP_PUSHBYTES_20',
      'OP_EQUALVERIFY',
      'OP_CHECKSIG',
    ]);
    expect(trace.steps.map((s) => s.stack.length)).toEqual([1, 2, 3, 3, 4, 2, 1]);
    expect(trace.steps.at(-1)!.stack).toEqual(['01']);
    expect(fact(t, 'trace.Payment.result', 'steps')).toBe(7);
    // The txid is the double SHA-256 of the serialization, shown byte-reversed.
    const inspected = await t.must('tx.inspect', { node: 'Payment' });
    expect(toHex(reverse(hash256(fromHex(inspected.hex))))).toBe(inspected.node.txid);
  });

  it('forgery: Mallory’s own signature fails at OP_EQUALVERIFY and the network refuses it', async () => {
    const { view, t, reports } = await play('p2pkh-basics', 'forgery');
    expect(view.nodes.find((n) => n.id === 'Forgery')!.status).toMatchObject({
      kind: 'invalid',
      error: 'EQUALVERIFY',
      opcode: 'OP_EQUALVERIFY',
    });
    expect(fact(t, 'trace.Forgery.result', 'error')).toBe('EQUALVERIFY');
    expect(reports.at(-1)!.calls.at(-1)!.detail).toMatch(/^mandatory-script-verify-flag-failed/);
    expect(balance(view, 'Alice', 'btc')).toBe(COIN);
    expect(balance(view, 'Mallory', 'btc')).toBe(0n);
  });
});
