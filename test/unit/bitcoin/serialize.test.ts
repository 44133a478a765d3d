/**
 * Our serializations give the bytes Core's vectors were written as, and the ones bitcoinjs-lib
 * (an independent implementation) writes for any transaction; txRecord's ids and sizes follow.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crypto } from 'bitcoinjs-lib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../shared/bitcoin/bytes';
import { serializeTransaction } from '../../../shared/bitcoin/serialize';
import { Transaction } from '../../../shared/bitcoin/transaction';
import { txRecord } from '../../../shared/chain/txRecord';

const FIXTURES = join(__dirname, '../../fixtures/bitcoin-core');

/** The serialized transactions of tx_valid.json and tx_invalid.json (rows of [inputs, hex, flags]). */
function coreTransactions(): string[] {
  const rows: unknown[] = [
    ...(JSON.parse(readFileSync(join(FIXTURES, 'tx_valid.json'), 'utf8')) as unknown[]),
    ...(JSON.parse(readFileSync(join(FIXTURES, 'tx_invalid.json'), 'utf8')) as unknown[]),
  ];
  return rows
    .filter((row): row is [unknown, string, unknown] => Array.isArray(row) && typeof row[1] === 'string')
    .map((row) => row[1]);
}

const bytes = (max: number) => fc.uint8Array({ maxLength: max });
const input = fc.record({
  hash: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  index: fc.nat({ max: 0xffffffff }),
  script: bytes(300),
  sequence: fc.nat({ max: 0xffffffff }),
  witness: fc.oneof(fc.constant<Uint8Array[]>([]), fc.array(bytes(600), { maxLength: 4 })),
});
const output = fc.record({ script: bytes(300), value: fc.bigInt({ min: 0n, max: 21_000_000n * 100_000_000n }) });
const transaction = fc.record({
  // bitcoinjs-lib refuses to write a negative version (Core writes it as a signed 32-bit number).
  version: fc.nat({ max: 0x7fffffff }),
  locktime: fc.nat({ max: 0xffffffff }),
  ins: fc.array(input, { minLength: 1, maxLength: 5 }),
  // 300 outputs: the count's varint takes three bytes.
  outs: fc.oneof(fc.array(output, { maxLength: 4 }), fc.array(output, { minLength: 253, maxLength: 300 })),
});

type Generated<A> = A extends fc.Arbitrary<infer T> ? T : never;

function bitcoinjsTx(t: Generated<typeof transaction>): Transaction {
  const tx = new Transaction();
  tx.version = t.version;
  tx.locktime = t.locktime;
  t.ins.forEach((i, n) => {
    tx.addInput(i.hash, i.index, i.sequence, i.script);
    tx.setWitness(n, i.witness);
  });
  for (const o of t.outs) tx.addOutput(o.script, o.value);
  return tx;
}

function withoutWitnesses(tx: Transaction): Transaction {
  const copy = tx.clone();
  copy.stripWitnesses();
  return copy;
}

describe('serializeTransaction', () => {
  it("writes every transaction of Core's tx vectors back as the bytes it was read from", () => {
    const hexes = coreTransactions();
    expect(hexes.length).toBeGreaterThan(200);
    for (const hex of hexes) {
      const tx = Transaction.fromHex(hex);
      const { base, full } = serializeTransaction(tx);
      expect(toHex(full), hex).toBe(hex);
      expect(toHex(base)).toBe(toHex(withoutWitnesses(tx).toBuffer()));
    }
  });

  it('agrees with bitcoinjs-lib on random transactions, with and without witnesses', () => {
    fc.assert(
      fc.property(transaction, (t) => {
        const tx = bitcoinjsTx(t);
        const { base, full, hasWitness } = serializeTransaction(tx);
        expect(hasWitness).toBe(tx.hasWitnesses());
        expect(toHex(full)).toBe(toHex(tx.toBuffer()));
        expect(toHex(base)).toBe(toHex(withoutWitnesses(tx).toBuffer()));
        if (!hasWitness) expect(full).toBe(base);
      }),
      { numRuns: 200 },
    );
  });
});

describe('txRecord', () => {
  it("gives bitcoinjs-lib's txid, wtxid and sizes", () => {
    fc.assert(
      fc.property(transaction, (t) => {
        const tx = bitcoinjsTx(t);
        const record = txRecord(tx);
        expect(record.txid).toBe(tx.getId());
        // Not getHash(true): it gives a coinbase's wtxid as zero (see txRecord).
        expect(record.wtxid).toBe(toHex(crypto.hash256(tx.toBuffer()).reverse()));
        expect(record.size).toBe(tx.byteLength(true));
        expect(record.baseSize).toBe(tx.byteLength(false));
        expect(record.weight).toBe(tx.weight());
        expect(record.vsize).toBe(tx.virtualSize());
      }),
      { numRuns: 100 },
    );
  });
});
