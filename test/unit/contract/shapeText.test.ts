/**
 * What a file or request of the wrong shape is told, before any schema reads it: in catalogue
 * words, with the English sentence it always had.
 */
import { describe, expect, it } from 'vitest';
import { checkJsonShape } from '../../../shared/contract/shape';
import { expectBilingual } from './bilingual';

/** `depth` arrays inside one another: [[[…]]]. */
const nested = (depth: number): unknown => {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
};

describe('a value of the wrong shape', () => {
  it('says how deep a file may nest, at the path where it went too deep', () => {
    const r = checkJsonShape({ graph: nested(5) }, { maxDepth: 3, code: 'IMPORT_FAILED', what: 'file' });
    expect(!r.ok && r.error.path).toBe('graph[0][0][0]');
    const chinese = expectBilingual(r, 'shape.fileTooDeep', 'graph[0][0][0]: the file nests deeper than 3 levels');
    expect(chinese).toBe('graph[0][0][0]：文件嵌套超过 3 层');
  });

  it('names the method of a request nested too deep', () => {
    const r = checkJsonShape(
      { a: { b: { c: {} } } },
      { maxDepth: 2, code: 'BAD_REQUEST', what: 'request', method: 'graph.addNode' },
    );
    const chinese = expectBilingual(
      r,
      'shape.methodRequestTooDeep',
      'a.b.c: graph.addNode: the request nests deeper than 2 levels',
    );
    expect(chinese).toBe('a.b.c：graph.addNode：请求嵌套超过 2 层');
  });

  it('says a number that JSON cannot hold exactly, where it is', () => {
    const r = checkJsonShape({ outputs: [{ value: 2 ** 60 }] }, { maxDepth: 8, code: 'IMPORT_FAILED', what: 'file' });
    expect(
      expectBilingual(
        r,
        'shape.inexactNumber',
        'outputs[0].value: the number 1152921504606847000 is too large to be exact',
      ),
    ).toBe('outputs[0].value：数字 1152921504606847000 太大，无法精确表示');
    const top = checkJsonShape(Infinity, { maxDepth: 8, code: 'IMPORT_FAILED', what: 'file' });
    expectBilingual(top, 'shape.inexactValue', 'a value: the number Infinity is too large to be exact');
  });

  it('refuses a key that names the object prototype', () => {
    const r = checkJsonShape(JSON.parse('{"wallets":[{"__proto__":{}}]}'), {
      maxDepth: 8,
      code: 'IMPORT_FAILED',
      what: 'file',
    });
    expect(expectBilingual(r, 'shape.forbiddenKey', 'wallets[0].__proto__: the key "__proto__" is not allowed')).toBe(
      'wallets[0].__proto__：不允许使用键“__proto__”',
    );
  });
});
