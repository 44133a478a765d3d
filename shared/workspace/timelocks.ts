/**
 * Every time lock of a transaction, made explicit: nLockTime, BIP68 relative locks on inputs,
 * and CLTV/CSV branches in output scripts — each resolved against its chain's height and median
 * time so a timeline can show when it opens.
 */
import { fromHex } from '../bitcoin/bytes';
import {
  LOCKTIME_THRESHOLD,
  SEQUENCE_FINAL,
  SEQUENCE_LOCKTIME_DISABLE_FLAG,
  SEQUENCE_LOCKTIME_MASK,
  SEQUENCE_LOCKTIME_TYPE_FLAG,
} from '../bitcoin/checker';
import { OP } from '../bitcoin/opcodes';
import { decodeScript } from '../bitcoin/script';
import { decodeScriptNum } from '../bitcoin/scriptNum';
import type { TxDraft } from './model';

export type TimelockKind = 'absolute-height' | 'absolute-time' | 'relative-blocks' | 'relative-time';

export interface Timelock {
  readonly source: 'nLockTime' | 'nSequence' | 'CLTV' | 'CSV';
  readonly kind: TimelockKind;
  /** A height, a Unix time, a number of blocks, or seconds. */
  readonly value: number;
  readonly input?: number;
  readonly output?: number;
}

export interface ResolvedTimelock extends Timelock {
  /** When it opens: a height or a median time; undefined while the coin it counts from is unconfirmed. */
  readonly opensAtHeight?: number;
  readonly opensAtTime?: number;
  readonly open: boolean;
}

function relative(sequence: number): { kind: TimelockKind; value: number } | undefined {
  if (sequence & SEQUENCE_LOCKTIME_DISABLE_FLAG) return undefined;
  const n = sequence & SEQUENCE_LOCKTIME_MASK;
  return sequence & SEQUENCE_LOCKTIME_TYPE_FLAG
    ? { kind: 'relative-time', value: n * 512 }
    : { kind: 'relative-blocks', value: n };
}

/** `<n> OP_CHECKLOCKTIMEVERIFY` and `<n> OP_CHECKSEQUENCEVERIFY` in a script. */
function scriptTimelocks(scriptHex: string): Omit<Timelock, 'output'>[] {
  const { ops } = decodeScript(fromHex(scriptHex));
  const found: Omit<Timelock, 'output'>[] = [];
  for (let i = 1; i < ops.length; i++) {
    const op = ops[i]!.opcode;
    if (op !== OP.OP_CHECKLOCKTIMEVERIFY && op !== OP.OP_CHECKSEQUENCEVERIFY) continue;
    const prev = ops[i - 1]!;
    let n: number;
    if (prev.data) {
      try {
        n = decodeScriptNum(prev.data, false, 5);
      } catch {
        continue;
      }
    } else if (prev.opcode >= OP.OP_1 && prev.opcode <= OP.OP_16) n = prev.opcode - OP.OP_1 + 1;
    else continue;
    if (op === OP.OP_CHECKLOCKTIMEVERIFY) {
      found.push({ source: 'CLTV', kind: n < LOCKTIME_THRESHOLD ? 'absolute-height' : 'absolute-time', value: n });
    } else {
      const r = relative(n);
      if (r) found.push({ source: 'CSV', ...r });
    }
  }
  return found;
}

export function draftTimelocks(draft: TxDraft): Timelock[] {
  const locks: Timelock[] = [];
  if (draft.locktime !== 0 && draft.inputs.some((i) => i.sequence !== SEQUENCE_FINAL)) {
    locks.push({
      source: 'nLockTime',
      kind: draft.locktime < LOCKTIME_THRESHOLD ? 'absolute-height' : 'absolute-time',
      value: draft.locktime,
    });
  }
  if (draft.version >= 2) {
    draft.inputs.forEach((input, i) => {
      const r = relative(input.sequence);
      if (r && r.value > 0) locks.push({ source: 'nSequence', ...r, input: i });
    });
  }
  draft.outputs.forEach((output, o) => {
    const script = output.lock?.kind === 'script' ? output.lock.script : output.scriptPubKey;
    for (const lock of scriptTimelocks(script)) locks.push({ ...lock, output: o });
  });
  return locks;
}

export interface ChainClockView {
  readonly height: number;
  readonly medianTimePast: number;
  /** The height at which a transaction confirmed (for locks counted from a coin). */
  confirmationHeight(txid: string): number | undefined;
  /** The median time past of the block before `height` (BIP68 time locks count from it). */
  medianTimeBefore(height: number): number | undefined;
}

/**
 * Resolves locks: absolute ones against height/MTP; relative ones on inputs from the prevout's
 * confirmation; relative ones in output scripts from this transaction's own confirmation.
 */
export function resolveTimelocks(
  locks: readonly Timelock[],
  chain: ChainClockView,
  prevoutTxids: readonly (string | undefined)[],
  ownTxid: string,
): ResolvedTimelock[] {
  // A block at height h can include a tx locked to height L when L < h; the next block is height + 1.
  const nextHeight = chain.height + 1;
  return locks.map((lock): ResolvedTimelock => {
    if (lock.kind === 'absolute-height')
      return { ...lock, opensAtHeight: lock.value + 1, open: lock.value < nextHeight };
    if (lock.kind === 'absolute-time')
      return { ...lock, opensAtTime: lock.value + 1, open: lock.value < chain.medianTimePast };
    const from = lock.input !== undefined ? prevoutTxids[lock.input] : ownTxid;
    const confirmed = from ? chain.confirmationHeight(from) : undefined;
    if (confirmed === undefined) return { ...lock, open: false };
    if (lock.kind === 'relative-blocks') {
      const opensAtHeight = confirmed + lock.value;
      return { ...lock, opensAtHeight, open: opensAtHeight <= nextHeight };
    }
    const base = chain.medianTimeBefore(confirmed);
    if (base === undefined) return { ...lock, open: false };
    const opensAtTime = base + lock.value;
    return { ...lock, opensAtTime, open: opensAtTime <= chain.medianTimePast };
  });
}
