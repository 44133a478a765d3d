/** The `txlab` command: dispatches to a subcommand; usage errors exit 2 with one line. */
import { UsageError } from './io';
import { rpcCommand } from './rpc';
import { vectorsCommand } from './vectors';
import { verifyCommand } from './verify';

type Command = (args: string[]) => Promise<number>;

export const COMMANDS: Record<string, { run: Command; summary: string }> = {
  vectors: { run: vectorsCommand, summary: 'vectors FILE — run a Bitcoin Core vector file (script_tests, tx_valid, tx_invalid, sighash)' },
  verify: { run: verifyCommand, summary: 'verify --tx HEX --prevouts JSON [--flags F] [--trace] | --batch FILE — verify transactions' },
  rpc: { run: rpcCommand, summary: 'rpc [--chain btc|ltc] — bitcoin-cli style commands on stdin, JSON results on stdout' },
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
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')})`);
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`txlab: ${e.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`txlab: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(3);
  },
);
