/** How a scenario file is refused at a JSON path, in the catalogue's words: every check a file goes through says it so. */
import { englishText, errWithin, type HostText, type Result } from '../contract/result';
import type { MessageKey } from '../ui/i18n/en';

/** A file refused at `path`: "path: why", the why in the reader's language on the page. */
export function refuse(
  path: string,
  key: MessageKey,
  params?: Readonly<Record<string, string | number>>,
): Result<never> {
  const text: HostText = params ? { key, params } : { key };
  return errWithin(
    'IMPORT_FAILED',
    { key: 'host.import.at', params: { path } },
    { message: englishText(text), text },
    { path },
  );
}
