/** A lesson path's name in the reader's language: the built-ins' paths have words; a file's own paths show as written. */
import { en, type MessageKey } from '../../../../shared/ui/i18n/en';
import type { Translate } from '../../i18n';

function pathKey(path: string): MessageKey | undefined {
  const key = `path.${path}`;
  return Object.hasOwn(en, key) ? (key as MessageKey) : undefined;
}

/** The path's name alone (the path menu). */
export function pathName(path: string, t: Translate): string {
  const key = pathKey(path);
  return key ? t(key) : path;
}

/** "Path: …" (the lesson panel's heading). */
export function pathLabel(path: string, t: Translate): string {
  return t('lesson.pathIs', { path: pathName(path, t) });
}
