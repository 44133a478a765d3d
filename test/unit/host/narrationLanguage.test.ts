/**
 * Every step of every built-in lesson, in both languages (issue 10 §8): the English title and
 * narration carry no Chinese characters, and the Chinese ones are Chinese. Words a Chinese
 * narration keeps in Latin letters are names (Alice, HTLC, OP_CHECKSIG, SegWit…), so Latin runs
 * are allowed there; a whole sentence left in English is not.
 */
import { describe, expect, it } from 'vitest';
import { BuiltinCatalog } from '../../../main/host/catalog';
import type { ScenarioFile } from '../../../shared/scenario/schema';
import { BUILTINS } from '../../../shared/lessons';
import { testBench } from './helpers';

const HAN = /\p{Script=Han}/u;
/** Five English words in a row, spaces between: a sentence, not a name. */
const ENGLISH_SENTENCE = /\b[A-Za-z]+(?: [a-z]+){4,}\b/;

describe('narration in both languages', () => {
  for (const scenario of BUILTINS) {
    it(`${scenario.name}: English without Chinese, Chinese without English sentences, every step`, async () => {
      const t = await testBench({ catalog: new BuiltinCatalog() });
      await t.must('scenario.load', { name: scenario.name });
      const file = JSON.parse((await t.must('workspace.export', {})).json) as ScenarioFile;
      const found: string[] = [];
      let texts = 0;
      for (const [path, steps] of Object.entries(file.lesson!.paths)) {
        steps.forEach((step, i) => {
          for (const [field, text] of [
            ['title', step.title],
            ['narration', step.narration],
          ] as const) {
            texts++;
            const where = `${path} step ${i + 1} ${field}`;
            if (HAN.test(text.en)) found.push(`${where}: English has Chinese: ${text.en}`);
            if (!HAN.test(text.zh)) found.push(`${where}: Chinese has no Chinese: ${text.zh}`);
            const sentence = ENGLISH_SENTENCE.exec(text.zh);
            if (sentence) found.push(`${where}: Chinese has an English sentence "${sentence[0]}"`);
          }
        });
      }
      expect(texts).toBeGreaterThan(0);
      expect(found).toEqual([]);
    });
  }
});
