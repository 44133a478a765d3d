/**
 * Keys for sandbox simulations (the throughput crowd, the many-races exchange): derived from the
 * workspace's seed, never stored, never in a wallet. They sign real transactions so that the
 * sandbox nodes verify real signatures.
 */
import { concat, utf8 } from '../../../shared/bitcoin/bytes';
import { sha256 } from '../../../shared/bitcoin/hashes';
import { pushMinimal } from '../../../shared/bitcoin/script';
import { bip143Sighash, legacySighash } from '../../../shared/bitcoin/sighash';
import type { Transaction } from '../../../shared/bitcoin/transaction';
import { p2pkhScriptPubKey, p2wpkhScriptPubKey } from '../../../shared/protocols/outputs';
import { derivePrivateKey, mnemonicFromEntropy, publicKeyOfPrivate, rootFromMnemonic, signDigestWith } from '../../keystore/derivation';

export interface SimKey {
  readonly pubKey: Uint8Array;
  /** Its P2PKH output script. */
  readonly script: Uint8Array;
  /** Its P2WPKH output script. */
  readonly witnessScript: Uint8Array;
  /** Signs every input of `tx` that spends this key's P2PKH outputs (SIGHASH_ALL). */
  sign(tx: Transaction, inputs?: readonly number[]): void;
  /** Signs input `input` spending this key's P2WPKH output of `value` (BIP143). */
  signWitness(tx: Transaction, input: number, value: bigint): void;
}

export function simKey(seed: number, purpose: string): SimKey {
  const entropy = sha256(utf8(`txlab sandbox key:${purpose}:${seed}`)).slice(0, 16);
  const priv = derivePrivateKey(rootFromMnemonic(mnemonicFromEntropy(entropy)), 'receive', 0);
  const pubKey = publicKeyOfPrivate(priv)!;
  const script = p2pkhScriptPubKey(pubKey);
  const der = (digest: Uint8Array) => concat(signDigestWith(priv, digest, pubKey).signature, Uint8Array.of(1));
  return {
    pubKey,
    script,
    witnessScript: p2wpkhScriptPubKey(pubKey),
    sign(tx, inputs = tx.ins.map((_, i) => i)) {
      for (const i of inputs) {
        const digest = legacySighash(tx, i, script, 1).digest;
        tx.setInputScript(i, concat(pushMinimal(der(digest)), pushMinimal(pubKey)));
      }
    },
    signWitness(tx, input, value) {
      // BIP143: a P2WPKH input signs the P2PKH script of its key.
      tx.setWitness(input, [der(bip143Sighash(tx, input, script, value, 1).digest), pubKey]);
    },
  };
}
