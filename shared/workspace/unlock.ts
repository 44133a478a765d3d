/**
 * The unlock template for spending an output: which signatures, keys and scripts its input
 * needs, derived from the output script (and its descriptor for P2SH/P2WSH scripts).
 */
import { fromHex, toHex } from '../bitcoin/bytes';
import { hash160 } from '../bitcoin/hashes';
import { OP } from '../bitcoin/opcodes';
import { compileScript } from '../bitcoin/script';
import { solve } from '../bitcoin/scriptType';
import { SIGHASH_DEFAULT } from '../bitcoin/sighash';
import { SIGHASH_ALL } from '../bitcoin/signatureEncoding';
import { bip86OutputKey } from '../bitcoin/taproot';
import type { LockDescriptor, Unlock } from './model';
import { treeSpend } from './taprootTree';

export const EMPTY_UNLOCK: Unlock = Object.freeze({
  scriptSig: [],
  witness: [],
  scriptCode: '',
  sigVersion: 'BASE' as const,
});

/**
 * Finds the public key whose HASH160 is `hash` among the workspace's keys, or whose P2SH-P2WPKH
 * redeem script's HASH160 is, or whose BIP86 output key is (a P2TR program; unlockFor checks
 * which before it uses the key).
 */
export type PubKeyByHash = (hashHex: string) => string | undefined;

/** The redeem script of a P2SH-P2WPKH output: the P2WPKH program `0 <pubKeyHash>` (BIP141's nested form). */
function nestedP2wpkhRedeemHex(pubKeyHashHex: string): string {
  return '0014' + pubKeyHashHex;
}

/** The P2SH-P2WPKH output script of a key: `OP_HASH160 <HASH160(0 <pubKeyHash>)> OP_EQUAL`. */
export function p2shP2wpkhHex(pubKeyHashHex: string): string {
  let script = nestedScripts.get(pubKeyHashHex);
  if (script === undefined) {
    script = 'a914' + scriptHashOfNested(pubKeyHashHex) + '87';
    // Every view lists every key's scripts; a HASH160 each time made a view 2–3 times slower.
    if (nestedScripts.size >= NESTED_CACHE_MAX) nestedScripts.clear();
    nestedScripts.set(pubKeyHashHex, script);
  }
  return script;
}

const NESTED_CACHE_MAX = 10_000;
const nestedScripts = new Map<string, string>();

function scriptHashOfNested(pubKeyHashHex: string): string {
  return toHex(hash160(fromHex(nestedP2wpkhRedeemHex(pubKeyHashHex))));
}

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
 * P2SH-P2WPKH: the redeem script alone in the scriptSig, the signature and key in the witness,
 * signed as P2WPKH is (BIP143). Undefined when no known key's redeem script hashes to `scriptHashHex`.
 */
function nestedKeyUnlock(
  scriptHashHex: string,
  lock: LockDescriptor | undefined,
  pubKeyByHash: PubKeyByHash,
): Unlock | undefined {
  const pubKey = lock?.kind === 'p2sh-p2wpkh' ? lock.pubKey : pubKeyByHash(scriptHashHex);
  if (!pubKey) return undefined;
  const keyHash = toHex(hash160(fromHex(pubKey)));
  if (scriptHashOfNested(keyHash) !== scriptHashHex) return undefined;
  return {
    scriptSig: [{ kind: 'script', hex: nestedP2wpkhRedeemHex(keyHash) }],
    witness: [
      { kind: 'sig', pubKey, sighashType: SIGHASH_ALL },
      { kind: 'pubkey', pubKey },
    ],
    scriptCode: p2pkhCode(keyHash),
    sigVersion: 'WITNESS_V0',
  };
}

/**
 * P2TR by the key path (BIP86: no script tree): one Schnorr signature, SIGHASH_DEFAULT, in the
 * witness. The slot names the internal key (the wallet's key), which signs tweaked. Undefined
 * when no known key's BIP86 output key is the program.
 */
function taprootKeyUnlock(programHex: string, lock: LockDescriptor | undefined, pubKeyByHash: PubKeyByHash) {
  const pubKey = lock?.kind === 'p2tr' ? lock.pubKey : pubKeyByHash(programHex);
  if (!pubKey) return undefined;
  const outputKey = bip86OutputKey(fromHex(pubKey));
  if (!outputKey || toHex(outputKey) !== programHex) return undefined;
  const unlock: Unlock = {
    scriptSig: [],
    witness: [{ kind: 'sig', pubKey, sighashType: SIGHASH_DEFAULT }],
    scriptCode: '',
    sigVersion: 'TAPROOT',
  };
  return unlock;
}

/**
 * A template for the standard cases (P2PKH, P2WPKH, P2SH-P2WPKH, P2TR key path, P2PK, multisig bare/P2SH/P2WSH). Anything
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
      const nested = solved.type === 'scripthash' ? nestedKeyUnlock(toHex(solved.hash), lock, pubKeyByHash) : undefined;
      if (nested) return nested;
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
    case 'witness_v1_taproot': {
      // A script tree's output: its key path when it has one; a script-only one waits for a leaf to be chosen.
      if (lock?.kind === 'p2tr-tree') {
        const spend = treeSpend(lock, 'key');
        return spend.ok ? spend.value.unlock : EMPTY_UNLOCK;
      }
      return taprootKeyUnlock(toHex(solved.program), lock, pubKeyByHash) ?? EMPTY_UNLOCK;
    }
    default:
      return EMPTY_UNLOCK;
  }
}
