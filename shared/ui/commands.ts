/**
 * Every command of the workbench, declared once: its name, its words and its keyboard shortcuts.
 * Pure data (no DOM, no React), in shared/ because two sides read it: the renderer's menu bar,
 * keyboard and Help dialog (through `registry.ts`), and the Electron main process, which labels
 * its native menu and shows the same accelerators (`main/menu.ts`).
 */
import type { MenuCommand } from '../contract/menu';
import type { MessageKey } from './i18n/en';

export type CommandId = MenuCommand | 'chain.mine1' | 'chain.mine6' | 'lesson.next' | 'lesson.previous' | 'view.dock';

export interface Shortcut {
  /** `KeyboardEvent.key`, compared case-insensitively for letters. */
  readonly key: string;
  readonly ctrl?: boolean;
  readonly shift?: boolean;
  /** Also works while typing in a field (Ctrl+S saves from anywhere). */
  readonly inFields?: boolean;
}

export interface CommandSpec {
  readonly id: CommandId;
  readonly label: MessageKey;
  readonly shortcuts: readonly Shortcut[];
}

export const COMMANDS: readonly CommandSpec[] = [
  { id: 'file.new', label: 'cmd.file.new', shortcuts: [{ key: 'n', ctrl: true, inFields: true }] },
  { id: 'file.open', label: 'cmd.file.open', shortcuts: [{ key: 'o', ctrl: true, inFields: true }] },
  { id: 'file.save', label: 'cmd.file.save', shortcuts: [{ key: 's', ctrl: true, inFields: true }] },
  { id: 'file.exportPng', label: 'cmd.file.exportPng', shortcuts: [] },
  { id: 'file.exportSvg', label: 'cmd.file.exportSvg', shortcuts: [] },
  { id: 'edit.undo', label: 'cmd.edit.undo', shortcuts: [{ key: 'z', ctrl: true }] },
  {
    id: 'edit.redo',
    label: 'cmd.edit.redo',
    shortcuts: [
      { key: 'z', ctrl: true, shift: true },
      { key: 'y', ctrl: true },
    ],
  },
  { id: 'edit.delete', label: 'cmd.edit.delete', shortcuts: [{ key: 'Delete' }, { key: 'Backspace' }] },
  { id: 'chain.mine1', label: 'cmd.chain.mine1', shortcuts: [{ key: 'm' }] },
  { id: 'chain.mine6', label: 'cmd.chain.mine6', shortcuts: [{ key: 'm', shift: true }] },
  { id: 'lesson.next', label: 'cmd.lesson.next', shortcuts: [{ key: 'PageDown' }, { key: '.' }] },
  { id: 'lesson.previous', label: 'cmd.lesson.previous', shortcuts: [{ key: 'PageUp' }, { key: ',' }] },
  { id: 'view.fit', label: 'cmd.view.fit', shortcuts: [{ key: 'f' }] },
  { id: 'view.dock', label: 'cmd.view.dock', shortcuts: [{ key: 'j', ctrl: true, inFields: true }] },
  { id: 'view.presenter', label: 'cmd.view.presenter', shortcuts: [{ key: 'p' }] },
  { id: 'view.theme', label: 'cmd.view.theme', shortcuts: [{ key: 't' }] },
  { id: 'view.language', label: 'cmd.view.language', shortcuts: [{ key: 'l' }] },
  { id: 'help.shortcuts', label: 'cmd.help.shortcuts', shortcuts: [{ key: '?', shift: true }, { key: 'F1' }] },
  { id: 'help.about', label: 'cmd.help.about', shortcuts: [] },
];

export function commandSpec(id: CommandId): CommandSpec {
  const spec = COMMANDS.find((c) => c.id === id);
  if (!spec) throw new Error(`no command ${id}`); // a typo in the code, not a runtime condition
  return spec;
}
