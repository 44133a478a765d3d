/**
 * The protocol builders refuse in catalogue words: each refusal names a `protocol.…` key, keeps
 * the English sentence it always had as `message`, and the page says it in 简体中文. A palette
 * template passes those words on to the contract error, with the parameter it names.
 */
import { describe, expect, it } from 'vitest';
import { Transaction } from '../../../shared/bitcoin/transaction';
import { ok } from '../../../shared/contract/result';
import { SWAP_TEMPLATES } from '../../../shared/lessons/atomicSwap/templates';
import type { NodeTemplate, TemplateContext } from '../../../shared/lessons/host';
import { TAPROOT_SWAP_TEMPLATES } from '../../../shared/lessons/taprootSwap/templates';
import { buildHtlcTx, offerHtlc } from '../../../shared/protocols/htlc';
import { mutate } from '../../../shared/protocols/malleability';
import { planRoute } from '../../../shared/protocols/multihop';
import { buildFunding, buildMultisigSpend } from '../../../shared/protocols/multisig';
import { keyOutput } from '../../../shared/protocols/outputs';
import { buildPayment } from '../../../shared/protocols/p2pkh';
import { type ChannelParams, initialState, nextState } from '../../../shared/protocols/rsmc';
import { swapHash } from '../../../shared/protocols/swap';
import { taprootHtlc } from '../../../shared/protocols/taprootHtlc';
import { type ProtocolError, type ProtocolResult, wrapsForEra } from '../../../shared/protocols/types';
import { hostMessage } from '../../../renderer/src/i18n/hostMessage';
import { expectBilingual, inEnglish, zh } from '../contract/bilingual';
import { party, START_TIME } from './support';

const alice = party('Alice');
const bob = party('Bob');
const revocation = { alice: party('Alice2').pub, bob: party('Bob2').pub };
const HASH160_SIZE = new Uint8Array(20);
const SHA256_SIZE = new Uint8Array(32);

function refusal(result: ProtocolResult<unknown>): ProtocolError {
  if (result.ok) throw new Error('expected a refusal, got ok');
  return result.error;
}

/** The refusal's key, its English (unchanged, and what the page's English says too) and its Chinese. */
function expectSaid(error: ProtocolError, key: string, english: string, chinese: string): void {
  expect(error.text.key).toBe(key);
  expect(error.message).toBe(english);
  expect(hostMessage(inEnglish, error)).toBe(english);
  expect(hostMessage(zh, error)).toBe(chinese);
}

describe('a protocol builder’s refusal', () => {
  it('p2pkh: the coins do not cover the payees and the fee', () => {
    const error = refusal(
      buildPayment({
        coins: [{ prevout: { txid: '11'.repeat(32), vout: 0 }, value: 1_000n, pubKey: alice.pub, wrap: 'p2wpkh' }],
        payees: [keyOutput(bob.pub, 'p2wpkh', 5_000n)],
        fee: 500n,
      }),
    );
    expect(error).toMatchObject({ code: 'insufficient-funds', path: 'coins' });
    expectSaid(
      error,
      'protocol.payment.short',
      'the coins hold 1000 sat; payees and fee need 5500 sat',
      '这些币共有 1000 聪；付款和手续费需要 5500 聪',
    );
  });

  it('multisig: a party puts nothing in, and m is more than n', () => {
    const funding = refusal(
      buildFunding({
        alice: alice.pub,
        bob: bob.pub,
        wrap: 'p2wsh',
        parties: [{ name: 'Carol', coins: [], amount: 0n, fee: 0n }],
      }),
    );
    expect(funding.path).toBe('parties.0.amount');
    expectSaid(
      funding,
      'protocol.multisig.partyAmount',
      'Carol must put a positive amount in',
      'Carol 投入的金额必须为正数',
    );

    const spend = refusal(
      buildMultisigSpend({
        prevout: { txid: '22'.repeat(32), vout: 0 },
        required: 3,
        pubKeys: [alice.pub, bob.pub],
        signers: [alice.pub, bob.pub],
        wrap: 'p2wsh',
        outputs: [keyOutput(bob.pub, 'p2wpkh', 1_000n)],
      }),
    );
    expect(spend).toMatchObject({ code: 'bad-key', path: 'required' });
    expectSaid(spend, 'protocol.multisig.mOfN', 'multisig needs 1 ≤ m ≤ n ≤ 16 keys', '多签需要 1 ≤ m ≤ n ≤ 16 个公钥');
  });

  it('rsmc: a side pays more than its balance', () => {
    const state = initialState({ alice: 90_000n, bob: 0n }, revocation);
    const error = refusal(nextState(state, { from: 'bob', amount: 10n }, revocation));
    expect(error).toMatchObject({ code: 'insufficient-funds', path: 'amount' });
    expectSaid(error, 'protocol.rsmc.balanceShort', 'Bob has only 0 sat in the channel', 'Bob 在通道中只有 0 聪');
  });

  it('htlc: the payer cannot lock the amount, and a transaction of the other side is asked for', () => {
    const state = initialState({ alice: 1_000n, bob: 99_000n }, revocation);
    const terms = { index: 1, payer: 'alice' as const, amount: 5_000n, hash: HASH160_SIZE, timeout: START_TIME };
    const lock = refusal(offerHtlc(state, terms, revocation));
    expect(lock).toMatchObject({ code: 'insufficient-funds', path: 'amount' });
    expectSaid(lock, 'protocol.htlc.cannotLock', 'Alice cannot lock 5000 sat', 'Alice 无法锁定 5000 聪');

    const params: ChannelParams = {
      keys: { alice: alice.pub, bob: bob.pub },
      wraps: wrapsForEra('modern'),
      funding: { txid: '33'.repeat(32), vout: 0 },
      capacity: 100_000n,
      delay: 1000,
      fee: 1_000n,
    };
    const withHtlc = { ...state, n: 2, balance: { alice: 0n, bob: 99_000n }, htlc: { ...terms, amount: 1_000n } };
    // Alice pays the HTLC, so her commitment has a timeout path and no execution (HE) path.
    const pays = refusal(buildHtlcTx(params, withHtlc, 'alice', 'HE'));
    expect(pays).toMatchObject({ code: 'not-applicable', path: 'kind' });
    expectSaid(
      pays,
      'protocol.htlc.noTxHolderPays',
      'HE does not exist on C2a (the holder pays)',
      'C2a 上没有 HE（持有者是付款方）',
    );
    const paid = refusal(buildHtlcTx(params, withHtlc, 'bob', 'HT'));
    expectSaid(
      paid,
      'protocol.htlc.noTxHolderPaid',
      'HT does not exist on C2b (the holder is paid)',
      'C2b 上没有 HT（持有者是收款方）',
    );
  });

  it('swap: X of the wrong size', () => {
    const error = refusal(swapHash(new Uint8Array(31)));
    expect(error).toMatchObject({ code: 'bad-secret', path: 'secret' });
    expectSaid(error, 'protocol.secret.size', 'X must be 32 bytes', 'X 必须是 32 字节');
  });

  it('multihop: a route of one node, and a key that is not compressed', () => {
    const short = refusal(
      planRoute({ path: [{ name: 'Alice', key: alice.pub }], amount: 1n, feePerHop: 0n, start: 1 }),
    );
    expect(short).toMatchObject({ code: 'bad-route', path: 'path' });
    expectSaid(short, 'protocol.route.tooShort', 'a route needs a payer and a payee', '路由需要一个付款方和一个收款方');

    const path = [
      { name: 'Alice', key: alice.pub },
      { name: 'Bob', key: bob.pub.subarray(1) },
    ];
    const key = refusal(planRoute({ path, amount: 1n, feePerHop: 0n, start: 1 }));
    expect(key).toMatchObject({ code: 'bad-key', path: 'path.1.key' });
    expectSaid(key, 'protocol.key.notCompressed', 'expected a 33-byte compressed public key', '需要 33 字节的压缩公钥');
  });

  it('taprootHtlc: payer and payee are one key', () => {
    const error = refusal(taprootHtlc({ payer: alice.pub, payee: alice.pub, hash: SHA256_SIZE, timeout: START_TIME }));
    expect(error).toMatchObject({ code: 'bad-key', path: 'payee' });
    expectSaid(
      error,
      'protocol.taproot.sameKey',
      'payer and payee need two different keys',
      '付款方和收款方需要两把不同的公钥',
    );
  });

  it('malleability: an input the transaction does not have', () => {
    const tx = new Transaction();
    tx.addInput(new Uint8Array(32), 0);
    const error = refusal(mutate(tx, 3, 'high-s'));
    expect(error).toMatchObject({ code: 'not-applicable', path: 'input' });
    expectSaid(error, 'protocol.mutate.noInput', 'the transaction has no input 3', '该交易没有输入 3');
  });
});

describe('a palette template’s refusal', () => {
  const ctx: TemplateContext = {
    chain: 'btc',
    era: 'modern',
    time: START_TIME,
    publicKey: (wallet) => Promise.resolve(ok(party(wallet).pub)),
  };
  const template = (all: readonly NodeTemplate[], id: string): NodeTemplate => {
    const found = all.find((t) => t.id === id);
    if (!found) throw new Error(`no template ${id}`);
    return found;
  };

  it('carries the builder’s words and the parameter they are about (templateKit built)', async () => {
    const refund = await template(SWAP_TEMPLATES, 'swap-tx2').build(ctx, { amount: '1000', fee: '2000' });
    const chinese = expectBilingual(
      refund,
      'protocol.fee.takesAll',
      'the fee (2000 sat) takes the whole amount (1000 sat)',
    );
    expect(chinese).toBe('手续费（2000 聪）占去了全部金额（1000 聪）');
    expect(!refund.ok && refund.error).toMatchObject({ code: 'BAD_REQUEST', path: 'params.value' });
  });

  it('carries them from the taproot HTLC output too', async () => {
    const htlc = await template(TAPROOT_SWAP_TEMPLATES, 'taproot-htlc').build(ctx, { payer: 'Alice', payee: 'Alice' });
    const chinese = expectBilingual(htlc, 'protocol.taproot.sameKey', 'payer and payee need two different keys');
    expect(chinese).toBe('付款方和收款方需要两把不同的公钥');
    expect(!htlc.ok && htlc.error.path).toBe('params.payee');
  });
});
