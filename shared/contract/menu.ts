/**
 * The workbench's menu commands, named once. The Electron main process builds its native menu
 * from them and sends the window a `menu.command` event; browser mode shows the same commands in
 * the app's own menu bar. Pure data: no Electron, no React.
 */
export const MENU_COMMANDS = [
  'file.new',
  'file.open',
  'file.save',
  'file.exportPng',
  'file.exportSvg',
  'edit.undo',
  'edit.redo',
  'edit.delete',
  'view.theme',
  'view.language',
  'view.presenter',
  'view.fit',
  'help.shortcuts',
  'help.about',
] as const;

export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}
