/**
 * The host's words for people go through the catalogues: every key it names exists in English and
 * 简体中文 with the same {placeholders}, its errors carry the key next to their English sentence,
 * and that sentence is what the CLI printed before (message unchanged).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { englishText, errText } from '../../../shared/contract/result';
import { BUILTINS } from '../../../shared/lessons';
import { en } from '../../../shared/ui/i18n/en';
import { zhCN } from '../../../shared/ui/i18n/zh-CN';
import { moneyRangeProblem } from '../../../shared/workspace/model';
import { chainNodeName } from '../../../renderer/src/features/chain/nodeName';
import { nodeLabel } from '../../../renderer/src/features/graph/nodeNames';
import type { Translate } from '../../../renderer/src/i18n/translate';
import { hostMessage } from '../../../renderer/src/i18n/hostMessage';
import { toResult } from '../../../renderer/src/transport/messages';
import { scenarioFile, testBench } from '../host/helpers';

/** The page's `t` over one catalogue (the provider's, without React). */
function translator(catalogue: Readonly<Record<string, string>>): Translate {
  return (key, params) =>
    catalogue[key]!.replace(/\{(\w+)\}/g, (match, name: string) =>
      params && name in params ? String(params[name]) : match,
    );
}
const zh = translator(zhCN);
const english = translator(en);

const ROOT = join(import.meta.dirname, '../../..');

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The catalogue keys the host and the engine name in their errors: `'host.…'`, `'request.…'`, `'reject.…'` and `'protocol.…'` literals in main/ and shared/. */
function hostKeys(): Map<string, string> {
  const keys = new Map<string, string>();
  for (const file of [...sourceFiles(join(ROOT, 'main')), ...sourceFiles(join(ROOT, 'shared'))]) {
    if (file.includes('/i18n/')) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/'((?:host|request|reject|protocol)\.[\w.]+)'/g))
      keys.set(m[1]!, file);
  }
  return keys;
}

describe('the catalogues', () => {
  it('have the same keys and the same {placeholders} in English and 简体中文', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    const differ = Object.keys(en).filter(
      (key) => placeholders(en[key as keyof typeof en]).join() !== placeholders(zhCN[key as keyof typeof zhCN]).join(),
    );
    expect(differ).toEqual([]);
  });

  it('hold every key the host names, translated', () => {
    const keys = hostKeys();
    expect(keys.size).toBeGreaterThan(30);
    const missing = [...keys].filter(([key]) => !Object.hasOwn(en, key) || !Object.hasOwn(zhCN, key));
    expect(missing).toEqual([]);
    // A host key whose Chinese is its English was not translated (install commands are commands).
    const same = [...keys.keys()].filter(
      (key) => key !== 'host.install.litecoind' && en[key as keyof typeof en] === zhCN[key as keyof typeof zhCN],
    );
    expect(same).toEqual([]);
  });
});

describe('lesson paths', () => {
  it('have a title in both languages for every built-in lesson’s path (no path id is shown as is)', () => {
    const paths = BUILTINS.flatMap((b) => b.paths);
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.filter((p) => !Object.hasOwn(en, `path.${p}`) || !Object.hasOwn(zhCN, `path.${p}`))).toEqual([]);
  });
});

describe('errText', () => {
  it('fills message from the English catalogue and carries the key for the page', () => {
    const r = errText('NOT_FOUND', 'host.noInput', { node: 'Payment', input: 2 }, { path: 'input' });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'NOT_FOUND',
        message: '"Payment" has no input 2',
        path: 'input',
        text: { key: 'host.noInput', params: { node: 'Payment', input: 2 } },
      },
    });
    expect(englishText({ key: 'host.nothingToUndo' })).toBe('nothing to undo');
  });

  it('leaves an unknown placeholder visible rather than dropping it', () => {
    expect(englishText({ key: 'host.noNode', params: {} })).toBe('there is no node "{node}"');
  });
});

describe('the host’s errors', () => {
  it('say undo and redo with nothing to do in catalogue words', async () => {
    const { call } = await testBench();
    const undo = await call('workspace.undo', {});
    expect(undo.ok).toBe(false);
    if (undo.ok) return;
    expect(undo.error).toMatchObject({ code: 'INVALID_STATE', message: 'nothing to undo' });
    expect(undo.error.text).toEqual({ key: 'host.nothingToUndo' });
    const redo = await call('workspace.redo', {});
    expect(!redo.ok && redo.error.text?.key).toBe('host.nothingToRedo');
  });

  it('name a missing node and an amount above all the coins there can be', async () => {
    const { call, must } = await testBench();
    const missing = await call('graph.renameNode', { id: 'nowhere', label: 'x' });
    expect(!missing.ok && missing.error.text).toEqual({ key: 'host.noNode', params: { node: 'nowhere' } });
    const pay = await must('graph.addNode', { template: 'p2pkh-payment', chain: 'btc', position: { x: 0, y: 0 } });
    const tooMuch = await call('graph.setOutput', { node: pay.created, output: 0, value: '2100000000000001' });
    expect(tooMuch.ok).toBe(false);
    if (tooMuch.ok) return;
    expect(tooMuch.error.text?.key).toBe('host.money.tooMuch');
    expect(tooMuch.error.message).toBe('2100000000000001 sat is more than all the BTC there can be (21,000,000 BTC)');
  });

  it('say what is wrong with a typed script or address, in both languages', async () => {
    const { call, must } = await testBench();
    const pay = await must('graph.addNode', { template: 'p2pkh-payment', chain: 'btc', position: { x: 0, y: 0 } });
    const opcode = await call('graph.setOutput', { node: pay.created, output: 0, scriptPubKeyAsm: 'OP_DUP OP_FROB' });
    if (opcode.ok) throw new Error('an unknown opcode was accepted');
    expect(opcode.error).toMatchObject({ code: 'BAD_REQUEST', path: 'scriptPubKeyAsm' });
    expect(opcode.error.text).toEqual({ key: 'host.asm.opcode', params: { field: 'scriptPubKey', token: 'OP_FROB' } });
    expect(hostMessage(zh, opcode.error)).toBe('scriptPubKey：未知操作码 OP_FROB');
    const odd = await call('graph.setInput', { node: pay.created, input: 0, scriptSigAsm: 'abc' });
    expect(!odd.ok && odd.error.text?.key).toBe('host.asm.oddHex');
    const address = await call('graph.setOutput', { node: pay.created, output: 0, payTo: { address: 'bc1qnope' } });
    if (address.ok) throw new Error('a bad address was accepted');
    expect(address.error.message).toBe('"bc1qnope" is not a valid bcrt address');
    expect(hostMessage(zh, address.error)).toBe('“bc1qnope”不是有效的 bcrt 地址');
  });

  it('say what is wrong with a wallet name in both languages', async () => {
    const { call } = await testBench();
    const blank = await call('wallet.create', { name: '   ' });
    if (blank.ok) throw new Error('a blank wallet name was accepted');
    expect(blank.error.message).toBe('A wallet name must not be empty.');
    expect(hostMessage(zh, blank.error)).toBe('钱包名称不能为空。');
    const bell = await call('wallet.create', { name: 'Bob\u0007' });
    if (bell.ok) throw new Error('a wallet name with a control character was accepted');
    expect(hostMessage(zh, bell.error)).toBe('钱包名称不能包含控制字符。');
  });

  it('say what a request’s schema refuses in both languages, naming the field', async () => {
    const { call } = await testBench();
    const said = async (method: string, params: unknown): Promise<[string, string]> => {
      const r = await call(method as never, params as never);
      if (r.ok) throw new Error(`${method} accepted ${JSON.stringify(params)}`);
      return [r.error.message, hostMessage(zh, r.error)];
    };
    expect(await said('wallet.create', { name: 'x'.repeat(41) })).toEqual([
      'wallet.create: name: at most 40 characters',
      'name：最多 40 个字符',
    ]);
    expect(await said('wallet.create', { name: 'Eve', colour: 'red' })).toEqual([
      'wallet.create: colour: no such field',
      'colour：没有这个字段',
    ]);
    expect(await said('chain.mine', { chain: 'btc', count: 1.5 })).toEqual([
      'chain.mine: count: should be a whole number',
      'count：应为整数',
    ]);
    expect(await said('graph.deleteSelection', { nodes: [], edges: [] })).toEqual([
      'graph.deleteSelection: the selection is empty',
      '没有选中任何内容',
    ]);
    const [, url] = await said('chain.setBackend', {
      chain: 'btc',
      backend: { kind: 'rpc', url: 'http://192.0.2.1:18443', user: 'u', password: 'p' },
    });
    expect(url).toBe('backend.url：应为本机节点的 http:// 地址，并带端口，例如 http://127.0.0.1:18443');
    // A scenario file's schema speaks the same words.
    const imported = await said('workspace.import', {
      json: JSON.stringify({ format: 'txlab-scenario', version: 1, name: 'x', seed: 1 }),
    });
    expect(imported[1]).toMatch(/：缺少此项$/);
  });

  it('say which lesson step and action refused, then the refusal, in both languages', async () => {
    const { call } = await testBench();
    const lessonFile = scenarioFile({
      wallets: [{ name: 'Alice', keys: [] }],
      lesson: {
        paths: {
          main: [
            {
              title: { en: 'a', zh: 'a' },
              narration: { en: 'b', zh: 'b' },
              // Alice has no key k9 to hand over: the second action is refused when it runs.
              actions: [
                { call: 'chain.mine', params: { chain: 'btc', count: 1, to: { wallet: 'Alice' } } },
                { call: 'wallet.handOver', params: { keyId: 'k9', from: 'Alice', to: 'Alice', reason: 'x' } },
              ],
            },
          ],
        },
        path: 'main',
      },
    });
    const imported = await call('workspace.import', { json: JSON.stringify(lessonFile) });
    if (!imported.ok) throw new Error(imported.error.message);
    const step = await call('lesson.goto', { position: 1 });
    if (step.ok) throw new Error('a step whose action fails was played');
    expect(step.error.message).toBe('step 1, action 2 (wallet.handOver): Alice has no key "k9"');
    const received = toResult(JSON.parse(JSON.stringify(step)));
    if (received.ok) throw new Error('the page read a failure as a success');
    expect(hostMessage(zh, received.error)).toBe('第 1 步第 2 个动作（wallet.handOver）：Alice 没有密钥“k9”');
  });

  it('say why a 2014-era chain cannot be played on a real node, in both languages', async () => {
    const { call, must } = await testBench();
    const era2014 = scenarioFile({ chains: [{ id: 'btc', era: '2014', startTime: 1_400_000_000 }] });
    await must('workspace.import', { json: JSON.stringify(era2014) });
    // Refused before any connection: nothing listens at this address.
    const moved = await call('chain.setBackend', {
      chain: 'btc',
      backend: { kind: 'rpc', url: 'http://127.0.0.1:9', user: 'u', password: 'p' },
    });
    if (moved.ok) throw new Error('a 2014-era chain moved to a real node');
    expect(moved.error.message).toBe(
      "Bitcoin (regtest) cannot be played on a real node: its Bitcoin (regtest) chain is set to the 2014 era (before BIP66 and SegWit), and a real node only plays today's rules",
    );
    const received = toResult(JSON.parse(JSON.stringify(moved)));
    if (received.ok) throw new Error('the page read a failure as a success');
    expect(hostMessage(zh, received.error)).toBe(
      'Bitcoin (regtest) 不能在真实节点上运行：它的 Bitcoin (regtest) 链设为 2014 年时代（BIP66 和隔离见证之前），而真实节点只执行今天的规则',
    );
  });

  it('keep the schema’s own English for a draft above MAX_MONEY (the same sentence)', () => {
    const problem = moneyRangeProblem([{ value: '2000000000000000' }, { value: '200000000000000' }], 'btc');
    expect(problem).toMatchObject({ output: 1, key: 'host.money.sumTooMuch' });
    expect(problem?.message).toBe(
      'the outputs up to this one add up to 2200000000000000 sat, more than all the BTC there can be (21,000,000 BTC)',
    );
  });
});

describe('the page', () => {
  it('says a host error in its language, and keeps the English of one without a key', async () => {
    const { call } = await testBench();
    const undo = await call('workspace.undo', {});
    if (undo.ok) throw new Error('undo with nothing to undo succeeded');
    // What crosses the transport is parsed by the page's schema: the key survives it.
    const received = toResult(JSON.parse(JSON.stringify(undo)));
    if (received.ok) throw new Error('the page read a failure as a success');
    expect(hostMessage(zh, received.error)).toBe('没有可撤销的操作');
    expect(hostMessage(english, received.error)).toBe('nothing to undo');
    expect(hostMessage(zh, { message: 'bad-txns-inputs-missingorspent' })).toBe('bad-txns-inputs-missingorspent');
    // A node named by its default label is said as the canvas says it.
    const refused = {
      message: '',
      text: { key: 'host.noKeyToSign', params: { wallet: 'Alice', node: 'Payment' } },
    } as const;
    expect(hostMessage(zh, refused)).toBe('Alice 没有“付款”要求签名的密钥');
    expect(hostMessage(english, refused)).toBe('Alice holds no key that "Payment" asks to sign');
  });

  it('refuses an answer whose key is not in its catalogue', () => {
    const answer = { ok: false, error: { code: 'NOT_FOUND', message: 'x', text: { key: 'host.noSuchKey' } } };
    expect(toResult(answer)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('translates default node names, glosses the lessons’ own, and leaves the rest', () => {
    expect(nodeLabel('Payment', zh)).toBe('付款');
    expect(nodeLabel('Payment-2', zh)).toBe('付款-2');
    expect(nodeLabel('Imported', zh)).toBe('导入的交易');
    expect(nodeLabel('Funding', zh)).toBe('Funding（注资）');
    expect(nodeLabel('Coins-LTC', zh)).toBe('Coins-LTC（币）');
    expect(nodeLabel('Coinbase', zh)).toBe('Coinbase（新币）');
    expect(nodeLabel('P2WPKH payment', zh)).toBe('P2WPKH 支付');
    expect(nodeLabel('P2SH-P2WPKH payment', zh)).toBe('P2SH-P2WPKH 支付');
    expect(nodeLabel('P2TR payment', zh)).toBe('P2TR 支付');
    expect(nodeLabel('P2WPKH payment', english)).toBe('P2WPKH payment');
    for (const label of ['C1a', 'RD1a', 'HTLC', 'Tx1', 'Alice pays', 'Paymentx'])
      expect(nodeLabel(label, zh)).toBe(label);
    for (const label of ['Payment', 'Funding', 'Coins-LTC', 'Custom 3']) expect(nodeLabel(label, english)).toBe(label);
  });

  it('names a real node in parts: program, the regtest it plays, and whether TxLab started it', () => {
    const real = {
      name: 'litecoind playing Bitcoin regtest (local)',
      real: { program: 'litecoind', plays: 'Bitcoin regtest', local: true },
    };
    expect(chainNodeName(real, zh)).toBe('litecoind 扮演 Bitcoin regtest（本机）');
    expect(chainNodeName(real, english)).toBe(real.name);
    expect(chainNodeName({ name: '127.0.0.1:18443', real: { program: '127.0.0.1:18443', local: false } }, zh)).toBe(
      '127.0.0.1:18443',
    );
    expect(chainNodeName({ name: 'node-b' }, zh)).toBe('node-b');
  });
});
