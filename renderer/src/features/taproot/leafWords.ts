/** A tapleaf in words, from the form it was built from and the wallets owning its keys. */
import type { TapLeafView } from '../../../../shared/contract/taprootViews';
import { shortHash } from '../../format/amounts';
import { formatChainTime } from '../../format/time';
import type { Language, Translate } from '../../i18n';

/** nLockTime's rule: below 500,000,000 a block height, from there a Unix time. */
const LOCKTIME_THRESHOLD = 500_000_000;

export function leafWords(leaf: TapLeafView, t: Translate, language: Language): string {
  const who = (i: number, pubKey: string): string =>
    leaf.owners[i] ?? t('taproot.someKey', { key: shortHash(pubKey.slice(2), 6) });
  const form = leaf.form;
  switch (form.kind) {
    case 'key':
      return t('taproot.leaf.key', { wallet: who(0, form.pubKey) });
    case 'after':
      return t('taproot.leaf.after', { wallet: who(0, form.pubKey), blocks: form.blocks });
    case 'at':
      return form.locktime < LOCKTIME_THRESHOLD
        ? t('taproot.leaf.atHeight', { wallet: who(0, form.pubKey), height: form.locktime })
        : t('taproot.leaf.atTime', { wallet: who(0, form.pubKey), time: formatChainTime(form.locktime, language) });
    case 'hash':
      return t('taproot.leaf.hash', { wallet: who(0, form.pubKey), hash: shortHash(form.hash, 6) });
    case 'multi':
      return t('taproot.leaf.multi', {
        k: form.required,
        wallets: form.pubKeys.map((k, i) => who(i, k)).join(language === 'zh-CN' ? '、' : ', '),
      });
    case 'asm':
      return t('taproot.leaf.asm');
  }
}
