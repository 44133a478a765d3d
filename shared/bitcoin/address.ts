/** Addresses ⇄ output scripts for a network (bitcoinjs-lib does the encoding). */
import { err, ok, type Result } from '../contract/result';
import { address as bjsAddress, type Network } from 'bitcoinjs-lib';
import type { Bytes } from './bytes';
import { solve } from './scriptType';

export function addressToScript(address: string, network: Network): Result<Bytes> {
  try {
    return ok(bjsAddress.toOutputScript(address.trim(), network));
  } catch {
    return err('BAD_REQUEST', `"${address}" is not a valid ${network.bech32} address`);
  }
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
