/** `txlab export NAME [--path PATH] [--seed N] [--out FILE]`: a built-in as a scenario file (public keys only). */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { findBuiltin } from '../../shared/lessons';
import { serializeScenario } from '../../shared/scenario/parse';
import { MemoryWalletProvider } from '../host/walletProviders';
import { catalog, parseSeed } from './headless';
import { joinOptionValues, out, usage } from './io';

const USAGE = 'usage: txlab export NAME [--path PATH] [--seed N] [--out FILE]';

export async function exportCommand(args: string[]): Promise<number> {
  let parsed: { values: { path?: string; seed?: string; out?: string }; positionals: string[] };
  try {
    parsed = parseArgs({
      args: joinOptionValues(args, ['path', 'seed', 'out']),
      options: { path: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    usage(`${e instanceof Error ? e.message : String(e)} — ${USAGE}`);
  }
  const [name, ...extra] = parsed.positionals;
  if (!name || extra.length > 0) usage(USAGE);
  if (!findBuiltin(name)) usage(`there is no built-in scenario "${name}" (see txlab scenarios)`);
  const seed = parseSeed(parsed.values.seed);
  const built = await catalog.build(name, parsed.values.path, {
    wallets: await new MemoryWalletProvider().fresh(),
    ...(seed !== undefined ? { seed } : {}),
  });
  if (!built.ok) usage(built.error.message);
  const text = serializeScenario(built.value);
  if (parsed.values.out) {
    try {
      await writeFile(parsed.values.out, text + '\n');
    } catch (e) {
      usage(`cannot write ${parsed.values.out}: ${e instanceof Error ? e.message : String(e)}`);
    }
    out(`${name} (${built.value.lesson?.path}) written to ${parsed.values.out}`);
  } else {
    out(text);
  }
  return 0;
}
