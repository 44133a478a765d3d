/**
 * Core's key_io vectors through TxLab's address functions: regtest addresses both ways (P2TR and
 * future witness versions included), and every invalid string refused on every network.
 */
import { readFileSync } from 'node:fs';
import { networks } from 'bitcoinjs-lib';
import { describe, expect, it } from 'vitest';
import { addressToScript, scriptToAddress } from '../../shared/bitcoin/address';
import { fromHex, toHex } from '../../shared/bitcoin/bytes';
import { BTC_REGTEST } from '../../shared/chain/profiles';

type Row = [string, string, { chain: string; isPrivkey: boolean; tryCaseFlip?: boolean }];
const rows = JSON.parse(
  readFileSync(new URL('../fixtures/bitcoin-core/key_io_valid.json', import.meta.url), 'utf8'),
) as Row[];
const regtest = rows.filter(([, , meta]) => meta.chain === 'regtest' && !meta.isPrivkey);

describe("Core's regtest address vectors (key_io_valid.json)", () => {
  it('has regtest address rows to check', () => expect(regtest.length).toBeGreaterThanOrEqual(8));
  for (const [address, scriptHex] of regtest) {
    it(address, () => {
      for (const exact of [false, true]) {
        const parsed = addressToScript(address, BTC_REGTEST.network, { exact });
        expect(parsed.ok && toHex(parsed.value)).toBe(scriptHex);
      }
      expect(scriptToAddress(fromHex(scriptHex), BTC_REGTEST.network)).toBe(address);
    });
  }
});

const invalid = (
  JSON.parse(readFileSync(new URL('../fixtures/bitcoin-core/key_io_invalid.json', import.meta.url), 'utf8')) as [
    string,
  ][]
).map(([text]) => text);

describe("Core's invalid address strings (key_io_invalid.json)", () => {
  it('has rows, Bech32m ones among them', () => {
    expect(invalid.length).toBeGreaterThanOrEqual(50);
    expect(invalid.some((a) => /^bc1p/.test(a))).toBe(true);
  });
  it('refuses each on regtest, mainnet and testnet', () => {
    const accepted = [BTC_REGTEST.network, networks.bitcoin, networks.testnet].flatMap((network) =>
      invalid.filter((a) => addressToScript(a, network, { exact: true }).ok).map((a) => `${network.bech32}: ${a}`),
    );
    expect(accepted).toEqual([]);
  });
});
