/**
 * Address types and type notes in words, for the page and for tests: a payment template on a
 * coin of another type says what it builds (issue 14 §2). Type names are the protocol's own
 * (P2PKH, P2WPKH…) in every language; the sentences come from the catalogues.
 */
import type { TypeNote } from '../workspace/payTypes';
import type { MessageKey } from './i18n/en';

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

/** Pay types and Core's script types by the names people use. */
const NAMES: Readonly<Record<string, string>> = {
  p2pkh: 'P2PKH',
  pubkeyhash: 'P2PKH',
  p2wpkh: 'P2WPKH',
  witness_v0_keyhash: 'P2WPKH',
  'p2sh-p2wpkh': 'P2SH-P2WPKH',
  scripthash: 'P2SH',
  witness_v0_scripthash: 'P2WSH',
  witness_v1_taproot: 'P2TR',
  p2tr: 'P2TR',
  multisig: 'multisig',
  pubkey: 'P2PK',
  nulldata: 'OP_RETURN',
};

export function addressTypeName(type: string | undefined, t: Translate): string {
  if (!type) return '—';
  return NAMES[type] ?? (type === 'nonstandard' ? t('script.nonstandard') : t('script.witnessUnknown'));
}

/** How the input unlocks the coin it spends. */
function unlockKey(coin: TypeNote['coin'], short: boolean): MessageKey {
  switch (coin) {
    case 'p2pkh':
      return short ? 'typeNote.short.unlock.p2pkh' : 'typeNote.unlock.p2pkh';
    case 'p2wpkh':
      return short ? 'typeNote.short.unlock.p2wpkh' : 'typeNote.unlock.p2wpkh';
    case 'p2sh-p2wpkh':
      return short ? 'typeNote.short.unlock.nested' : 'typeNote.unlock.nested';
    case 'p2tr':
      return short ? 'typeNote.short.unlock.p2tr' : 'typeNote.unlock.p2tr';
    default:
      return short ? 'typeNote.short.unlock.other' : 'typeNote.unlock.other';
  }
}

/** The long form for the inspector, the short one for the node. */
export function typeNoteText(note: TypeNote, t: Translate, short = false): string {
  return t(short ? 'typeNote.short' : 'typeNote.text', {
    template: addressTypeName(note.template, t),
    coin: addressTypeName(note.coin, t),
    n: note.input,
    unlock: t(unlockKey(note.coin, short)),
    outputs: note.outputs.map((o) => addressTypeName(o, t)).join(', '),
  });
}
