/**
 * The unlock template for spending an output: which signatures, keys and scripts its input
 * needs, derived from the output script (and its descriptor for P2SH/P2WSH scripts).
 */
import { fromHex, toHex } from '../bitcoin/bytes';
import { OP } from '../bitcoin/opcodes';
import { compileScript } from '../bitcoin/script';
import { solve } from '../bitcoin/scriptType';
import { SIGHASH_ALL } from '../bitcoin/signatureEncoding';
import type { LockDescriptor, Unlock } from './model';

export const EMPTY_UNLOCK: Unlock = Object.freeze({
  scriptSig: [],
  witness: [],
  scriptCode: '',
  sigVersion: 'BASE' as const,
});

/** Finds the public key whose HASH160 is `hash` among the workspace's keys. */
export type PubKeyByHash = (hashHex: string) => string | undefined;

function p2pkhCode(pubKeyHashHex: string): string {
  return toHex(compileScript([OP.OP_DUP, OP.OP_HASH160, fromHex(pubKeyHashHex), OP.OP_EQUALVERIFY, OP.OP_CHECKSIG]));
}

function multisigUnlock(script: string, required: number, pubKeys: readonly string[], wrap: 'p2sh' | 'p2wsh'): Unlock {
  // CHECKMULTISIG pops one extra item: the dummy, which must be empty (NULLDUMMY).
  const items = [
    { kind: 'data' as const, hex: '', label: 'dummy' },
    ...pubKeys.slice(0, required).map((pubKey) => ({ kind: 'sig' as const, pubKey, sighashType: SIGHASH_ALL })),
    { kind: 'script' as const, hex: script },
  ];
  return wrap === 'p2sh'
    ? { scriptSig: items, witness: [], scriptCode: script, sigVersion: 'BASE' }
    : { scriptSig: [], witness: items, scriptCode: script, sigVersion: 'WITNESS_V0' };
}

/**
 * A template for the standard cases (P2PKH, P2WPKH, P2PK, multisig bare/P2SH/P2WSH). Anything
 * else (HTLCs, custom scripts) gets an empty unlock: its builder or the user supplies one.
 */
export function unlockFor(
  scriptPubKeyHex: string,
  lock: LockDescriptor | undefined,
  pubKeyByHash: PubKeyByHash,
): Unlock {
  const solved = solve(fromHex(scriptPubKeyHex));
  switch (solved.type) {
    case 'pubkeyhash':
    case 'witness_v0_keyhash': {
      const hashHex = toHex(solved.hash);
      const pubKey = lock && (lock.kind === 'p2pkh' || lock.kind === 'p2wpkh') ? lock.pubKey : pubKeyByHash(hashHex);
      if (!pubKey) return EMPTY_UNLOCK;
      const items = [
        { kind: 'sig' as const, pubKey, sighashType: SIGHASH_ALL },
        { kind: 'pubkey' as const, pubKey },
      ];
      return solved.type === 'pubkeyhash'
        ? { scriptSig: items, witness: [], scriptCode: scriptPubKeyHex, sigVersion: 'BASE' }
        : { scriptSig: [], witness: items, scriptCode: p2pkhCode(hashHex), sigVersion: 'WITNESS_V0' };
    }
    case 'pubkey':
      return {
        scriptSig: [{ kind: 'sig', pubKey: toHex(solved.pubKey), sighashType: SIGHASH_ALL }],
        witness: [],
        scriptCode: scriptPubKeyHex,
        sigVersion: 'BASE',
      };
    case 'multisig': {
      const unlock = multisigUnlock(scriptPubKeyHex, solved.required, solved.pubKeys.map(toHex), 'p2sh');
      // Bare multisig: the script is the output itself, so nothing is pushed after the signatures.
      return { ...unlock, scriptSig: unlock.scriptSig.slice(0, -1) };
    }
    case 'scripthash':
    case 'witness_v0_scripthash': {
      if (lock?.kind !== 'multisig') return EMPTY_UNLOCK;
      const script = toHex(
        compileScript([
          OP.OP_1 + lock.required - 1,
          ...lock.pubKeys.map(fromHex),
          OP.OP_1 + lock.pubKeys.length - 1,
          OP.OP_CHECKMULTISIG,
        ]),
      );
      return multisigUnlock(script, lock.required, lock.pubKeys, lock.wrap);
    }
    default:
      return EMPTY_UNLOCK;
  }
}
