/** The type of `t`, apart from the provider so plain modules (and unit tests) can name it without React. */
import type { MessageKey } from '../../../shared/ui/i18n/en';

/** The page's languages (its catalogues are in shared/ui/i18n). */
export type Language = 'en' | 'zh-CN';

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;
