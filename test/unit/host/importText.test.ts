/**
 * A scenario or workspace file the host cannot take is refused in catalogue words: the English
 * sentence as before, and the page's 简体中文, with a wrapped refusal's own words kept whole
 * ("wallets[1] ("Alice"): " before the keystore's "A wallet named … already exists.").
 */
import { describe, expect, it } from 'vitest';
import { deriveNode, rootFromMnemonic } from '../../../main/keystore/derivation';
import { errWithin, failedText } from '../../../shared/contract/result';
import { toHex } from '../../../shared/bitcoin/bytes';
import { hostMessage } from '../../../renderer/src/i18n/hostMessage';
import { expectBilingual, zh } from '../contract/bilingual';
import { scenarioFile, testBench } from './helpers';

/** BIP39's first English test vector (all-zero entropy): any valid mnemonic would do. */
const MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';

async function imported(doc: Record<string, unknown>) {
  const { call } = await testBench();
  return call('workspace.import', { json: JSON.stringify(doc) });
}

describe('a file the host cannot import', () => {
  it('names the wallet whose creation failed, then the keystore’s own refusal', async () => {
    const r = await imported(
      scenarioFile({
        wallets: [
          { name: 'Alice', keys: [], private: { mnemonic: MNEMONIC } },
          { name: 'Bob', keys: [], private: { mnemonic: MNEMONIC } },
        ],
      }),
    );
    if (r.ok) throw new Error('two wallets with one seed were imported');
    expect(r.error).toMatchObject({ code: 'IMPORT_FAILED', path: 'wallets[1]' });
    const chinese = expectBilingual(
      r,
      'host.walletSeedTaken',
      'wallets[1] ("Bob"): A wallet with this seed already exists.',
    );
    expect(r.error.where).toEqual({ key: 'host.import.walletAt', params: { i: 1, name: 'Bob' } });
    expect(chinese).toBe('wallets[1]（“Bob”）：已经有一个使用这个种子的钱包。');
  });

  it('names a wallet whose mnemonic is not BIP39', async () => {
    const r = await imported(
      scenarioFile({ wallets: [{ name: 'Eve', keys: [], private: { mnemonic: 'not a mnemonic' } }] }),
    );
    expect(!r.ok && r.error.path).toBe('wallets[0]');
    expectBilingual(
      r,
      'host.keystore.badMnemonic',
      'wallets[0] ("Eve"): Not a valid BIP39 mnemonic (English word list).',
    );
  });

  it('says a key the seed derives differently than the file lists', async () => {
    const wrongKey = toHex(deriveNode(rootFromMnemonic(MNEMONIC), 'receive', 0).publicKey);
    const r = await imported(
      scenarioFile({
        wallets: [
          { name: 'Eve', keys: [{ purpose: 'receive', index: 0, label: 'Eve receive 0', publicKey: wrongKey }] },
        ],
      }),
    );
    expect(!r.ok && r.error.path).toBe('wallets[0].keys[0].publicKey');
    expectBilingual(
      r,
      'host.import.seedKeyDiffers',
      'wallets[0].keys[0] ("Eve receive 0"): the key derived from the scenario seed differs from the file\'s; export with private keys to move custom wallets',
    );
  });

  it('names the handover the keystore refused, then the keystore’s words', async () => {
    const key = toHex(deriveNode(rootFromMnemonic(MNEMONIC), 'receive', 0).publicKey);
    const r = await imported(
      scenarioFile({
        wallets: [
          {
            name: 'Eve',
            keys: [{ purpose: 'receive', index: 0, label: 'Eve receive 0', publicKey: key }],
            private: { mnemonic: MNEMONIC },
          },
        ],
        handovers: [{ keyLabel: 'Eve receive 0', publicKey: key, from: 'Eve', to: 'Eve', reason: 'to herself' }],
      }),
    );
    expect(!r.ok && r.error.path).toBe('handovers[0]');
    const chinese = expectBilingual(
      r,
      'host.handOverToSelf',
      'handovers[0]: A key cannot be handed over to the wallet that holds it.',
    );
    expect(chinese.startsWith('handovers[0]：')).toBe(true);
  });

  it('names the history action that cannot be replayed, then the chain’s words', async () => {
    const r = await imported(scenarioFile({ history: [{ op: 'broadcast', chain: 'btc', hex: '00' }] }));
    if (r.ok) throw new Error('a broadcast of one byte was replayed');
    expect(r.error).toMatchObject({ code: 'IMPORT_FAILED', path: 'history[0]' });
    const chinese = expectBilingual(
      r,
      'host.tx.undecodable',
      /^history\[0\] \(broadcast\) cannot be replayed: the transaction does not decode \(.+\); is it truncated\?$/,
    );
    expect(chinese.startsWith('history[0]（broadcast）无法重放：')).toBe(true);
  });

  it('names a miner the file’s network does not have, and the nodes it has', async () => {
    const r = await imported(
      scenarioFile({ history: [{ op: 'mine', chain: 'btc', count: 1, script: '51', miner: 'Nobody' }] }),
    );
    expect(!r.ok && r.error.path).toBe('history[0].miner');
    const chinese = expectBilingual(
      r,
      'file.noPeer',
      'history[0].miner: the btc network has no node "Nobody" (its nodes: node)',
    );
    expect(chinese).toBe('history[0].miner：btc 网络中没有节点“Nobody”（现有节点：node）');
  });
});

describe('a file that is not a scenario this TxLab reads', () => {
  async function importedText(json: string) {
    const { call } = await testBench();
    return call('workspace.import', { json });
  }

  it('says a file that is not JSON, with the parser’s words inside', async () => {
    const r = await importedText('{"format": ');
    const chinese = expectBilingual(r, 'file.notJson', /^the file is not valid JSON \(.+\)$/);
    expect(chinese).toMatch(/^文件不是有效的 JSON（.+）$/);
  });

  it('says JSON that is not a scenario file, at its format field', async () => {
    const r = await importedText(JSON.stringify({ format: 'something-else', version: 1 }));
    expect(!r.ok && r.error.path).toBe('format');
    expect(
      expectBilingual(
        r,
        'file.notScenario',
        'format: this is not a TxLab scenario file (expected "format": "txlab-scenario")',
      ),
    ).toBe('format：这不是 TxLab 场景文件（应有 "format": "txlab-scenario"）');
  });

  it('says a file from a newer TxLab, and what to do', async () => {
    const r = await imported({ ...scenarioFile({}), version: 99 });
    const chinese = expectBilingual(
      r,
      'file.newerVersion',
      /^version: this file is version 99; this TxLab reads up to version \d+ — update TxLab$/,
    );
    expect(chinese).toMatch(/^version：这个文件是第 99 版；这个 TxLab 最多能读第 \d+ 版——请更新 TxLab$/);
  });

  it('says two wallets with one name, at the second', async () => {
    const r = await imported(
      scenarioFile({
        wallets: [
          { name: 'Alice', keys: [] },
          { name: 'Alice', keys: [] },
        ],
      }),
    );
    expect(expectBilingual(r, 'file.walletNameTwice', 'wallets[1].name: two wallets are named "Alice"')).toBe(
      'wallets[1].name：有两个钱包都叫“Alice”',
    );
  });
});

describe('errWithin', () => {
  it('says the wrapping words, then an inner refusal’s catalogue words, in both languages', () => {
    const inner = failedText('host.noMinerInNetwork');
    const r = errWithin('IMPORT_FAILED', { key: 'host.import.cannotReplay', params: { i: 3, op: 'mine' } }, inner, {
      path: 'history[3]',
    });
    const chinese = expectBilingual(
      r,
      'host.noMinerInNetwork',
      'history[3] (mine) cannot be replayed: no node of this network mines (every hash share is 0)',
    );
    expect(chinese).toBe('history[3]（mine）无法重放：这个网络中没有节点挖矿（所有算力份额都是 0）');
    expect(!r.ok && r.error.path).toBe('history[3]');
  });

  it('keeps an inner refusal without catalogue words as one English sentence', () => {
    const r = errWithin(
      'IMPORT_FAILED',
      { key: 'host.import.at', params: { path: 'handovers[2]' } },
      {
        message: 'something in English only',
      },
    );
    expect(r).toEqual({
      ok: false,
      error: { code: 'IMPORT_FAILED', message: 'handovers[2]: something in English only' },
    });
    if (!r.ok) expect(hostMessage(zh, r.error)).toBe('handovers[2]: something in English only');
  });
});
