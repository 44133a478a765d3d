/**
 * The console's getaddressinfo: an address of each type paid to Alice's receive key, asked of
 * Alice's wallet (mine, solvable, a descriptor with the key's BIP32 origin) and of Bob's (not
 * his); expected programs, addresses and the master fingerprint come from bitcoinjs-lib, bip32
 * and bip39, not TxLab. The descriptor checksum is pinned by BIP380's vector; the regtest
 * differential (test/regtest/getAddressInfo.test.ts) compares the rest with litecoind.
 */
import { BIP32Factory } from 'bip32';
import { mnemonicToSeedSync } from 'bip39';
import { initEccLib, networks, payments } from 'bitcoinjs-lib';
import * as ecc from 'tiny-secp256k1';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../shared/bitcoin/bytes';
import { descriptorChecksum } from '../../../main/host/rpc/descriptorChecksum';
import { testBench } from './helpers';

initEccLib(ecc);
const bip32 = BIP32Factory(ecc);
const network = networks.regtest;

describe('descriptor checksum', () => {
  it("gives BIP380's vector: raw(deadbeef)#89f8spxm", () => {
    expect(descriptorChecksum('raw(deadbeef)')).toBe('89f8spxm');
    expect(descriptorChecksum('raw(é)')).toBeUndefined();
  });
});

describe('getaddressinfo', () => {
  it('describes each type of address of a wallet key, mine to its wallet only', async () => {
    const t = await testBench({ seed: 51 });
    const rpc = async (line: string) =>
      (await t.must('rpc.call', { chain: 'btc', line })).result as Record<string, unknown>;
    const address = (await rpc('-rpcwallet=Alice getnewaddress')) as unknown as string;
    const view = await t.must('workspace.get', {});
    const alice = view.wallets.find((w) => w.name === 'Alice')!;
    // getnewaddress derived a new receive key: the wallet's last.
    const key = alice.keys.filter((k) => k.purpose === 'receive').at(-1)!;
    const pubkey = fromHex(key.publicKey);
    const root = bip32.fromSeed(mnemonicToSeedSync(t.bench.wallets.exportMnemonicsDangerously().get(alice.id)!));
    const fingerprint = toHex(root.fingerprint);
    expect(toHex(root.derivePath(key.path).publicKey)).toBe(key.publicKey);
    const origin = `[${fingerprint}${key.path.slice(1)}]`;

    const wpkh = payments.p2wpkh({ pubkey, network });
    expect(address).toBe(wpkh.address);
    const info = await rpc(`-rpcwallet=Alice getaddressinfo ${address}`);
    expect(info).toEqual({
      address,
      scriptPubKey: toHex(wpkh.output!),
      ismine: true,
      solvable: true,
      desc: expect.stringMatching(new RegExp(`^wpkh\\(${escape(origin)}${key.publicKey}\\)#[a-z0-9]{8}$`)) as string,
      iswatchonly: false,
      isscript: false,
      iswitness: true,
      witness_version: 0,
      witness_program: toHex(wpkh.hash!),
      pubkey: key.publicKey,
      ischange: false,
      hdkeypath: key.path,
      hdmasterfingerprint: fingerprint,
      labels: [key.label],
    });
    const desc = info['desc'] as string;
    expect(desc.slice(-8)).toBe(descriptorChecksum(desc.slice(0, -9)));

    // The same address, asked of Bob's wallet: the wallet-independent fields only.
    expect(await rpc(`-rpcwallet=Bob getaddressinfo ${address}`)).toEqual({
      address,
      scriptPubKey: toHex(wpkh.output!),
      ismine: false,
      solvable: false,
      iswatchonly: false,
      isscript: false,
      iswitness: true,
      witness_version: 0,
      witness_program: toHex(wpkh.hash!),
      ischange: false,
      labels: [],
    });

    const pkh = payments.p2pkh({ pubkey, network });
    expect(await rpc(`-rpcwallet=Alice getaddressinfo ${pkh.address}`)).toMatchObject({
      ismine: true,
      desc: expect.stringMatching(/^pkh\(/) as string,
      isscript: false,
      iswitness: false,
      pubkey: key.publicKey,
      iscompressed: true,
    });

    const nested = payments.p2sh({ redeem: wpkh, network });
    expect(await rpc(`-rpcwallet=Alice getaddressinfo ${nested.address}`)).toMatchObject({
      ismine: true,
      desc: expect.stringMatching(/^sh\(wpkh\(/) as string,
      isscript: true,
      iswitness: false,
      script: 'witness_v0_keyhash',
      hex: toHex(wpkh.output!),
      pubkey: key.publicKey,
      embedded: { address: wpkh.address, scriptPubKey: toHex(wpkh.output!), pubkey: key.publicKey, iswitness: true },
    });

    const derived = await t.must('wallet.deriveKey', { wallet: 'Alice', purpose: 'taproot' });
    const taprootKey = derived.wallets.find((w) => w.name === 'Alice')!.keys.find((k) => k.id === derived.keyId)!;
    const tr = payments.p2tr({ internalPubkey: fromHex(taprootKey.publicKey).subarray(1), network });
    const trOrigin = escape(`[${fingerprint}${taprootKey.path.slice(1)}]`);
    expect(await rpc(`-rpcwallet=Alice getaddressinfo ${tr.address}`)).toMatchObject({
      ismine: true,
      desc: expect.stringMatching(new RegExp(`^tr\\(${trOrigin}${taprootKey.publicKey.slice(2)}\\)#`)) as string,
      iswitness: true,
      witness_version: 1,
      witness_program: toHex(tr.pubkey!),
      hdkeypath: taprootKey.path,
    });

    // A P2WSH nobody's: a script, not solvable.
    const wsh = payments.p2wsh({ redeem: { output: fromHex('51') }, network });
    expect(await rpc(`-rpcwallet=Alice getaddressinfo ${wsh.address}`)).toMatchObject({
      ismine: false,
      solvable: false,
      isscript: true,
      witness_program: toHex(wsh.hash!),
    });

    const bad = await t.call('rpc.call', { chain: 'btc', line: '-rpcwallet=Alice getaddressinfo bcrt1qnotanaddress' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect([bad.error.message, bad.error.detail]).toEqual(['Invalid address', '-5']);
  });
});

function escape(text: string): string {
  return text.replace(/[[\]()'/]/g, (c) => `\\${c}`);
}
