/**
 * A lesson's words live in keyed catalogues, one per language, beside its builder (`en.ts`,
 * `zh.ts`). The Chinese one is declared `Translation<typeof en>`, so the compiler refuses a
 * missing key, an extra key, or a sentence that takes other parameters than the English one.
 * `bilingual` zips the two into the `{ en, zh }` texts a scenario file carries.
 *
 * An entry is a string, a function of named parameters (a sentence with values in it: the
 * values are computed by the builder, the words stay here), or a group of entries.
 *
 * The words a lesson's own tasks publish to the lesson panel are a `tasks` group of the same
 * catalogues; the generic tasks' words are in `taskWords/`.
 */
import type { Text } from '../scenario/lessonData';

type Entry = string | ((params: never) => string) | Catalogue;
export interface Catalogue {
  readonly [key: string]: Entry;
}

export type Translation<C> = {
  readonly [K in keyof C]: C[K] extends string
    ? string
    : C[K] extends (...args: infer A) => string
      ? (...args: A) => string
      : Translation<C[K]>;
};

export type Bilingual<C> = {
  readonly [K in keyof C]: C[K] extends string
    ? Text
    : C[K] extends (...args: infer A) => string
      ? (...args: A) => Text
      : Bilingual<C[K]>;
};

export function bilingual<C extends Catalogue>(en: C, zh: Translation<C>): Bilingual<C> {
  const zip = (a: Catalogue, b: Catalogue): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(a)) {
      const other = b[key]!;
      if (typeof value === 'string') out[key] = { en: value, zh: other };
      else if (typeof value === 'function')
        out[key] = (params: never) => ({ en: value(params), zh: (other as (p: never) => string)(params) });
      else out[key] = zip(value, other as Catalogue);
    }
    return out;
  };
  return zip(en, zh) as Bilingual<C>;
}
