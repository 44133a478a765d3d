/**
 * Text that came from a file or a page is shown, never obeyed. Two dangers, two functions:
 *
 * - On screen, bidirectional controls reorder what follows them ("Bob‮exe.txt" reads as
 *   "Bobtxt.exe") and control characters vanish or break lines. `visibleText` turns each into a
 *   visible marker (‹RLO›, ␛), so what is shown is what is there.
 * - In a terminal, escape sequences (ESC, CSI …) clear the screen, set the window title or move
 *   the cursor. `terminalText` writes every control and bidi character as an escape (`\x1b`,
 *   `\u202e`), the way a careful `ls` or `git` quotes a strange file name.
 */

/** The Unicode bidirectional formatting characters (UAX #9) and their usual abbreviations. */
const BIDI_NAMES: Readonly<Record<string, string>> = {
  '\u061c': 'ALM',
  '\u200e': 'LRM',
  '\u200f': 'RLM',
  '\u202a': 'LRE',
  '\u202b': 'RLE',
  '\u202c': 'PDF',
  '\u202d': 'LRO',
  '\u202e': 'RLO',
  '\u2066': 'LRI',
  '\u2067': 'RLI',
  '\u2068': 'FSI',
  '\u2069': 'PDI',
};

/** C0 controls, DEL, C1 controls, line/paragraph separators and the bidi characters above. */
// eslint-disable-next-line no-control-regex -- control characters are what this pattern finds
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

function codePoint(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** True when `text` holds a character `visibleText` would replace (beyond \n and \t where allowed). */
function hasUnsafeText(text: string, options: { readonly multiline?: boolean } = {}): boolean {
  for (const match of text.matchAll(UNSAFE)) {
    if (options.multiline && (match[0] === '\n' || match[0] === '\t')) continue;
    return true;
  }
  return false;
}

/**
 * For the page: each bidi control becomes ‹RLO›-style text, each C0 control its Unicode control
 * picture (␛ for ESC), anything else unsafe its code point. `multiline` keeps \n and \t
 * (narration); names and labels are one line.
 */
export function visibleText(text: string, options: { readonly multiline?: boolean } = {}): string {
  if (!hasUnsafeText(text, options)) return text;
  return text.replace(UNSAFE, (c) => {
    if (options.multiline && (c === '\n' || c === '\t')) return c;
    const bidi = BIDI_NAMES[c];
    if (bidi !== undefined) return `‹${bidi}›`;
    const code = c.codePointAt(0)!;
    if (code < 0x20) return String.fromCodePoint(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return `‹${codePoint(c)}›`;
  });
}

/**
 * For a terminal: every unsafe character as a backslash escape, \x1b for C0 controls and \u202e
 * for the rest. `multiline` keeps \n and \t (lines the program itself writes). JSON output stays
 * the same JSON value: JSON.stringify already escapes C0 controls, and \uXXXX is a JSON escape.
 */
export function terminalText(text: string, options: { readonly multiline?: boolean } = {}): string {
  if (!hasUnsafeText(text, options)) return text;
  return text.replace(UNSAFE, (c) => {
    if (options.multiline && (c === '\n' || c === '\t')) return c;
    const code = c.codePointAt(0)!;
    return code < 0x20 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
