import { describe, expect, it } from 'vitest';
import type { SecretWalletExport } from '../../../main/keystore/walletExport';
import { expectBilingual } from '../contract/bilingual';
import { entropyFrom, errorOf, openKeystore, tempDir, unwrap } from './helpers';

const digest = new Uint8Array(32).fill(0x5a);

async function populated() {
  const keystore = await openKeystore(await tempDir());
  unwrap(await keystore.createWallet('Eve', { entropy: entropyFrom(4) }));
  unwrap(await keystore.deriveKey('alice', 'revocation'));
  unwrap(await keystore.deriveKey('bob', 'htlc', 'HTLC to Carol'));
  unwrap(await keystore.handOverKey('alice/revocation/0', 'alice', 'bob', 'revoke C1a'));
  return keystore;
}

describe('export and import', () => {
  it('round-trips an export with keys: same listings, same log, same signatures', async () => {
    const source = await populated();
    const exported = source.exportWallets({ includePrivateKeys: true });
    const target = await openKeystore(await tempDir());
    const imported = unwrap(await target.importWallets(JSON.parse(JSON.stringify(exported)), { mode: 'replace' }));
    expect(imported).toEqual(source.listWallets());
    expect(target.listWallets()).toEqual(source.listWallets());
    expect(target.handovers()).toEqual(source.handovers());
    for (const wallet of source.listWallets()) {
      for (const key of wallet.keys)
        expect(unwrap(target.signDigest(wallet.id, key.id, digest))).toEqual(
          unwrap(source.signDigest(wallet.id, key.id, digest)),
        );
    }
    // Deriving continues where the source left off.
    expect(unwrap(await target.deriveKey('alice', 'revocation'))).toEqual(
      unwrap(await source.deriveKey('alice', 'revocation')),
    );
  });

  it('imports a public export as watch-only wallets that list keys but cannot sign or derive', async () => {
    const source = await populated();
    const exported = source.exportWallets({ includePrivateKeys: false });
    expect(JSON.stringify(exported)).not.toMatch(/mnemonic|privateKey/);
    const target = await openKeystore(await tempDir());
    unwrap(await target.importWallets(exported, { mode: 'replace' }));
    const alice = unwrap(target.getWallet('alice'));
    expect(alice.watchOnly).toBe(true);
    expect(alice.keys.map((k) => k.publicKey)).toEqual(unwrap(source.getWallet('alice')).keys.map((k) => k.publicKey));
    expect(unwrap(target.ownedKeys('bob')).map((k) => k.pubKeyHash)).toEqual(
      unwrap(source.ownedKeys('bob')).map((k) => k.pubKeyHash),
    );
    expect(errorOf(target.signDigest('alice', alice.keys[0]!.id, digest))).toMatchObject({
      code: 'INVALID_STATE',
      detail: 'WATCH_ONLY',
    });
    expect(errorOf(target.signDigest('bob', 'alice/revocation/0', digest))).toMatchObject({
      code: 'INVALID_STATE',
      detail: 'WATCH_ONLY',
    });
    expect(errorOf(await target.deriveKey('alice', 'funding'))).toMatchObject({
      code: 'INVALID_STATE',
      detail: 'WATCH_ONLY',
    });
    expect(errorOf(await target.handOverKey('alice/revocation/0', 'alice', 'carol', 'x'))).toMatchObject({
      code: 'INVALID_STATE',
      detail: 'WATCH_ONLY',
    });
  });

  it('merges after the existing wallets and refuses taken ids and names', async () => {
    const source = await populated();
    const target = await openKeystore(await tempDir());
    const sameIds = await target.importWallets(source.exportWallets({ includePrivateKeys: true }), { mode: 'merge' });
    expect(errorOf(sameIds)).toMatchObject({ code: 'IMPORT_FAILED', path: 'wallets[0].id' });
    expectBilingual(sameIds, 'host.import.walletIdTaken', 'A wallet with id "alice" already exists.');
    const eveOnly = source.exportWallets({ includePrivateKeys: true });
    const justEve = { ...eveOnly, wallets: eveOnly.wallets.filter((w) => w.name === 'Eve'), handovers: [] };
    unwrap(await target.importWallets(justEve, { mode: 'merge' }));
    expect(target.listWallets().map((w) => [w.name, w.order])).toContainEqual(['Eve', 7]);
    const sameName = await target.importWallets(
      { ...justEve, wallets: [{ ...justEve.wallets[0]!, id: 'eve-x' }] },
      { mode: 'merge' },
    );
    expect(errorOf(sameName)).toMatchObject({ code: 'IMPORT_FAILED', path: 'wallets[0].name' });
    expectBilingual(sameName, 'host.walletNameTaken', 'A wallet named "Eve" already exists.');
  });

  it('rejects tampered or malformed imports with a path and changes nothing', async () => {
    const source = await populated();
    const good = source.exportWallets({ includePrivateKeys: true });
    const target = await openKeystore(await tempDir());
    const before = target.listWallets();
    const alice = good.wallets.findIndex((w) => w.id === 'alice');
    const bob = good.wallets.findIndex((w) => w.id === 'bob');
    const withWallet = (i: number, patch: Partial<SecretWalletExport['wallets'][number]>): unknown => ({
      ...good,
      wallets: good.wallets.map((w, j) => (j === i ? { ...w, ...patch } : w)),
    });
    const otherKey = good.wallets[bob]!.keys[0]!.publicKey;
    const aliceKeys = good.wallets[alice]!.keys;
    const bobImported = good.wallets[bob]!.imported[0]!;
    const notExport = /^Not a TxLab wallet export: .+\.$/;
    // The file, where it is wrong, and what is said (a schema's own words are zod's).
    const cases: Array<[unknown, string, string, string | RegExp]> = [
      [null, '', 'host.import.notExport', notExport],
      [{ ...good, format: 'something-else' }, 'format', 'host.import.notExport', notExport],
      [
        withWallet(alice, { keys: [{ ...aliceKeys[0]!, publicKey: otherKey }] }),
        `wallets[${alice}].keys[0].publicKey`,
        'host.import.wrongPublicKey',
        'The mnemonic does not derive the public key listed for alice/receive/0.',
      ],
      [
        withWallet(alice, { mnemonic: 'not a mnemonic at all' }),
        `wallets[${alice}].mnemonic`,
        'host.import.badMnemonic',
        'Not a valid BIP39 mnemonic.',
      ],
      [
        withWallet(bob, { imported: [{ ...bobImported, privateKey: '11'.repeat(32) }] }),
        `wallets[${bob}].imported[0].privateKey`,
        'host.import.wrongPrivateKey',
        'The private key does not match its public key.',
      ],
      [
        withWallet(alice, { name: ' ' }),
        `wallets[${alice}].name`,
        'host.import.walletName.empty',
        'Wallet name must not be empty.',
      ],
      [
        withWallet(alice, { name: 'x'.repeat(41) }),
        `wallets[${alice}].name`,
        'host.import.walletName.tooLong',
        'Wallet name must be at most 40 characters.',
      ],
      [
        withWallet(alice, { name: 'Al\u0007ice' }),
        `wallets[${alice}].name`,
        'host.import.walletName.control',
        'Wallet name must not contain control characters.',
      ],
      [
        withWallet(alice, { keys: [aliceKeys[0]!, aliceKeys[0]!] }),
        `wallets[${alice}].keys[1]`,
        'host.import.keyTwice',
        'Key alice/receive/0 is listed twice.',
      ],
      [
        withWallet(alice, { keys: [{ ...aliceKeys[0]!, label: '' }] }),
        `wallets[${alice}].keys[0].label`,
        'host.import.badKeyLabel',
        'Bad key label.',
      ],
      [
        withWallet(bob, { imported: [bobImported, bobImported] }),
        `wallets[${bob}].imported[1]`,
        'host.import.keyTwice',
        `Key ${bobImported.keyId} is listed twice.`,
      ],
      [
        { ...good, handovers: [good.handovers[0]!, good.handovers[0]!] },
        'handovers[1].id',
        'host.import.handoverTwice',
        `Handover ${good.handovers[0]!.id} is listed twice.`,
      ],
      [withWallet(alice, { id: 'Not An Id' }), `wallets[${alice}].id`, 'host.import.notExport', notExport],
    ];
    for (const [data, path, key, english] of cases) {
      const refused = await target.importWallets(data, { mode: 'replace' });
      expect(errorOf(refused)).toMatchObject({ code: 'IMPORT_FAILED', path });
      expectBilingual(refused, key, english);
    }
    expect(target.listWallets()).toEqual(before);
  });
});
