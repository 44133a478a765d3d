/**
 * The host's remaining refusals said in both languages: a PSBT or raw transaction that does not
 * import (a file from a stranger), a draft that cannot be exported as a PSBT, a console line TxLab
 * cannot read, a real node asked of a host without one, a built-in whose setup a node refused.
 * Each keeps the English sentence it had; a library's or Core's own words stay as they print them.
 */
import { describe, expect, it } from 'vitest';
import { BuiltinCatalog } from '../../../main/host/catalog';
import { SIMULATOR_ONLY, type ConnectBackend, type RealBackend } from '../../../main/host/backendChoice';
import type { ChainBackend } from '../../../main/host/chainBackend';
import { ChainSet } from '../../../main/host/chainSet';
import { Keystore } from '../../../main/keystore/keystore';
import { parseTransaction } from '../../../shared/bitcoin/transaction';
import { failedText } from '../../../shared/contract/result';
import type { ChainActionResult, ChainConfig } from '../../../shared/scenario/chainActions';
import { hostMessage } from '../../../renderer/src/i18n/hostMessage';
import { expectBilingual, zh } from '../contract/bilingual';
import { testBench } from './helpers';

async function imported(data: string) {
  const { call } = await testBench();
  return call('graph.importTx', { chain: 'btc', data, position: { x: 0, y: 0 } });
}

describe('a PSBT or transaction that does not import', () => {
  it('says text that is neither, then why it is no raw transaction', async () => {
    const r = await imported('hello');
    expect(!r.ok && r.error).toMatchObject({ code: 'BAD_REQUEST', path: 'data', where: { key: 'host.psbt.neither' } });
    const chinese = expectBilingual(
      r,
      'host.tx.notHex',
      'neither a PSBT (base64 or hex) nor a raw transaction: the transaction is not hex (an even number of 0-9a-f digits)',
    );
    expect(chinese).toBe(
      '既不是 PSBT（base64 或十六进制），也不是原始交易：交易不是十六进制（应为偶数个 0-9a-f 数字）',
    );
  });

  it('says hex that does not decode as a transaction, with the decoder’s words', async () => {
    const r = await imported('deadbeef');
    const chinese = expectBilingual(
      r,
      'host.tx.undecodable',
      /^neither a PSBT \(base64 or hex\) nor a raw transaction: the transaction does not decode \(.+\); is it truncated\?$/,
    );
    expect(chinese).toMatch(/^既不是 PSBT（base64 或十六进制），也不是原始交易：交易无法解码（.+）；是不是被截断了？$/);
  });

  it('says a PSBT that ends after its magic bytes, with bitcoinjs-lib’s words', async () => {
    const r = await imported('70736274ff');
    expect(!r.ok && r.error.path).toBe('data');
    const chinese = expectBilingual(r, 'host.psbt.invalid', 'not a valid PSBT: Format Error: Unexpected End of PSBT');
    expect(chinese).toBe('不是有效的 PSBT：Format Error: Unexpected End of PSBT');
  });

  it('says a base64 PSBT whose maps are cut short', async () => {
    const r = await imported('cHNidP8Bzz==');
    const chinese = expectBilingual(r, 'host.psbt.invalid', /^not a valid PSBT: \S/);
    expect(chinese.startsWith('不是有效的 PSBT：')).toBe(true);
  });

  it('says an empty transaction (the parser the import falls back to)', () => {
    const chinese = expectBilingual(parseTransaction(''), 'host.tx.empty', 'the transaction is empty');
    expect(chinese).toBe('交易是空的');
  });
});

describe('a draft that cannot be exported as a PSBT', () => {
  it('names the input that spends nothing yet', async () => {
    const t = await testBench();
    const pay = await t.must('graph.addNode', { template: 'p2pkh-payment', chain: 'btc', position: { x: 0, y: 0 } });
    const r = await t.call('tx.exportPsbt', { node: pay.created });
    expect(!r.ok && r.error.code).toBe('INVALID_STATE');
    const chinese = expectBilingual(
      r,
      'host.psbt.notConnected',
      'input 0 is not connected: a PSBT needs the output it spends',
    );
    expect(chinese).toBe('输入 0 没有连接：PSBT 需要它所花费的输出');
  });
});

describe('a console line TxLab cannot read', () => {
  async function rpc(line: string) {
    const { call } = await testBench();
    return call('rpc.call', { chain: 'btc', line });
  }

  it('says an unknown option in both languages, with Core’s error code as detail', async () => {
    const r = await rpc('-testnet getblockcount');
    expect(!r.ok && r.error).toMatchObject({ code: 'REJECTED', detail: '-32602' });
    const chinese = expectBilingual(
      r,
      'host.rpc.unknownOption',
      'unknown option -testnet (only -rpcwallet=NAME and -named are supported)',
    );
    expect(chinese).toBe('未知选项 -testnet（只支持 -rpcwallet=NAME 和 -named）');
  });

  it('says an open quote and a line without a method', async () => {
    expect(expectBilingual(await rpc('getblock "00'), 'host.rpc.unterminatedQuote', 'unterminated " quote')).toBe(
      '引号 " 没有闭合',
    );
    expect(expectBilingual(await rpc('-named'), 'host.rpc.noMethod', 'no method given')).toBe('没有给出方法名');
  });

  it('says a method TxLab does not have: Core’s words, then the methods it has', async () => {
    const r = await rpc('getmininginfo2');
    expect(!r.ok && r.error.detail).toBe('-32601');
    const chinese = expectBilingual(
      r,
      'host.rpc.methodNotFound',
      /^Method not found \(TxLab supports: .*getblockcount.*\)$/,
    );
    expect(chinese).toMatch(/^Method not found（TxLab 支持的方法：.*getblockcount.*）$/);
  });

  it('keeps what bitcoin-cli prints in Core’s words', async () => {
    const r = await rpc('getblockhash x');
    if (r.ok) throw new Error('"x" was read as a height');
    expect(r.error.message).toBe('Error parsing JSON: x');
    expect(r.error.text).toBeUndefined();
    expect(hostMessage(zh, r.error)).toBe('Error parsing JSON: x');
  });
});

describe('real nodes on a host without them', () => {
  it('says the simulator-only host cannot reach one', async () => {
    const config: ChainConfig = { id: 'btc', era: 'modern', startTime: 1_700_000_000 };
    const backend: RealBackend = {
      kind: 'rpc',
      url: 'http://127.0.0.1:18443',
      auth: { kind: 'password', user: 'u', password: 'p' },
    };
    const r = await SIMULATOR_ONLY.connect(config, backend);
    expect(!r.ok && r.error.code).toBe('BACKEND_UNAVAILABLE');
    const chinese = expectBilingual(
      r,
      'host.realNode.needsNode',
      'real nodes need the host to run on Node (this one plays every chain on the simulator)',
    );
    expect(chinese).toBe('真实节点需要主机运行在 Node 上（这个主机的所有链都在模拟器上运行）');
  });
});

describe('a built-in whose setup a real node refuses', () => {
  const RPC_BACKEND: RealBackend = {
    kind: 'rpc',
    url: 'http://127.0.0.1:18443',
    auth: { kind: 'password', user: 'u', password: 'p' },
  };

  /** A "real node" that is the simulator, except for what `refuse` answers instead. */
  function nodeThat(refuse: (op: string) => ChainActionResult | undefined): ConnectBackend {
    return async (config) => {
      const set = await ChainSet.create([config], 1);
      if (!set.ok) return set;
      const chain = set.value.get(config.id)!;
      const node: ChainBackend = {
        kind: 'real',
        id: chain.id,
        primary: chain.primary,
        name: 'a refusing node',
        clock: chain.clock,
        describe: () => chain.describe(),
        apply: (action, onProgress, work) =>
          Promise.resolve(refuse(action.op) ?? chain.apply(action, onProgress, work)),
        resumeAfter: () => undefined,
        close: () => set.value.close(),
      };
      return { ok: true, value: node };
    };
  }

  const build = (connect: ConnectBackend) =>
    new BuiltinCatalog().build('p2pkh-basics', 'pay', {
      wallets: Keystore.inMemory(),
      backends: { btc: RPC_BACKEND },
      connect,
    });

  it('names the step, then the chain’s own words', async () => {
    const r = await build(nodeThat((op) => (op === 'mine' ? failedText('host.noMinerInNetwork') : undefined)));
    expect(!r.ok && r.error).toMatchObject({
      code: 'INVALID_STATE',
      where: { key: 'host.catalog.setupFailed', params: { name: 'p2pkh-basics', op: 'mine' } },
    });
    const chinese = expectBilingual(
      r,
      'host.noMinerInNetwork',
      'built-in p2pkh-basics: setup action mine failed: no node of this network mines (every hash share is 0)',
    );
    expect(chinese).toBe('内置场景 p2pkh-basics：准备步骤 mine 失败：这个网络中没有节点挖矿（所有算力份额都是 0）');
  });

  it('names the step, then the node’s reject reason as Core prints it', async () => {
    const reason = 'bad-txns-inputs-missingorspent';
    const refused: ChainActionResult = {
      op: 'broadcast',
      outcome: { ok: false, txid: '00'.repeat(32), wtxid: '00'.repeat(32), rejection: { reason, message: reason } },
    };
    const r = await build(nodeThat((op) => (op === 'broadcast' ? refused : undefined)));
    const chinese = expectBilingual(
      r,
      'host.catalog.setupRejected',
      'built-in p2pkh-basics: setup action broadcast failed: bad-txns-inputs-missingorspent',
    );
    expect(chinese).toBe('内置场景 p2pkh-basics：准备步骤 broadcast 失败：bad-txns-inputs-missingorspent');
  });
});
