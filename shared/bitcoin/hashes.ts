/** Hash functions used by Script and transactions (from @noble/hashes, pure JS, no platform imports). */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { ripemd160 as nobleRipemd160, sha1 as nobleSha1 } from '@noble/hashes/legacy.js';
import type { Bytes } from './bytes';

export const sha256 = (data: Bytes): Bytes => nobleSha256(data);
export const sha1 = (data: Bytes): Bytes => nobleSha1(data);
export const ripemd160 = (data: Bytes): Bytes => nobleRipemd160(data);
export const hash160 = (data: Bytes): Bytes => nobleRipemd160(nobleSha256(data));
export const hash256 = (data: Bytes): Bytes => nobleSha256(nobleSha256(data));
