/**
 * decoderawtransaction's scriptPubKey for Litecoin's MWEB witness programs: Litecoin Core's Solver
 * names v9/32 and v8/32 (script/standard.cpp:141, :145) and prints no address for them
 * (core_write.cpp:165); Bitcoin Core calls them witness_unknown, with their address.
 */
import { describe, expect, it } from 'vitest';
import { scriptPubKeyObject } from '../../../main/host/rpc/decode';
import { PROFILES } from '../../../shared/chain/profiles';

const program = (version: number, length: number) =>
  Uint8Array.of(version === 0 ? 0 : 0x50 + version, length, ...new Uint8Array(length).fill(7));

describe('MWEB output types', () => {
  it('names a v9 peg-in and a v8 HogEx address on the Litecoin chain, with type alone', () => {
    const pegin = scriptPubKeyObject(program(9, 32), PROFILES.ltc, 'v0.21');
    const hog = scriptPubKeyObject(program(8, 32), PROFILES.ltc, 'v0.21');
    expect(Object.keys(pegin)).toEqual(['asm', 'hex', 'type']);
    expect(pegin['type']).toBe('witness_mweb_pegin');
    expect(Object.keys(hog)).toEqual(['asm', 'hex', 'type']);
    expect(hog['type']).toBe('witness_mweb_hogaddr');
  });

  it('keeps other lengths and versions witness_unknown on Litecoin', () => {
    for (const [version, length] of [
      [9, 31],
      [9, 33],
      [8, 20],
      [10, 32],
    ] as const) {
      const decoded = scriptPubKeyObject(program(version, length), PROFILES.ltc, 'v0.21');
      expect(decoded).toMatchObject({ reqSigs: 1, type: 'witness_unknown' });
    }
  });

  it('keeps witness_unknown with an address on the Bitcoin chain', () => {
    for (const version of [8, 9]) {
      expect(scriptPubKeyObject(program(version, 32), PROFILES.btc, 'v0.21')).toMatchObject({
        reqSigs: 1,
        type: 'witness_unknown',
      });
      expect(scriptPubKeyObject(program(version, 32), PROFILES.btc, 'modern')).toHaveProperty('address');
    }
  });
});
