/**
 * HTLC inside an RSMC channel, the seed's construction and names.
 *
 * Alice pays Bob 0.1 BTC on condition: Bob shows R (with HASH160(R) = h) before a three-day
 * absolute timeout, otherwise the 0.1 goes back to Alice. State 2 (balances 0.4 / 0.5 and the
 * HTLC's 0.1) adds output #2 to both commitments, paid to this script:
 *
 *   OP_HASH160 <h> OP_EQUAL                       the top item hashed and matched against h;
 *   OP_IF                                         if it is R, "continue with the multisig":
 *     2 <Alice> <Bob> 2 OP_CHECKMULTISIG
 *   OP_ELSE                                       otherwise, the next branch:
 *     2 <Alice'> <Bob'> 2 OP_CHECKMULTISIG        the holder's key replaced by its revocation
 *   OP_ENDIF                                      key (Alice3 in C2a, Bob3 in C2b)
 *
 * Both branches need two signatures, so each path is a transaction pre-signed by the other side,
 * and the time limits live in those transactions (nLockTime, nSequence), as in the seed:
 *
 *   on C2b (Bob's, Bob is paid):
 *     HE1b    HTLC Execution: C2b#2 with R (IF) → 2-of-2 (Alice, Bob3); Alice pre-signs it.
 *     HERD1b  HE1b#0 → Bob after 1000 blocks (the one who publishes waits).
 *     HEBR1b  HE1b#0 → Alice once Bob3 is handed over (breach remedy).
 *     HTD1b   HTLC Timeout Delivery: C2b#2 (ELSE) → Alice, nLockTime = timeout; Bob pre-signs with Bob3.
 *     HBR1b   C2b#2 (ELSE) → Alice at once with the handed-over Bob3.
 *   on C2a (Alice's, Alice pays):
 *     HT1a    HTLC Timeout: C2a#2 (ELSE) → 2-of-2 (Alice3, Bob), nLockTime = 3 days; Bob pre-signs.
 *     HTRD1a  HT1a#0 → Alice after 1000 blocks.
 *     HTBR1a  HT1a#0 → Bob once Alice3 is handed over.
 *     HBR1a   C2a#2 (ELSE) → Bob at once with the handed-over Alice3.
 *     HED1a   HTLC Execution Delivery: C2a#2 with R (IF) → Bob at once; Alice pre-signs.
 *
 * Bob redeems by publishing C2b, HE1b (adding R), and after 1000 blocks HERD1b and RD2b: he gets
 * 0.6, Alice 0.4. Alice times out by publishing C2a, HT1a after 3 days, and after 1000 blocks RD2a
 * and HTRD1a: 0.5 each. Why both HBR1a and HTBR1a: if Alice publishes a revoked C2a but keeps
 * HT1a back, HBR1a takes #2 without R; if she races HT1a in first, #2 is gone, but HT1a's output
 * is locked for 1000 blocks and HTBR1a takes it.
 *
 * R itself is not signed (signatures never cover the scriptSig or witness), so HE1b and HED1a can
 * be pre-signed before R is known and completed with `withPreimage`.
 */
import { type Bytes, toHex } from '../bitcoin/bytes';
import type { TxLike } from '../bitcoin/txTypes';
import { hash160 } from '../bitcoin/hashes';
import { OP } from '../bitcoin/opcodes';
import { compileScript } from '../bitcoin/script';
import type { DraftOutput, PrevoutRef, TxDraft, UnlockItem } from '../workspace/model';
import { findPreimage } from './inspect';
import { dataItem, withDataItem, keyOutput, multisigItems, scriptOutput, scriptUnlock } from './outputs';
import {
  adjustBalance,
  type ChannelParams,
  type ChannelState,
  checkState,
  commitmentDraft,
  type HtlcTerms,
  otherSide,
  revocableKeys,
  revocableOutput,
  revocableSpend,
  revocationKeyName,
  rsmcTxName,
  type Side,
  SIDE_NAME,
  sideLetter,
} from './rsmc';
import {
  afterFee,
  checkLockTime,
  failText,
  ok,
  type ProtocolResult,
  SEQUENCE_FINAL,
  SEQUENCE_LOCKTIME_ENABLED,
  TX_VERSION_BIP68,
} from './types';

/** The HTLC is output #2 of its commitment ("C2a的#2输出"). */
export const HTLC_OUTPUT = 2;

/** The hash in the script: HASH160(R), as the seed's script hashes the top item with HASH160. */
export function htlcHash(preimage: Bytes): Bytes {
  return hash160(preimage);
}

export type HtlcTxKind = 'HE' | 'HERD' | 'HEBR' | 'HTD' | 'HBR' | 'HT' | 'HTRD' | 'HTBR' | 'HED';

/** Which HTLC transactions hang off `holder`'s commitment: it depends on whether the holder pays or is paid. */
export function htlcTxKinds(terms: HtlcTerms, holder: Side): readonly HtlcTxKind[] {
  return terms.payer === holder ? ['HT', 'HTRD', 'HTBR', 'HBR', 'HED'] : ['HE', 'HERD', 'HEBR', 'HTD', 'HBR'];
}

/** HE1b, HTRD1a, …: the kind, the HTLC's number, the commitment holder's letter. */
export function htlcTxName(kind: HtlcTxKind, terms: HtlcTerms, holder: Side): string {
  return `${kind}${terms.index}${sideLetter(holder)}`;
}

function htlcScript(params: ChannelParams, state: ChannelState, holder: Side): Bytes {
  const htlc = state.htlc;
  if (!htlc) throw new Error('htlcScript: the state has no HTLC');
  return compileScript([
    OP.OP_HASH160,
    htlc.hash,
    OP.OP_EQUAL,
    OP.OP_IF,
    OP.OP_2,
    params.keys.alice,
    params.keys.bob,
    OP.OP_2,
    OP.OP_CHECKMULTISIG,
    OP.OP_ELSE,
    OP.OP_2,
    ...revocableKeys(params, state, holder),
    OP.OP_2,
    OP.OP_CHECKMULTISIG,
    OP.OP_ENDIF,
  ]);
}

/** A state with a new HTLC from `terms.payer`; the previous state must then be revoked. */
export function offerHtlc(
  state: ChannelState,
  terms: HtlcTerms,
  revocation: Readonly<Record<Side, Bytes>>,
): ProtocolResult<ChannelState> {
  if (state.htlc) return failText('bad-state', 'protocol.htlc.oneAtATime', undefined, 'htlc');
  if (terms.amount <= 0n || terms.amount > state.balance[terms.payer])
    return failText(
      'insufficient-funds',
      'protocol.htlc.cannotLock',
      { side: SIDE_NAME[terms.payer], amount: String(terms.amount) },
      'amount',
    );
  if (terms.hash.length !== 20) return failText('bad-secret', 'protocol.htlc.hashSize', undefined, 'hash');
  const lock = checkLockTime(terms.timeout, 'timeout');
  if (!lock.ok) return lock;
  return ok({
    n: state.n + 1,
    balance: adjustBalance(state.balance, terms.payer, -terms.amount),
    revocation,
    htlc: terms,
  });
}

/** The next state without the HTLC: paid to the payee (R was shown) or back to the payer. */
export function settleHtlc(
  state: ChannelState,
  outcome: 'fulfilled' | 'timed-out',
  revocation: Readonly<Record<Side, Bytes>>,
): ProtocolResult<ChannelState> {
  const htlc = state.htlc;
  if (!htlc) return failText('bad-state', 'protocol.htlc.noneToSettle', undefined, 'htlc');
  const to = outcome === 'fulfilled' ? otherSide(htlc.payer) : htlc.payer;
  return ok({ n: state.n + 1, balance: adjustBalance(state.balance, to, htlc.amount), revocation });
}

function checkHtlcState(params: ChannelParams, state: ChannelState): ProtocolResult<HtlcTerms> {
  const checked = checkState(params, state);
  if (!checked.ok) return checked;
  return state.htlc ? ok(state.htlc) : failText('bad-state', 'protocol.htlc.none', undefined, 'htlc');
}

/** C2a / C2b: the commitment with the HTLC as output #2. */
export function buildHtlcCommitment(params: ChannelParams, state: ChannelState, holder: Side): ProtocolResult<TxDraft> {
  const terms = checkHtlcState(params, state);
  if (!terms.ok) return terms;
  const payee = otherSide(terms.value.payer);
  const output: DraftOutput = scriptOutput(
    htlcScript(params, state, holder),
    params.wraps.script,
    terms.value.amount,
    'htlc',
    {
      label: `HTLC: ${SIDE_NAME[payee]} with R, else ${SIDE_NAME[terms.value.payer]} after the timeout`,
      summary: `HASH160(R) = ${toHex(terms.value.hash)}; timeout ${terms.value.timeout}; revocation ${revocationKeyName(holder, state.n)}`,
    },
  );
  return commitmentDraft(params, state, holder, [output]);
}

/** The unlock of C#2: the IF branch with R (or a placeholder until R is known), or the ELSE branch. */
function htlcInputItems(
  params: ChannelParams,
  state: ChannelState,
  holder: Side,
  branch: 'R' | 'else',
  preimage: Bytes | undefined,
): UnlockItem[] {
  if (branch === 'R')
    return [...multisigItems([params.keys.alice, params.keys.bob]), dataItem(preimage ?? new Uint8Array(0), 'R')];
  return [...multisigItems(revocableKeys(params, state, holder)), dataItem(new Uint8Array(0), 'not R')];
}

export interface HtlcTxOptions {
  /** R, for the execution transactions (HE, HED); it can be added later with `withPreimage`. */
  readonly preimage?: Bytes;
  /** Where the commitment or the HE/HT transaction is, if not the draft of the seed's name. */
  readonly parent?: PrevoutRef;
}

/** Builds one of the HTLC transactions of `holder`'s commitment in state n. */
export function buildHtlcTx(
  params: ChannelParams,
  state: ChannelState,
  holder: Side,
  kind: HtlcTxKind,
  options: HtlcTxOptions = {},
): ProtocolResult<TxDraft> {
  const terms = checkHtlcState(params, state);
  if (!terms.ok) return terms;
  const htlc = terms.value;
  if (!htlcTxKinds(htlc, holder).includes(kind)) {
    return failText(
      'not-applicable',
      htlc.payer === holder ? 'protocol.htlc.noTxHolderPays' : 'protocol.htlc.noTxHolderPaid',
      { kind, commitment: rsmcTxName('C', state.n, holder) },
      'kind',
    );
  }
  const other = otherSide(holder);
  const fromCommitment = options.parent ?? { node: rsmcTxName('C', state.n, holder), output: HTLC_OUTPUT };
  const script = htlcScript(params, state, holder);
  const spendHtlc = (branch: 'R' | 'else', sequence: number, locktime: number, output: DraftOutput): TxDraft => ({
    version: TX_VERSION_BIP68,
    locktime,
    inputs: [
      {
        prevout: fromCommitment,
        sequence,
        unlock: scriptUnlock(
          script,
          params.wraps.script,
          htlcInputItems(params, state, holder, branch, options.preimage),
        ),
      },
    ],
    outputs: [output],
  });
  const once = afterFee(htlc.amount, params.fee, 'amount');
  if (!once.ok) return once;
  const second = (k: 'HE' | 'HT'): PrevoutRef => options.parent ?? { node: htlcTxName(k, htlc, holder), output: 0 };
  switch (kind) {
    case 'HE':
      return ok(
        spendHtlc(
          'R',
          SEQUENCE_FINAL,
          0,
          revocableOutput(
            params,
            state,
            holder,
            once.value,
            `HTLC executed, revocable by ${revocationKeyName(holder, state.n)}`,
          ),
        ),
      );
    case 'HT':
      // nLockTime makes the timeout absolute; a non-final sequence is what makes nLockTime count.
      return ok(
        spendHtlc(
          'else',
          SEQUENCE_LOCKTIME_ENABLED,
          htlc.timeout,
          revocableOutput(
            params,
            state,
            holder,
            once.value,
            `HTLC timed out, revocable by ${revocationKeyName(holder, state.n)}`,
          ),
        ),
      );
    case 'HED':
      return ok(
        spendHtlc(
          'R',
          SEQUENCE_FINAL,
          0,
          keyOutput(params.keys[other], params.wraps.key, once.value, {
            owner: SIDE_NAME[other],
            label: 'HTLC paid with R',
          }),
        ),
      );
    case 'HTD':
      return ok(
        spendHtlc(
          'else',
          SEQUENCE_LOCKTIME_ENABLED,
          htlc.timeout,
          keyOutput(params.keys[other], params.wraps.key, once.value, {
            owner: SIDE_NAME[other],
            label: 'HTLC timed out',
          }),
        ),
      );
    case 'HBR':
      return ok(
        spendHtlc(
          'else',
          SEQUENCE_FINAL,
          0,
          keyOutput(params.keys[other], params.wraps.key, once.value, {
            owner: SIDE_NAME[other],
            label: 'HTLC breach remedy',
          }),
        ),
      );
    case 'HERD':
      return revocableSpend(params, state, holder, second('HE'), once.value, 'delivery');
    case 'HEBR':
      return revocableSpend(params, state, holder, second('HE'), once.value, 'breach');
    case 'HTRD':
      return revocableSpend(params, state, holder, second('HT'), once.value, 'delivery');
    case 'HTBR':
      return revocableSpend(params, state, holder, second('HT'), once.value, 'breach');
  }
}

/** Fills in R where an execution transaction has its placeholder. R is not under any signature. */
export function withPreimage(draft: TxDraft, preimage: Bytes): TxDraft {
  return withDataItem(draft, 'R', preimage);
}

/** R from a published HE/HED (or any) transaction: the pushed item whose HASH160 is `hash`. */
export function preimageFromTx(tx: TxLike, hash: Bytes): Bytes | undefined {
  return findPreimage(tx, hash, hash160);
}
