/** `txlab scenarios [--json]`: the built-in scenarios and their lesson paths (the first is the happy path). */
import { parseArgs } from 'node:util';
import { BUILTINS } from '../../shared/lessons';
import { out, usage } from './io';

export function scenariosCommand(args: string[]): number {
  let values: { json?: boolean };
  try {
    ({ values } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true }));
  } catch (e) {
    usage(`${e instanceof Error ? e.message : String(e)} — usage: txlab scenarios [--json]`);
  }
  const list = BUILTINS.map((b) => ({ name: b.name, title: b.title, paths: [...b.paths], defaultSeed: b.defaultSeed }));
  if (values.json) {
    out(JSON.stringify(list));
    return 0;
  }
  const width = Math.max(...list.map((s) => s.name.length));
  for (const s of list) {
    out(`${s.name.padEnd(width)}  ${s.title.en}`);
    out(`${' '.repeat(width)}  paths: ${s.paths.join(', ')}`);
  }
  return 0;
}
