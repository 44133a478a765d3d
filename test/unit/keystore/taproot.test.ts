/**
 * Issue 15 §3: BIP86 keys. The keystore's `taproot` keys live at m/86'/1'/0'/0/i; their output key
 * is the BIP86 tweak, checked against BIP86's own vectors (test/fixtures/bip86, coin type 0 there).
 * A key-path signature made inside the keystore verifies under that output key.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIP32Factory } from 'bip32';
import { address, networks } from 'bitcoinjs-lib';
import * as ecc from 'tiny-secp256k1';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../shared/bitcoin/bytes';
import { verifySchnorr } from '../../../shared/bitcoin/schnorr';
import { bip86OutputKey, taptweakHash } from '../../../shared/bitcoin/taproot';
import { pathFor, rootFromMnemonic, signSchnorrWith } from '../../../main/keystore/derivation';
import { Keystore } from '../../../main/keystore/keystore';
import { expectBilingual } from '../contract/bilingual';
import { entropyFrom, errorOf, unwrap } from './helpers';

interface Bip86Vectors {
  readonly mnemonic: string;
  readonly rootpriv: string;
  readonly accounts: readonly {
    readonly path: string;
    readonly xprv: string;
    readonly internal_key: string;
    readonly output_key: string;
    readonly scriptPubKey: string;
    readonly address: string;
  }[];
}

const bip32 = BIP32Factory(ecc);

const VECTORS = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/bip86/bip86-vectors.json'), 'utf8'),
) as Bip86Vectors;

describe('BIP86 vectors', () => {
  const root = rootFromMnemonic(VECTORS.mnemonic);

  it('derives the root of the vectors from their mnemonic', () => {
    // The keystore writes regtest version bytes (tprv); the key and chain code are the vectors' own.
    const expected = bip32.fromBase58(VECTORS.rootpriv);
    expect(toHex(root.privateKey!)).toBe(toHex(expected.privateKey!));
    expect(toHex(root.chainCode)).toBe(toHex(expected.chainCode));
  });

  for (const v of VECTORS.accounts) {
    it(`${v.path}: internal key, output key, scriptPubKey and address`, () => {
      const node = root.derivePath(v.path);
      expect(toHex(node.privateKey!)).toBe(toHex(bip32.fromBase58(v.xprv).privateKey!));
      expect(toHex(node.publicKey.subarray(1))).toBe(v.internal_key);
      const outputKey = bip86OutputKey(node.publicKey)!;
      expect(toHex(outputKey)).toBe(v.output_key);
      expect('5120' + toHex(outputKey)).toBe(v.scriptPubKey);
      expect(address.toBech32(outputKey, 1, networks.bitcoin.bech32)).toBe(v.address);

      // The keystore's signing key: the private key, tweaked, signs for the output key.
      const digest = fromHex('00'.repeat(31) + '2a');
      const signature = signSchnorrWith(node.privateKey!, digest, new Uint8Array(32));
      expect(signature).toHaveLength(64);
      expect(verifySchnorr(digest, outputKey, signature)).toBe(true);
      expect(verifySchnorr(digest, node.publicKey.subarray(1), signature)).toBe(false);
    });
  }
});

describe('taproot keys in the keystore', () => {
  it('are BIP86 keys of coin type 1, listed with their output key, and sign for it', async () => {
    const keystore = Keystore.inMemory();
    const eve = unwrap(await keystore.createWallet('Eve', { entropy: entropyFrom(7) }));
    const key = unwrap(await keystore.deriveKey(eve.id, 'taproot'));
    expect(key).toMatchObject({ purpose: 'taproot', index: 0, path: "m/86'/1'/0'/0/0" });
    expect(pathFor('taproot', 3)).toBe("m/86'/1'/0'/0/3");
    const outputKey = bip86OutputKey(fromHex(key.publicKey))!;
    expect(key.taprootKey).toBe(toHex(outputKey));
    // A wallet's other keys have no output key: only `taproot` keys are paid in P2TR.
    const receive = unwrap(await keystore.deriveKey(eve.id, 'receive'));
    expect(receive.taprootKey).toBeUndefined();

    const digest = fromHex('11'.repeat(32));
    const aux = fromHex('22'.repeat(32));
    const signed = unwrap(keystore.signSchnorr(eve.id, key.id, digest, aux));
    expect(toHex(signed.outputKey)).toBe(key.taprootKey);
    expect(verifySchnorr(digest, signed.outputKey, signed.signature)).toBe(true);
    // Same aux, same signature (BIP340 is deterministic given aux); another aux, another one.
    expect(toHex(unwrap(keystore.signSchnorr(eve.id, key.id, digest, aux)).signature)).toBe(toHex(signed.signature));
    const other = unwrap(keystore.signSchnorr(eve.id, key.id, digest, fromHex('33'.repeat(32))));
    expect(toHex(other.signature)).not.toBe(toHex(signed.signature));
    expect(verifySchnorr(digest, signed.outputKey, other.signature)).toBe(true);

    expect(errorOf(keystore.signSchnorr(eve.id, receive.id, digest, aux))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(errorOf(keystore.signSchnorr(eve.id, key.id, digest, new Uint8Array(31)))).toMatchObject({
      code: 'BAD_REQUEST',
      path: 'auxRand',
    });
    expect(ecc.isXOnlyPoint(outputKey)).toBe(true);
  });
});

interface Bip341KeyPath {
  readonly keyPathSpending: readonly {
    readonly inputSpending: readonly {
      readonly given: {
        readonly internalPrivkey: string;
        readonly merkleRoot: string | null;
        readonly hashType: number;
      };
      readonly intermediary: { readonly sigHash: string };
      readonly expected: { readonly witness: readonly string[] };
    }[];
  }[];
}

const BIP341 = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/taproot/bip341_wallet_vectors.json'), 'utf8'),
) as Bip341KeyPath;

describe('key-path signing with a script tree (BIP341 wallet vectors)', () => {
  // BIP341's keyPathSpending signs with all-zero aux randomness; with and without a Merkle root.
  const inputs = BIP341.keyPathSpending.flatMap((k) => k.inputSpending);
  for (const [i, v] of inputs.entries()) {
    it(`input ${i}: merkle root ${v.given.merkleRoot ?? 'none'}`, () => {
      const signature = signSchnorrWith(
        fromHex(v.given.internalPrivkey),
        fromHex(v.intermediary.sigHash),
        new Uint8Array(32),
        v.given.merkleRoot === null ? undefined : fromHex(v.given.merkleRoot),
      );
      expect(toHex(signature)).toBe(v.expected.witness[0]!.slice(0, 128));
    });
  }
});

describe('script-path signing in the keystore', () => {
  it('signs with the key itself, untweaked, for any key; a key-path root must be 32 bytes', async () => {
    const keystore = Keystore.inMemory();
    const eve = unwrap(await keystore.createWallet('Eve', { entropy: entropyFrom(7) }));
    const digest = fromHex('44'.repeat(32));
    const aux = fromHex('55'.repeat(32));
    const keys = [];
    for (let i = 0; i < 4; i++) keys.push(unwrap(await keystore.deriveKey(eve.id, i % 2 ? 'taproot' : 'receive')));
    // Both parities of y among them: BIP340 signs for the even-y point of an odd-y key too.
    expect(new Set(keys.map((k) => k.publicKey.slice(0, 2))).size).toBe(2);
    for (const key of keys) {
      const signed = unwrap(keystore.signSchnorr(eve.id, key.id, digest, aux, { kind: 'script' }));
      const xOnly = fromHex(key.publicKey).subarray(1);
      expect(toHex(signed.outputKey)).toBe(toHex(xOnly));
      expect(verifySchnorr(digest, xOnly, signed.signature)).toBe(true);
    }
    const root = fromHex('66'.repeat(32));
    const withRoot = unwrap(keystore.signSchnorr(eve.id, keys[0]!.id, digest, aux, { kind: 'key', merkleRoot: root }));
    const tweaked = ecc.xOnlyPointAddTweak(
      fromHex(keys[0]!.publicKey).subarray(1),
      taptweakHash(fromHex(keys[0]!.publicKey).subarray(1), root),
    )!;
    expect(toHex(withRoot.outputKey)).toBe(toHex(tweaked.xOnlyPubkey));
    expect(verifySchnorr(digest, withRoot.outputKey, withRoot.signature)).toBe(true);
    const short = keystore.signSchnorr(eve.id, keys[0]!.id, digest, aux, {
      kind: 'key',
      merkleRoot: new Uint8Array(31),
    });
    expect(errorOf(short)).toMatchObject({ code: 'BAD_REQUEST', path: 'merkleRoot' });
    expectBilingual(short, 'host.keystore.merkleRootSize', 'A Merkle root must be 32 bytes.');
    const shortAux = keystore.signSchnorr(eve.id, keys[0]!.id, digest, new Uint8Array(31));
    expect(errorOf(shortAux)).toMatchObject({ code: 'BAD_REQUEST', path: 'auxRand' });
    expectBilingual(shortAux, 'host.keystore.auxRandSize', 'The auxiliary randomness must be 32 bytes.');
    const shortDigest = keystore.signSchnorr(eve.id, keys[0]!.id, new Uint8Array(31), aux);
    expect(errorOf(shortDigest)).toMatchObject({ code: 'BAD_REQUEST', path: 'digest' });
    expectBilingual(shortDigest, 'host.keystore.digestSize', 'The digest must be 32 bytes.');
    // keys[0] is a receive key: without a tree, only a BIP86 key signs on the key path.
    const notTaproot = keystore.signSchnorr(eve.id, keys[0]!.id, digest, aux);
    expect(errorOf(notTaproot)).toMatchObject({ code: 'BAD_REQUEST', path: 'keyId' });
    expectBilingual(notTaproot, 'host.keystore.notTaproot', `Key "${keys[0]!.label}" is not a Taproot (BIP86) key.`);
  });
});
