/**
 * The native menu speaks the page's language. The page keeps its choice to itself (local storage)
 * and shows it on `<html lang>`; rather than widen the preload's surface for one word, the main
 * process asks the page to resolve once `lang` differs from what the menu shows, then asks again.
 * No polling: each question waits on a MutationObserver in the page.
 */
import type { MenuLanguage } from './menu';

/** What this needs of a `WebContents`. */
export interface LanguagePage {
  isDestroyed(): boolean;
  executeJavaScript(code: string): Promise<unknown>;
  on(event: 'did-finish-load', listener: () => void): unknown;
}

/** Page-side script: resolves with the page's language as soon as it is not `shown`. */
export function languageChangeScript(shown: MenuLanguage): string {
  const known = JSON.stringify(shown);
  return `new Promise((resolve) => {
  const root = document.documentElement;
  const now = () => (root.lang.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');
  if (now() !== ${known}) return resolve(now());
  const observer = new MutationObserver(() => {
    if (now() !== ${known}) { observer.disconnect(); resolve(now()); }
  });
  observer.observe(root, { attributes: true, attributeFilter: ['lang'] });
})`;
}

/**
 * From every page load on: whenever the page's language differs from `shown()`, `adopt` it.
 * A reload starts a new round; answers from an older page are ignored.
 */
export function followPageLanguage(
  page: LanguagePage,
  shown: () => MenuLanguage,
  adopt: (language: MenuLanguage) => void,
): void {
  let round = 0;
  const follow = async (mine: number): Promise<void> => {
    while (mine === round && !page.isDestroyed()) {
      let answer: unknown;
      try {
        answer = await page.executeJavaScript(languageChangeScript(shown()));
      } catch {
        return; // the page went away mid-question; the next load starts again
      }
      if (mine !== round) return;
      if (answer !== 'en' && answer !== 'zh-CN') return; // not our script's answer: stop asking
      if (answer !== shown()) adopt(answer);
    }
  };
  page.on('did-finish-load', () => {
    round += 1;
    void follow(round);
  });
}
