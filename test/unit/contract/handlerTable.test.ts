import { describe, expect, it } from 'vitest';
import { dispatch, handlerTable } from '../../../shared/contract/dispatch';
import { METHODS } from '../../../shared/contract/methods';
import { ok } from '../../../shared/contract/result';

describe('handlerTable', () => {
  it('makes one handler per declared method, and dispatch reaches the one named', async () => {
    const asked: string[] = [];
    const table = handlerTable((method) => {
      asked.push(method);
      return (params) => ok({ method, params });
    });
    expect(asked.sort()).toEqual(Object.keys(METHODS).sort());
    expect(await dispatch(table, 'workspace.get', {})).toEqual({
      ok: true,
      value: { method: 'workspace.get', params: {} },
    });
  });

  it('refuses to build a table with a method left without a handler', () => {
    expect(() =>
      handlerTable((method) => (method === 'chain.mine' ? (undefined as never) : () => ok(undefined))),
    ).toThrow(/has no handler/);
  });
});
