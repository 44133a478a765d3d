/**
 * Chain figures (issue 3): mempool acceptance of P2WPKH spends against raw ECDSA in the same run,
 * connecting a 4,000-transaction block with and without the signature/script caches, a
 * 6-block reorganisation.
 */
import { ECPairFactory } from 'ecpair';
import * as ecc from 'tiny-secp256k1';
import { concat, hexToHash, utf8 } from '../shared/bitcoin/bytes';
import { verifyCompactRaw } from '../shared/bitcoin/ecdsa';
import { hash160, sha256 } from '../shared/bitcoin/hashes';
import { OP } from '../shared/bitcoin/opcodes';
import { compileScript } from '../shared/bitcoin/script';
import { bip143Sighash } from '../shared/bitcoin/sighash';
import { encodeDer, SIGHASH_ALL } from '../shared/bitcoin/signatureEncoding';
import { Transaction } from '../shared/bitcoin/transaction';
import type { BlockRecord } from '../shared/chain/blocks';
import { ChainNode } from '../shared/chain/chainNode';
import { SimClock } from '../shared/chain/clock';
import { buildBlock, mineOne } from '../shared/chain/mining';
import { BTC_REGTEST } from '../shared/chain/profiles';
import { SigCache } from '../shared/chain/sigcache';
import { type TxRecord, txRecord } from '../shared/chain/txRecord';
import { type BenchModule, round, timeMs } from './harness';

const ECPair = ECPairFactory(ecc);
const key = ECPair.fromPrivateKey(sha256(utf8('txlab chain bench key')));
const pkh = hash160(key.publicKey);
const P2WPKH = compileScript([OP.OP_0, pkh]);
const CODE = compileScript([OP.OP_DUP, OP.OP_HASH160, pkh, OP.OP_EQUALVERIFY, OP.OP_CHECKSIG]);
const START = 1_767_225_600;

function signSpend(tx: Transaction, input: number, amount: bigint): { digest: Uint8Array; compact: Uint8Array } {
  const digest = bip143Sighash(tx, input, CODE, amount, SIGHASH_ALL).digest;
  const compact = key.sign(digest);
  tx.setWitness(input, [concat(encodeDer(compact), Uint8Array.of(SIGHASH_ALL)), key.publicKey]);
  return { digest, compact };
}

interface Fixture {
  setupBlocks: BlockRecord[];
  spends: { record: TxRecord; digest: Uint8Array; compact: Uint8Array }[];
  time: number;
}

/** 105 blocks to the key, then 5 fan-outs of 1,000 outputs each, then 5,000 signed spends of them. */
function fixture(): Fixture {
  const clock = new SimClock(START);
  const node = new ChainNode({ profile: BTC_REGTEST, clock });
  const blocks: BlockRecord[] = [];
  const mine = () => {
    clock.advance(600);
    blocks.push(mineOne(node, { coinbaseScript: P2WPKH, minerTag: 'bench', time: clock.now() }));
  };
  for (let i = 0; i < 105; i++) mine();
  const fanouts: TxRecord[] = [];
  for (let c = 1; c <= 5; c++) {
    const coinbase = node.blockAt(c)!.block.txs[0]!;
    const tx = new Transaction();
    tx.version = 2;
    tx.addInput(hexToHash(coinbase.txid), 0);
    for (let o = 0; o < 1_000; o++) tx.addOutput(P2WPKH, 100_000n);
    signSpend(tx, 0, coinbase.tx.outs[0]!.value);
    const record = txRecord(tx);
    if (!node.acceptToMempool(record).ok) throw new Error('fan-out refused');
    fanouts.push(record);
  }
  mine();
  const spends = fanouts.flatMap((f) =>
    f.tx.outs.map((_, vout) => {
      const tx = new Transaction();
      tx.version = 2;
      tx.addInput(hexToHash(f.txid), vout);
      tx.addOutput(P2WPKH, 99_000n);
      const s = signSpend(tx, 0, 100_000n);
      return { record: txRecord(tx), ...s };
    }),
  );
  return { setupBlocks: blocks, spends, time: clock.now() };
}

function replayNode(f: Fixture): { node: ChainNode; clock: SimClock } {
  const clock = new SimClock(f.time);
  const node = new ChainNode({ profile: BTC_REGTEST, clock, sigCache: new SigCache() });
  for (const b of f.setupBlocks) if (!node.processBlock(b).ok) throw new Error('replay failed');
  return { node, clock };
}

export const chainBench: BenchModule = {
  name: 'chain',
  run() {
    const f = fixture();

    const { node: pool } = replayNode(f);
    const acceptMs = timeMs(() => {
      for (const s of f.spends) if (!pool.acceptToMempool(s.record).ok) throw new Error('spend refused');
    });
    const rawMs = timeMs(() => {
      for (const s of f.spends) verifyCompactRaw(s.digest, key.publicKey, s.compact);
    });
    const acceptPerS = f.spends.length / (acceptMs / 1000);
    const rawPerS = f.spends.length / (rawMs / 1000);

    const block4000 = f.spends.slice(0, 4_000);
    const cached: number[] = [];
    const cold: number[] = [];
    let block: BlockRecord | undefined;
    for (let round = 0; round < 3; round++) {
      const warm = replayNode(f);
      for (const s of block4000) warm.node.acceptToMempool(s.record);
      warm.clock.advance(600);
      block ??= buildBlock(warm.node, { coinbaseScript: P2WPKH, minerTag: 'bench', time: warm.clock.now() });
      if (block.txs.length !== 4_001) throw new Error(`expected 4,000 transactions, got ${block.txs.length - 1}`);
      const b = block;
      cached.push(timeMs(() => void warm.node.processBlock(b)));
      const fresh = replayNode(f);
      cold.push(timeMs(() => void fresh.node.processBlock(b)));
      if (fresh.node.tip.block.hash !== b.hash || warm.node.tip.block.hash !== b.hash)
        throw new Error('block did not connect');
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;

    // Reorg: six blocks of 500 transactions each on one branch, then a seven-block branch arrives.
    const main = replayNode(f);
    const side = replayNode(f);
    for (let i = 0; i < 6; i++) {
      for (const s of f.spends.slice(i * 500, (i + 1) * 500)) main.node.acceptToMempool(s.record);
      main.clock.advance(600);
      mineOne(main.node, { coinbaseScript: P2WPKH, minerTag: 'main', time: main.clock.now() });
    }
    const branch: BlockRecord[] = [];
    for (let i = 0; i < 7; i++) {
      side.clock.advance(590);
      branch.push(
        mineOne(side.node, {
          coinbaseScript: compileScript([OP.OP_0, hash160(utf8('other'))]),
          minerTag: 'side',
          time: side.clock.now(),
        }),
      );
    }
    for (const b of branch.slice(0, 6)) main.node.processBlock(b);
    const reorgMs = timeMs(() => void main.node.processBlock(branch[6]!));
    if (main.node.tip.block.hash !== branch[6]!.hash) throw new Error('reorg did not happen');
    if (main.node.mempool.size !== 3_000)
      throw new Error(
        `expected the 3,000 disconnected transactions back in the mempool, found ${main.node.mempool.size}`,
      );

    return [
      { key: 'mempool_accept_per_s', value: round(acceptPerS, 0), unit: 'txs/s' },
      {
        key: 'mempool_accept_ratio',
        value: round(acceptPerS / rawPerS, 3),
        unit: 'ratio',
        target: 'vs raw ECDSA verify',
      },
      { key: 'block_connect_cold_ms', value: round(med(cold)), unit: 'ms' },
      { key: 'block_connect_cached_ms', value: round(med(cached)), unit: 'ms' },
      { key: 'block_connect_sigcache_ratio', value: round(med(cached) / med(cold), 3), unit: 'ratio', target: '≤ 0.1' },
      { key: 'reorg_depth6_ms', value: round(reorgMs), unit: 'ms' },
    ];
  },
};
