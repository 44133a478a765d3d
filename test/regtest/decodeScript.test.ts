/**
 * The node's decodescript against TxLab's console (main/host/rpc/decode.ts decodeScriptObject),
 * as whole JSON answers: every locking, redeem and witness script of the differential's contracts,
 * P2TR outputs and the witness programs around them (v1 of other sizes, v2–v16, look-alikes),
 * random scripts, ASM corners, keys uncompressed (no segwit wrapping) and the empty script.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDaemon } from '../../main/backends/localDaemon';
import { decodeScriptObject } from '../../main/host/rpc/decode';
import { stringifyRpc } from '../../main/host/rpc/json';
import { type Bytes, toHex } from '../../shared/bitcoin/bytes';
import { OP } from '../../shared/bitcoin/opcodes';
import { compileScript } from '../../shared/bitcoin/script';
import { SeededRng } from '../../shared/rng';
import { generateCases } from './generators/cases';
import { cornerCaseTransactions, randomScriptTransactions, taprootTransactions } from './generators/decodeExtras';
import { decodeTargetOf, jsonDifferences } from './support/decoded';
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

describe('decodescript: the node vs TxLab', () => {
  let node: LocalDaemon | undefined;
  const scripts: Bytes[] = [];
  const mismatches: string[] = [];

  beforeAll(async () => {
    node = await startNode();
    const target = await decodeTargetOf(node);
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
      node,
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

  afterAll(async () => {
    await node?.stop();
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
