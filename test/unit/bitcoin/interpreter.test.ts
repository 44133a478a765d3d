import { describe, expect, it } from 'vitest';
import { concat, toHex } from '../../../shared/bitcoin/bytes';
import { F, FLAGS_2014, STANDARD_FLAGS } from '../../../shared/bitcoin/flags';
import { OP } from '../../../shared/bitcoin/opcodes';
import { pushData } from '../../../shared/bitcoin/script';
import { legacySighash } from '../../../shared/bitcoin/sighash';
import { encodeDer, negateS, parseDerLax, SIGHASH_ALL } from '../../../shared/bitcoin/signatureEncoding';
import { TraceRecorder } from '../../../shared/bitcoin/trace';
import { Transaction, verifyInput } from '../../../shared/bitcoin/transaction';
import { p2pkhScript, testKey } from '../../helpers/keys';

const alice = testKey('alice');
const P2PKH = p2pkhScript(alice.publicKey);

function signedP2pkh(mutateSig?: (der: Uint8Array) => Uint8Array) {
  const tx = new Transaction();
  tx.version = 1;
  tx.addInput(new Uint8Array(32).fill(9), 0);
  tx.addOutput(P2PKH, 1_000n);
  let der = encodeDer(alice.sign(legacySighash(tx, 0, P2PKH, SIGHASH_ALL).digest));
  if (mutateSig) der = mutateSig(der);
  tx.setInputScript(0, concat(pushData(concat(der, Uint8Array.of(SIGHASH_ALL))), pushData(alice.publicKey)));
  return tx;
}

describe('P2PKH through the interpreter with a trace', () => {
  it('shows the stack after every opcode; after OP_DUP the key is there twice', () => {
    const tx = signedP2pkh();
    const trace = new TraceRecorder();
    const verdict = verifyInput(tx, 0, { scriptPubKey: P2PKH, amount: 1_000n }, STANDARD_FLAGS, { trace });
    expect(verdict.ok).toBe(true);
    const phases = trace.result().phases;
    expect(phases.map((p) => p.role)).toEqual(['scriptSig', 'scriptPubKey']);
    const steps = phases[1]!.steps;
    expect(steps.map((s) => s.opcode)).toEqual([OP.OP_DUP, OP.OP_HASH160, 20, OP.OP_EQUALVERIFY, OP.OP_CHECKSIG]);
    const afterDup = steps[0]!.stack.map(toHex);
    expect(afterDup.slice(-2)).toEqual([toHex(alice.publicKey), toHex(alice.publicKey)]);
    const check = steps[4]!.signatureChecks![0]!;
    expect(check.valid).toBe(true);
    expect(check.hashType).toBe(SIGHASH_ALL);
    expect(check.preimage).toBeDefined();
    expect(steps[4]!.stack.map(toHex)).toEqual(['01']);
  });

  it('reports the failing opcode and its offset', () => {
    const tx = signedP2pkh();
    const wrongKey = p2pkhScript(testKey('bob').publicKey);
    const v = verifyInput(tx, 0, { scriptPubKey: wrongKey, amount: 1_000n }, STANDARD_FLAGS);
    expect(v.ok).toBe(false);
    if (!v.ok)
      expect(v.error).toMatchObject({
        code: 'EQUALVERIFY',
        at: { script: 'scriptPubKey', offset: 23, opcode: OP.OP_EQUALVERIFY },
      });
  });
});

describe('malleated signatures: the 2014 era accepts them, the rules that closed each hole refuse them', () => {
  const prevout = { scriptPubKey: P2PKH, amount: 1_000n };
  it('S → n − S verifies under lax rules, fails LOW_S', () => {
    const tx = signedP2pkh((der) => encodeDer(negateS(parseDerLax(der)!)));
    expect(verifyInput(tx, 0, prevout, FLAGS_2014).ok).toBe(true);
    const v = verifyInput(tx, 0, prevout, FLAGS_2014 | F.LOW_S);
    expect(!v.ok && v.error.code).toBe('SIG_HIGH_S');
  });
  it('a zero-padded R (non-canonical DER) verifies with lax DER, fails DERSIG', () => {
    const tx = signedP2pkh((der) => {
      const lenR = der[3]!;
      const r = der.subarray(4, 4 + lenR);
      const rest = der.subarray(4 + lenR);
      return Uint8Array.from([0x30, der[1]! + 1, 0x02, lenR + 1, 0x00, ...r, ...rest]);
    });
    expect(verifyInput(tx, 0, prevout, FLAGS_2014).ok).toBe(true);
    const v = verifyInput(tx, 0, prevout, FLAGS_2014 | F.DERSIG);
    expect(!v.ok && v.error.code).toBe('SIG_DER');
  });
});
