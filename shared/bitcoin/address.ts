/** Addresses ⇄ output scripts for a network (bitcoinjs-lib does the encoding). */
import { address as bjsAddress, type Network } from 'bitcoinjs-lib';
import type { Bytes } from './bytes';

export type AddressResult = { ok: true; script: Bytes } | { ok: false; message: string };

export function addressToScript(address: string, network: Network): AddressResult {
  try {
    return { ok: true, script: bjsAddress.toOutputScript(address.trim(), network) };
  } catch {
    return { ok: false, message: `"${address}" is not a valid ${network.bech32} address` };
  }
}

/** The address of an output script, or undefined if it has none (bare multisig, OP_RETURN, …). */
export function scriptToAddress(script: Bytes, network: Network): string | undefined {
  try {
    return bjsAddress.fromOutputScript(script, network);
  } catch {
    return undefined;
  }
}
