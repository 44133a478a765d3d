/**
 * A small workbench for protocol tests: chains with a clock, mining, funding a key from a matured
 * coinbase, and a graph of drafts that is signed slot by slot (slotSighash → signDigest →
 * withSignature) and assembled with assembleGraph, as the host does.
 */
import type { ECPairInterface } from 'ecpair';
import { expect } from 'vitest';
import { type Bytes, toHex } from '../../../shared/bitcoin/bytes';
import { ChainNode } from '../../../shared/chain/chainNode';
import { coinFromMempool } from '../../../shared/chain/chainView';
import { SimClock } from '../../../shared/chain/clock';
import { defaultPolicy, type Era } from '../../../shared/chain/era';
import type { AcceptOutcome } from '../../../shared/chain/mempoolAccept';
import { mineOne } from '../../../shared/chain/mining';
import { BTC_REGTEST, type ChainProfile } from '../../../shared/chain/profiles';
import { outpointKey, type TxRecord } from '../../../shared/chain/txRecord';
import { keyScriptPubKey } from '../../../shared/protocols/outputs';
import type { SpendableCoin } from '../../../shared/protocols/p2pkh';
import type { KeyWrap, ProtocolResult } from '../../../shared/protocols/types';
import { type AssembledDraft, assembleGraph, slotSighash, withSignature } from '../../../shared/workspace/assemble';
import type { DraftNode, Graph, TxDraft } from '../../../shared/workspace/model';
import { signDigest, testKey } from '../../helpers/keys';

export const COIN = 100_000_000n;
/** 2023-11-14: any fixed start works; the clock only moves when a test moves it. */
export const START_TIME = 1_700_000_000;

export function unwrap<T>(result: ProtocolResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export function errorCode<T>(result: ProtocolResult<T>): string {
  if (result.ok) throw new Error('expected an error');
  return result.error.code;
}

export interface Party {
  readonly name: string;
  readonly key: ECPairInterface;
  readonly pub: Bytes;
}

export function party(name: string): Party {
  const key = testKey(name);
  return { name, key, pub: Uint8Array.from(key.publicKey) };
}

export class Chain {
  readonly node: ChainNode;
  private readonly minerScript = keyScriptPubKey(party('miner').pub, 'p2wpkh');

  constructor(
    readonly clock: SimClock,
    readonly profile: ChainProfile = BTC_REGTEST,
    era: Era = 'modern',
  ) {
    this.node = new ChainNode({ profile, clock, policy: defaultPolicy(era), name: profile.id });
  }

  /** Mines n blocks, moving the clock by the chain's block interval before each. */
  mine(n: number, coinbaseScript: Bytes = this.minerScript): void {
    for (let i = 0; i < n; i++) {
      this.clock.advance(this.profile.targetSpacing);
      mineOne(this.node, { coinbaseScript, minerTag: 'miner', time: this.clock.now() });
    }
  }

  /** Mines `count` coinbases to `owner` and matures them: count + 100 blocks. */
  fund(owner: Party, wrap: KeyWrap, count = 1): SpendableCoin[] {
    const script = keyScriptPubKey(owner.pub, wrap);
    const coins: SpendableCoin[] = [];
    for (let i = 0; i < count; i++) {
      this.mine(1, script);
      const txid = this.node.tip.block.txs[0]!.txid;
      coins.push({
        prevout: { txid, vout: 0 },
        value: this.node.tip.block.txs[0]!.tx.outs[0]!.value,
        pubKey: owner.pub,
        wrap,
      });
    }
    this.mine(this.profile.coinbaseMaturity);
    return coins;
  }

  /** Mines until the median time past has passed `time` (time locks are judged against it). */
  mineUntilMtpPast(time: number): void {
    while (this.node.mtpAt(this.node.height) <= time) this.mine(1);
  }

  /** The value paid to a key on the active chain. */
  balance(pub: Bytes, wrap: KeyWrap): bigint {
    const script = toHex(keyScriptPubKey(pub, wrap));
    let total = 0n;
    for (const outpoint of this.node.coins.outpointsForScript(script))
      total += this.node.coins.get(outpoint)!.output.value;
    return total;
  }

  accept(record: TxRecord): AcceptOutcome {
    return this.node.acceptToMempool(record);
  }
}

/** A graph of drafts on one or two chains, signed by test keys. */
export class Bench {
  private readonly nodes = new Map<string, DraftNode>();

  /** A Chain, or any holder of a node (a SimNetwork's node, for the network tests). */
  constructor(private readonly chains: Readonly<Partial<Record<'btc' | 'ltc', { readonly node: ChainNode }>>>) {}

  add(id: string, tx: TxDraft, chain: 'btc' | 'ltc' = 'btc'): this {
    this.nodes.set(id, { kind: 'draft', id, label: id, chain, template: 'custom', position: { x: 0, y: 0 }, tx });
    return this;
  }

  draft(id: string): TxDraft {
    const node = this.nodes.get(id);
    if (!node) throw new Error(`no draft ${id}`);
    return node.tx;
  }

  replace(id: string, tx: TxDraft): void {
    const node = this.nodes.get(id);
    if (!node) throw new Error(`no draft ${id}`);
    this.nodes.set(id, { ...node, tx });
  }

  private graph(): Graph {
    return { nodes: [...this.nodes.values()] };
  }

  assembled(id: string): AssembledDraft {
    // Outputs already spent still resolve (a signed parent's inputs stay put): look in blocks too.
    const all = assembleGraph(this.graph(), (chain, txid, vout) => {
      const c = this.chains[chain];
      if (!c) return undefined;
      const unspent = coinFromMempool(c.node, outpointKey(txid, vout));
      if (unspent) return unspent.output;
      const at = c.node.locateTx(txid);
      return at ? c.node.tree.get(at.blockHash)?.block.txs[at.position]?.tx.outs[vout] : undefined;
    });
    const a = all.get(id);
    if (!a) throw new Error(`no draft ${id}`);
    return a;
  }

  /** Signs every empty slot of draft `id` whose key belongs to one of `signers`. */
  sign(id: string, ...signers: Party[]): this {
    const assembled = this.assembled(id);
    expect(assembled.connected, `${id}: every input must be connected before signing`).toBe(true);
    let tx = this.draft(id);
    for (const slot of assembled.slots) {
      if (slot.signed) continue;
      const signer = signers.find((p) => toHex(p.pub) === slot.pubKey);
      if (!signer) continue;
      const sighash = slotSighash(assembled, slot);
      if (!sighash) throw new Error(`${id}: no sighash for input ${slot.input}`);
      tx = withSignature(tx, slot, signDigest(signer.key, sighash.digest, slot.sighashType));
    }
    this.replace(id, tx);
    return this;
  }

  /** Which slots of `id` are still empty. */
  unsigned(id: string): number {
    return this.assembled(id).slots.filter((s) => !s.signed).length;
  }

  record(id: string): TxRecord {
    return this.assembled(id).record;
  }

  broadcast(id: string, chain: Chain): AcceptOutcome {
    return chain.accept(this.record(id));
  }
}

/** Asserts a broadcast was accepted, with the reason in the failure message. */
export function expectAccepted(outcome: AcceptOutcome): void {
  expect(outcome.ok ? 'accepted' : outcome.rejection.reason).toBe('accepted');
}

export function rejection(outcome: AcceptOutcome): { reason: string; scriptError: string | undefined } {
  if (outcome.ok) throw new Error('expected a rejection');
  return { reason: outcome.rejection.reason, scriptError: outcome.rejection.scriptError };
}
