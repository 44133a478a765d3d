/**
 * `txlab run --backend SPEC`: the values it takes, and the bad ones refused with one line naming
 * the problem (exit 2) before any node starts — no daemon is needed here.
 */
import { describe, expect, it } from 'vitest';
import { type BackendOption, parseBackendOption, type RpcAuthOptions, resolveBackends } from '../../../main/cli/flags';
import { UsageError } from '../../../main/cli/io';
import { findBuiltin } from '../../../shared/lessons';
import { txlab } from './run';

const chainsOf = (name: string) => findBuiltin(name)!.chains;

/** The usage error's message, or "accepted". */
function refusal(run: () => unknown): string {
  try {
    run();
    return 'accepted';
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
}

const parse = (text: string | undefined, auth: RpcAuthOptions = {}): BackendOption | undefined =>
  parseBackendOption(text, auth);

describe('--backend values', () => {
  it('takes local daemons for every chain, URLs with credentials, and per-chain lists', () => {
    expect(parse(undefined)).toBeUndefined();
    expect(parse('local')).toEqual({ every: { kind: 'local' }, chains: {} });
    expect(parse('local-litecoind')).toEqual({ every: { kind: 'local', daemon: 'litecoind' }, chains: {} });
    expect(parse('local-bitcoind')).toEqual({ every: { kind: 'local', daemon: 'bitcoind' }, chains: {} });
    expect(parse('http://127.0.0.1:18443', { cookie: '/tmp/.cookie' })).toEqual({
      every: { kind: 'rpc', url: 'http://127.0.0.1:18443/', auth: { kind: 'cookie', cookieFile: '/tmp/.cookie' } },
      chains: {},
    });
    expect(parse('http://localhost:19443/', { user: 'u', password: 'p' })).toEqual({
      every: { kind: 'rpc', url: 'http://localhost:19443/', auth: { kind: 'password', user: 'u', password: 'p' } },
      chains: {},
    });
    expect(parse('btc=local-litecoind,ltc=simulated')).toEqual({
      chains: { btc: { kind: 'local', daemon: 'litecoind' }, ltc: { kind: 'simulated' } },
    });
  });

  it('gives each chain of the scenario its backend; chains not named stay simulated', () => {
    expect(resolveBackends(parse('local-litecoind'), 'atomic-swap', chainsOf('atomic-swap'))).toEqual({
      btc: { kind: 'local', daemon: 'litecoind' },
      ltc: { kind: 'local', daemon: 'litecoind' },
    });
    expect(resolveBackends(parse('ltc=local'), 'atomic-swap', chainsOf('atomic-swap'))).toEqual({
      ltc: { kind: 'local' },
    });
    expect(resolveBackends(undefined, 'htlc', chainsOf('htlc'))).toEqual({});
    // The simulator plays anything, 2014 era and simulated networks included.
    expect(resolveBackends(parse('simulated'), 'malleability-mtgox', chainsOf('malleability-mtgox'))).toEqual({
      btc: { kind: 'simulated' },
    });
  });

  it('refuses bad values with a message that names the problem', () => {
    const cases: [string, () => unknown, RegExp][] = [
      [
        'an unknown value',
        () => parse('nowhere'),
        /"nowhere" is not simulated, local, local-litecoind, local-bitcoind/,
      ],
      ['an empty value', () => parse(' '), /needs a value/],
      ['https', () => parse('https://127.0.0.1:18443', { cookie: 'c' }), /plain http, not https:/],
      ['not a URL', () => parse('http://:x', { cookie: 'c' }), /is not a URL/],
      [
        'a remote host',
        () => parse('http://10.1.2.3:18443', { user: 'u', password: 'p' }),
        /refusing RPC to 10\.1\.2\.3/,
      ],
      ['no port', () => parse('http://127.0.0.1', { cookie: 'c' }), /has no port/],
      ['credentials in the URL', () => parse('http://u:p@127.0.0.1:18443'), /not in the URL/],
      [
        'a URL without credentials',
        () => parse('http://127.0.0.1:18443'),
        /needs --rpc-cookie FILE, or --rpc-user and --rpc-password/,
      ],
      [
        'a user without a password',
        () => parse('http://127.0.0.1:18443', { user: 'u' }),
        /needs --rpc-cookie FILE, or --rpc-user and --rpc-password/,
      ],
      [
        'cookie and password both',
        () => parse('http://127.0.0.1:18443', { cookie: 'c', user: 'u', password: 'p' }),
        /give one/,
      ],
      ['credentials without a URL', () => parse(undefined, { cookie: 'c' }), /go with --backend http/],
      [
        'credentials with a local daemon',
        () => parse('local', { user: 'u', password: 'p' }),
        /go with an http:\/\/127\.0\.0\.1:PORT backend/,
      ],
      ['an unknown chain', () => parse('doge=local'), /unknown chain "doge"/],
      ['a chain named twice', () => parse('btc=local,btc=local-litecoind'), /names the btc chain twice/],
      ['a list item without =', () => parse('btc=local,local'), /"local" is not CHAIN=VALUE/],
      ['a bad value in a list', () => parse('btc=bitcoind'), /"bitcoind" is not simulated/],
      [
        'a chain the scenario lacks',
        () => resolveBackends(parse('ltc=local'), 'htlc', chainsOf('htlc')),
        /htlc has no ltc chain/,
      ],
      [
        'one node for two chains',
        () => resolveBackends(parse('http://127.0.0.1:18443', { cookie: 'c' }), 'atomic-swap', chainsOf('atomic-swap')),
        /one RPC node cannot play both chains of atomic-swap/,
      ],
      [
        'a 2014-era lesson',
        () => resolveBackends(parse('local'), 'p2pkh-basics', chainsOf('p2pkh-basics')),
        /p2pkh-basics cannot play on a real node: .*2014 era/,
      ],
      [
        'a simulated network',
        () => resolveBackends(parse('local'), 'throughput-finality', chainsOf('throughput-finality')),
        /throughput-finality cannot play on a real node: .*(2014 era|network of \d+ nodes)/,
      ],
    ];
    for (const [what, run, message] of cases) expect(refusal(run), what).toMatch(message);
  });
});

describe('txlab run --backend, as a user runs it', () => {
  it('exits 2 with one line on stderr and no stack trace, before starting any node', () => {
    const cases: [string[], RegExp][] = [
      [['run', 'htlc', '--backend', 'nowhere'], /"nowhere" is not simulated, local/],
      [['run', 'htlc', '--backend', 'http://127.0.0.1:18443'], /needs --rpc-cookie FILE/],
      [['run', 'htlc', '--backend', 'ltc=local-litecoind'], /htlc has no ltc chain/],
      [
        ['run', 'malleability-mtgox', '--backend', 'local-litecoind'],
        /malleability-mtgox cannot play on a real node: .*2014 era/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = txlab(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
  });
});
