/**
 * Taproot's official vectors, unmodified (test/fixtures/taproot/ORIGIN.md): BIP340's Schnorr rows,
 * BIP341's wallet vectors (output keys, control blocks, key-path signature messages and hashes, a
 * fully signed transaction), and Bitcoin Core's generated feature_taproot tests, each one run
 * over Core's 64 flag combinations, every failure failing for the reason Core's test names.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { networks } from 'bitcoinjs-lib';
import * as secp from 'tiny-secp256k1';
import { describe, expect, it } from 'vitest';
import { scriptToAddress } from '../../shared/bitcoin/address';
import { type Bytes, concat, fromHex, toHex, utf8 } from '../../shared/bitcoin/bytes';
import { CONSENSUS_FLAGS, F, STANDARD_FLAGS } from '../../shared/bitcoin/flags';
import { sha256 } from '../../shared/bitcoin/hashes';
import { verifySchnorr } from '../../shared/bitcoin/schnorr';
import { taprootCache, taprootSighash } from '../../shared/bitcoin/sighash';
import {
  type TapTree,
  taprootOutput,
  taptweakHash,
  tapleafHash,
  verifyTaprootCommitment,
} from '../../shared/bitcoin/taproot';
import { parseTransaction, verifyAllInputs } from '../../shared/bitcoin/transaction';
import type { Prevout } from '../../shared/bitcoin/txTypes';
import { detectVectorKind, runVectors, summaryLine } from '../../shared/conformance';
import {
  ASSET_FLAG_COMBINATIONS,
  parseScriptAsset,
  type ScriptAsset,
  scriptAssetVerifier,
} from '../../shared/conformance/scriptAssets';

const DIR = new URL('../fixtures/taproot/', import.meta.url);
const read = (file: string): Buffer => readFileSync(new URL(file, DIR));
const sha256Hex = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

describe('fixtures are the upstream files byte for byte (ORIGIN.md)', () => {
  it('bip340-test-vectors.csv', () =>
    expect(sha256Hex(read('bip340-test-vectors.csv'))).toBe(
      '34c9d1d9c3a88d524bc80778540dc43f8306ec249a7485293063c376db851c2d',
    ));
  it('bip341_wallet_vectors.json', () =>
    expect(sha256Hex(read('bip341_wallet_vectors.json'))).toBe(
      '403e19fb81dd1f31e745699216308f61fb403774b2aafa87b631b8f7c042d37f',
    ));
  it('feature_taproot_dump.json.gz holds the 2,760 dump files, concatenated unchanged', () => {
    const json = gunzipSync(read('feature_taproot_dump.json.gz'));
    // Undo the packing: "[\n" + files (the last without its ",\n") + "\n]\n".
    const files = concat(json.subarray(2, json.length - 3), utf8(',\n'));
    expect(sha256Hex(files)).toBe('3b540dba6710bcd36f09811ba4ada2b80f3467b582b7eaaae0ba479b23b6124a');
  });
});

// ---- BIP340 ----

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const P = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2fn;
const toBig = (b: Bytes): bigint => BigInt(`0x${toHex(b) || '0'}`);
const to32 = (n: bigint): Bytes => fromHex(n.toString(16).padStart(64, '0'));

/**
 * BIP340's Verify, step by step over tiny-secp256k1's point arithmetic, for messages of any length
 * (rows 15–18 sign 0, 1, 17 and 100 bytes; libsecp256k1's verifySchnorr takes only 32). A second,
 * independent verifier: the engine's (shared/bitcoin/schnorr.ts) must agree with it on rows 0–14.
 */
function bip340Verify(message: Bytes, publicKey: Bytes, signature: Bytes): boolean {
  if (publicKey.length !== 32 || signature.length !== 64 || !secp.isXOnlyPoint(publicKey)) return false;
  const r = toBig(signature.subarray(0, 32));
  const s = toBig(signature.subarray(32));
  if (r >= P || s >= N) return false;
  const tag = sha256(utf8('BIP0340/challenge'));
  const e = toBig(sha256(concat(tag, tag, signature.subarray(0, 32), publicKey, message))) % N;
  const liftedP = concat(Uint8Array.of(2), publicKey);
  // R = s·G − e·P
  const sG = s === 0n ? null : secp.pointFromScalar(to32(s), true);
  const minusEP = e === 0n ? null : secp.pointMultiply(liftedP, to32(N - e), true);
  const R = sG && minusEP ? secp.pointAdd(sG, minusEP, true) : (sG ?? minusEP);
  if (!R || R[0] !== 2) return false;
  return toHex(R.subarray(1)) === toHex(signature.subarray(0, 32));
}

interface Bip340Row {
  index: number;
  secretKey: string;
  publicKey: Bytes;
  auxRand: string;
  message: Bytes;
  signature: Bytes;
  result: boolean;
}

const bip340Rows: Bip340Row[] = read('bip340-test-vectors.csv')
  .toString('utf8')
  .split('\r\n')
  .slice(1)
  .filter((line) => line.length > 0)
  .map((line) => {
    const [index, secretKey, publicKey, auxRand, message, signature, result] = line.split(',');
    return {
      index: Number(index),
      secretKey: secretKey!,
      publicKey: fromHex(publicKey!.toLowerCase()),
      auxRand: auxRand!,
      message: fromHex(message!.toLowerCase()),
      signature: fromHex(signature!.toLowerCase()),
      result: result === 'TRUE',
    };
  });

describe('BIP340 test-vectors.csv', () => {
  it('has its 19 rows (9 valid, 10 invalid)', () => {
    expect(bip340Rows.map((r) => r.index)).toEqual([...Array(19).keys()]);
    expect(bip340Rows.filter((r) => r.result)).toHaveLength(9);
  });

  for (const row of bip340Rows) {
    it(`row ${row.index}: verification ${row.result ? 'succeeds' : 'fails'}`, () => {
      expect(bip340Verify(row.message, row.publicKey, row.signature)).toBe(row.result);
      // The engine's verifier signs only 32-byte BIP341 hashes; on other lengths it must refuse.
      expect(verifySchnorr(row.message, row.publicKey, row.signature)).toBe(
        row.message.length === 32 ? row.result : false,
      );
      if (row.secretKey && row.message.length === 32) {
        // A signing row: the key and the signature are reproduced byte for byte.
        const sk = fromHex(row.secretKey.toLowerCase());
        expect(toHex(secp.xOnlyPointFromScalar(sk))).toBe(toHex(row.publicKey));
        expect(toHex(secp.signSchnorr(row.message, sk, fromHex(row.auxRand.toLowerCase())))).toBe(toHex(row.signature));
      }
    });
  }
});

// ---- BIP341 wallet vectors ----

interface LeafJson {
  id: number;
  script: string;
  leafVersion: number;
}
type TreeJson = LeafJson | [TreeJson, TreeJson];

interface Bip341Vectors {
  scriptPubKey: {
    given: { internalPubkey: string; scriptTree: TreeJson | null };
    intermediary: { leafHashes?: string[]; merkleRoot: string | null; tweak: string; tweakedPubkey: string };
    expected: { scriptPubKey: string; bip350Address: string; scriptPathControlBlocks?: string[] };
  }[];
  keyPathSpending: {
    given: { rawUnsignedTx: string; utxosSpent: { scriptPubKey: string; amountSats: number }[] };
    intermediary: Record<
      'hashAmounts' | 'hashOutputs' | 'hashPrevouts' | 'hashScriptPubkeys' | 'hashSequences',
      string
    >;
    inputSpending: {
      given: { txinIndex: number; internalPrivkey: string; merkleRoot: string | null; hashType: number };
      intermediary: { internalPubkey: string; tweak: string; tweakedPrivkey: string; sigMsg: string; sigHash: string };
      expected: { witness: string[] };
    }[];
    auxiliary: { fullySignedTx: string };
  }[];
}

const bip341 = JSON.parse(read('bip341_wallet_vectors.json').toString('utf8')) as Bip341Vectors;

function toTree(json: TreeJson): { tree: TapTree; ids: number[] } {
  if (!Array.isArray(json)) {
    return { tree: { script: fromHex(json.script), leafVersion: json.leafVersion }, ids: [json.id] };
  }
  const left = toTree(json[0]);
  const right = toTree(json[1]);
  return { tree: [left.tree, right.tree], ids: [...left.ids, ...right.ids] };
}

describe('BIP341 wallet vectors: scriptPubKey', () => {
  it('has its 7 cases and 12 control blocks', () => {
    expect(bip341.scriptPubKey).toHaveLength(7);
    expect(bip341.scriptPubKey.flatMap((c) => c.expected.scriptPathControlBlocks ?? [])).toHaveLength(12);
  });

  bip341.scriptPubKey.forEach((c, i) => {
    it(`case ${i}: leaf hashes, Merkle root, tweak, output key, address and control blocks`, () => {
      const internalKey = fromHex(c.given.internalPubkey);
      const parsed = c.given.scriptTree ? toTree(c.given.scriptTree) : undefined;
      const output = taprootOutput(internalKey, parsed?.tree)!;
      expect(output.merkleRoot ? toHex(output.merkleRoot) : null).toBe(c.intermediary.merkleRoot);
      expect(toHex(output.tweak)).toBe(c.intermediary.tweak);
      expect(toHex(output.outputKey)).toBe(c.intermediary.tweakedPubkey);
      expect(toHex(output.scriptPubKey)).toBe(c.expected.scriptPubKey);
      expect(scriptToAddress(output.scriptPubKey, networks.bitcoin)).toBe(c.expected.bip350Address);
      // leafHashes are listed by leaf id; the builder walks the tree depth first.
      const byId = new Map(output.leaves.map((l, k) => [parsed!.ids[k]!, toHex(l.leafHash)]));
      expect((c.intermediary.leafHashes ?? []).map((_, id) => byId.get(id))).toEqual(c.intermediary.leafHashes ?? []);
      expect(output.leaves.map((l) => toHex(l.controlBlock))).toEqual(c.expected.scriptPathControlBlocks ?? []);
      // And the interpreter's side: every control block proves its leaf against the output key.
      for (const leaf of output.leaves) {
        const proven = verifyTaprootCommitment(leaf.controlBlock, output.outputKey, leaf.leaf.script);
        expect(proven && toHex(proven)).toBe(toHex(tapleafHash(leaf.leaf.leafVersion, leaf.leaf.script)));
        const wrongParity = Uint8Array.from(leaf.controlBlock);
        wrongParity[0] = wrongParity[0]! ^ 1;
        expect(verifyTaprootCommitment(wrongParity, output.outputKey, leaf.leaf.script)).toBeUndefined();
      }
    });
  });
});

describe('BIP341 wallet vectors: keyPathSpending', () => {
  const spending = bip341.keyPathSpending[0]!;
  const tx = parseTransaction(spending.given.rawUnsignedTx);
  if (!tx.ok) throw new Error(tx.error.message);
  const spent: Prevout[] = spending.given.utxosSpent.map((u) => ({
    scriptPubKey: fromHex(u.scriptPubKey),
    amount: BigInt(u.amountSats),
  }));

  it('the shared hashes (hashPrevouts, hashAmounts, hashScriptPubkeys, hashSequences, hashOutputs)', () => {
    const cache = taprootCache(tx.value, spent);
    expect({
      hashAmounts: toHex(cache.shaAmounts),
      hashOutputs: toHex(cache.shaOutputs),
      hashPrevouts: toHex(cache.shaPrevouts),
      hashScriptPubkeys: toHex(cache.shaScriptPubKeys),
      hashSequences: toHex(cache.shaSequences),
    }).toEqual(spending.intermediary);
  });

  it('has 7 signed inputs covering hash types 0 (DEFAULT), 1, 2, 3, 0x81, 0x82 and 0x83', () => {
    expect(spending.inputSpending.map((s) => s.given.hashType).sort((a, b) => a - b)).toEqual([
      0, 1, 2, 3, 0x81, 0x82, 0x83,
    ]);
  });

  for (const input of spending.inputSpending) {
    const { txinIndex, hashType } = input.given;
    it(`input ${txinIndex}, hash type 0x${hashType.toString(16)}: tweak, sigMsg, sigHash and witness`, () => {
      const internalPriv = fromHex(input.given.internalPrivkey);
      const internalKey = secp.xOnlyPointFromScalar(internalPriv);
      expect(toHex(internalKey)).toBe(input.intermediary.internalPubkey);
      const merkleRoot = input.given.merkleRoot ? fromHex(input.given.merkleRoot) : undefined;
      const tweak = taptweakHash(internalKey, merkleRoot);
      expect(toHex(tweak)).toBe(input.intermediary.tweak);

      const sighash = taprootSighash(tx.value, txinIndex, spent, hashType, 'TAPROOT', { annexHash: undefined })!;
      expect(toHex(sighash.preimage!)).toBe(input.intermediary.sigMsg);
      expect(toHex(sighash.digest)).toBe(input.intermediary.sigHash);

      // BIP341's signing: the secret key negated if its point has an odd y, then tweaked.
      const odd = secp.pointFromScalar(internalPriv, true)![0] === 3;
      const tweakedPriv = secp.privateAdd(odd ? secp.privateNegate(internalPriv) : internalPriv, tweak)!;
      expect(toHex(tweakedPriv)).toBe(input.intermediary.tweakedPrivkey);
      const signature = secp.signSchnorr(sighash.digest, tweakedPriv, new Uint8Array(32));
      const witness = hashType === 0 ? signature : concat(signature, Uint8Array.of(hashType));
      expect([toHex(witness)]).toEqual(input.expected.witness);
    });
  }

  it('the fully signed transaction: all 9 inputs verify through the interpreter (consensus and policy)', () => {
    const signed = parseTransaction(spending.auxiliary.fullySignedTx);
    if (!signed.ok) throw new Error(signed.error.message);
    for (const flags of [CONSENSUS_FLAGS | F.TAPROOT, STANDARD_FLAGS | F.TAPROOT]) {
      const verdict = verifyAllInputs(signed.value, spent, flags);
      expect(verdict.firstError).toBeUndefined();
      expect(verdict.inputs).toHaveLength(9);
    }
    // One bit of one Schnorr signature changed: that input, and only it, fails for Core's reason.
    const broken = parseTransaction(spending.auxiliary.fullySignedTx);
    if (!broken.ok) throw new Error(broken.error.message);
    const sig = Uint8Array.from(broken.value.ins[0]!.witness[0]!);
    sig[10] = sig[10]! ^ 1;
    broken.value.setWitness(0, [sig]);
    const verdict = verifyAllInputs(broken.value, spent, CONSENSUS_FLAGS | F.TAPROOT);
    expect(verdict.inputs.map((v) => (v.ok ? 'OK' : v.error.code))).toEqual([
      'SCHNORR_SIG',
      ...Array<string>(8).fill('OK'),
    ]);
  });
});

// ---- Bitcoin Core's feature_taproot.py --dumptests ----

/**
 * Why each failure must fail: the ERR_* each spender of Core's test/functional/feature_taproot.py
 * names (spenders_taproot_active, sample_spenders), under Core's current error names (Core 0.21's
 * "unknown error" for an oversized CHECKSIGADD number is SCRIPTNUM now; its PUBKEYTYPE for an
 * empty tapscript key is TAPSCRIPT_EMPTY_PUBKEY). Entries whose spender varies the error with a
 * random choice name a set. `alwaysvalid/notsuccessx`'s error "differs based on opcode".
 */
const EXPECTED_FAILURES: readonly [RegExp, readonly string[]][] = [
  [/^sig\//, ['SCHNORR_SIG']],
  [/^sighash\/(keypath|scriptpath)_unk_hashtype_/, ['SCHNORR_SIG_HASHTYPE']],
  [/^sighash\/(keypath|scriptpath)_hashtype_mis_/, ['SCHNORR_SIG_HASHTYPE']],
  [/^sighash\/hashtype0_byte_/, ['SCHNORR_SIG_HASHTYPE']],
  [/^sighash\//, ['SCHNORR_SIG']],
  [/^siglen\/empty_keypath$/, ['SCHNORR_SIG_SIZE']],
  [/^siglen\/empty_csv$/, ['CHECKSIGVERIFY']],
  [/^siglen\/empty_csa?$/, ['EVAL_FALSE']],
  [/^siglen\/empty_csa?_neg$/, ['SCHNORR_SIG_SIZE']],
  // Padding with 0x00: a hash-type byte of 0 after a 64-byte DEFAULT signature, else a 66-byte one.
  [/^siglen\/padzero_/, ['SCHNORR_SIG_HASHTYPE', 'SCHNORR_SIG_SIZE']],
  // Dropping a byte: 63 bytes after DEFAULT, else a 64-byte signature that no longer verifies.
  [/^siglen\/popbyte_/, ['SCHNORR_SIG_SIZE', 'SCHNORR_SIG']],
  [/^siglen\/invalid_csa?_neg$/, ['SCHNORR_SIG']],
  [/^applic\/keypath$/, ['SCHNORR_SIG']],
  [/^applic\/scriptpath$/, ['OP_RETURN']],
  [
    /^spendpath\/(merklelimit|padlongcontrol|trunclongcontrol|padshortcontrol|truncshortcontrol|trunc1shortcontrol)$/,
    ['TAPROOT_WRONG_CONTROL_SIZE'],
  ],
  [/^spendpath\/(negflag|bitflipmerkle|bitflippubkey)$/, ['WITNESS_PROGRAM_MISMATCH']],
  [/^spendpath\/emptywit$/, ['WITNESS_PROGRAM_WITNESS_EMPTY']],
  [/^tapscript\/(inputmaxlimit|pushmaxlimit)$/, ['PUSH_SIZE']],
  [/^tapscript\/disabled_checkmultisig(verify)?$/, ['TAPSCRIPT_CHECKMULTISIG']],
  [/^tapscript\/minimal(not)?if$/, ['TAPSCRIPT_MINIMALIF']],
  [/^tapscript\/(unkpk|emptypk|emptysigs)\//, ['TAPSCRIPT_EMPTY_PUBKEY']],
  [/^tapscript\/oldpk\//, ['SCHNORR_SIG']],
  [/^tapscript\/checksigadd(results|oversize)$/, ['SCRIPTNUM']],
  [/^tapscript\/checksigadd3args$/, ['INVALID_STACK_OPERATION']],
  [/^tapscript\/(1000stack|1000inputs|bigmulti)$/, ['STACK_SIZE']],
  [/^tapscript\/cleanstack$/, ['CLEANSTACK']],
  [/^tapscript\/sigopsratio_\d+$/, ['TAPSCRIPT_VALIDATION_WEIGHT']],
  [/^(unkver|opsuccess)\/(bare|unexecif)$/, ['CLEANSTACK']],
  [/^(unkver|opsuccess)\/return$/, ['OP_RETURN']],
  [/^(unkver|opsuccess)\/undecodable(_bypass)?$/, ['BAD_OPCODE']],
  [/^(unkver|opsuccess)\/bigpush$/, ['PUSH_SIZE']],
  [/^(unkver|opsuccess)\/(1001push|1001inputs)$/, ['STACK_SIZE']],
  [/^legacy\//, ['EVAL_FALSE']],
  [/^compat\/nocsa$/, ['BAD_OPCODE']],
  [/^alwaysvalid\/notsuccessx$/, ['OP_RETURN', 'BAD_OPCODE']],
];

function expectedFailure(comment: string): readonly string[] | undefined {
  return EXPECTED_FAILURES.find(([pattern]) => pattern.test(comment))?.[1];
}

describe("Bitcoin Core's generated Taproot tests (feature_taproot.py --dumptests, 2,760 of them)", () => {
  const rows = JSON.parse(gunzipSync(read('feature_taproot_dump.json.gz')).toString('utf8')) as unknown[];

  it('are the script_assets kind, with Core’s 64 flag combinations', () => {
    expect(rows).toHaveLength(2_760);
    expect(detectVectorKind(rows)).toBe('script_assets');
    expect(ASSET_FLAG_COMBINATIONS).toHaveLength(64);
  });

  it('every success verifies and every failure fails, under every combination Core checks', () => {
    const report = runVectors(rows, 'script_assets');
    expect(
      report.failed.map((f) => `entry ${f.row}: ${f.reason}`),
      summaryLine(report),
    ).toEqual([]);
    expect(report.passed).toBe(2_760);
    expect(report.skipped).toEqual([]);
  }, 180_000);

  it('every failure fails for the reason feature_taproot.py gives it', () => {
    const assets = rows.map((row) => parseScriptAsset(row) as ScriptAsset);
    const withFailure = assets.filter((a) => a.failure);
    expect(withFailure).toHaveLength(2_483);
    const wrong: string[] = [];
    for (const asset of withFailure) {
      const expected = expectedFailure(asset.comment);
      const verdict = scriptAssetVerifier(asset, asset.failure!)(asset.flags);
      const got = verdict.ok ? 'OK' : verdict.error.code;
      if (!expected?.includes(got)) wrong.push(`${asset.comment}: expected ${expected?.join('|') ?? '?'}, got ${got}`);
    }
    expect(wrong).toEqual([]);
  }, 180_000);
});
