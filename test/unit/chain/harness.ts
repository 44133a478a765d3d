/** A funded chain node and helpers to build signed P2WPKH spends, for chain tests. */
import { hexToHash } from '../../../shared/bitcoin/bytes';
import { Transaction } from '../../../shared/bitcoin/transaction';
import { ChainNode } from '../../../shared/chain/chainNode';
import { SimClock } from '../../../shared/chain/clock';
import { type ChainPolicy, defaultPolicy } from '../../../shared/chain/era';
import { mineOne } from '../../../shared/chain/mining';
import { BTC_REGTEST, type ChainProfile } from '../../../shared/chain/profiles';
import { type TxRecord, txRecord } from '../../../shared/chain/txRecord';
import { p2pkhScript, p2wpkhScript, signSegwit, testKey } from '../../helpers/keys';

export const KEY = testKey('chain tests');
export const SCRIPT = p2wpkhScript(KEY.publicKey);
export const START = 1_767_225_600;

export interface Coin {
  readonly txid: string;
  readonly vout: number;
  readonly value: bigint;
}

export class Harness {
  readonly clock = new SimClock(START);
  readonly node: ChainNode;

  constructor(policy: Partial<ChainPolicy> = {}, blocks = 110, profile: ChainProfile = BTC_REGTEST) {
    this.node = new ChainNode({
      profile,
      clock: this.clock,
      policy: { ...defaultPolicy('modern', profile.rules.replacement), ...policy },
    });
    this.mine(blocks);
  }

  mine(count = 1, spacing = 600): void {
    for (let i = 0; i < count; i++) {
      this.clock.advance(spacing);
      mineOne(this.node, { coinbaseScript: SCRIPT, minerTag: 'test', time: this.clock.now() });
    }
  }

  /** The coinbase of block `height` (mature once 100 blocks are on top). */
  coinbase(height: number): Coin {
    const t = this.node.blockAt(height)!.block.txs[0]!;
    return { txid: t.txid, vout: 0, value: t.tx.outs[0]!.value };
  }

  spend(
    coins: readonly Coin[],
    outputs: readonly (bigint | { readonly value: bigint; readonly script: Uint8Array })[],
    options: { sequence?: number; locktime?: number; version?: number; script?: Uint8Array } = {},
  ): TxRecord {
    const tx = new Transaction();
    tx.version = options.version ?? 2;
    tx.locktime = options.locktime ?? 0;
    for (const c of coins) tx.addInput(hexToHash(c.txid), c.vout, options.sequence ?? 0xfffffffd);
    for (const o of outputs) {
      if (typeof o === 'bigint') tx.addOutput(options.script ?? SCRIPT, o);
      else tx.addOutput(o.script, o.value);
    }
    coins.forEach((c, i) =>
      tx.setWitness(i, [signSegwit(KEY, tx, i, p2pkhScript(KEY.publicKey), c.value), KEY.publicKey]),
    );
    return txRecord(tx);
  }

  /** Output `vout` of a transaction as a coin. */
  static out(record: TxRecord, vout = 0): Coin {
    return { txid: record.txid, vout, value: record.tx.outs[vout]!.value };
  }
}

export function reason(outcome: { ok: boolean; rejection?: { reason: string } }): string {
  return outcome.ok ? 'accepted' : outcome.rejection!.reason;
}
