/**
 * Inputs that are not scenario files: command lines and `txlab rpc` lines (CLI only), special
 * files given as the scenario file (CLI only), and raw frames on browser mode's WebSocket.
 * `@FILE@` in arguments stands for a valid scenario file (the p2pkh-basics export).
 */
import type { Sink } from './sink';
import { nested } from './text';
import { BUDGET, type RpcAnswer } from './types';

/** Core's RPC_METHOD_NOT_FOUND (bitcoin/src/rpc/protocol.h), the answer bitcoind gives an unknown method. */
const RPC_METHOD_NOT_FOUND = -32601;

const PROTOTYPE_NAMES = [
  'constructor',
  '__proto__',
  'hasOwnProperty',
  'valueOf',
  'toString',
  'toLocaleString',
  'isPrototypeOf',
  'propertyIsEnumerable',
  '__defineGetter__',
  '__lookupGetter__',
];

export const VALID_FILE = '@FILE@';

export function cliCases(sink: Sink): void {
  const { rng } = sink;
  const usage = (cls: 5 | 6 | 9, description: string, args: string[], field: string): void =>
    sink.cli({ cls, description, args, expect: { exit: 2, field }, budget: BUDGET.refused });

  // Class 5: method names that are Object.prototype's.
  for (let k = 0; k < 3; k++) {
    const names = k === 0 ? PROTOTYPE_NAMES : rng.sample(PROTOTYPE_NAMES, rng.int(3, 6));
    const lines = names.map((n) => (rng.next() < 0.5 ? n : `${n} ${rng.pick(['1', '{}', '[]', '"x"', rng.word()])}`));
    sink.cli({
      cls: 5,
      description: `txlab rpc: ${lines.length} lines calling prototype members (${names.join(', ')})`,
      args: ['rpc'],
      stdin: `${lines.join('\n')}\n`,
      expect: { exit: 0, answers: lines.map(() => RPC_METHOD_NOT_FOUND) },
      budget: BUDGET.refused,
    });
  }
  {
    const lines = [
      '-rpcwallet=__proto__ getbalance',
      '-rpcwallet=constructor getnewaddress',
      'getblockhash {"__proto__":1}',
      'getrawmempool {"constructor":{}}',
      'testmempoolaccept [{"__proto__":1}]',
      'getblock __proto__',
      'getblock constructor 2',
    ];
    sink.cli({
      cls: 5,
      description: 'txlab rpc: prototype names as wallets and arguments',
      args: ['rpc'],
      stdin: `${lines.join('\n')}\n`,
      expect: { exit: 0, answers: lines.map((): RpcAnswer => 'error') },
      budget: BUDGET.refused,
    });
  }
  for (const name of [
    'constructor',
    ...rng.sample(
      PROTOTYPE_NAMES.filter((n) => n !== 'constructor'),
      3,
    ),
  ])
    usage(5, `txlab ${name}`, [name], name);
  usage(5, 'txlab export __proto__', ['export', '__proto__'], '__proto__');
  usage(
    5,
    'txlab run p2pkh-basics --path constructor',
    ['run', 'p2pkh-basics', '--path', 'constructor'],
    'constructor',
  );
  usage(5, 'txlab run FILE --path __proto__', ['run', VALID_FILE, '--path', '__proto__'], '__proto__');
  usage(5, 'txlab rpc --chain constructor', ['rpc', '--chain', 'constructor'], '--chain');

  // Class 6: control characters in what the command line quotes back.
  usage(6, 'txlab run with an escape sequence as the scenario', ['run', '\u001b]0;pwned\u0007'], '\\x1b]0;pwned\\x07');
  usage(6, 'txlab with an escape sequence as the command', ['\u001b[2J\u001b[H'], '\\x1b[2J\\x1b[H');
  usage(
    6,
    'txlab run p2pkh-basics --path with an escape sequence',
    ['run', 'p2pkh-basics', '--path', '\u001b[31mred'],
    '\\x1b[31mred',
  );
  usage(
    6,
    'txlab run p2pkh-basics --seed with an escape sequence',
    ['run', 'p2pkh-basics', '--seed', '\u001b[2J'],
    '--seed',
  );
  {
    const lines = ['getblock "\u001b[2J\u001b]0;x\u0007"', 'decoderawtransaction \u001b[8m00', `\u009b2J${rng.word()}`];
    sink.cli({
      cls: 6,
      description: 'txlab rpc: lines with ESC and C1 CSI quoted back in errors',
      args: ['rpc'],
      stdin: `${lines.join('\n')}\n`,
      expect: { exit: 0, answers: lines.map((): RpcAnswer => 'error') },
      budget: BUDGET.refused,
    });
  }

  // Class 9: --seed values that are not seeds, unbounded lines.
  const seeds: string[][] = [
    ['run', 'p2pkh-basics', '--seed', '-1'],
    ['run', 'p2pkh-basics', '--seed=-1'],
    ['export', 'p2pkh-basics', '--seed', '-1'],
    ['rpc', '--seed', '-1'],
    ['run', 'p2pkh-basics', '--seed', rng.pick(['1e3', '0x10', '4294967296', '', ' 5', '-0', '1.5'])],
    [
      'export',
      rng.pick(['segwit', 'multihop', 'htlc']),
      '--seed',
      rng.pick(['-4294967295', 'NaN', 'Infinity', '99999999999999999999']),
    ],
  ];
  for (const args of seeds) usage(9, `txlab ${args.map((a) => JSON.stringify(a)).join(' ')}`, args, '--seed');
  const mb = 1_000_000;
  sink.cli({
    cls: 9,
    description: 'txlab rpc: a 50 MB line, then getblockcount',
    args: ['rpc'],
    stdin: { fill: 'a', repeat: 50 * mb, then: '\ngetblockcount\n' },
    expect: { exit: 0, answers: ['error', 'result'] },
    budget: { seconds: 20, mb: 300 },
  });
  sink.cli({
    cls: 9,
    description: 'txlab rpc: a 50 MB decoderawtransaction line without a newline at the end',
    args: ['rpc'],
    stdin: { fill: '00', repeat: 25 * mb, then: '' },
    expect: { exit: 0, answers: ['error'] },
    budget: { seconds: 20, mb: 300 },
  });
  {
    const n = rng.int(3, 8);
    sink.cli({
      cls: 9,
      description: `txlab rpc: getblockcount, a ${n} MB line, getbestblockhash`,
      args: ['rpc'],
      stdin: { fill: 'x', repeat: n * mb, then: '\ngetbestblockhash\n' },
      expect: { exit: 0, answers: ['error', 'result'] },
      budget: { seconds: 20, mb: 300 },
    });
  }

  for (const special of ['dev-zero', 'fifo-endless', 'fifo-silent', 'directory', 'not-utf8'] as const) {
    sink.special({
      cls: 9,
      description: `txlab run with ${special} as the file`,
      special,
      expect: { accept: ['refused'], field: null },
      budget: BUDGET.refused,
    });
  }
}

export function wsCases(sink: Sink): void {
  const { rng, env } = sink;
  let frameId = 1;
  const invoke = (method: string, params: unknown): string =>
    JSON.stringify({ kind: 'invoke', id: frameId++, method, params });
  /** An invoke message with `params` spliced in as raw JSON text (too deep for JSON.stringify). */
  const invokeRaw = (method: string, paramsText: string): string =>
    `{"kind":"invoke","id":${frameId++},"method":${JSON.stringify(method)},"params":${paramsText}}`;
  // Class 10: params nested 100,000 deep and more.
  for (const [method, depth, kind] of [
    ['workspace.get', 100_000, 'arrays'],
    ['workspace.get', 100_000, 'objects'],
    ['lesson.goto', 1_000_000, 'mixed'],
    [
      rng.pick(['graph.renameNode', 'wallet.create', 'chain.mine']),
      100_000,
      rng.pick(['arrays', 'objects', 'mixed'] as const),
    ],
  ] as const) {
    sink.ws({
      cls: 10,
      description: `${method} with params nested ${depth.toLocaleString('en')} deep (${kind})`,
      frames: [{ text: invokeRaw(method, nested(depth, kind)), answer: 'BAD_REQUEST' }],
      budget: BUDGET.refused,
    });
  }
  sink.ws({
    cls: 10,
    description: 'workspace.import with a valid json string and an extra key nested 100,000 deep',
    frames: [
      {
        text: invokeRaw('workspace.import', `{"json":"{}","extra":${nested(100_000, 'objects')}}`),
        answer: 'BAD_REQUEST',
      },
    ],
    budget: BUDGET.refused,
  });
  sink.ws({
    cls: 10,
    description: 'lesson.goto with position nested 100,000 deep in arrays',
    frames: [{ text: invokeRaw('lesson.goto', `{"position":${nested(100_000, 'arrays')}}`), answer: 'BAD_REQUEST' }],
    budget: BUDGET.refused,
  });

  // Class 5 over the socket: method names and console lines that are prototype members.
  for (const name of rng.sample(PROTOTYPE_NAMES, 4)) {
    sink.ws({
      cls: 5,
      description: `the method "${name}"`,
      frames: [{ text: invoke(name, {}), answer: 'UNKNOWN_METHOD' }],
      budget: BUDGET.refused,
    });
  }
  for (const name of rng.sample(PROTOTYPE_NAMES, 3)) {
    sink.ws({
      cls: 5,
      description: `rpc.call with the line "${name}"`,
      frames: [{ text: invoke('rpc.call', { chain: 'btc', line: name }), answer: 'error' }],
      budget: BUDGET.refused,
    });
  }

  // Class 1 over the socket: the page names a program, a cookie file, a remote URL.
  const backends: [string, unknown, string][] = [
    ['a daemon binary path', { kind: 'local', binary: env.baitDaemon }, 'backend'],
    ["the bait daemon's path as the offer id", { kind: 'local', daemon: env.baitDaemon }, 'backend.daemon'],
    ['a relative path as the offer id', { kind: 'local', daemon: '../../bin/litecoind' }, 'backend.daemon'],
    [
      'the capture server with a cookie file',
      { kind: 'rpc', url: env.captureUrl, cookieFile: env.baitCookie, user: '', password: '' },
      'backend',
    ],
    [
      'a node on another machine',
      { kind: 'rpc', url: 'http://192.0.2.7:18443/', user: 'u', password: 'p' },
      'backend.url',
    ],
    [
      'a loopback URL with credentials in it',
      { kind: 'rpc', url: `${env.captureUrl.replace('http://', 'http://u:p@')}`, user: 'u', password: 'p' },
      'backend.url',
    ],
  ];
  for (const [what, backend, field] of backends) {
    sink.ws({
      cls: 1,
      description: `chain.setBackend naming ${what}`,
      frames: [{ text: invoke('chain.setBackend', { chain: 'btc', backend }), answer: 'BAD_REQUEST', field }],
      budget: BUDGET.refused,
    });
  }
  sink.ws({
    cls: 1,
    description: 'chain.chooseDaemon from the page in browser mode (no dialog to show)',
    frames: [{ text: invoke('chain.chooseDaemon', {}), answer: 'error' }],
    budget: BUDGET.refused,
  });
}
