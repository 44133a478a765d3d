/**
 * CLI plumbing: usage errors print one line and exit 2, never a stack trace; everything printed
 * goes through `terminalText`, so a title or a name from a scenario file cannot send escape
 * sequences to the terminal; files are read without reading past the limit.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { err, ok, type Result } from '../../shared/contract/result';
import { terminalText } from '../../shared/text/safeText';

export class UsageError extends Error {}

export function usage(message: string): never {
  throw new UsageError(message);
}

export function out(line: string): void {
  process.stdout.write(`${terminalText(line, { multiline: true })}\n`);
}

export function errorLine(line: string): void {
  process.stderr.write(`${terminalText(line, { multiline: true })}\n`);
}

/**
 * At most `limit` bytes of a regular file, refusing anything longer after reading `limit + 1`
 * bytes at most. Only regular files: a FIFO would block (opened without O_NONBLOCK, it waits for
 * a writer forever) and /dev/zero never ends. Fails with a sentence, never a stack.
 */
export async function readBounded(path: string, limit: number): Promise<Result<Uint8Array>> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer; fstat then refuses it.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? err('NOT_FOUND', 'no such file')
      : err(
          'IMPORT_FAILED',
          code === 'EACCES'
            ? 'permission denied'
            : code === 'EISDIR'
              ? 'a folder, not a file'
              : `cannot be opened (${code ?? 'error'})`,
        );
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) return err('IMPORT_FAILED', 'a folder, not a file');
    if (!stat.isFile())
      return err('IMPORT_FAILED', 'not a regular file (a device, a FIFO or a socket): save it as a file first');
    if (stat.size > limit)
      return err('IMPORT_FAILED', `${(stat.size / 1e6).toFixed(1)} MB; the limit is ${limit / 1e6} MB`);
    const buffer = new Uint8Array(limit + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > limit) return err('IMPORT_FAILED', `more than ${limit / 1e6} MB; the limit is ${limit / 1e6} MB`);
    return ok(buffer.subarray(0, filled));
  } catch (e) {
    return err('IMPORT_FAILED', `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  } finally {
    await handle.close();
  }
}

/** Bytes as UTF-8 text, or undefined when they are not UTF-8. */
export function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** A text file the command needs, read within `limit` bytes; a usage error (one line) otherwise. */
export async function readTextFile(path: string, limit: number): Promise<string> {
  const read = await readBounded(path, limit);
  if (!read.ok) usage(`cannot read ${path}: ${read.error.message}`);
  const text = utf8(read.value);
  if (text === undefined) usage(`${path} is not UTF-8 text`);
  return text;
}

/** Input files of the engine commands (vector files, batches): Core's largest vector file is under 1 MB. */
export const MAX_INPUT_FILE_BYTES = 64_000_000;

/**
 * `--seed -1` is a value, not an option: node's parseArgs would take `-1` for an option and say so
 * in its own words. Joins each string option with the argument after it (`--seed=-1`).
 */
export function joinOptionValues(args: readonly string[], stringOptions: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (stringOptions.includes(arg.replace(/^--/, '')) && arg.startsWith('--') && i + 1 < args.length) {
      joined.push(`${arg}=${args[++i]!}`);
    } else {
      joined.push(arg);
    }
  }
  return joined;
}
