/** CLI plumbing: usage errors print one line and exit 2, never a stack trace. */
export class UsageError extends Error {}

export function usage(message: string): never {
  throw new UsageError(message);
}

export function out(line: string): void {
  process.stdout.write(line + '\n');
}
