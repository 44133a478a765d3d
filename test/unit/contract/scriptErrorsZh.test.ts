/** Core's script error sentences in 简体中文: one for every code, translated, and shown only to a Chinese reader. */
import { describe, expect, it } from 'vitest';
import { SCRIPT_ERROR_MESSAGES } from '../../../shared/bitcoin/errors';
import { SCRIPT_ERRORS_ZH } from '../../../shared/ui/i18n/scriptErrorsZh';
import { scriptErrorSentence } from '../../../renderer/src/i18n/scriptError';

describe('the 简体中文 script error table', () => {
  it('has a Chinese sentence for every code, and no code Core does not have', () => {
    expect(Object.keys(SCRIPT_ERRORS_ZH).sort()).toEqual(Object.keys(SCRIPT_ERROR_MESSAGES).sort());
    const untranslated = Object.entries(SCRIPT_ERRORS_ZH).filter(
      ([code, sentence]) =>
        !/[\u4e00-\u9fff]/.test(sentence) ||
        sentence === SCRIPT_ERROR_MESSAGES[code as keyof typeof SCRIPT_ERROR_MESSAGES],
    );
    expect(untranslated).toEqual([]);
  });

  it('is what a Chinese reader sees; English readers, and words that are no script error, keep the host’s', () => {
    const core = SCRIPT_ERROR_MESSAGES.SCHNORR_SIG_SIZE;
    expect(scriptErrorSentence('zh-CN', 'SCHNORR_SIG_SIZE', core)).toBe('Schnorr 签名的长度无效');
    expect(scriptErrorSentence('en', 'SCHNORR_SIG_SIZE', core)).toBe('Invalid Schnorr signature size');
    expect(scriptErrorSentence('zh-CN', 'UNCONNECTED', 'this input does not spend anything yet')).toBe(
      'this input does not spend anything yet',
    );
    // An inherited name is no code of the table.
    expect(scriptErrorSentence('zh-CN', 'toString', 'x')).toBe('x');
  });
});
