/**
 * Mock wallets of a workspace are derived from its seed and their name, so a scenario file
 * without private keys still replays with the same keys and signatures (these are teaching
 * wallets; nothing here should ever hold real funds).
 */
import { sha256 } from '../../shared/bitcoin/hashes';
import { utf8 } from '../../shared/bitcoin/bytes';

export const DEFAULT_WALLETS = ['Alice', 'Bob', 'Carol', 'Dave', 'Exchange', 'Mallory'] as const;

export function walletEntropy(seed: number, name: string): Uint8Array {
  return sha256(utf8(`txlab mock wallet:${seed}:${name.toLowerCase()}`)).slice(0, 16);
}
