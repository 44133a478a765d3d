/**
 * Fills a draft's signature slots through the keystore, whatever the input spends: ECDSA over the
 * legacy or BIP143 message, BIP340 by the key path (tweaked, with the tree's root if any) or by a
 * leaf (untweaked, BIP342's message), or one participant's MuSig2 turn. tx.sign and the console's
 * sendtoaddress both sign this way; the private keys stay in the keystore.
 */
import { concat, fromHex } from '../../shared/bitcoin/bytes';
import { SIGHASH_DEFAULT } from '../../shared/bitcoin/sighash';
import { SIGHASH_ALL } from '../../shared/bitcoin/signatureEncoding';
import { errText, ok, type Result } from '../../shared/contract/result';
import {
  type AssembledDraft,
  type SignatureSlot,
  slotSighash,
  withMusig,
  withSignature,
} from '../../shared/workspace/assemble';
import type { TxDraft } from '../../shared/workspace/model';
import { tapscriptLeafOf } from '../../shared/workspace/taprootUnlock';
import { signMusigTurn, signTaproot } from './taprootSigning';
import type { WalletStore } from './walletStore';

export interface SigningKey {
  readonly id: string;
  readonly publicKey: string;
}

/**
 * `a`'s transaction with `slots` signed by the wallet's keys (`keyOf`), each recording the sighash
 * type it used: `sighashType` if given, else SIGHASH_DEFAULT for Taproot and SIGHASH_ALL otherwise.
 */
export async function signSlots(
  wallets: WalletStore,
  walletId: string,
  a: AssembledDraft,
  slots: readonly SignatureSlot[],
  keyOf: (slot: SignatureSlot) => SigningKey | undefined,
  seed: number,
  sighashType?: number,
): Promise<Result<TxDraft>> {
  let tx = a.node.tx;
  for (const slot of slots) {
    const unlock = a.node.tx.inputs[slot.input]!.unlock;
    const { sigVersion, merkleRoot } = unlock;
    const taproot = sigVersion === 'TAPROOT' || sigVersion === 'TAPSCRIPT';
    const type = sighashType ?? (taproot ? SIGHASH_DEFAULT : SIGHASH_ALL);
    if (!a.prevouts[slot.input]) return errText('INVALID_STATE', 'host.inputNotConnected', { input: slot.input });
    if (taproot && a.prevouts.some((prevout) => !prevout))
      return errText('INVALID_STATE', 'host.taprootNeedsAllPrevouts', { input: slot.input });
    const sighash = slotSighash(a, { ...slot, sighashType: type });
    if (!sighash) {
      if (sigVersion === 'TAPSCRIPT' && !tapscriptLeafOf(unlock))
        return errText('INVALID_STATE', 'host.noTapLeaf', { input: slot.input });
      return taproot
        ? errText('BAD_REQUEST', 'host.badTaprootSighash', { type })
        : errText('INVALID_STATE', 'host.inputNotConnected', { input: slot.input });
    }
    const key = keyOf(slot);
    if (!key) return errText('INVALID_STATE', 'host.inputNotConnected', { input: slot.input });
    if (taproot && slot.musig) {
      const turn = await signMusigTurn(wallets, walletId, key, slot.musig, sighash.digest, type, seed);
      if (!turn.ok) return turn;
      tx = withMusig(tx, slot, turn.value.musig, turn.value.signature);
    } else if (taproot) {
      const signature = await signTaproot(
        wallets,
        walletId,
        key.id,
        sighash.digest,
        type,
        seed,
        sigVersion === 'TAPSCRIPT'
          ? { kind: 'script' }
          : { kind: 'key', ...(merkleRoot ? { merkleRoot: fromHex(merkleRoot) } : {}) },
      );
      if (!signature.ok) return signature;
      tx = withSignature(tx, slot, signature.value);
    } else {
      const signed = await wallets.signDigest(walletId, key.id, sighash.digest);
      if (!signed.ok) return signed;
      tx = withSignature(tx, slot, concat(signed.value.signature, Uint8Array.of(type)));
    }
    tx = withSighashType(tx, slot, type);
  }
  return ok(tx);
}

/** The slot records the sighash type actually used. */
function withSighashType(tx: TxDraft, slot: SignatureSlot, sighashType: number): TxDraft {
  return {
    ...tx,
    inputs: tx.inputs.map((input, i) =>
      i !== slot.input
        ? input
        : {
            ...input,
            unlock: {
              ...input.unlock,
              [slot.area]: input.unlock[slot.area].map((item, n) =>
                n === slot.item && item.kind === 'sig' ? { ...item, sighashType } : item,
              ),
            },
          },
    ),
  };
}
