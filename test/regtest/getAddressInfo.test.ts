/**
 * getaddressinfo: the node's wallet vs TxLab's console (main/host/rpc/addressInfo.ts), as whole
 * JSON answers, for addresses neither wallet owns: P2PKH (compressed and uncompressed keys),
 * P2SH of scripts and of P2WPKH, P2WPKH, P2WSH, P2TR (BIP86 and with a script tree) and a v2
 * program — so ismine/solvable false on both sides and every other field compared. Invalid
 * addresses must be refused alike. For a wallet's own key, the descriptor TxLab prints is read
 * back by the node's getdescriptorinfo, which must print it unchanged, checksum included
 * (Litecoin Core 0.21 has no tr(): P2TR descriptors are left to BIP380's vector in the unit test).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LocalDaemon } from '../../main/backends/localDaemon';
import { addressInfoObject, type WalletKeyInfo } from '../../main/host/rpc/addressInfo';
import { RpcError } from '../../main/host/rpc/errors';
import { stringifyRpc } from '../../main/host/rpc/json';
import { scriptToAddress } from '../../shared/bitcoin/address';
import { type Bytes, concat, toHex } from '../../shared/bitcoin/bytes';
import { hash160, sha256 } from '../../shared/bitcoin/hashes';
import { OP } from '../../shared/bitcoin/opcodes';
import { compileScript } from '../../shared/bitcoin/script';
import { TAPROOT_LEAF_TAPSCRIPT, taprootOutput } from '../../shared/bitcoin/taproot';
import { SeededRng } from '../../shared/rng';
import { makeKey } from './generators/keys';
import { type DecodeTarget, decodeTargetOf, jsonDifferences, withoutMwebFlags } from './support/decoded';
import { rpc, startNode } from './support/node';
import { callBatch } from './support/rpcBatch';

const SEED = 6_150_371;

let node: LocalDaemon | undefined;
let target: DecodeTarget;

beforeAll(async () => {
  node = await startNode();
  target = await decodeTargetOf(node);
  await rpc(node, 'createwallet', ['differential'], z.object({ name: z.string() }));
});

afterAll(async () => {
  await node?.stop();
});

/** TxLab's answer, or its refusal as Core's error object. */
function ours(address: string, keys: readonly WalletKeyInfo[] = []): unknown {
  try {
    return JSON.parse(stringifyRpc(addressInfoObject(address, target.chain, target.style, keys)));
  } catch (e) {
    if (e instanceof RpcError) return { code: e.code, message: e.message };
    throw e;
  }
}

function scriptsOfEveryType(rng: SeededRng): { type: string; script: Bytes }[] {
  const out: { type: string; script: Bytes }[] = [];
  for (let i = 0; i < 12; i++) {
    const key = makeKey(rng, `k${i}`).publicKey;
    const loose = makeKey(rng, `u${i}`, false).publicKey;
    const keyHash = hash160(key);
    const p2wpkh = compileScript([OP.OP_0, keyHash]);
    const multisig = compileScript([OP.OP_1, key, loose, OP.OP_2, OP.OP_CHECKMULTISIG]);
    const leaf = { script: compileScript([key.subarray(1), OP.OP_CHECKSIG]), leafVersion: TAPROOT_LEAF_TAPSCRIPT };
    const tree = taprootOutput(key.subarray(1), [leaf, { ...leaf, script: concat(leaf.script, Uint8Array.of(0x75)) }]);
    out.push(
      { type: 'p2pkh', script: compileScript([OP.OP_DUP, OP.OP_HASH160, keyHash, OP.OP_EQUALVERIFY, OP.OP_CHECKSIG]) },
      {
        type: 'p2pkh (uncompressed)',
        script: compileScript([OP.OP_DUP, OP.OP_HASH160, hash160(loose), OP.OP_EQUALVERIFY, OP.OP_CHECKSIG]),
      },
      { type: 'p2sh', script: compileScript([OP.OP_HASH160, hash160(multisig), OP.OP_EQUAL]) },
      { type: 'p2sh-p2wpkh', script: compileScript([OP.OP_HASH160, hash160(p2wpkh), OP.OP_EQUAL]) },
      { type: 'p2wpkh', script: p2wpkh },
      { type: 'p2wsh', script: compileScript([OP.OP_0, sha256(multisig)]) },
      { type: 'p2tr', script: taprootOutput(key.subarray(1))!.scriptPubKey },
      { type: 'p2tr (tree)', script: tree!.scriptPubKey },
      { type: 'v2 program', script: compileScript([OP.OP_2, rng.bytes(32)]) },
    );
  }
  return out;
}

describe('getaddressinfo: the node vs TxLab, for addresses neither wallet owns', () => {
  const asked: { type: string; address: string }[] = [];
  const mismatches: string[] = [];

  beforeAll(async () => {
    const rng = new SeededRng(SEED);
    for (const { type, script } of scriptsOfEveryType(rng)) {
      const address = scriptToAddress(script, target.chain.network);
      if (!address) throw new Error(`no address for a ${type} script`);
      asked.push({ type, address });
    }
    asked.push({ type: 'invalid', address: asked[0]!.address.slice(0, -1) }, { type: 'invalid', address: '' });
    const answers = await callBatch(
      node!,
      'getaddressinfo',
      asked.map((a) => [a.address]),
    );
    answers.forEach((answer, i) => {
      const node = answer.ok ? withoutMwebFlags(answer.result) : { code: answer.code, message: answer.message };
      const txlab = ours(asked[i]!.address);
      const diff = jsonDifferences(node, txlab);
      // The console prints the fields in Core's order too.
      const order = (v: unknown) => Object.keys(v as object).join(',');
      if (order(node) !== order(txlab)) diff.push(`order: node ${order(node)} ≠ txlab ${order(txlab)}`);
      if (diff.length > 0) mismatches.push(`${asked[i]!.type} ${asked[i]!.address}\n  ${diff.join('\n  ')}`);
    });
    console.log(`getaddressinfo: ${asked.length} addresses, ${asked.length - mismatches.length} identical`);
  });

  it('asks about every type, and the node owns none of them', () => {
    const types = new Set(asked.map((a) => a.type));
    expect([...types].sort()).toEqual(
      [
        'invalid',
        'p2pkh',
        'p2pkh (uncompressed)',
        'p2sh',
        'p2sh-p2wpkh',
        'p2tr',
        'p2tr (tree)',
        'p2wpkh',
        'p2wsh',
        'v2 program',
      ].sort(),
    );
    for (const { address, type } of asked)
      if (type !== 'invalid') expect(ours(address)).toMatchObject({ ismine: false, solvable: false });
  });

  it('agrees with TxLab on every field, and on the refusals', () => {
    expect(mismatches.sort()).toEqual([]);
  });
});

describe("a wallet key's descriptor", () => {
  it('is read back unchanged by the node, checksum included: pkh, wpkh and sh(wpkh)', async () => {
    const rng = new SeededRng(SEED + 1);
    const publicKey = makeKey(rng, 'mine').publicKey;
    const key: WalletKeyInfo = {
      publicKey: toHex(publicKey),
      pubKeyHash: toHex(hash160(publicKey)),
      purpose: 'receive',
      label: 'receive 7',
      path: "m/84'/1'/0'/0/7",
      masterFingerprint: toHex(rng.bytes(4)),
    };
    const keyHash = hash160(publicKey);
    const p2wpkh = compileScript([OP.OP_0, keyHash]);
    const scripts = [
      compileScript([OP.OP_DUP, OP.OP_HASH160, keyHash, OP.OP_EQUALVERIFY, OP.OP_CHECKSIG]),
      p2wpkh,
      compileScript([OP.OP_HASH160, hash160(p2wpkh), OP.OP_EQUAL]),
    ];
    const descs = scripts.map((s) => {
      const info = ours(scriptToAddress(s, target.chain.network)!, [key]) as { ismine: boolean; desc: string };
      expect(info.ismine).toBe(true);
      return info.desc;
    });
    expect(descs.map((d) => d.replace(/\(.*\)#.*$/, '()'))).toEqual(['pkh()', 'wpkh()', 'sh()']);
    const Info = z.object({ descriptor: z.string(), checksum: z.string() });
    for (const desc of descs) {
      const [body, checksum] = desc.split('#');
      const read = await rpc(node!, 'getdescriptorinfo', [body], Info);
      expect(read).toMatchObject({ descriptor: desc, checksum });
    }
  });
});
