/**
 * ConnectBlock / DisconnectBlock: a block's contextual checks against the node's UTXO set, then
 * its effect on it (with undo data). Nothing is changed unless every check passes.
 */
import { equal } from '../bitcoin/bytes';
import { fail, ok, type Result } from '../contract/result';
import { isUnspendable, readOp } from '../bitcoin/script';
import { decodeScriptNum } from '../bitcoin/scriptNum';
import { checkTransaction, isCoinbase } from '../bitcoin/transaction';
import { findWitnessCommitment, witnessCommitmentFor } from './blocks';
import type { BlockIndexEntry } from './blockTree';
import type { ChainView } from './chainView';
import type { BlockUndo, Coin } from './coins';
import { consensusFlags } from './era';
import { blockSubsidy } from './profiles';
import { inputOutpoint, outpointKey } from './txRecord';
import { checkInputScripts, checkTxInputs, isFinalTx, sequenceLocks, sequenceLocksSatisfied } from './txValidation';

/** What connecting a block changed: its undo data and, per transaction, the outpoints it spent. */
export interface Connected {
  readonly undo: BlockUndo;
  readonly spends: readonly (readonly string[])[];
}

/** A block the chain refuses, with Core's reject reason (`bad-txns-in-belowout`, `bad-cb-amount`…). */
export interface BlockRejection {
  readonly reason: string;
}

/** BIP34: the coinbase scriptSig starts with the height as a script number. */
function coinbaseHeight(scriptSig: Uint8Array): number | undefined {
  const r = readOp(scriptSig, 0);
  if (!r.ok) return undefined;
  const { opcode, data } = r.value;
  if (data) {
    try {
      return decodeScriptNum(data, false, 5);
    } catch {
      return undefined;
    }
  }
  if (opcode >= 0x51 && opcode <= 0x60) return opcode - 0x50;
  return undefined;
}

// Not a closure inside connectBlock: one made per block (times four nodes) showed in profiles.
function refuse(reason: string): Result<never, BlockRejection> {
  return fail({ reason });
}

export function connectBlock(view: ChainView, entry: BlockIndexEntry): Result<Connected, BlockRejection> {
  const { block, height } = entry;
  const prev = entry.prev!;
  const rules = view.rules;
  const flags = consensusFlags(view.policy.era, view.profile.rules);

  const txs = block.txs;
  if (txs.length === 0 || !isCoinbase(txs[0]!.tx)) return refuse('bad-cb-missing');
  const txids = new Set<string>();
  for (const [i, t] of txs.entries()) {
    if (i > 0 && isCoinbase(t.tx)) return refuse('bad-cb-multiple');
    const malformed = checkTransaction(t.tx, view.profile.rules.maxMoney);
    if (malformed) return refuse(malformed);
    if (txids.has(t.txid)) return refuse('bad-txns-duplicate');
    txids.add(t.txid);
  }
  if (block.weight > rules.maxBlockWeight) return refuse('bad-blk-weight');
  if (block.strippedSize > rules.maxBlockBaseSize) return refuse('bad-blk-length');
  if (rules.bip34 && coinbaseHeight(txs[0]!.tx.ins[0]!.script) !== height) return refuse('bad-cb-height');
  const withWitness = txs.slice(1).some((t) => t.hasWitness);
  if (!rules.segwit && txs.some((t) => t.hasWitness)) return refuse('unexpected-witness');
  if (rules.segwit && withWitness) {
    const commitment = findWitnessCommitment(txs[0]!.tx);
    if (!commitment || !equal(commitment, witnessCommitmentFor(txs.slice(1))))
      return refuse('bad-witness-merkle-match');
  }

  // BIP113: with CSV active, lock times are judged against the previous block's median time.
  const lockTimeCutoff = rules.csv ? prev.mtp : block.header.time;
  const createdHere = new Map<string, Coin>();
  const spentHere = new Set<string>();
  const spent: (readonly [string, Coin])[] = [];
  const spends: string[][] = [];
  let fees = 0n;

  for (const [i, t] of txs.entries()) {
    if (i > 0) {
      if (!isFinalTx(t.tx, height, lockTimeCutoff)) return refuse('bad-txns-nonfinal');
      const coins: Coin[] = [];
      const outpoints: string[] = [];
      for (let n = 0; n < t.tx.ins.length; n++) {
        const outpoint = inputOutpoint(t.tx, n);
        const coin = spentHere.has(outpoint) ? undefined : (createdHere.get(outpoint) ?? view.coins.get(outpoint));
        if (!coin) return refuse('bad-txns-inputs-missingorspent');
        coins.push(coin);
        outpoints.push(outpoint);
        spentHere.add(outpoint);
        spent.push([outpoint, coin]);
      }
      const inputs = checkTxInputs(t, coins, height, view.profile);
      if (!inputs.ok) return refuse(inputs.error.reason);
      fees += inputs.value;
      if (rules.csv) {
        const locks = sequenceLocks(
          t.tx,
          coins.map((c) => c.height),
          (h) => view.mtpAt(h),
        );
        if (!sequenceLocksSatisfied(locks, height, prev.mtp)) return refuse('bad-txns-nonfinal');
      }
      const scripts = checkInputScripts(t, coins, flags, view.sigCache, true);
      if (!scripts.ok) return refuse(`mandatory-script-verify-flag-failed (${scripts.error.failure.message})`);
      spends.push(outpoints);
    }
    t.tx.outs.forEach((output, vout) => {
      if (!isUnspendable(output.script))
        createdHere.set(outpointKey(t.txid, vout), { output, height, coinbase: i === 0 });
    });
  }
  let coinbaseValue = 0n;
  for (const out of txs[0]!.tx.outs) coinbaseValue += out.value;
  if (coinbaseValue > blockSubsidy(view.profile, height) + fees) return refuse('bad-cb-amount');

  // Every check passed: apply.
  const created: string[] = [];
  for (const [outpoint] of spent) view.coins.spend(outpoint);
  for (const [outpoint, coin] of createdHere) {
    if (spentHere.has(outpoint)) continue; // created and spent inside this block
    view.coins.add(outpoint, coin);
    created.push(outpoint);
  }
  // Coins created and spent in the same block are not restored on disconnect.
  const undo: BlockUndo = { spent: spent.filter(([o]) => !createdHere.has(o)), created };
  return ok({ undo, spends });
}

export function disconnectBlock(view: ChainView, entry: BlockIndexEntry): void {
  const undo = entry.undo!;
  for (const outpoint of undo.created) view.coins.spend(outpoint);
  for (const [outpoint, coin] of undo.spent) view.coins.add(outpoint, coin);
}
