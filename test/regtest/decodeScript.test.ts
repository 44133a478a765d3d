/**
 * The node's decodescript and validateaddress against TxLab's console (main/host/rpc/decode.ts),
 * as whole JSON answers. decodescript: every locking, redeem and witness script of the
 * differential's contracts, P2TR outputs and the witness programs around them (v1 of other sizes,
 * v2–v16, look-alikes), random scripts, ASM corners, keys uncompressed (no segwit wrapping) and the
 * empty script. validateaddress: those scripts' addresses, and each one spoiled (a changed
 * character, mixed case, Bech32 for v1+ or Bech32m for v0, another network's prefix, a space).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDaemon } from '../../main/backends/localDaemon';
import { address as bjsAddress } from 'bitcoinjs-lib';
import { decodeScriptObject, validateAddressObject } from '../../main/host/rpc/decode';
import { scriptToAddress } from '../../shared/bitcoin/address';
import { stringifyRpc } from '../../main/host/rpc/json';
import { type Bytes, toHex } from '../../shared/bitcoin/bytes';
import { OP } from '../../shared/bitcoin/opcodes';
import { compileScript } from '../../shared/bitcoin/script';
import { SeededRng } from '../../shared/rng';
import { generateCases } from './generators/cases';
import { cornerCaseTransactions, randomScriptTransactions, taprootTransactions } from './generators/decodeExtras';
import { type DecodeTarget, decodeTargetOf, jsonDifferences, withoutMwebFlags } from './support/decoded';
import { startNode } from './support/node';
import { callBatch } from './support/rpcBatch';

const SEED = 4_130_371;
const CHAIN = { height: 1_000, medianTime: 1_700_000_000 };

/** Keys as the node sees them: an uncompressed key stops the segwit wrapping, a compressed one does not. */
function keyScripts(rng: SeededRng): Bytes[] {
  const compressed = Uint8Array.of(0x02, ...rng.bytes(32));
  const uncompressed = Uint8Array.of(0x04, ...rng.bytes(64));
  return [
    compileScript([compressed, OP.OP_CHECKSIG]),
    compileScript([uncompressed, OP.OP_CHECKSIG]),
    compileScript([OP.OP_1, compressed, uncompressed, OP.OP_2, OP.OP_CHECKMULTISIG]),
    compileScript([OP.OP_1, compressed, Uint8Array.of(0x03, ...rng.bytes(32)), OP.OP_2, OP.OP_CHECKMULTISIG]),
    new Uint8Array(0),
  ];
}

let node: LocalDaemon | undefined;
let target: DecodeTarget;
const scripts: Bytes[] = [];

beforeAll(async () => {
  node = await startNode();
  target = await decodeTargetOf(node);
});

afterAll(async () => {
  await node?.stop();
});

describe('decodescript: the node vs TxLab', () => {
  const mismatches: string[] = [];

  beforeAll(async () => {
    const rng = new SeededRng(SEED);
    for (const spec of generateCases(rng.nextU32(), CHAIN)) {
      const { scriptPubKey, redeemScript, witnessScript } = spec.locking;
      for (const s of [scriptPubKey, redeemScript, witnessScript]) if (s) scripts.push(s);
    }
    const extras = [...taprootTransactions(rng), ...randomScriptTransactions(100, rng), ...cornerCaseTransactions(rng)];
    scripts.push(...extras.flatMap((tx) => tx.outs.map((o) => Uint8Array.from(o.script))), ...keyScripts(rng));
    const unique = [...new Map(scripts.map((s) => [toHex(s), s])).values()];
    scripts.splice(0, scripts.length, ...unique);
    const answers = await callBatch(
      node!,
      'decodescript',
      scripts.map((s) => [toHex(s)]),
    );
    answers.forEach((answer, i) => {
      const script = scripts[i]!;
      const ours: unknown = JSON.parse(stringifyRpc(decodeScriptObject(script, target.chain, target.style)));
      const diff = answer.ok
        ? jsonDifferences(answer.result, ours)
        : [`the node could not decode it: ${answer.message} (RPC error ${answer.code})`];
      if (diff.length > 0) mismatches.push(`${toHex(script)}\n  ${diff.join('\n  ')}`);
    });
    console.log(`decodescript: ${scripts.length} scripts, ${scripts.length - mismatches.length} identical`);
  });

  it('decodes P2TR outputs, other witness programs, wrapped keys and multisig among at least 300 scripts', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(300);
    const isProgram = (s: Bytes, first: number) => s.length === s[1]! + 2 && s[0] === first;
    // P2TR: the generator's outputs (key only and with trees), a random program, one off the curve, the payee.
    expect(scripts.filter((s) => s.length === 34 && isProgram(s, OP.OP_1)).length).toBeGreaterThanOrEqual(6);
    expect(scripts.some((s) => s.length !== 34 && isProgram(s, OP.OP_1))).toBe(true);
    expect(scripts.some((s) => isProgram(s, OP.OP_16))).toBe(true);
    expect(scripts.some((s) => s.at(-1) === OP.OP_CHECKMULTISIG)).toBe(true);
  });

  it('agrees with TxLab on every field: asm, type, reqSigs, addresses, p2sh and the segwit wrapping', () => {
    expect(mismatches.sort()).toEqual([]);
  });
});

/** BIP173/BIP350 checksums, to write addresses in the encoding their version must not use. */
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
function bech32Encode(hrp: string, version: number, program: Bytes, m: boolean): string {
  const words = [version];
  let acc = 0;
  let bits = 0;
  for (const byte of program) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) words.push((acc >> (bits -= 5)) & 31);
  }
  if (bits > 0) words.push((acc << (5 - bits)) & 31);
  const polymod = (values: number[]) => {
    const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
    let chk = 1;
    for (const v of values) {
      const top = chk >> 25;
      chk = ((chk & 0x1ffffff) << 5) ^ v;
      for (let i = 0; i < 5; i++) if ((top >> i) & 1) chk ^= gen[i]!;
    }
    return chk;
  };
  const expanded = [...[...hrp].map((c) => c.charCodeAt(0) >> 5), 0, ...[...hrp].map((c) => c.charCodeAt(0) & 31)];
  const mod = polymod([...expanded, ...words, 0, 0, 0, 0, 0, 0]) ^ (m ? 0x2bc830a3 : 1);
  const checksum = Array.from({ length: 6 }, (_, i) => (mod >> (5 * (5 - i))) & 31);
  return `${hrp}1${[...words, ...checksum].map((w) => CHARSET[w]).join('')}`;
}

function spoiled(address: string, script: Bytes, rng: SeededRng, hrp: string): string[] {
  const at = 5 + rng.int(address.length - 5);
  const other = CHARSET[(CHARSET.indexOf(address[at]!.toLowerCase()) + 1 + rng.int(31)) % 32] ?? '1';
  const out = [address.slice(0, at) + other + address.slice(at + 1), ` ${address}`, address.slice(0, -1)];
  const isWitness = script[0] === OP.OP_0 || (script[0]! >= OP.OP_1 && script[0]! <= OP.OP_16);
  if (isWitness && address.startsWith(hrp)) {
    const version = script[0] === OP.OP_0 ? 0 : script[0]! - OP.OP_1 + 1;
    const program = script.subarray(2);
    out.push(
      address.toUpperCase(), // valid: one case throughout
      address.slice(0, -2) + address.slice(-2).toUpperCase(), // mixed case
      bech32Encode(hrp, version, program, version === 0), // the other checksum
      bech32Encode(hrp === 'rltc' ? 'bcrt' : 'rltc', version, program, version !== 0),
    );
  }
  return out;
}

describe('validateaddress: the node vs TxLab', () => {
  const addresses: string[] = [];
  const mismatches: string[] = [];

  beforeAll(async () => {
    const rng = new SeededRng(SEED + 1);
    const hrp = target.chain.network.bech32;
    for (const script of scripts) {
      const address = scriptToAddress(script, target.chain.network);
      if (address) addresses.push(address, ...spoiled(address, script, rng, hrp));
    }
    const program = (n: number) => rng.bytes(n);
    addresses.push(
      bech32Encode(hrp, 0, program(21), false), // v0 programs are 20 or 32 bytes
      bech32Encode(hrp, 1, program(1), true), // programs are 2 to 40 bytes
      bech32Encode(hrp, 1, program(41), true),
      bech32Encode(hrp, 17, program(32), true), // no version 17
      bjsAddress.toBase58Check(program(20), 0x00), // mainnet's P2PKH version byte
      bjsAddress.toBase58Check(program(20), 0x05),
      '',
      'not an address',
    );
    const answers = await callBatch(
      node!,
      'validateaddress',
      addresses.map((a) => [a]),
    );
    answers.forEach((answer, i) => {
      const ours: unknown = JSON.parse(stringifyRpc(validateAddressObject(addresses[i]!, target.chain, target.style)));
      const diff = answer.ok
        ? jsonDifferences(withoutMwebFlags(answer.result), ours)
        : [`the node refused: ${answer.message} (RPC error ${answer.code})`];
      if (diff.length > 0) mismatches.push(`${JSON.stringify(addresses[i])}\n  ${diff.join('\n  ')}`);
    });
    console.log(`validateaddress: ${addresses.length} addresses, ${addresses.length - mismatches.length} identical`);
  });

  it('asks about valid and spoiled addresses of every kind, P2TR among them', () => {
    const valid = addresses.filter((a) => validateAddressObject(a, target.chain, target.style).isvalid === true);
    expect(valid.length).toBeGreaterThanOrEqual(150);
    expect(addresses.length - valid.length).toBeGreaterThanOrEqual(350);
    const p2tr = new RegExp(`^${target.chain.network.bech32}1p`);
    expect(valid.filter((a) => p2tr.test(a)).length).toBeGreaterThanOrEqual(6);
  });

  it('agrees with TxLab on validity and every field of a valid address', () => {
    expect(mismatches.sort()).toEqual([]);
  });
});
