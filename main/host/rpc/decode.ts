/** decoderawtransaction / getrawtransaction's transaction object, field for field as Core builds it (TxToUniv). */
import { scriptToAddress } from '../../../shared/bitcoin/address';
import { toAsm } from '../../../shared/bitcoin/asm';
import { hashToHex, toHex } from '../../../shared/bitcoin/bytes';
import { hash160 } from '../../../shared/bitcoin/hashes';
import { type SolvedOutput, solve } from '../../../shared/bitcoin/scriptType';
import type { ChainProfile } from '../../../shared/chain/profiles';
import { isCoinbase, type Transaction } from '../../../shared/bitcoin/transaction';
import type { TxRecord } from '../../../shared/chain/txRecord';
import { Amount } from './json';

/**
 * 'modern': Bitcoin Core 22+ (`address`); 'v0.21': Bitcoin/Litecoin Core 0.21 (`reqSigs`, `addresses`).
 */
export type DecodeStyle = 'modern' | 'v0.21';

/** What decoding needs of the chain: its addresses, and whether its node knows MWEB. */
export type DecodeChain = Pick<ChainProfile, 'network' | 'rules'>;

/**
 * The two witness programs Litecoin Core's Solver names for MWEB (script/standard.cpp:141, :145;
 * script/script.h:24-33): v9 of 32 bytes, a peg-in's kernel hash, and v8 of 32 bytes, a HogEx
 * address. ExtractDestination (:190) has no address for them, so ScriptPubKeyToUniv
 * (core_write.cpp:165) prints the type alone. Bitcoin Core calls both witness_unknown.
 */
function mwebType(solved: SolvedOutput, chain: DecodeChain): string | undefined {
  if (!chain.rules.mwebPegins || solved.type !== 'witness_unknown' || solved.program.length !== 32) return undefined;
  return solved.version === 9 ? 'witness_mweb_pegin' : solved.version === 8 ? 'witness_mweb_hogaddr' : undefined;
}

/** ScriptPubKeyToUniv: the scriptPubKey object of decoderawtransaction, gettxout, getblock. */
export function scriptPubKeyObject(
  script: Uint8Array,
  chain: DecodeChain,
  style: DecodeStyle,
): Record<string, unknown> {
  const { network } = chain;
  const solved = solve(script);
  const asm = toAsm(script);
  const hex = toHex(script);
  const mweb = mwebType(solved, chain);
  if (mweb) return { asm, hex, type: mweb };
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
  chain: DecodeChain,
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
      scriptPubKey: scriptPubKeyObject(out.script, chain, style),
    })),
  };
}
