/**
 * From a contract to bytes: its output script (bare, P2SH, P2WSH or P2SH-P2WSH), where the unlocking
 * items go (scriptSig or witness), and how they are encoded there.
 */
import { concat, type Bytes } from '../../../shared/bitcoin/bytes';
import { hash160, sha256 } from '../../../shared/bitcoin/hashes';
import { OP } from '../../../shared/bitcoin/opcodes';
import { compileScript, pushData, pushMinimal, pushNumber } from '../../../shared/bitcoin/script';
import { encodeScriptNum } from '../../../shared/bitcoin/scriptNum';
import type { SigVersion } from '../../../shared/bitcoin/sighash';
import type { Contract, Item } from './contracts';

export type Wrap = 'p2sh' | 'p2wsh' | 'p2sh-p2wsh';
export const WRAPS: readonly Wrap[] = ['p2sh', 'p2wsh', 'p2sh-p2wsh'];

export interface Locking {
  /** e.g. `p2wsh(htlc-cltv-height-sha256)` */
  readonly label: string;
  readonly scriptPubKey: Bytes;
  readonly redeemScript: Bytes | undefined;
  readonly witnessScript: Bytes | undefined;
  /** What signatures commit to (the executed script, no OP_CODESEPARATOR in these). */
  readonly scriptCode: Bytes;
  readonly sigVersion: SigVersion;
}

export const p2pkhScript = (pubKeyHash: Bytes): Bytes =>
  compileScript([OP.OP_DUP, OP.OP_HASH160, pubKeyHash, OP.OP_EQUALVERIFY, OP.OP_CHECKSIG]);
export const p2shScript = (script: Bytes): Bytes => compileScript([OP.OP_HASH160, hash160(script), OP.OP_EQUAL]);
export const p2wpkhScript = (pubKey: Bytes): Bytes => compileScript([OP.OP_0, hash160(pubKey)]);
export const p2wshScript = (script: Bytes): Bytes => compileScript([OP.OP_0, sha256(script)]);

export function locking(contract: Contract, wrap: Wrap | undefined): Locking {
  if (contract.kind !== 'script') {
    const keyHash = hash160(contract.key.publicKey);
    const p2pkh = p2pkhScript(keyHash);
    if (contract.kind === 'p2pkh') return plain(contract.name, p2pkh, undefined, undefined, p2pkh, 'BASE');
    const program = p2wpkhScript(contract.key.publicKey);
    if (contract.kind === 'p2wpkh') return plain(contract.name, program, undefined, undefined, p2pkh, 'WITNESS_V0');
    return plain(contract.name, p2shScript(program), program, undefined, p2pkh, 'WITNESS_V0');
  }
  const script = contract.script;
  const label = `${wrap}(${contract.name})`;
  switch (wrap ?? 'p2sh') {
    case 'p2sh':
      return plain(label, p2shScript(script), script, undefined, script, 'BASE');
    case 'p2wsh':
      return plain(label, p2wshScript(script), undefined, script, script, 'WITNESS_V0');
    case 'p2sh-p2wsh': {
      const program = p2wshScript(script);
      return plain(label, p2shScript(program), program, script, script, 'WITNESS_V0');
    }
  }
}

function plain(
  label: string,
  scriptPubKey: Bytes,
  redeemScript: Bytes | undefined,
  witnessScript: Bytes | undefined,
  scriptCode: Bytes,
  sigVersion: SigVersion,
): Locking {
  return { label, scriptPubKey, redeemScript, witnessScript, scriptCode, sigVersion };
}

export interface SpendParts {
  readonly scriptSig: readonly Item[];
  readonly witness: readonly Item[];
}

const scriptItem = (bytes: Bytes): Item => ({ kind: 'data', bytes, role: 'script' });

/** Puts the path's items where the output type expects them, with redeem/witness scripts last. */
export function placeItems(l: Locking, items: readonly Item[]): SpendParts {
  const witnessTail = l.witnessScript ? [scriptItem(l.witnessScript)] : [];
  if (l.sigVersion === 'BASE') {
    return { scriptSig: [...items, ...(l.redeemScript ? [scriptItem(l.redeemScript)] : [])], witness: [] };
  }
  return { scriptSig: l.redeemScript ? [scriptItem(l.redeemScript)] : [], witness: [...items, ...witnessTail] };
}

/** scriptSig pushes as a careful wallet writes them (minimal pushes). */
export function encodeScriptSig(items: readonly Item[]): Bytes {
  return concat(
    ...items.map((item) => {
      switch (item.kind) {
        case 'sig':
          return pushData(item.bytes);
        case 'data':
          return pushMinimal(item.bytes);
        case 'num':
          return pushNumber(item.value);
        case 'raw':
          return item.bytes;
      }
    }),
  );
}

/** Witness elements: numbers as minimal script numbers (0 is the empty element). */
export function encodeWitness(items: readonly Item[]): Bytes[] {
  return items.map((item) => (item.kind === 'num' ? encodeScriptNum(item.value) : item.bytes));
}
