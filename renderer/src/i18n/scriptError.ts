/** A script error's sentence in the reader's language: Core's English as the host sent it, or its 简体中文 by code. */
import type { ScriptErrorCode } from '../../../shared/bitcoin/errors';
import { SCRIPT_ERRORS_ZH } from '../../../shared/ui/i18n/scriptErrorsZh';
import type { Language } from './translate';

/** `code` may be another word than a script error's (UNCONNECTED, a reject reason): then `message` as sent. */
export function scriptErrorSentence(language: Language, code: string, message: string): string {
  return language === 'zh-CN' && Object.hasOwn(SCRIPT_ERRORS_ZH, code)
    ? SCRIPT_ERRORS_ZH[code as ScriptErrorCode]
    : message;
}
