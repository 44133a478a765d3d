/** The `txlab` command: dispatches to a subcommand; usage errors exit 2 with one line. */
import { exportCommand } from './export';
import { errorLine, UsageError } from './io';
import { rpcCommand } from './rpc';
import { runCommand } from './run';
import { scenariosCommand } from './scenarios';
import { vectorsCommand } from './vectors';
import { verifyCommand } from './verify';

// A command that only reads built-in data answers at once; the others do I/O.
type Command = (args: string[]) => number | Promise<number>;

export const COMMANDS: Record<string, { run: Command; summary: string }> = {
  vectors: {
    run: vectorsCommand,
    summary: 'vectors FILE — run a Bitcoin Core vector file (script_tests, tx_valid, tx_invalid, sighash)',
  },
  verify: {
    run: verifyCommand,
    summary:
      "verify --tx HEX --prevouts JSON [--flags F] [--trace] [--height N --mtp T [--chain C]] | --batch FILE — verify transactions (with chain context: Core's mempool checks before scripts); verify --help for more",
  },
  rpc: {
    run: rpcCommand,
    summary: 'rpc [--chain btc|ltc] — bitcoin-cli style commands on stdin, JSON results on stdout',
  },
  scenarios: { run: scenariosCommand, summary: 'scenarios [--json] — the built-in scenarios and their lesson paths' },
  run: {
    run: runCommand,
    summary:
      'run NAME|FILE [--path PATH] [--seed N] [--json] [--backend SPEC] — play a scenario headlessly (on real regtest nodes with --backend local, local-litecoind, local-bitcoind, URL or btc=…,ltc=…); exit 1 if a check fails',
  },
  export: {
    run: exportCommand,
    summary: 'export NAME [--path PATH] [--seed N] [--out FILE] — write a built-in as a scenario file',
  },
};

function help(): string {
  return ['usage: txlab <command> …', '', ...Object.values(COMMANDS).map((c) => `  txlab ${c.summary}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help() + '\n');
    return name ? 0 : 2;
  }
  // Own properties only: `txlab constructor` must not reach Object's prototype.
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) throw new UsageError(`unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')})`);
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError) {
      errorLine(`txlab: ${e.message}`);
      process.exit(2);
    }
    errorLine(`txlab: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(3);
  },
);
