/**
 * One RSMC channel updated through the keystore, as fast as it goes (issue 11 §4). Each update
 * does what a real one does: derives both sides' next revocation keys, builds Cn and RDn for both
 * sides, has each side sign the other's pair in the keystore (4 ECDSA signatures), and revokes
 * the previous state by handing its two revocation keys over.
 *
 * The drafts are assembled once per update, as a channel does (with the host's assembly cache,
 * so the unchanged Funding is not rebuilt): the P2WSH commitments keep their txids when signed,
 * so the deliveries' digests do not depend on the commitments' signatures.
 */
import { createHash } from 'node:crypto';
import * as ecc from 'tiny-secp256k1';
import type { Keystore } from '../main/keystore/keystore';
import { signDigestWith } from '../main/keystore/derivation';
import type { KeyInfo, WalletInfo } from '../main/keystore/types';
import { concat, fromHex } from '../shared/bitcoin/bytes';
import { keyOutput, multisigOutput } from '../shared/protocols/outputs';
import { buildStateTransactions, type ChannelParams, type ChannelState, nextState } from '../shared/protocols/rsmc';
import { wrapsForEra } from '../shared/protocols/types';
import { AssemblyCache, assembleGraph, slotSighash, withSignature } from '../shared/workspace/assemble';
import type { DraftNode, Graph } from '../shared/workspace/model';
import { timeMsAsync } from './harness';

export interface ChannelRun {
  readonly updatesPerSecond: number;
  /** Every digest the updates signed, for the raw signing baseline. */
  readonly digests: readonly Uint8Array[];
}

/** Each update makes this many signatures: Cna and RDna by Bob, Cnb and RDnb by Alice. */
export const SIGNATURES_PER_UPDATE = 4;

function draftNode(id: string, tx: DraftNode['tx']): DraftNode {
  return {
    kind: 'draft',
    id,
    label: id,
    chain: 'btc',
    template: id === 'Funding' ? 'funding' : 'custom',
    position: { x: 0, y: 0 },
    tx,
  };
}

/** `count` updates of one channel between two new wallets of `store` (named so as not to clash with the default ones). */
export async function channelUpdates(store: Keystore, count: number): Promise<ChannelRun> {
  const alice = await store.createWallet('Channel Alice');
  const bob = await store.createWallet('Channel Bob');
  if (!alice.ok || !bob.ok) throw new Error('wallets');
  const derive = async (wallet: WalletInfo, purpose: 'funding' | 'revocation'): Promise<KeyInfo> => {
    const k = await store.deriveKey(wallet.id, purpose);
    if (!k.ok) throw new Error(k.error.message);
    return k.value;
  };
  const aKey = await derive(alice.value, 'funding');
  const bKey = await derive(bob.value, 'funding');
  const wraps = wrapsForEra('modern');
  const params: ChannelParams = {
    keys: { alice: fromHex(aKey.publicKey), bob: fromHex(bKey.publicKey) },
    wraps,
    funding: { node: 'Funding', output: 0 },
    capacity: 100_000_000n,
    delay: 1000,
    fee: 2_000n,
  };
  // Funding as a confirmed-looking parent: its output 0 is all the drafts need to be signed.
  const fundingOutput = multisigOutput(2, [params.keys.alice, params.keys.bob], wraps.script, params.capacity);
  const fundingNode = draftNode('Funding', {
    version: 2,
    locktime: 0,
    inputs: [],
    outputs: [fundingOutput, keyOutput(params.keys.alice, wraps.key, 1n)],
  });
  const cache = new AssemblyCache();
  const digests: Uint8Array[] = [];
  let graph: Graph = { nodes: [fundingNode] };
  let revA = await derive(alice.value, 'revocation');
  let revB = await derive(bob.value, 'revocation');
  let state: ChannelState = {
    n: 1,
    balance: { alice: 50_000_000n, bob: 50_000_000n },
    revocation: { alice: fromHex(revA.publicKey), bob: fromHex(revB.publicKey) },
  };
  const ms = await timeMsAsync(async () => {
    for (let i = 0; i < count; i++) {
      // Both sides derive at once, as two parties would (the file keystore writes them together).
      const [nextA, nextB] = await Promise.all([derive(alice.value, 'revocation'), derive(bob.value, 'revocation')]);
      const next = nextState(
        state,
        { from: i % 2 === 0 ? 'alice' : 'bob', amount: 10_000n },
        { alice: fromHex(nextA.publicKey), bob: fromHex(nextB.publicKey) },
      );
      if (!next.ok) throw new Error(next.error.message);
      const txs = buildStateTransactions(params, next.value);
      if (!txs.ok) throw new Error(txs.error.message);
      const assembled = assembleGraph(
        { nodes: [fundingNode, ...Object.entries(txs.value).map(([id, tx]) => draftNode(id, tx))] },
        () => undefined,
        cache,
      );
      // Each side signs the other's commitment and delivery (Bob signs Cna/RDna, Alice Cnb/RDnb):
      // the four digests first, then the four signatures, as one side's batch would go.
      const toSign = Object.keys(txs.value).map((id) => {
        const signer = id.endsWith('a') ? { wallet: bob.value, key: bKey } : { wallet: alice.value, key: aKey };
        const draft = assembled.get(id)!;
        const slot = draft.slots.find((s) => s.pubKey === signer.key.publicKey)!;
        return { signer, draft, slot, digest: slotSighash(draft, slot)!.digest };
      });
      const signed = toSign.map(({ signer, draft, slot, digest }): DraftNode => {
        const sig = store.signDigest(signer.wallet.id, signer.key.id, digest);
        if (!sig.ok) throw new Error(sig.error.message);
        digests.push(digest);
        return { ...draft.node, tx: withSignature(draft.node.tx, slot, concat(sig.value.signature, Uint8Array.of(1))) };
      });
      graph = { nodes: [fundingNode, ...signed] };
      // Revoke the old state: its revocation keys change hands.
      const [a, b] = await Promise.all([
        store.handOverKey(revA.id, alice.value.id, bob.value.id, `revoke state ${state.n}`),
        store.handOverKey(revB.id, bob.value.id, alice.value.id, `revoke state ${state.n}`),
      ]);
      if (!a.ok || !b.ok) throw new Error('handover');
      revA = nextA;
      revB = nextB;
      state = next.value;
    }
  });
  if (graph.nodes.length !== 5) throw new Error('bug: an update lost a transaction');
  return { updatesPerSecond: (count / ms) * 1000, digests };
}

/** Signatures a second made directly with the keystore's signing function over `digests` (a bench key, not a wallet's). */
export function rawSignaturesPerSecond(digests: readonly Uint8Array[]): number {
  const privateKey = createHash('sha256').update('txlab bench signing key').digest();
  const publicKey = ecc.pointFromScalar(privateKey, true);
  if (!publicKey) throw new Error('bug: the bench key is not a valid scalar');
  const start = performance.now();
  for (const digest of digests) signDigestWith(privateKey, digest, publicKey);
  return (digests.length / (performance.now() - start)) * 1000;
}
