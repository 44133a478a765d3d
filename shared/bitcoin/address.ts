/** Addresses ⇄ output scripts for a network (bitcoinjs-lib does the encoding). */
import { err, ok, type Result } from '../contract/result';
import { address as bjsAddress, type Network } from 'bitcoinjs-lib';
import type { Bytes } from './bytes';
import { solve } from './scriptType';

/** C's isspace, which Core's DecodeBase58 skips around an address (util/strencodings). */
const C_SPACE = /^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g;

/**
 * The witness program of a Bech32 (v0) or Bech32m (v1–v16) address, as Core's DecodeDestination
 * takes it: any version 0–16, v0 of 20 or 32 bytes, others of 2 to 40 (a v1 program of 32 bytes
 * need not be a curve point). Built here rather than by bitcoinjs-lib's toOutputScript, which
 * checks a P2TR key against an ECC library TxLab does not register and refuses other v1 sizes.
 */
function witnessScriptOf(address: string, network: Network): Bytes | undefined {
  let decoded: { version: number; prefix: string; data: Bytes };
  try {
    decoded = bjsAddress.fromBech32(address);
  } catch {
    return undefined;
  }
  const { version, prefix, data } = decoded;
  if (prefix !== network.bech32 || version > 16 || data.length < 2 || data.length > 40) return undefined;
  if (version === 0 && data.length !== 20 && data.length !== 32) return undefined;
  return Uint8Array.of(version === 0 ? 0x00 : 0x50 + version, data.length, ...data);
}

/**
 * An address's output script. `exact`: Core's reading (DecodeDestination), where only a Base58
 * address may have spaces around it; otherwise surrounding whitespace is dropped first.
 */
export function addressToScript(address: string, network: Network, options: { exact?: boolean } = {}): Result<Bytes> {
  const refused = err('BAD_REQUEST', `"${address}" is not a valid ${network.bech32} address`);
  const bech32 = witnessScriptOf(options.exact ? address : address.trim(), network);
  if (bech32) return ok(bech32);
  const base58 = address.replace(options.exact ? C_SPACE : /^\s+|\s+$/g, '');
  try {
    const decoded = bjsAddress.fromBase58Check(base58);
    if (decoded.version === network.pubKeyHash) return ok(Uint8Array.of(0x76, 0xa9, 20, ...decoded.hash, 0x88, 0xac));
    if (decoded.version === network.scriptHash) return ok(Uint8Array.of(0xa9, 20, ...decoded.hash, 0x87));
  } catch {
    // Not Base58Check either.
  }
  return refused;
}

/**
 * The address of an output script, or undefined if it has none (bare multisig, OP_RETURN, …).
 * Classified with `solve` and encoded with bitcoinjs-lib's Base58Check/Bech32 encoders directly:
 * its `fromOutputScript` tries every payment type in turn and costs ~50 µs per call, which adds
 * up when every output of every node is shown.
 */
export function scriptToAddress(script: Bytes, network: Network): string | undefined {
  const solved = solve(script);
  switch (solved.type) {
    case 'pubkeyhash':
      return bjsAddress.toBase58Check(solved.hash, network.pubKeyHash);
    case 'scripthash':
      return bjsAddress.toBase58Check(solved.hash, network.scriptHash);
    case 'witness_v0_keyhash':
    case 'witness_v0_scripthash':
      return bjsAddress.toBech32(solved.hash, 0, network.bech32);
    case 'witness_v1_taproot':
      return bjsAddress.toBech32(solved.program, 1, network.bech32);
    case 'witness_unknown':
      return solved.program.length >= 2 && solved.program.length <= 40
        ? bjsAddress.toBech32(solved.program, solved.version, network.bech32)
        : undefined;
    default:
      return undefined;
  }
}
