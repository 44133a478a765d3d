/** The child's side of the kill harness (killHarness.ts): where its arguments come from. */

/** First argument of a warm child: its real arguments follow on stdin as one JSON array. */
export const ARGS_ON_STDIN = '--args-on-stdin';

/**
 * The child's arguments: process.argv, or, for a child started warm, the JSON array the harness
 * sends on stdin once the run begins (the child's imports are loaded by then).
 */
export async function childArgs(): Promise<string[]> {
  const argv = process.argv.slice(2);
  if (argv[0] !== ARGS_ON_STDIN) return argv;
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed) || !parsed.every((arg): arg is string => typeof arg === 'string')) {
    throw new Error('kill harness: the arguments on stdin must be a JSON array of strings');
  }
  return parsed;
}
