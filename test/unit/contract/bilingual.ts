/** Asserting that a host refusal is said in both languages: its catalogue key, its English, its Chinese. */
import { expect } from 'vitest';
import type { ContractError, Result } from '../../../shared/contract/result';
import { en } from '../../../shared/ui/i18n/en';
import { zhCN } from '../../../shared/ui/i18n/zh-CN';
import { hostMessage } from '../../../renderer/src/i18n/hostMessage';
import type { Translate } from '../../../renderer/src/i18n/translate';

/** The page's `t` over a catalogue (the provider's, without React). */
const translator =
  (catalogue: Readonly<Record<keyof typeof en, string>>): Translate =>
  (key, params) =>
    catalogue[key].replace(/\{(\w+)\}/g, (match, name: string) =>
      params && name in params ? String(params[name]) : match,
    );
export const zh: Translate = translator(zhCN);
export const inEnglish: Translate = translator(en);

/**
 * The refusal names `key` (in both catalogues, translated), its English is `english` exactly (the
 * sentence as it was before it had a key; a pattern where part of it is a library's words), and
 * the page's Chinese fills every placeholder.
 * Returns the Chinese, for a test that wants to check a part of it.
 */
export function expectBilingual(result: Result<unknown>, key: string, english: string | RegExp): string {
  if (result.ok) throw new Error(`expected a refusal "${String(english)}", got ok`);
  const error: ContractError = result.error;
  if (typeof english === 'string') expect(error.message).toBe(english);
  else expect(error.message).toMatch(english);
  expect(error.text?.key).toBe(key);
  expect(Object.hasOwn(en, key) && Object.hasOwn(zhCN, key)).toBe(true);
  const chinese = hostMessage(zh, error);
  expect(chinese).not.toBe(error.message);
  expect(chinese).not.toMatch(/\{\w+\}/);
  expect(chinese).toMatch(/[\u4e00-\u9fff]/);
  return chinese;
}
