/**
 * The two chain profiles: a Bitcoin regtest-like chain and a Litecoin regtest-like chain, each
 * with its own address encoding, block interval and genesis block (the real regtest genesis).
 */
import type { Network } from 'bitcoinjs-lib';
import { ERRORS_AS_CORE_0_21 } from '../bitcoin/flags';

export type ChainId = 'btc' | 'ltc';
export const CHAIN_IDS: readonly ChainId[] = ['btc', 'ltc'];

export interface ChainProfile {
  readonly id: ChainId;
  readonly name: string;
  readonly unit: string;
  readonly network: Network;
  /** Seconds between blocks on average (600 for Bitcoin, 150 for Litecoin). */
  readonly targetSpacing: number;
  readonly halvingInterval: number;
  readonly coinbaseMaturity: number;
  /** Where this chain's node (Bitcoin Core, or Litecoin Core 0.21) differs from the other. */
  readonly rules: ChainRules;
  readonly genesis: {
    readonly coinbaseScriptSig: string;
    readonly coinbaseScriptPubKey: string;
    readonly time: number;
    readonly nonce: number;
    readonly bits: number;
  };
}

/** Constants Litecoin Core 0.21 sets differently from Bitcoin Core (docs/litecoin-rules.md). */
export interface ChainRules {
  /** The node whose rules these are, as the chain panel names it. */
  readonly follows: 'bitcoin-core' | 'litecoin-core-0.21';
  /** MAX_MONEY (amount.h): no output, and no sum of outputs or inputs, may be above it. */
  readonly maxMoney: bigint;
  /** DUST_RELAY_TX_FEE (policy/policy.h) in satoshis per virtual byte. */
  readonly dustRelayFeeRate: number;
  /** The default replacement policy: BIP125 opt-in, or none (Litecoin's -mempoolreplacement=0). */
  readonly replacement: 'opt-in' | 'off';
  /**
   * Witness v9 outputs of 32 bytes are MWEB peg-ins, refused in a transaction without MWEB data;
   * the node decodes them, and v8 outputs of 32 bytes, as MWEB types (witness_mweb_pegin/_hogaddr).
   */
  readonly mwebPegins: boolean;
  /** Interpreter choices of the chain's node that no Core flag names (ERRORS_AS_CORE_0_21). */
  readonly interpreterFlags: number;
  /**
   * Which failing scripts the mempool calls `mandatory-script-verify-flag-failed` rather than
   * `non-mandatory-script-verify-flag`: those that fail again with MANDATORY_SCRIPT_VERIFY_FLAGS.
   * Today's Bitcoin Core: every consensus flag (policy/policy.h). Core 0.21 and Litecoin Core 0.21:
   * P2SH alone (script/standard.h:121), so a failing witness script is "non-mandatory" there.
   */
  readonly mandatoryScriptFlags: 'consensus' | 'p2sh';
}

const COIN = 100_000_000n;

export const BTC_REGTEST: ChainProfile = Object.freeze<ChainProfile>({
  id: 'btc',
  name: 'Bitcoin (regtest)',
  unit: 'BTC',
  network: {
    messagePrefix: '\x18Bitcoin Signed Message:\n',
    bech32: 'bcrt',
    bip32: { public: 0x043587cf, private: 0x04358394 },
    pubKeyHash: 0x6f,
    scriptHash: 0xc4,
    wif: 0xef,
  },
  targetSpacing: 600,
  halvingInterval: 150,
  coinbaseMaturity: 100,
  // Bitcoin Core: amount.h MAX_MONEY; policy/policy.h DUST_RELAY_TX_FEE = 3000; BIP125 opt-in.
  rules: {
    follows: 'bitcoin-core',
    maxMoney: 21_000_000n * COIN,
    dustRelayFeeRate: 3,
    replacement: 'opt-in',
    mwebPegins: false,
    interpreterFlags: 0,
    mandatoryScriptFlags: 'consensus',
  },
  genesis: {
    coinbaseScriptSig:
      '04ffff001d0104455468652054696d65732030332f4a616e2f32303039204368616e63656c6c6f72206f6e206272696e6b206f66207365636f6e64206261696c6f757420666f722062616e6b73',
    coinbaseScriptPubKey:
      '4104678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5fac',
    time: 1296688602,
    nonce: 2,
    bits: 0x207fffff,
  },
});

export const LTC_REGTEST: ChainProfile = Object.freeze<ChainProfile>({
  id: 'ltc',
  name: 'Litecoin (regtest)',
  unit: 'LTC',
  network: {
    messagePrefix: '\x19Litecoin Signed Message:\n',
    bech32: 'rltc',
    bip32: { public: 0x043587cf, private: 0x04358394 },
    pubKeyHash: 0x6f,
    scriptHash: 0x3a,
    wif: 0xef,
  },
  targetSpacing: 150,
  halvingInterval: 150,
  coinbaseMaturity: 100,
  // Litecoin Core 0.21: amount.h:25 MAX_MONEY = 84000000 * COIN; policy/policy.h:52
  // DUST_RELAY_TX_FEE = 30'000; validation.h:80 DEFAULT_ENABLE_REPLACEMENT = false;
  // script/script.h:33 MWEB_PEGIN_WITNESS_VERSION = 9 (validation.cpp:585 MWEB::Node::CheckTransaction);
  // script/standard.h:121 MANDATORY_SCRIPT_VERIFY_FLAGS = SCRIPT_VERIFY_P2SH.
  rules: {
    follows: 'litecoin-core-0.21',
    maxMoney: 84_000_000n * COIN,
    dustRelayFeeRate: 30,
    replacement: 'off',
    mwebPegins: true,
    interpreterFlags: ERRORS_AS_CORE_0_21,
    mandatoryScriptFlags: 'p2sh',
  },
  genesis: {
    coinbaseScriptSig:
      '04ffff001d0104404e592054696d65732030352f4f63742f32303131205374657665204a6f62732c204170706c65e280997320566973696f6e6172792c2044696573206174203536',
    coinbaseScriptPubKey:
      '41040184710fa689ad5023690c80f3a49c8f13f8d45b8c857fbcbc8bc4a8e4d3eb4b10f4d4604fa08dce601aaf0f470216fe1b51850b4acf21b179c45070ac7b03a9ac',
    time: 1296688602,
    nonce: 0,
    bits: 0x207fffff,
  },
});

export const PROFILES: Readonly<Record<ChainId, ChainProfile>> = Object.freeze({ btc: BTC_REGTEST, ltc: LTC_REGTEST });

/** Block subsidy in satoshis at a height (regtest halves every 150 blocks). */
export function blockSubsidy(profile: ChainProfile, height: number): bigint {
  const halvings = Math.floor(height / profile.halvingInterval);
  if (halvings >= 64) return 0n;
  return (50n * COIN) >> BigInt(halvings);
}
