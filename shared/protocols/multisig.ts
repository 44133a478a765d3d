/**
 * 2-of-2 multisig: the seed's Funding transaction ("both must agree") and spends of any m-of-n
 * output. P2WSH in the modern era; P2SH in the 2014 era (where the funding txid changes when it
 * is signed, so nothing can safely be pre-signed on top of it — the reason channels waited for
 * SegWit).
 */
import { type Bytes, equal } from '../bitcoin/bytes';
import type { DraftInput, DraftOutput, PrevoutRef, TxDraft } from '../workspace/model';
import { keyOutput, multisigOutput, multisigScript, multisigUnlock } from './outputs';
import { type ChangeDestination, coinInput, type SpendableCoin, sumCoins } from './p2pkh';
import { checkKeys, failText, ok, type ProtocolResult, type ScriptWrap, SEQUENCE_FINAL } from './types';

export interface FundingParty {
  readonly name: string;
  readonly coins: readonly SpendableCoin[];
  /** What this party puts into the channel. */
  readonly amount: bigint;
  /** This party's share of the funding fee. */
  readonly fee: bigint;
  readonly change?: ChangeDestination;
}

export interface FundingParams {
  readonly alice: Bytes;
  readonly bob: Bytes;
  readonly wrap: ScriptWrap;
  readonly parties: readonly FundingParty[];
}

/**
 * Funding: every party's coins in, output 0 the 2-of-2 of (Alice, Bob) worth the sum of the
 * amounts, then each party's change. Built first but signed last: each party signs its own
 * inputs only after it holds the other's signatures on its commitment (C1a/C1b and RD1a/RD1b).
 */
export function buildFunding(params: FundingParams): ProtocolResult<TxDraft> {
  const keys = checkKeys({ alice: params.alice, bob: params.bob });
  if (!keys.ok) return keys;
  if (params.parties.length === 0) return failText('bad-amount', 'protocol.multisig.noParty', undefined, 'parties');
  let capacity = 0n;
  const inputs: DraftInput[] = [];
  const changes: DraftOutput[] = [];
  for (const [i, party] of params.parties.entries()) {
    const path = `parties.${i}`;
    if (party.amount <= 0n)
      return failText('bad-amount', 'protocol.multisig.partyAmount', { party: party.name }, `${path}.amount`);
    if (party.fee < 0n) return failText('bad-amount', 'protocol.multisig.feeShare', undefined, `${path}.fee`);
    const rest = sumCoins(party.coins) - party.amount - party.fee;
    if (rest < 0n)
      return failText('insufficient-funds', 'protocol.multisig.partyShort', { party: party.name }, `${path}.coins`);
    if (rest > 0n) {
      if (!party.change)
        return failText(
          'no-change-destination',
          'protocol.multisig.partyNoChange',
          { party: party.name, change: String(rest) },
          `${path}.change`,
        );
      changes.push(
        keyOutput(party.change.pubKey, party.change.wrap, rest, {
          owner: party.change.owner ?? party.name,
          label: `${party.name}'s change`,
        }),
      );
    }
    capacity += party.amount;
    inputs.push(...party.coins.map((coin) => coinInput(coin)));
  }
  const channel = multisigOutput(2, [params.alice, params.bob], params.wrap, capacity, {
    label: 'Funding 2-of-2 (Alice, Bob)',
  });
  return ok({ version: 2, locktime: 0, inputs, outputs: [channel, ...changes] });
}

export interface MultisigSpendParams {
  readonly prevout: PrevoutRef;
  /** The keys of the script in its order, and how many must sign. */
  readonly required: number;
  readonly pubKeys: readonly Bytes[];
  /** Which keys sign (a subset of `pubKeys`, kept in script order). */
  readonly signers: readonly Bytes[];
  readonly wrap: ScriptWrap;
  readonly outputs: readonly DraftOutput[];
  readonly sequence?: number;
  readonly locktime?: number;
  readonly version?: number;
}

/** One input spending an m-of-n output: the dummy, m signature slots, the script. */
function multisigInput(
  params: Pick<MultisigSpendParams, 'prevout' | 'required' | 'pubKeys' | 'signers' | 'wrap' | 'sequence'>,
): DraftInput {
  const script = multisigScript(params.required, params.pubKeys);
  const ordered = params.pubKeys.filter((k) => params.signers.some((s) => equal(s, k)));
  return {
    prevout: params.prevout,
    sequence: params.sequence ?? SEQUENCE_FINAL,
    unlock: multisigUnlock(script, ordered.slice(0, params.required), params.wrap),
  };
}

export function buildMultisigSpend(params: MultisigSpendParams): ProtocolResult<TxDraft> {
  if (
    !Number.isInteger(params.required) ||
    params.required < 1 ||
    params.required > params.pubKeys.length ||
    params.pubKeys.length > 16
  ) {
    return failText('bad-key', 'protocol.multisig.mOfN', undefined, 'required');
  }
  const keys = checkKeys(Object.fromEntries(params.pubKeys.map((k, i) => [`pubKeys.${i}`, k])));
  if (!keys.ok) return keys;
  const input = multisigInput(params);
  const slots = input.unlock.scriptSig.length + input.unlock.witness.length - 2;
  if (slots < params.required)
    return failText('bad-key', 'protocol.multisig.tooFewSigners', { required: params.required, slots }, 'signers');
  if (params.outputs.length === 0) return failText('bad-amount', 'protocol.multisig.noOutput', undefined, 'outputs');
  return ok({
    version: params.version ?? 2,
    locktime: params.locktime ?? 0,
    inputs: [input],
    outputs: [...params.outputs],
  });
}
