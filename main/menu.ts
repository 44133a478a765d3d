/**
 * The native application menu as plain data: File, Edit, View, Help (and the app and Window menus
 * on macOS). `main/index.ts` hands the template to `Menu.buildFromTemplate`; nothing here touches
 * Electron, so tests build it for every platform and language.
 *
 * Who handles a key press: the page, always. Its keyboard listener knows what Electron cannot
 * (typing in a field, an open dialog, the canvas selection) and works the same in browser mode.
 * The menu shows the same shortcuts but must never act on them as well:
 * - Windows/Linux register menu accelerators with the window, ahead of the page, so every command
 *   item sets `registerAccelerator: false` (shown, not registered).
 * - macOS has no such switch, but there the page sees the key first and Electron offers the menu
 *   only the key presses the page did not `preventDefault`. The page prevents every shortcut it
 *   acts on, so the menu carries only ⌘ shortcuts the page acts on even while typing (File's);
 *   single-key shortcuts (T, L, P, F, Delete…) and ⌘Z/⇧⌘Z would otherwise fire while typing in a
 *   field. Hidden `undo`/`redo` roles take ⌘Z/⇧⌘Z there, so text fields keep their own undo.
 * Clicking an item sends the window a `menu.command` event; the page runs the command.
 */
import { IPC_EVENT_CHANNEL, type EventMessage } from '../shared/contract/wire';
import { MENU_COMMANDS, type MenuCommand } from '../shared/contract/menu';
import type { HostEvents } from '../shared/contract/methods';
// The command table and the catalogues are pure data shared with the renderer: one list of
// shortcuts and one set of words for both menus.
import { commandSpec, type Shortcut } from '../shared/ui/commands';
import { en, type Catalogue } from '../shared/ui/i18n/en';
import { zhCN } from '../shared/ui/i18n/zh-CN';
import type { EventTargetLike } from './transport/ipc';

export type MenuLanguage = 'en' | 'zh-CN';
export const MENU_LANGUAGES: readonly MenuLanguage[] = ['en', 'zh-CN'];

const CATALOGUES: Record<MenuLanguage, Catalogue> = { en, 'zh-CN': zhCN };

/** The roles this menu uses (a subset of Electron's `MenuItemConstructorOptions['role']`). */
export type MenuRole =
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'quit'
  | 'reload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'windowMenu';

/** A subset of Electron's `MenuItemConstructorOptions`, structurally assignable to it. */
export interface MenuItemTemplate {
  readonly id?: string;
  readonly label?: string;
  readonly type?: 'normal' | 'separator' | 'submenu';
  readonly role?: MenuRole;
  readonly accelerator?: string;
  readonly registerAccelerator?: boolean;
  readonly visible?: boolean;
  readonly enabled?: boolean;
  readonly submenu?: MenuItemTemplate[];
  readonly click?: () => void;
}

/** Items with an Electron role get their words from the catalogue's `menu.native.*` keys. */
type NativeLabel = Exclude<MenuRole, 'undo' | 'redo'> | 'textUndo' | 'textRedo';
const nativeKey = (name: NativeLabel) => `menu.native.${name}` as const;

/** The menu's language for the system locale (`app.getLocale()`), as the page picks its own. */
export function menuLanguageFor(locale: string): MenuLanguage {
  return locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Electron's accelerator for one of the page's shortcuts. */
export function acceleratorOf(shortcut: Shortcut): string {
  const letter = /^[a-z]$/i.test(shortcut.key);
  const parts: string[] = [];
  if (shortcut.ctrl) parts.push('CmdOrCtrl');
  // Shift is part of a punctuation key itself ("?" is Shift+/), as the page's matcher has it.
  if (shortcut.shift && letter) parts.push('Shift');
  parts.push(letter ? shortcut.key.toUpperCase() : shortcut.key);
  return parts.join('+');
}

/** Windows people expect Ctrl+Y for Redo; elsewhere the first listed shortcut is shown. */
function shownShortcut(command: MenuCommand, platform: NodeJS.Platform): Shortcut | undefined {
  const shortcuts = commandSpec(command).shortcuts;
  if (platform === 'win32' && command === 'edit.redo') return shortcuts.find((s) => s.key === 'y') ?? shortcuts[0];
  return shortcuts[0];
}

export interface MenuOptions {
  readonly platform: NodeJS.Platform;
  readonly language: MenuLanguage;
  /** A packaged app has no developer tools in its menu. */
  readonly packaged: boolean;
  /** What a click does: `main/index.ts` sends the window a `menu.command` event. */
  readonly send: (command: MenuCommand) => void;
  /** Whether Undo and Redo have anything to do (the host's last `workspace.changed`); neither, before any. */
  readonly history?: { readonly canUndo: boolean; readonly canRedo: boolean };
}

/** Undo and Redo are enabled only when the workspace has something to undo or redo. */
export function historyItems(history: MenuOptions['history']): Readonly<Record<'edit.undo' | 'edit.redo', boolean>> {
  return { 'edit.undo': history?.canUndo ?? false, 'edit.redo': history?.canRedo ?? false };
}

export function menuTemplate(options: MenuOptions): MenuItemTemplate[] {
  const { platform, language, packaged, send } = options;
  const enabled = historyItems(options.history);
  const mac = platform === 'darwin';
  const words = CATALOGUES[language];
  const native = (name: NativeLabel): string => words[nativeKey(name)];
  // Windows and Linux read "&" as a mnemonic marker.
  const text = (label: string): string => (mac ? label : label.replaceAll('&', '&&'));
  const separator: MenuItemTemplate = { type: 'separator' };

  const command = (id: MenuCommand): MenuItemTemplate => {
    const shortcut = shownShortcut(id, platform);
    const item: MenuItemTemplate = { id, label: text(words[commandSpec(id).label]), click: () => send(id) };
    if (!shortcut) return item;
    if (!mac) return { ...item, accelerator: acceleratorOf(shortcut), registerAccelerator: false };
    return shortcut.ctrl && shortcut.inFields ? { ...item, accelerator: acceleratorOf(shortcut) } : item;
  };
  const role = (name: Exclude<MenuRole, 'undo' | 'redo'>, extra: Partial<MenuItemTemplate> = {}): MenuItemTemplate => ({
    role: name,
    label: text(native(name)),
    ...extra,
  });
  const menu = (label: string, submenu: MenuItemTemplate[]): MenuItemTemplate => ({ label: text(label), submenu });
  // Chromium handles the clipboard keys inside the page on Windows/Linux; the items are for the mouse.
  const clipboard = mac ? {} : { registerAccelerator: false };

  const file = menu(words['menu.file'], [
    command('file.new'),
    command('file.open'),
    command('file.save'),
    separator,
    command('file.exportPng'),
    command('file.exportSvg'),
    ...(mac ? [] : [separator, role('quit')]),
  ]);
  const edit = menu(words['menu.edit'], [
    { ...command('edit.undo'), enabled: enabled['edit.undo'] },
    { ...command('edit.redo'), enabled: enabled['edit.redo'] },
    // macOS: ⌘Z in a text field reaches the menu (the page lets it through); these keep it text undo.
    ...(mac
      ? [
          {
            role: 'undo',
            label: native('textUndo'),
            accelerator: 'CmdOrCtrl+Z',
            visible: false,
          } satisfies MenuItemTemplate,
          {
            role: 'redo',
            label: native('textRedo'),
            accelerator: 'Shift+CmdOrCtrl+Z',
            visible: false,
          } satisfies MenuItemTemplate,
        ]
      : []),
    separator,
    command('edit.delete'),
    separator,
    role('cut', clipboard),
    role('copy', clipboard),
    role('paste', clipboard),
    role('selectAll', clipboard),
  ]);
  const view = menu(words['menu.view'], [
    command('view.theme'),
    command('view.language'),
    command('view.presenter'),
    separator,
    command('view.fit'),
    separator,
    role('resetZoom'),
    role('zoomIn'),
    role('zoomOut'),
    separator,
    role('togglefullscreen'),
    ...(packaged ? [] : [separator, role('reload'), role('toggleDevTools')]),
  ]);
  const help = menu(words['menu.help'], [
    command('help.shortcuts'),
    ...(mac ? [] : [separator, command('help.about')]),
  ]);

  if (!mac) return [file, edit, view, help];
  const appMenu = menu(words['app.title'], [
    command('help.about'),
    separator,
    role('services'),
    separator,
    role('hide'),
    role('hideOthers'),
    role('unhide'),
    separator,
    role('quit', { label: `${native('quit')} TxLab` }),
  ]);
  return [appMenu, file, edit, view, role('windowMenu'), help];
}

/** Every command item of a template, depth first (for tests and look-ups). */
export function commandItems(template: readonly MenuItemTemplate[]): MenuItemTemplate[] {
  return template.flatMap((item) => [
    ...(item.id !== undefined && (MENU_COMMANDS as readonly string[]).includes(item.id) ? [item] : []),
    ...commandItems(item.submenu ?? []),
  ]);
}

/** Sends the window one `menu.command` event, the way host events reach it (only to the app's own page). */
export function sendMenuCommand(
  target: EventTargetLike | undefined,
  isTrustedUrl: (url: string | undefined) => boolean,
  command: MenuCommand,
): boolean {
  if (!target || target.isDestroyed() || !isTrustedUrl(target.getURL())) return false;
  const payload: HostEvents['menu.command'] = { command };
  const message: EventMessage = { kind: 'event', event: 'menu.command', payload };
  target.send(IPC_EVENT_CHANNEL, message);
  return true;
}
