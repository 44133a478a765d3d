/**
 * No call the renderer can make returns a private key. Two proofs: (1) the response types have
 * no field that could hold key material (a compile-time check); (2) every contract method is
 * called for real, and no mnemonic, private key (hex, WIF) or extended private key of any wallet
 * appears in any response or event.
 */
import { BIP32Factory } from 'bip32';
import { mnemonicToSeedSync } from 'bip39';
import { networks } from 'bitcoinjs-lib';
import { ECPairFactory } from 'ecpair';
import * as ecc from 'tiny-secp256k1';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../shared/bitcoin/bytes';
import { METHODS, type MethodName, type MethodResponses } from '../../../shared/contract/methods';
import { testBench } from './helpers';

// ---- (1) types: no response type has a field named like key material ----
type SecretField = 'privateKey' | 'privKey' | 'mnemonic' | 'seed' | 'xprv' | 'tprv' | 'wif' | 'secret' | 'entropy';
type HasSecretField<T, Depth extends unknown[] = []> = Depth['length'] extends 8
  ? false
  : T extends readonly (infer U)[]
    ? HasSecretField<U, [...Depth, 0]>
    : T extends object
      ? Extract<keyof T, SecretField> extends never
        ? true extends { [K in keyof T]: HasSecretField<T[K], [...Depth, 0]> }[keyof T]
          ? true
          : false
        : true
      : false;
type Responses = MethodResponses[MethodName];
const responsesHaveNoSecretFields: HasSecretField<Responses> extends false ? true : never = true;
// The check itself works: a secret field deep inside an array of objects is found.
const detectsNestedSecret: HasSecretField<{ a: readonly { b: { mnemonic: string } }[] }> extends true ? true : never =
  true;

const bip32 = BIP32Factory(ecc);
const ECPair = ECPairFactory(ecc);

describe('the renderer-facing contract carries no private key', () => {
  it('has no response field named like key material', () => {
    expect(responsesHaveNoSecretFields).toBe(true);
    expect(detectsNestedSecret).toBe(true);
  });

  it('leaks none through any method, called for real', async () => {
    const t = await testBench({ seed: 99 });
    const seen: string[] = [];
    const called = new Set<string>();
    const call = async (method: MethodName, params: Record<string, unknown>) => {
      called.add(method);
      const r = await t.call(method, params);
      seen.push(JSON.stringify(r));
      return r;
    };
    const value = <T>(r: { ok: boolean }): T => {
      if (!r.ok) throw new Error(`a sample call failed: ${JSON.stringify(r)}`);
      return (r as unknown as { value: T }).value;
    };

    await call('app.info', {});
    await call('workspace.get', {});
    await call('wallet.list', {});
    await call('graph.templates', {});
    await call('wallet.create', { name: 'Eve' });
    await call('wallet.rename', { wallet: 'Eve', name: 'Eve2' });
    const derived = value<MethodResponses['wallet.deriveKey']>(
      await call('wallet.deriveKey', { wallet: 'Alice', purpose: 'revocation' }),
    );
    await call('wallet.handOver', { keyId: derived.keyId, from: 'Alice', to: 'Bob', reason: 'revoke state 1' });
    const utxos = value<MethodResponses['wallet.utxos']>(await call('wallet.utxos', { wallet: 'Alice', chain: 'btc' }));
    const coin = utxos.utxos.find((u) => u.mature)!;
    const src = value<{ created: string }>(
      await call('graph.addChainTx', { chain: 'btc', txid: coin.txid, position: { x: 0, y: 0 } }),
    );
    const second = utxos.utxos.filter((u) => u.mature)[1]!;
    const paid = value<{ created: string }>(
      await call('graph.payFromCoin', {
        chain: 'btc',
        coin: { txid: second.txid, vout: second.vout },
        to: { wallet: 'Bob' },
        position: { x: 0, y: 800 },
      }),
    );
    value(
      await call('graph.setTaprootOutput', {
        node: paid.created,
        output: 0,
        internal: { wallet: 'Alice' },
        leaves: [{ kind: 'key', wallet: 'Bob' }],
      }),
    );
    const byLeaf = value<{ created: string }>(
      await call('graph.addNode', { template: 'custom', chain: 'btc', position: { x: 300, y: 800 } }),
    );
    await call('graph.connect', { from: { node: paid.created, output: 0 }, to: { node: byLeaf.created, input: 0 } });
    value(await call('graph.setSpendPath', { node: byLeaf.created, input: 0, path: 0 }));
    const pay = value<{ created: string }>(
      await call('graph.addNode', { template: 'p2pkh-payment', chain: 'btc', position: { x: 300, y: 0 } }),
    );
    await call('graph.connect', {
      from: { node: src.created, output: coin.vout },
      to: { node: pay.created, input: 0 },
    });
    await call('graph.setOutput', { node: pay.created, output: 0, value: '100000000', payTo: { wallet: 'Bob' } });
    await call('graph.addOutput', { node: pay.created, value: '4899990000', payTo: { wallet: 'Alice' } });
    await call('graph.addInput', { node: pay.created });
    await call('graph.removeInput', { node: pay.created, input: 1 });
    await call('graph.setInput', { node: pay.created, input: 0, sequence: 0xfffffffd });
    await call('graph.setTxFields', { node: pay.created, locktime: 0 });
    await call('graph.renameNode', { id: pay.created, label: 'Pay Bob' });
    await call('graph.moveNodes', { moves: [{ id: pay.created, position: { x: 320, y: 10 } }] });
    value(await call('tx.sign', { node: pay.created, wallet: 'Alice' }));
    await call('tx.inspect', { node: pay.created });
    const psbt = value<MethodResponses['tx.exportPsbt']>(await call('tx.exportPsbt', { node: pay.created }));
    await call('graph.importTx', { chain: 'btc', data: psbt.psbt, position: { x: 0, y: 400 } });
    await call('tx.debug', { node: pay.created, input: 0 });
    value(await call('tx.broadcast', { node: pay.created }));
    await call('chain.mine', { chain: 'btc', count: 2 });
    await call('chain.blocks', { chain: 'btc' });
    await call('chain.mempool', { chain: 'btc' });
    await call('chain.advanceTime', { chain: 'btc', seconds: 3600 });
    await call('chain.setPolicy', { chain: 'btc', rules: { LOW_S: false } });
    await call('chain.setBackend', { chain: 'btc', backend: { kind: 'simulated' } });
    await call('chain.backendOptions', {});
    await call('chain.chooseDaemon', {});
    await call('rpc.call', { chain: 'btc', line: '-rpcwallet=Alice getnewaddress' });
    await call('rpc.call', {
      chain: 'btc',
      line: '-rpcwallet=Alice sendtoaddress bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080 1',
    });
    await call('scenario.list', {});
    await call('scenario.load', { name: 'no-such-scenario' });
    await call('lesson.goto', { position: 1 });
    await call('work.cancel', {});
    const exported = value<MethodResponses['workspace.export']>(await call('workspace.export', {}));
    await call('workspace.undo', {});
    await call('workspace.redo', {});
    await call('graph.disconnect', { node: pay.created, input: 0 });
    await call('graph.removeOutput', { node: pay.created, output: 1 });
    await call('graph.deleteSelection', { nodes: [], edges: [{ node: pay.created, input: 0 }] });
    await call('graph.removeNodes', { ids: [pay.created] });
    await call('wallet.delete', { wallet: 'Eve2' });
    await call('workspace.import', { json: exported.json });
    await call('workspace.new', {});

    // Every method of the contract was exercised.
    expect([...called].sort()).toEqual(Object.keys(METHODS).sort());

    // Every secret the keystore holds, in every encoding a leak could take.
    const mnemonics = [...t.bench.wallets.exportMnemonicsDangerously().values()];
    expect(mnemonics.length).toBeGreaterThanOrEqual(6);
    const secrets: string[] = [];
    for (const mnemonic of mnemonics) {
      const root = bip32.fromSeed(mnemonicToSeedSync(mnemonic), networks.regtest);
      secrets.push(mnemonic, mnemonic.split(' ').slice(0, 4).join(' '), root.toBase58(), toHex(root.privateKey!));
      for (const path of ["m/84'/1'/0'/0/0", "m/84'/1'/0'/0/1", "m/84'/1'/0'/3'/0'", "m/84'/1'/0'/3'/1'"]) {
        const child = root.derivePath(path);
        secrets.push(
          toHex(child.privateKey!),
          ECPair.fromPrivateKey(child.privateKey!, { network: networks.regtest }).toWIF(),
          child.toBase58(),
        );
      }
    }
    const everything = seen.join('\n') + JSON.stringify(t.events);
    const leaked = secrets.filter((s) => everything.includes(s));
    expect(leaked).toEqual([]);
    // And the walk saw real data: public keys of those wallets do appear.
    expect(everything).toContain(derived.keyId);
  });
});
