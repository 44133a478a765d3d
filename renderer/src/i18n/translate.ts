/** The type of `t`, apart from the provider so plain modules (and unit tests) can name it without React. */
import type { MessageKey } from '../../../shared/ui/i18n/en';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;
