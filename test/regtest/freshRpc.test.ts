/**
 * The fresh-regtest `txlab rpc --fresh --chain ltc --style v0.21` against a fresh `litecoind
 * -regtest` (driven by litecoin-cli, so Core's own client converts the arguments): the same
 * script of commands, answer by answer. Transactions are built per side from that side's
 * coinbases and pay an anyone-can-spend P2WSH (OP_TRUE), so no keys are needed.
 */
import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptToAddress } from '../../shared/bitcoin/address';
import { concat, hexToHash } from '../../shared/bitcoin/bytes';
import { sha256 } from '../../shared/bitcoin/hashes';
import { Transaction, txid, wtxid } from '../../shared/bitcoin/transaction';
import { PROFILES } from '../../shared/chain/profiles';
import type { LocalDaemon } from '../../main/backends/localDaemon';
import { MOCK_TIME, startNode } from './support/node';

const BIN = fileURLToPath(new URL('../../bin/txlab.js', import.meta.url));
const OP_TRUE = Uint8Array.of(0x51);
const PAY = concat(Uint8Array.of(0x00, 0x20), sha256(OP_TRUE));
const ADDRESS = scriptToAddress(PAY, PROFILES.ltc.network)!;
const COIN = 100_000_000n;

type Answer = { result: unknown } | { error: { code: number; message: string } };

interface Side {
  readonly name: string;
  call(tokens: readonly string[]): Promise<Answer>;
  /** What this side's own values (txids, block hashes) stand for in the script. */
  readonly symbols: Map<string, string>;
}

/** bitcoin-cli quoting for the txlab line: JSON arguments contain double quotes. */
const quote = (t: string) => (/[\s"'\\]/.test(t) ? `'${t}'` : t);

function txlabSide(): Side & { child: ChildProcessWithoutNullStreams } {
  const child = spawn(process.execPath, [BIN, 'rpc', '--fresh', '--chain', 'ltc', '--style', 'v0.21']);
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()?.(line));
  return {
    name: 'txlab',
    child,
    symbols: new Map(),
    call: (tokens) =>
      new Promise((resolve) => {
        waiting.push((line) => {
          const parsed = JSON.parse(line) as unknown;
          const isError = typeof parsed === 'object' && parsed !== null && 'error' in parsed;
          resolve(isError ? (parsed as { error: { code: number; message: string } }) : { result: parsed });
        });
        child.stdin.write(`${tokens.map(quote).join(' ')}\n`);
      }),
  };
}

function litecoindSide(node: LocalDaemon): Side {
  if (node.kind !== 'litecoind') throw new Error(`this comparison needs litecoind, not ${node.binary}`);
  // The client installed beside the daemon: the same release's argument conversion.
  const cli = join(dirname(node.binary), 'litecoin-cli');
  const base = ['-regtest', `-datadir=${node.datadir}`, `-rpcport=${node.rpcPort}`, '-rpcconnect=127.0.0.1'];
  return {
    name: 'litecoind',
    symbols: new Map(),
    call: (tokens) =>
      new Promise((resolve, reject) => {
        execFile(cli, [...base, ...tokens], { encoding: 'utf8' }, (e, stdout, stderr) => {
          const m = /^error code: (-?\d+)\nerror message:\n([\s\S]*)$/.exec(stderr.trim());
          if (e && m) return resolve({ error: { code: Number(m[1]), message: m[2]!.trim() } });
          if (e) return reject(new Error(`litecoin-cli ${tokens.join(' ')}: ${stderr}`));
          const text = stdout.trim();
          if (text === '') return resolve({ result: null });
          try {
            resolve({ result: JSON.parse(text) as unknown });
          } catch {
            resolve({ result: text }); // bitcoin-cli prints a string result without quotes
          }
        });
      }),
  };
}

/** A transaction spending outpoints that pay OP_TRUE (witness: the script itself). */
function spend(
  inputs: readonly { txid: string; vout: number; sequence?: number }[],
  outputs: readonly bigint[],
  options: { version?: number; locktime?: number } = {},
): Transaction {
  const tx = new Transaction();
  tx.version = options.version ?? 2;
  tx.locktime = options.locktime ?? 0;
  for (const input of inputs) tx.addInput(hexToHash(input.txid), input.vout, input.sequence ?? 0xfffffffd);
  for (const value of outputs) tx.addOutput(PAY, value);
  inputs.forEach((_, i) => tx.setWitness(i, [OP_TRUE]));
  return tx;
}

/** Replaces a side's own values by their symbols, everywhere in an answer. */
function symbolic(value: unknown, symbols: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return symbols.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => symbolic(v, symbols));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [symbols.get(k) ?? k, symbolic(v, symbols)] as const),
    );
  return value;
}

function leaves(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + leaves(v), 0);
  if (value && typeof value === 'object') return Object.values(value).reduce((n: number, v) => n + leaves(v), 0);
  return 1;
}

let node: LocalDaemon;
let sides: [Side, Side];
let txlabChild: ChildProcessWithoutNullStreams;
const compared: { command: string; fields: number }[] = [];

beforeAll(async () => {
  node = await startNode();
  const t = txlabSide();
  txlabChild = t.child;
  sides = [litecoindSide(node), t];
});

afterAll(async () => {
  txlabChild?.stdin.end();
  await node?.stop();
  // One line for the report: how much was compared.
  console.log(`freshRpc: ${compared.length} commands, ${compared.reduce((n, c) => n + c.fields, 0)} fields compared`);
});

/**
 * Runs one command on both sides (`tokens` may depend on the side: its own txids) and expects
 * the same answer once each side's values are symbols. `drop` removes fields that must differ.
 */
async function both(
  tokens: (side: Side) => readonly string[],
  drop: (answer: Answer) => Answer = (a) => a,
): Promise<[Answer, Answer]> {
  const answers = (await Promise.all(sides.map((s) => s.call(tokens(s))))) as [Answer, Answer];
  const [core, ours] = answers.map((a, i) => symbolic(drop(a), sides[i]!.symbols));
  const command = tokens(sides[1]).join(' ').slice(0, 80);
  expect(ours, command).toEqual(core);
  compared.push({ command, fields: leaves(core) });
  return answers;
}

function resultOf(a: Answer): unknown {
  if ('error' in a) throw new Error(`unexpected error ${a.error.code}: ${a.error.message}`);
  return a.result;
}

const withoutKeys =
  (...keys: string[]) =>
  (a: Answer): Answer => {
    if (!('result' in a) || !a.result || typeof a.result !== 'object') return a;
    return { result: Object.fromEntries(Object.entries(a.result).filter(([k]) => !keys.includes(k))) };
  };

/** Mines `count` blocks on both sides and names each side's block hashes and coinbases by height. */
async function mine(count: number, fromHeight: number): Promise<void> {
  const answers = await both(
    () => ['generatetoaddress', `${count}`, ADDRESS],
    (a) => {
      // Block hashes differ: TxLab's coinbase carries its miner tag where Core's carries only the
      // height, and litecoind grinds a scrypt nonce. They are compared as symbols below.
      const hashes = resultOf(a) as string[];
      return { result: hashes.map((_, i) => `block@${fromHeight + i}`) };
    },
  );
  for (const [i, side] of sides.entries()) {
    const hashes = resultOf(answers[i]!) as string[];
    for (const [n, hash] of hashes.entries()) {
      const height = fromHeight + n;
      side.symbols.set(hash, `block@${height}`);
      const block = resultOf(await side.call(['getblock', hash])) as { tx: string[] };
      side.symbols.set(block.tx[0]!, `coinbase@${height}`);
    }
  }
}

/** Each side's txid of the coinbase of block `height`. */
const coinbase = (side: Side, height: number): string => named(side, `coinbase@${height}`);

/** A side's own value of a symbol (a txid). */
function named(side: Side, symbol: string): string {
  for (const [value, name] of side.symbols) if (name === symbol) return value;
  throw new Error(`${side.name}: nothing is named ${symbol}`);
}

/** A transaction per side, named `name` (its txid and wtxid become symbols). */
function build(name: string, make: (side: Side) => Transaction): (side: Side) => string {
  const hexes = new Map<Side, string>();
  for (const side of sides) {
    const tx = make(side);
    side.symbols.set(txid(tx), name);
    side.symbols.set(wtxid(tx), `${name}.wtxid`);
    hexes.set(side, tx.toHex());
  }
  return (side) => hexes.get(side)!;
}

describe('fresh txlab rpc against a fresh litecoind -regtest', () => {
  it('answers the same script of commands the same', async () => {
    await both(() => ['setmocktime', `${MOCK_TIME}`]);
    // Height 0: the genesis block of the chain profile, compared as it is (no symbols yet).
    await both(() => ['getblockcount']);
    await both(() => ['getblockhash', '0']);
    await both(() => ['getbestblockhash']);
    // `usage` is the node's own heap measure (DynamicMemoryUsage); TxLab has none to report.
    await both(() => ['getmempoolinfo'], withoutKeys('usage'));
    await both(() => ['getrawmempool']);
    await both(() => ['listunspent']);
    await both(() => ['gettxout', '00'.repeat(32), '0']);

    await mine(101, 1);
    await both(() => ['getblockcount']);
    await both((s) => ['gettxout', coinbase(s, 1), '0']);
    await both((s) => ['gettxout', coinbase(s, 3), '0']);

    // Coinbase maturity: at tip 101 the coinbase of block 3 has 99 confirmations, of block 2 100.
    const premature = build('premature', (s) => spend([{ txid: coinbase(s, 3), vout: 0 }], [49n * COIN]));
    await both((s) => ['testmempoolaccept', JSON.stringify([premature(s)])]);
    const tx1 = build('tx1', (s) => spend([{ txid: coinbase(s, 1), vout: 0 }], [20n * COIN, 2_999_990_000n]));
    await both((s) => ['testmempoolaccept', JSON.stringify([tx1(s)])]);
    // Finality: the next block is 102; nLockTime 102 is not final there, 101 is.
    const late = build('late', (s) =>
      spend([{ txid: coinbase(s, 2), vout: 0, sequence: 0xfffffffe }], [49n * COIN], { locktime: 102 }),
    );
    await both((s) => ['testmempoolaccept', JSON.stringify([late(s)])]);
    const onTime = build('onTime', (s) =>
      spend([{ txid: coinbase(s, 2), vout: 0, sequence: 0xfffffffe }], [4_999_990_000n], { locktime: 101 }),
    );
    await both((s) => ['testmempoolaccept', JSON.stringify([onTime(s)])]);
    // CheckTransaction and CheckTxInputs.
    const dup = build('dup', (s) =>
      spend(
        [
          { txid: coinbase(s, 2), vout: 0 },
          { txid: coinbase(s, 2), vout: 0 },
        ],
        [49n * COIN],
      ),
    );
    await both((s) => ['testmempoolaccept', JSON.stringify([dup(s)])]);
    const noOutputs = build('noOutputs', (s) => spend([{ txid: coinbase(s, 2), vout: 0 }], []));
    await both((s) => ['testmempoolaccept', JSON.stringify([noOutputs(s)])]);
    const tooLarge = build('tooLarge', (s) => spend([{ txid: coinbase(s, 2), vout: 0 }], [84_000_000n * COIN + 1n]));
    await both((s) => ['testmempoolaccept', JSON.stringify([tooLarge(s)])]);
    const belowOut = build('belowOut', (s) => spend([{ txid: coinbase(s, 2), vout: 0 }], [51n * COIN]));
    await both((s) => ['testmempoolaccept', JSON.stringify([belowOut(s)])]);

    await both((s) => ['sendrawtransaction', tx1(s)]);
    await both(() => ['getrawmempool']);
    await both(() => ['getmempoolinfo'], withoutKeys('usage'));
    await both((s) => ['getmempoolentry', named(s, 'tx1')]);
    await both(() => ['-named', 'getrawmempool', 'verbose=true']);
    await both((s) => ['gettxout', coinbase(s, 1), '0']);
    await both((s) => ['gettxout', coinbase(s, 1), '0', 'false']);
    const tx1id = (s: Side) => named(s, 'tx1');
    await both((s) => ['gettxout', tx1id(s), '1']);

    // BIP68: a relative lock of one block on an unconfirmed coin (it counts from block 102).
    const relative = build('relative', (s) => spend([{ txid: tx1id(s), vout: 0, sequence: 1 }], [19n * COIN]));
    await both((s) => ['testmempoolaccept', JSON.stringify([relative(s)])]);
    const child = build('child', (s) => spend([{ txid: tx1id(s), vout: 0 }], [1_999_990_000n]));
    await both((s) => ['-named', 'sendrawtransaction', `hexstring=${child(s)}`, 'maxfeerate=0']);
    await both((s) => ['getmempoolentry', tx1id(s)]);
    await both((s) => ['-named', 'getmempoolentry', `txid=${named(s, 'child')}`]);
    await both((s) => ['sendrawtransaction', tx1(s)]);

    await mine(1, 102);
    await both(() => ['getrawmempool', 'true']);
    await both((s) => ['gettxout', tx1id(s), '1']);
    await both((s) => ['sendrawtransaction', tx1(s)]);
    await both(() => ['getmempoolinfo'], withoutKeys('usage'));
    await both((s) => ['-named', 'gettxout', `txid=${tx1id(s)}`, 'n=1', 'include_mempool=false']);
    await both(() => ['-named', 'getblockhash', 'height=0']);
    await both((s) => ['-named', 'getmempoolentry', `txid=${tx1id(s)}`]);
    await both(() => ['-named', 'getrawmempool', 'verbos=true']);
    await both(() => ['getblockcount']);
    // getblockchaininfo: the fields TxLab prints (Litecoin Core adds softforks, mweb and more);
    // size_on_disk is the node's disk.
    const ours = resultOf(await sides[1].call(['getblockchaininfo'])) as Record<string, unknown>;
    await both(
      () => ['getblockchaininfo'],
      (a) => {
        const r = resultOf(a) as Record<string, unknown>;
        return {
          result: Object.fromEntries(
            Object.keys(ours)
              .filter((k) => k !== 'size_on_disk')
              .map((k) => [k, r[k]]),
          ),
        };
      },
    );
  });
});
