/**
 * BIP371's script-path fields through a node that does not know them: Litecoin Core 0.21's
 * decodepsbt reads TxLab's export of a half-signed leaf spend and lists each Taproot field among
 * the input's unknown key-value pairs, framed as BIP174 and BIP371 say (type byte, key data,
 * value): the leaf by its control block, the Schnorr signature by x-only key and leaf hash, the
 * internal key, the Merkle root. A node that carries a PSBT on keeps them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LocalDaemon } from '../../main/backends/localDaemon';
import { fromAsm } from '../../shared/bitcoin/asm';
import { fromHex, toHex } from '../../shared/bitcoin/bytes';
import { TAPROOT_LEAF_TAPSCRIPT, taprootOutput } from '../../shared/bitcoin/taproot';
import type { Unlock } from '../../shared/workspace/model';
import { tapscriptSig, tapscriptUnlock, xOnlyHex } from '../../shared/workspace/taprootUnlock';
import { type TestBench, testBench } from '../unit/host/helpers';
import { rpc, startNode } from './support/node';

let node: LocalDaemon | undefined;

beforeAll(async () => {
  node = await startNode();
});

afterAll(async () => {
  await node?.stop();
});

async function keyOf(t: TestBench, wallet: string): Promise<string> {
  const view = await t.must('wallet.deriveKey', { wallet, purpose: 'receive' });
  return view.wallets.find((w) => w.name === wallet)!.keys.find((k) => k.id === view.keyId)!.publicKey;
}

function script(asm: string): Uint8Array {
  const r = fromAsm(asm);
  if (!r.ok) throw new Error(`bad ASM ${asm}`);
  return r.value;
}

const Decoded = z.object({
  inputs: z.array(
    z.object({
      witness_utxo: z.object({ scriptPubKey: z.object({ hex: z.string() }) }).optional(),
      unknown: z.record(z.string(), z.string()).optional(),
    }),
  ),
});

describe('script-path fields through litecoind', () => {
  it('decodepsbt lists each of them among the unknown fields, framed as BIP371 says', async () => {
    const t = await testBench({ seed: 61 });
    await t.must('chain.mine', { chain: 'ltc', count: 1, to: { wallet: 'Alice' } });
    await t.must('chain.mine', { chain: 'ltc', count: 100, to: { wallet: 'Carol' } });
    const [alice, bob, carol] = [await keyOf(t, 'Alice'), await keyOf(t, 'Bob'), await keyOf(t, 'Carol')];
    const multiA = script(`${xOnlyHex(alice)} OP_CHECKSIG ${xOnlyHex(bob)} OP_CHECKSIGADD 2 OP_NUMEQUAL`);
    const leaf = { script: multiA, leafVersion: TAPROOT_LEAF_TAPSCRIPT };
    const output = taprootOutput(fromHex(xOnlyHex(carol)), [leaf, { ...leaf, script: script('1') }])!;
    const coin = (await t.must('wallet.utxos', { wallet: 'Alice', chain: 'ltc' })).utxos[0]!;
    const fund = (
      await t.must('graph.payFromCoin', {
        chain: 'ltc',
        coin: { txid: coin.txid, vout: coin.vout },
        to: { wallet: 'Bob' },
        value: '100000000',
        position: { x: 0, y: 0 },
      })
    ).created;
    await t.must('graph.setOutput', { node: fund, output: 0, scriptPubKeyAsm: `1 ${toHex(output.outputKey)}` });
    const spend = (await t.must('graph.addNode', { template: 'custom', chain: 'ltc', position: { x: 300, y: 0 } }))
      .created;
    await t.must('graph.connect', { from: { node: fund, output: 0 }, to: { node: spend, input: 0 } });
    await t.must('graph.setOutput', { node: spend, output: 0, value: '99990000', payTo: { wallet: 'Dave' } });
    const unlock: Unlock = tapscriptUnlock(output.leaves[0]!, [tapscriptSig(bob), tapscriptSig(alice)]);
    const graph = t.bench.doc.graph;
    t.bench.edit(
      {
        nodes: graph.nodes.map((n) =>
          n.id === spend && n.kind === 'draft'
            ? { ...n, tx: { ...n.tx, inputs: n.tx.inputs.map((i) => ({ ...i, unlock })) } }
            : n,
        ),
      },
      'record',
    );
    await t.must('tx.sign', { node: spend, wallet: 'Alice' });
    const psbt = (await t.must('tx.exportPsbt', { node: spend })).psbt;

    const decoded = await rpc(node!, 'decodepsbt', [psbt], Decoded);
    const input = decoded.inputs[0]!;
    expect(input.witness_utxo?.scriptPubKey.hex).toBe(toHex(output.scriptPubKey));
    const unknown = input.unknown ?? {};
    const leafHash = toHex(output.leaves[0]!.leafHash);
    // Keys: <type><key data>; values as BIP371 lays them out.
    expect(unknown[`15${toHex(output.leaves[0]!.controlBlock)}`]).toBe(`${toHex(multiA)}c0`);
    expect(unknown['17']).toBe(xOnlyHex(carol));
    expect(unknown['18']).toBe(toHex(output.merkleRoot!));
    expect(unknown[`14${xOnlyHex(alice)}${leafHash}`]).toMatch(/^[0-9a-f]{128}$/);
    expect(unknown[`14${xOnlyHex(bob)}${leafHash}`]).toBeUndefined();
    // Origins (PSBT_IN_TAP_BIP32_DERIVATION): the two leaf keys and the internal key.
    expect(
      Object.keys(unknown)
        .filter((k) => k.startsWith('16'))
        .sort(),
    ).toEqual([alice, bob, carol].map((k) => `16${xOnlyHex(k)}`).sort());
    expect(unknown[`16${xOnlyHex(alice)}`]).toMatch(new RegExp(`^01${leafHash}[0-9a-f]{8}([0-9a-f]{8})+$`));
  });
});
