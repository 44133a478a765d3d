/**
 * The command registry as the page uses it: the table of commands (`shared/ui/commands.ts`,
 * shared with the Electron menu) plus how a shortcut is shown and matched against a key press.
 * `CommandsProvider` says what each command does.
 */
import type { Shortcut } from '../../../../shared/ui/commands';

export { COMMANDS, commandSpec, type CommandId, type Shortcut } from '../../../../shared/ui/commands';

// eslint-disable-next-line @typescript-eslint/no-deprecated -- its successor, userAgentData, is Chromium-only; only key labels depend on it
const isMac = (): boolean => /Mac|iPhone|iPad/.test(navigator.platform);

export function shortcutText(s: Shortcut): string {
  const parts: string[] = [];
  if (s.ctrl) parts.push(isMac() ? '⌘' : 'Ctrl');
  if (s.shift && s.key !== '?') parts.push('Shift');
  parts.push(s.key.length === 1 ? s.key.toUpperCase() : s.key);
  return parts.join('+');
}

export function matches(s: Shortcut, event: KeyboardEvent): boolean {
  const ctrl = event.ctrlKey || event.metaKey;
  if (Boolean(s.ctrl) !== ctrl || event.altKey) return false;
  const letter = s.key.length === 1 && /[a-z]/i.test(s.key);
  // Shift changes punctuation keys themselves ("?" is Shift+/), so only letters compare it.
  if (letter && Boolean(s.shift) !== event.shiftKey) return false;
  return letter ? event.key.toLowerCase() === s.key : event.key === s.key;
}

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.getAttribute('role') === 'combobox'
  );
}
