/**
 * Hash functions used by Script and transactions (pure JS, no platform imports): SHA-256 of our
 * own (./sha256.ts, built for short messages), the rest from @noble/hashes.
 */
import { ripemd160 as nobleRipemd160, sha1 as nobleSha1 } from '@noble/hashes/legacy.js';
import type { Bytes } from './bytes';
import { sha256 as sha256Short } from './sha256';

export const sha256 = (data: Bytes): Bytes => sha256Short(data);
export const sha1 = (data: Bytes): Bytes => nobleSha1(data);
export const ripemd160 = (data: Bytes): Bytes => nobleRipemd160(data);
export const hash160 = (data: Bytes): Bytes => nobleRipemd160(sha256Short(data));
export const hash256 = (data: Bytes): Bytes => sha256Short(sha256Short(data));
