/** Shared set-up for keystore tests: temp folders, cheap scrypt, unwrapping Results. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Result } from '../../../shared/contract/result';
import { Keystore, type KeystoreOpenOptions } from '../../../main/keystore/keystore';

/** Cheap scrypt so tests do not spend 100 ms per open; the format is the same. */
export const TEST_KDF = { N: 1024, r: 8, p: 1 } as const;

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'txlab-keystore-'));
  dirs.push(dir);
  return dir;
}

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export function errorOf<T>(result: Result<T>): { code: string; detail?: string; path?: string } {
  if (result.ok) throw new Error('expected an error result, got ok');
  return result.error;
}

export async function openKeystore(dir: string, extra: Partial<KeystoreOpenOptions> = {}): Promise<Keystore> {
  return unwrap(await Keystore.open({ dir, kdf: TEST_KDF, ...extra }));
}

/** Entropy bytes 0, 1, 2 … offset by `seed`, standing in for a scenario's seeded RNG. */
export function entropyFrom(seed: number, length = 16): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (seed * 31 + i * 7) & 0xff);
}
