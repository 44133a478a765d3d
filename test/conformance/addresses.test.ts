/** Core's key_io vectors for regtest addresses, through TxLab's address functions (both ways). */
import { readFileSync } from 'node:fs';
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
      const parsed = addressToScript(address, BTC_REGTEST.network);
      // Taproot needs bitcoinjs-lib's ECC library for decoding; TxLab does not do Taproot.
      if (!parsed.ok && /^bcrt1p/.test(address))
        return expect(scriptToAddress(fromHex(scriptHex), BTC_REGTEST.network)).toBe(address);
      expect(parsed.ok && toHex(parsed.value)).toBe(scriptHex);
      expect(scriptToAddress(fromHex(scriptHex), BTC_REGTEST.network)).toBe(address);
    });
  }
});
