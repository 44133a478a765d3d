/** Words for host data: statuses, script types, lock sources. Technical names (P2PKH, EVAL_FALSE) stay as Bitcoin spells them. */
import type { DraftWarning, NodeStatus } from '../../../../shared/contract/views';
import { addressTypeName } from '../../../../shared/ui/typeNotes';
import { groupCoins, groupDigits, satsToCoins } from '../../format/amounts';
import type { ResolvedTimelock } from '../../../../shared/workspace/timelocks';
import type { Translate } from '../../i18n';
import type { Language } from '../../i18n';
import { formatChainTime, formatDuration } from '../../format/time';

/** A confirmed transaction's confirmations: 1 in the tip block (a height not known yet counts as 1). */
function confirmationsOf(status: Extract<NodeStatus, { kind: 'confirmed' }>, tipHeight: number | undefined): number {
  return Math.max(1, (tipHeight ?? status.height) - status.height + 1);
}

/** The status in words; a confirmed one counts its confirmations from the chain's height (`tipHeight`). */
export function statusLabel(status: NodeStatus, t: Translate, tipHeight: number | undefined): string {
  switch (status.kind) {
    case 'draft':
      return t('status.draft');
    case 'partly-signed':
      return t('status.partlySigned', { signed: status.signed, total: status.total });
    case 'signed':
      return t('status.signed');
    case 'mempool':
      return t('status.mempool');
    case 'confirmed':
      return t('status.confirmed', { n: confirmationsOf(status, tipHeight) });
    case 'conflicted':
      return t('status.conflicted');
    case 'invalid':
      return t('status.invalid');
  }
}

/** The one-line reason under an invalid or conflicted status, or a status whose chain copy has another witness. */
export function statusDetail(status: NodeStatus, t: Translate): string | undefined {
  if ((status.kind === 'confirmed' || status.kind === 'mempool') && status.otherWitness !== undefined)
    return t(status.kind === 'confirmed' ? 'status.otherWitnessConfirmed' : 'status.otherWitnessMempool', {
      wtxid: status.otherWitness.slice(0, 12),
    });
  if (status.kind === 'invalid') {
    return status.opcode
      ? t('status.invalidAt', { error: status.error, opcode: status.opcode, input: status.input })
      : t('status.invalidInput', { error: status.error, input: status.input });
  }
  if (status.kind === 'conflicted')
    return t(status.byConfirmed ? 'status.conflictedConfirmed' : 'status.conflictedMempool', {
      txid: status.by.slice(0, 12),
    });
  return undefined;
}

/** A script's type by the name people use; `nested` marks a P2SH output known to wrap P2WPKH. */
export function scriptTypeLabel(type: string | undefined, t: Translate, nested = false): string {
  return addressTypeName(nested && type === 'scripthash' ? 'p2sh-p2wpkh' : type, t);
}

export function isCoinbasePrevout(txid: string | undefined): boolean {
  return txid !== undefined && /^0{64}$/.test(txid);
}

export function lockSourceLabel(lock: ResolvedTimelock, t: Translate): string {
  if (lock.source === 'nSequence') return t('lock.source.sequence', { input: lock.input ?? 0 });
  if (lock.source === 'nLockTime') return t('lock.source.locktime');
  return t(lock.source === 'CLTV' ? 'lock.source.cltv' : 'lock.source.csv', { output: lock.output ?? 0 });
}

export function lockRuleLabel(lock: ResolvedTimelock, t: Translate, language: Language): string {
  switch (lock.kind) {
    case 'absolute-height':
      return t('lock.rule.absoluteHeight', { height: lock.value });
    case 'absolute-time':
      return t('lock.rule.absoluteTime', { time: formatChainTime(lock.value, language) });
    case 'relative-blocks':
      return t('lock.rule.relativeBlocks', { n: lock.value });
    case 'relative-time':
      return t('lock.rule.relativeTime', { duration: formatDuration(lock.value, language) });
  }
}

export interface ChainClock {
  readonly height: number;
  readonly medianTimePast: number;
}

/** Where a lock stands now: open, how long to go, or waiting for the coin it counts from. */
export function lockStateLabel(
  lock: ResolvedTimelock,
  chain: ChainClock | undefined,
  t: Translate,
  language: Language,
): string {
  if (lock.open) return t('lock.state.open');
  if (lock.opensAtHeight !== undefined) {
    const blocks = chain ? Math.max(0, lock.opensAtHeight - chain.height - 1) : undefined;
    return blocks === undefined
      ? t('lock.state.atHeight', { height: lock.opensAtHeight })
      : t('lock.state.inBlocks', { height: lock.opensAtHeight, n: blocks });
  }
  if (lock.opensAtTime !== undefined) {
    const seconds = chain ? lock.opensAtTime - chain.medianTimePast : undefined;
    return seconds === undefined
      ? t('lock.state.atTime', { time: formatChainTime(lock.opensAtTime, language) })
      : t('lock.state.inTime', {
          time: formatChainTime(lock.opensAtTime, language),
          duration: formatDuration(seconds, language),
        });
  }
  return t('lock.state.waiting');
}

/** A draft's warning in words: the long form for the inspector, the short one for the node. */
export function warningText(warning: DraftWarning, unit: string, t: Translate, short = false): string {
  const coins = (sats: string): string => `${groupCoins(satsToCoins(sats, { trim: true }))} ${unit}`;
  switch (warning.code) {
    case 'no-outputs':
      return t(short ? 'warning.short.noOutputs' : 'warning.noOutputs');
    case 'outputs-exceed-inputs':
      return t(short ? 'warning.short.outputsExceedInputs' : 'warning.outputsExceedInputs', {
        missing: coins(warning.missing),
      });
    case 'absurd-fee':
      return t(short ? 'warning.short.absurdFee' : 'warning.absurdFee', {
        rate: groupDigits(warning.feeRate),
        max: groupDigits(warning.maxFeeRate),
      });
    case 'no-change':
      return t(short ? 'warning.short.noChange' : 'warning.noChange', {
        fee: coins(warning.fee),
        spender: warning.spender,
      });
    case 'dust':
      return t(short ? 'warning.short.dust' : 'warning.dust', {
        n: warning.output,
        threshold: groupDigits(warning.threshold),
      });
  }
}
