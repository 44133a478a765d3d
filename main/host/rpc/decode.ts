/** decoderawtransaction / getrawtransaction's transaction object, field for field as Core builds it (TxToUniv). */
import { addressToScript, scriptToAddress } from '../../../shared/bitcoin/address';
import { toAsm } from '../../../shared/bitcoin/asm';
import { hashToHex, toHex } from '../../../shared/bitcoin/bytes';
import { hash160, sha256 } from '../../../shared/bitcoin/hashes';
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

/** The types decodescript offers a segwit wrapping for (rpc/rawtransaction.cpp, decodescript). */
const SEGWIT_WRAPPABLE = new Set(['pubkey', 'pubkeyhash', 'multisig', 'nonstandard']);

/**
 * decodescript as Core 0.21 answers it: the script as an output (no hex), the P2SH address
 * wrapping it unless it is P2SH already, and for key, multisig and nonstandard scripts the P2WPKH
 * or P2WSH output wrapping it, unless it holds an uncompressed key. A witness program of any
 * version (P2TR included) gets no segwit wrapping: a program cannot be nested in P2WSH.
 * test/regtest/decodeScript.test.ts checks the v0.21 style against litecoind; the modern style
 * only swaps reqSigs/addresses for `address` as decoderawtransaction does (Core 23 adds `desc`).
 */
export function decodeScriptObject(
  script: Uint8Array,
  chain: DecodeChain,
  style: DecodeStyle,
): Record<string, unknown> {
  const { hex: _hex, ...decoded } = scriptPubKeyObject(script, chain, style);
  const p2shOf = (s: Uint8Array) => scriptToAddress(Uint8Array.of(0xa9, 20, ...hash160(s), 0x87), chain.network)!;
  if (decoded.type === 'scripthash') return decoded;
  const out: Record<string, unknown> = { ...decoded, p2sh: p2shOf(script) };
  if (!SEGWIT_WRAPPABLE.has(decoded.type as string)) return out;
  const solved = solve(script);
  if (solved.type === 'pubkey' && solved.pubKey.length !== 33) return out;
  if (solved.type === 'multisig' && solved.pubKeys.some((k) => k.length !== 33)) return out;
  const segwit =
    solved.type === 'pubkey'
      ? Uint8Array.of(0x00, 20, ...hash160(solved.pubKey))
      : solved.type === 'pubkeyhash'
        ? Uint8Array.of(0x00, 20, ...solved.hash)
        : Uint8Array.of(0x00, 32, ...sha256(script));
  return { ...out, segwit: { ...scriptPubKeyObject(segwit, chain, style), 'p2sh-segwit': p2shOf(segwit) } };
}

/**
 * validateaddress (rpc/misc.cpp; DescribeAddressVisitor, rpc/util.cpp). Core 0.21 has no Taproot
 * destination: a v1 program decodes as WitnessUnknown, described without `isscript`. Core 22+
 * describes P2TR (WitnessV1Taproot) with `isscript: true`; its invalid-address `error` fields
 * (Core 23+) are not reproduced. Litecoin's `ismweb: false` is left out, as in decoding.
 */
export function validateAddressObject(
  address: string,
  chain: DecodeChain,
  style: DecodeStyle,
): Record<string, unknown> {
  const script = addressToScript(address, chain.network, { exact: true });
  const canonical = script?.ok ? scriptToAddress(script.value, chain.network) : undefined;
  if (!script?.ok || !canonical) return { isvalid: false };
  const base = { isvalid: true, address: canonical, scriptPubKey: toHex(script.value) };
  const solved = solve(script.value);
  switch (solved.type) {
    case 'pubkeyhash':
      return { ...base, isscript: false, iswitness: false };
    case 'scripthash':
      return { ...base, isscript: true, iswitness: false };
    case 'witness_v0_keyhash':
    case 'witness_v0_scripthash': {
      const isscript = solved.type === 'witness_v0_scripthash';
      return { ...base, isscript, iswitness: true, witness_version: 0, witness_program: toHex(solved.hash) };
    }
    case 'witness_v1_taproot':
    case 'witness_unknown': {
      const version = solved.type === 'witness_unknown' ? solved.version : 1;
      const isscript = solved.type === 'witness_v1_taproot' && style === 'modern' ? { isscript: true } : {};
      return {
        ...base,
        ...isscript,
        iswitness: true,
        witness_version: version,
        witness_program: toHex(solved.program),
      };
    }
    default:
      return { isvalid: false };
  }
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
