/**
 * No call the renderer can make returns a private key. This walks every public method of the
 * Keystore, serialises each return value (errors included) and searches it for every secret the
 * keystore holds: mnemonics, entropy, seeds, xprv/tprv, private keys as hex, base64 and WIF.
 */
import { inspect } from 'node:util';
import { BIP32Factory } from 'bip32';
import { mnemonicToEntropy, mnemonicToSeedSync } from 'bip39';
import { networks } from 'bitcoinjs-lib';
import { ECPairFactory } from 'ecpair';
import * as ecc from 'tiny-secp256k1';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../shared/bitcoin/bytes';
import { bip86OutputKey, taptweakHash } from '../../../shared/bitcoin/taproot';
import { Keystore } from '../../../main/keystore/keystore';
import type { SecretWalletExport } from '../../../main/keystore/walletExport';
import { entropyFrom, openKeystore, tempDir, TEST_KDF, unwrap } from './helpers';

const bip32 = BIP32Factory(ecc);
const ecpair = ECPairFactory(ecc);

/** Methods that TypeScript marks private (they exist at run time but nothing outside can call them). */
const INTERNAL = new Set(['constructor', 'walletAdded', 'walletById', 'rootOf', 'privateKeyOf', 'enqueue', 'mutate']);
/** The explicit exports with keys, loud in name or option; checked below to DO contain secrets. */
const DANGEROUS = new Set(['exportMnemonicsDangerously']);

function privateKeyForms(key: Uint8Array): string[] {
  const forms = [toHex(key), Buffer.from(key).toString('base64')];
  for (const network of [networks.regtest, networks.bitcoin]) {
    for (const compressed of [true, false]) forms.push(ecpair.fromPrivateKey(key, { network, compressed }).toWIF());
  }
  return forms;
}

function secretsOf(exported: SecretWalletExport): Set<string> {
  const secrets = new Set<string>();
  for (const wallet of exported.wallets) {
    for (const key of wallet.imported)
      if (key.privateKey) privateKeyForms(fromHex(key.privateKey)).forEach((s) => secrets.add(s));
    if (!wallet.mnemonic) continue;
    secrets.add(wallet.mnemonic);
    secrets.add(mnemonicToEntropy(wallet.mnemonic));
    const seed = mnemonicToSeedSync(wallet.mnemonic);
    secrets.add(toHex(seed));
    for (const network of [networks.regtest, networks.bitcoin]) {
      const root = bip32.fromSeed(seed, network);
      secrets.add(root.toBase58());
      secrets.add(root.derivePath("m/84'/1'/0'").toBase58());
      secrets.add(root.derivePath("m/86'/1'/0'").toBase58());
      for (const key of wallet.keys) {
        const path =
          key.purpose === 'receive' || key.purpose === 'change'
            ? `m/84'/1'/0'/${key.purpose === 'receive' ? 0 : 1}/${key.index}`
            : key.purpose === 'taproot'
              ? `m/86'/1'/0'/0/${key.index}`
              : undefined;
        const node = path
          ? root.derivePath(path)
          : root.derivePath(
              `m/84'/1'/0'/${['funding', 'revocation', 'htlc', 'swap'].indexOf(key.purpose) + 2}'/${key.index}'`,
            );
        expect(toHex(node.publicKey)).toBe(key.publicKey); // our independent paths are the keystore's
        privateKeyForms(node.privateKey!).forEach((s) => secrets.add(s));
        secrets.add(node.toBase58());
        // A taproot key signs with its BIP86-tweaked private key: a secret too.
        if (key.purpose === 'taproot') {
          const even = node.publicKey[0] === 0x02 ? node.privateKey! : ecc.privateNegate(node.privateKey!);
          const tweaked = ecc.privateAdd(even, taptweakHash(node.publicKey.subarray(1)))!;
          expect(toHex(ecc.xOnlyPointFromScalar(tweaked))).toBe(toHex(bip86OutputKey(node.publicKey)!));
          privateKeyForms(tweaked).forEach((s) => secrets.add(s));
        }
      }
    }
  }
  return secrets;
}

const serialise = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? toHex(v) : v)) +
  '\n' +
  inspect(value, { depth: 20, showHidden: true });

function leaksIn(text: string, secrets: Set<string>): string[] {
  const found = [...secrets].filter((s) => text.includes(s));
  const extended = text.match(/\b[tx]prv[1-9A-HJ-NP-Za-km-z]{50,}/g) ?? [];
  return [...found, ...extended];
}

describe('no private key leaves the keystore', () => {
  it('walks every public method and finds no secret in any return value', async () => {
    const dir = await tempDir();
    const outputs: Array<[string, unknown]> = [];
    const called = new Set<string>();
    const record = (method: string, value: unknown) => {
      called.add(method);
      outputs.push([method, value]);
    };
    const snapshots: SecretWalletExport[] = [];

    const keystore = unwrap(await Keystore.open({ dir, kdf: TEST_KDF }));
    record('open', keystore);
    record('toJSON', keystore.toJSON());
    record('hasPassphrase', keystore.hasPassphrase);
    record('createWallet', await keystore.createWallet('Eve', { entropy: entropyFrom(9) }));
    record('createWallet', await keystore.createWallet('', {}));
    for (const purpose of ['receive', 'change', 'funding', 'revocation', 'htlc', 'swap', 'taproot'] as const) {
      record('deriveKey', await keystore.deriveKey('alice', purpose));
      record('deriveKey', await keystore.deriveKey('eve-7', purpose, `Eve ${purpose}`));
    }
    const alice2 = unwrap(keystore.getWallet('alice')).keys.find((k) => k.purpose === 'revocation')!;
    record('handOverKey', await keystore.handOverKey(alice2.id, 'alice', 'bob', 'revoke C1a'));
    record('handOverKey', await keystore.handOverKey(alice2.id, 'alice', 'bob', 'again'));
    record('renameWallet', await keystore.renameWallet('carol', 'Caroline'));
    for (const wallet of keystore.listWallets()) {
      record('getWallet', keystore.getWallet(wallet.id));
      record('ownedKeys', keystore.ownedKeys(wallet.id));
      record('masterFingerprint', keystore.masterFingerprint(wallet.id));
      for (const key of wallet.keys) {
        record('signDigest', keystore.signDigest(wallet.id, key.id, new Uint8Array(32).fill(7)));
        // A taproot key signs; any other is refused: neither answer may carry the (tweaked) key.
        const aux = new Uint8Array(32).fill(9);
        record('signSchnorr', keystore.signSchnorr(wallet.id, key.id, new Uint8Array(32).fill(7), aux));
        const root = { kind: 'key', merkleRoot: new Uint8Array(32).fill(3) } as const;
        record('signSchnorr', keystore.signSchnorr(wallet.id, key.id, new Uint8Array(32).fill(7), aux, root));
        record(
          'signSchnorr',
          keystore.signSchnorr(wallet.id, key.id, new Uint8Array(32).fill(7), aux, { kind: 'script' }),
        );
      }
    }
    // A MuSig2 turn returns a partial signature and public nonces: no key, its own or a cosigner's.
    const [first, second] = keystore.listWallets().filter((w) => w.keys.some((k) => k.canSign));
    const one = first!.keys.find((k) => k.canSign)!;
    const cosigner = second!.keys.find((k) => k.canSign)!;
    const session = {
      keys: [fromHex(one.publicKey), fromHex(cosigner.publicKey)].sort((a, b) => toHex(a).localeCompare(toHex(b))),
      tweak: new Uint8Array(32).fill(3),
      digest: new Uint8Array(32).fill(7),
      nonceRand: new Uint8Array(32).fill(5),
    };
    record('musig2PartialSign', keystore.musig2PartialSign(first!.id, one.id, session));
    record('musig2PartialSign', keystore.musig2PartialSign(second!.id, cosigner.id, session));
    record('signDigest', keystore.signDigest('alice', 'alice/htlc/99', new Uint8Array(32)));
    record('listWallets', keystore.listWallets());
    record('handovers', keystore.handovers());
    record('exportWallets', keystore.exportWallets({ includePrivateKeys: false }));
    snapshots.push(keystore.exportWallets({ includePrivateKeys: true }));
    record('deleteWallet', await keystore.deleteWallet('dave'));
    record('changePassphrase', await keystore.changePassphrase(undefined, 'pw'));
    record('changePassphrase', await keystore.changePassphrase('wrong', 'pw2'));

    // Import returns wallet listings: public even when the import carried private keys.
    const other = await openKeystore(await tempDir());
    const otherSecrets = other.exportWallets({ includePrivateKeys: true });
    snapshots.push(otherSecrets);
    record(
      'importWallets',
      await keystore.importWallets(keystore.exportWallets({ includePrivateKeys: false }), { mode: 'merge' }),
    );
    record('importWallets', await keystore.importWallets(otherSecrets, { mode: 'replace' }));
    record('listWallets', keystore.listWallets());
    snapshots.push(keystore.exportWallets({ includePrivateKeys: true }));

    // Every public method was exercised: a new method fails here until it is added to the walk.
    const publicMethods = Object.getOwnPropertyNames(Keystore.prototype).filter(
      (name) => !INTERNAL.has(name) && !DANGEROUS.has(name),
    );
    expect(publicMethods.filter((name) => !called.has(name))).toEqual([]);
    expect(called.has('open')).toBe(true);

    const secrets = new Set(snapshots.flatMap((s) => [...secretsOf(s)]));
    expect(secrets.size).toBeGreaterThan(200); // every key of every wallet, in several forms
    for (const [method, value] of outputs)
      expect({ method, leaks: leaksIn(serialise(value), secrets) }).toEqual({ method, leaks: [] });

    // The detector works: the one explicit export with keys does show them.
    const withKeys = serialise(snapshots[0]);
    expect(leaksIn(withKeys, secrets).length).toBeGreaterThan(0);
    const aliceMnemonic = snapshots[0]!.wallets.find((w) => w.id === 'alice')!.mnemonic!;
    expect(withKeys).toContain(aliceMnemonic);
    const bobImported = snapshots[0]!.wallets.find((w) => w.id === 'bob')!.imported[0]!.privateKey!;
    expect(withKeys).toContain(bobImported);
    expect(serialise([...keystore.exportMnemonicsDangerously()])).toContain(snapshots[2]!.wallets[0]!.mnemonic!);
  });
});
