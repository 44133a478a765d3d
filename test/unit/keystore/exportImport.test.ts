import { describe, expect, it } from 'vitest';
import type { SecretWalletExport } from '../../../main/keystore/walletExport';
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
    expect(
      errorOf(await target.importWallets(source.exportWallets({ includePrivateKeys: true }), { mode: 'merge' })),
    ).toMatchObject({
      code: 'IMPORT_FAILED',
      path: 'wallets[0].id',
    });
    const eveOnly = source.exportWallets({ includePrivateKeys: true });
    const justEve = { ...eveOnly, wallets: eveOnly.wallets.filter((w) => w.name === 'Eve'), handovers: [] };
    unwrap(await target.importWallets(justEve, { mode: 'merge' }));
    expect(target.listWallets().map((w) => [w.name, w.order])).toContainEqual(['Eve', 7]);
    expect(
      errorOf(
        await target.importWallets(
          { ...justEve, wallets: [{ ...justEve.wallets[0]!, id: 'eve-x' }] },
          { mode: 'merge' },
        ),
      ),
    ).toMatchObject({
      code: 'IMPORT_FAILED',
      path: 'wallets[0].name',
    });
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
    const cases: Array<[unknown, string]> = [
      [null, ''],
      [{ ...good, format: 'something-else' }, 'format'],
      [
        withWallet(alice, { keys: [{ ...good.wallets[alice]!.keys[0]!, publicKey: otherKey }] }),
        `wallets[${alice}].keys[0].publicKey`,
      ],
      [withWallet(alice, { mnemonic: 'not a mnemonic at all' }), `wallets[${alice}].mnemonic`],
      [
        withWallet(bob, { imported: [{ ...good.wallets[bob]!.imported[0]!, privateKey: '11'.repeat(32) }] }),
        `wallets[${bob}].imported[0].privateKey`,
      ],
      [withWallet(alice, { name: '' }), `wallets[${alice}].name`],
      [withWallet(alice, { id: 'Not An Id' }), `wallets[${alice}].id`],
    ];
    for (const [data, path] of cases)
      expect(errorOf(await target.importWallets(data, { mode: 'replace' }))).toMatchObject({
        code: 'IMPORT_FAILED',
        path,
      });
    expect(target.listWallets()).toEqual(before);
  });
});
