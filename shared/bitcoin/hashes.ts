/**
 * Hash functions used by Script and transactions (pure JS, no platform imports): SHA-256 and
 * RIPEMD-160 of our own (./sha256.ts, ./ripemd160.ts, built for short messages), SHA-1 from
 * @noble/hashes.
 */
import { sha1 as nobleSha1 } from '@noble/hashes/legacy.js';
import type { Bytes } from './bytes';
import { ripemd160 as ripemd160Short } from './ripemd160';
import { sha256 as sha256Short, sha256d } from './sha256';

export const sha256 = (data: Bytes): Bytes => sha256Short(data);
export const sha1 = (data: Bytes): Bytes => nobleSha1(data);
export const ripemd160 = (data: Bytes): Bytes => ripemd160Short(data);
export const hash160 = (data: Bytes): Bytes => ripemd160Short(sha256Short(data));
export const hash256 = (data: Bytes): Bytes => sha256d(data);
