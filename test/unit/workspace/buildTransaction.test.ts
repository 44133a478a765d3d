/** buildTransaction fills the transaction's lists itself: the same transaction as bitcoinjs-lib's add methods make, and the same refusals. */
import * as ecc from 'tiny-secp256k1';
import { describe, expect, it } from 'vitest';
import { fromHex, hexToHash, toHex } from '../../../shared/bitcoin/bytes';
import { Transaction } from '../../../shared/bitcoin/transaction';
import {
  keyOutput,
  keyUnlock,
  multisigOutput,
  multisigUnlock,
  multisigScript,
} from '../../../shared/protocols/outputs';
import { buildTransaction, unlockScriptSig, unlockWitness, type PrevoutInfo } from '../../../shared/workspace/assemble';
import type { TxDraft } from '../../../shared/workspace/model';

const keys = [1, 2].map((i) => ecc.pointFromScalar(new Uint8Array(32).fill(i), true)!);
const prevout = (vout: number): PrevoutInfo => ({
  txid: '11'.repeat(31) + '22',
  vout,
  output: { script: new Uint8Array(22), value: 5000n },
});

/** Three inputs (P2WPKH, legacy multisig, unconnected) and two outputs. */
function draft(): TxDraft {
  return {
    version: 2,
    locktime: 600_000,
    inputs: [
      {
        prevout: { txid: '11'.repeat(31) + '22', vout: 3 },
        sequence: 0xfffffffd,
        unlock: keyUnlock(keys[0]!, 'p2wpkh'),
      },
      {
        prevout: { txid: '11'.repeat(31) + '22', vout: 0 },
        sequence: 1000,
        unlock: multisigUnlock(multisigScript(2, keys), keys, 'p2sh'),
      },
      { sequence: 0xffffffff, unlock: keyUnlock(keys[1]!, 'p2pkh') },
    ],
    outputs: [keyOutput(keys[1]!, 'p2wpkh', 4000n), multisigOutput(2, keys, 'p2wsh', 900n)],
  };
}

function throughBitcoinjs(d: TxDraft, prevouts: readonly (PrevoutInfo | undefined)[]): Transaction {
  const tx = new Transaction();
  tx.version = d.version;
  tx.locktime = d.locktime;
  d.inputs.forEach((input, i) => {
    const p = prevouts[i];
    tx.addInput(
      p ? hexToHash(p.txid) : new Uint8Array(32),
      p ? p.vout : 0,
      input.sequence,
      unlockScriptSig(input.unlock),
    );
    if (input.unlock.witness.length > 0) tx.setWitness(i, unlockWitness(input.unlock));
  });
  for (const output of d.outputs) tx.addOutput(fromHex(output.scriptPubKey), BigInt(output.value));
  return tx;
}

describe('buildTransaction', () => {
  it("makes the transaction bitcoinjs-lib's addInput, setWitness and addOutput make", () => {
    const prevouts = [prevout(3), prevout(0), undefined];
    const built = buildTransaction(draft(), prevouts);
    const reference = throughBitcoinjs(draft(), prevouts);
    expect(toHex(built.toBuffer())).toBe(toHex(reference.toBuffer()));
    expect(built.getId()).toBe(reference.getId());
    expect(built.ins[2]!.witness).toEqual([]);
  });

  it('refuses a sequence, a vout or a value that addInput or addOutput would refuse', () => {
    const d = draft();
    expect(() => buildTransaction({ ...d, inputs: [{ ...d.inputs[0]!, sequence: 2 ** 32 }] }, [prevout(0)])).toThrow(
      RangeError,
    );
    expect(() => buildTransaction({ ...d, inputs: [{ ...d.inputs[0]!, sequence: 1.5 }] }, [prevout(0)])).toThrow(
      RangeError,
    );
    expect(() => buildTransaction(d, [prevout(-1), prevout(0), undefined])).toThrow(RangeError);
    expect(() => buildTransaction({ ...d, outputs: [{ ...d.outputs[0]!, value: '-1' }] }, [])).toThrow(RangeError);
    expect(() =>
      buildTransaction({ ...d, outputs: [{ ...d.outputs[0]!, value: (2n ** 63n).toString() }] }, []),
    ).toThrow(RangeError);
    expect(() =>
      throughBitcoinjs({ ...d, outputs: [{ ...d.outputs[0]!, value: (2n ** 63n).toString() }] }, []),
    ).toThrow();
  });
});
