/** decoderawtransaction / getrawtransaction's transaction object, field for field as Core builds it (TxToUniv). */
import type { Network } from 'bitcoinjs-lib';
import { scriptToAddress } from '../../../shared/bitcoin/address';
import { toAsm } from '../../../shared/bitcoin/asm';
import { hashToHex, toHex } from '../../../shared/bitcoin/bytes';
import { hash160 } from '../../../shared/bitcoin/hashes';
import { solve } from '../../../shared/bitcoin/scriptType';
import { isCoinbase, type Transaction } from '../../../shared/bitcoin/transaction';
import type { TxRecord } from '../../../shared/chain/txRecord';
import { Amount } from './json';

/**
 * 'modern': Bitcoin Core 22+ (`address`); 'v0.21': Bitcoin/Litecoin Core 0.21 (`reqSigs`, `addresses`).
 */
export type DecodeStyle = 'modern' | 'v0.21';

/** ScriptPubKeyToUniv: the scriptPubKey object of decoderawtransaction, gettxout, getblock. */
export function scriptPubKeyObject(script: Uint8Array, network: Network, style: DecodeStyle): Record<string, unknown> {
  const solved = solve(script);
  const asm = toAsm(script);
  const hex = toHex(script);
  const address = scriptToAddress(script, network);
  if (style === 'modern') return { asm, hex, ...(address ? { address } : {}), type: solved.type };
  if (solved.type === 'multisig') {
    const addresses = solved.pubKeys.map((k) =>
      scriptToAddress(Uint8Array.of(0x76, 0xa9, 20, ...hash160(k), 0x88, 0xac), network)!,
    );
    return { asm, hex, reqSigs: solved.required, type: solved.type, addresses };
  }
  return address ? { asm, hex, reqSigs: 1, type: solved.type, addresses: [address] } : { asm, hex, type: solved.type };
}

export function decodeTransaction(
  record: TxRecord,
  network: Network,
  style: DecodeStyle = 'modern',
): Record<string, unknown> {
  const tx: Transaction = record.tx;
  const coinbase = isCoinbase(tx);
  return {
    txid: record.txid,
    hash: record.wtxid,
    version: tx.version,
    size: record.size,
    vsize: record.vsize,
    weight: record.weight,
    locktime: tx.locktime,
    vin: tx.ins.map((input) => {
      const witness = input.witness.length > 0 ? { txinwitness: input.witness.map(toHex) } : {};
      if (coinbase) return { coinbase: toHex(input.script), ...witness, sequence: input.sequence };
      return {
        txid: hashToHex(input.hash),
        vout: input.index,
        scriptSig: { asm: toAsm(input.script, true), hex: toHex(input.script) },
        ...witness,
        sequence: input.sequence,
      };
    }),
    vout: tx.outs.map((out, n) => ({
      value: new Amount(out.value),
      n,
      scriptPubKey: scriptPubKeyObject(out.script, network, style),
    })),
  };
}
