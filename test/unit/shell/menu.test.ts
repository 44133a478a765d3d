/**
 * The native menu, built as data for each platform and language: every command once, the page's
 * shortcuts as accelerators that never act a second time, both languages, clicks that reach the window.
 */
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS, type MenuCommand } from '../../../shared/contract/menu';
import { IPC_EVENT_CHANNEL, type EventMessage } from '../../../shared/contract/wire';
import { COMMANDS, commandSpec } from '../../../shared/ui/commands';
import { en } from '../../../shared/ui/i18n/en';
import { zhCN } from '../../../shared/ui/i18n/zh-CN';
import {
  acceleratorOf,
  commandItems,
  MENU_LANGUAGES,
  menuLanguageFor,
  menuTemplate,
  sendMenuCommand,
  type MenuItemTemplate,
  type MenuLanguage,
} from '../../../main/menu';
import { followPageLanguage, languageChangeScript, type LanguagePage } from '../../../main/pageLanguage';

const PLATFORMS = ['linux', 'win32', 'darwin'] as const;

function build(
  platform: NodeJS.Platform,
  language: MenuLanguage = 'en',
  packaged = false,
  send: (c: MenuCommand) => void = () => {},
): MenuItemTemplate[] {
  return menuTemplate({ platform, language, packaged, send });
}

function allItems(template: readonly MenuItemTemplate[]): MenuItemTemplate[] {
  return template.flatMap((item) => [item, ...allItems(item.submenu ?? [])]);
}

function item(template: readonly MenuItemTemplate[], id: MenuCommand): MenuItemTemplate {
  const found = commandItems(template).find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

/** A window's WebContents as the menu sees it. */
function fakeContents(url = 'file:///app/out/renderer/index.html', destroyed = false) {
  const sent: { channel: string; message: EventMessage }[] = [];
  return {
    sent,
    isDestroyed: () => destroyed,
    getURL: () => url,
    send: (channel: string, message: EventMessage) => {
      sent.push({ channel, message });
    },
  };
}
const trusted = (url: string | undefined): boolean => url === 'file:///app/out/renderer/index.html';

describe('the native menu', () => {
  for (const platform of PLATFORMS) {
    for (const language of MENU_LANGUAGES) {
      it(`has every menu command exactly once (${platform}, ${language})`, () => {
        const ids = commandItems(build(platform, language)).map((i) => i.id);
        expect([...ids].sort()).toEqual([...MENU_COMMANDS].sort());
      });
    }
  }

  it('puts File, Edit, View and Help in that order, and the app and Window menus on macOS', () => {
    expect(build('linux').map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(build('win32', 'zh-CN').map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    const mac = build('darwin');
    expect(mac.map((m) => m.label ?? m.role)).toEqual(['TxLab', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(mac[4]?.role).toBe('windowMenu');
    expect(commandItems([mac[0]!]).map((i) => i.id)).toEqual(['help.about']);
  });

  it('has Quit, the clipboard roles, zoom and full screen; developer tools only when not packaged', () => {
    for (const platform of PLATFORMS) {
      const roles = allItems(build(platform, 'en', false)).map((i) => i.role);
      for (const role of [
        'quit',
        'cut',
        'copy',
        'paste',
        'selectAll',
        'zoomIn',
        'zoomOut',
        'resetZoom',
        'togglefullscreen',
        'toggleDevTools',
        'reload',
      ])
        expect(roles).toContain(role);
      const packaged = allItems(build(platform, 'en', true)).map((i) => i.role);
      expect(packaged).not.toContain('toggleDevTools');
      expect(packaged).not.toContain('reload');
      expect(packaged).toContain('quit');
    }
  });
});

describe('accelerators', () => {
  it('are the page’s own shortcuts, written as Electron accelerators', () => {
    expect(acceleratorOf({ key: 'n', ctrl: true })).toBe('CmdOrCtrl+N');
    expect(acceleratorOf({ key: 's', ctrl: true, shift: true })).toBe('CmdOrCtrl+Shift+S');
    expect(acceleratorOf({ key: '?', shift: true })).toBe('?');
    expect(acceleratorOf({ key: 'Delete' })).toBe('Delete');
    expect(acceleratorOf({ key: 't' })).toBe('T');
  });

  for (const platform of ['linux', 'win32'] as const) {
    it(`on ${platform} equal the registry's shortcuts and are shown, never registered (the page handles the key)`, () => {
      for (const menuItem of commandItems(build(platform))) {
        const id = menuItem.id as MenuCommand;
        const expected = commandSpec(id).shortcuts.map(acceleratorOf);
        if (expected.length === 0) {
          expect(menuItem.accelerator, id).toBeUndefined();
          continue;
        }
        expect(expected, id).toContain(menuItem.accelerator);
        expect(menuItem.registerAccelerator, id).toBe(false);
      }
    });
  }

  it('match the keys people know: ⌘/Ctrl N O S ⇧S I E Z, Redo as ⇧Z (Ctrl+Y on Windows)', () => {
    const linux = build('linux');
    const expected: Partial<Record<MenuCommand, string>> = {
      'file.new': 'CmdOrCtrl+N',
      'file.open': 'CmdOrCtrl+O',
      'file.save': 'CmdOrCtrl+S',
      'edit.undo': 'CmdOrCtrl+Z',
      'edit.redo': 'CmdOrCtrl+Shift+Z',
      'help.shortcuts': '?',
    };
    for (const [id, accelerator] of Object.entries(expected))
      expect(item(linux, id as MenuCommand).accelerator, id).toBe(accelerator);
    expect(item(build('win32'), 'edit.redo').accelerator).toBe('CmdOrCtrl+Y');
  });

  it('on Windows/Linux no clickable item registers a key the page also handles', () => {
    const pageKeys = new Set(COMMANDS.flatMap((c) => c.shortcuts.map(acceleratorOf)));
    for (const platform of ['linux', 'win32'] as const) {
      for (const menuItem of allItems(build(platform))) {
        if (menuItem.accelerator && menuItem.registerAccelerator !== false)
          expect(pageKeys.has(menuItem.accelerator), `${menuItem.label}`).toBe(false);
      }
    }
  });

  it('on macOS carry only ⌘ shortcuts the page takes even while typing; ⌘Z in a field stays text undo', () => {
    const mac = build('darwin');
    for (const menuItem of commandItems(mac)) {
      const shortcut = commandSpec(menuItem.id as MenuCommand).shortcuts[0];
      const expected = shortcut?.ctrl && shortcut.inFields ? acceleratorOf(shortcut) : undefined;
      expect(menuItem.accelerator, menuItem.id).toBe(expected);
    }
    expect(item(mac, 'file.save').accelerator).toBe('CmdOrCtrl+S');
    expect(item(mac, 'view.theme').accelerator).toBeUndefined(); // "T" would fire while typing
    expect(item(mac, 'edit.undo').accelerator).toBeUndefined();
    const hidden = allItems(mac).filter((i) => i.visible === false);
    expect(hidden.map((i) => [i.role, i.accelerator])).toEqual([
      ['undo', 'CmdOrCtrl+Z'],
      ['redo', 'Shift+CmdOrCtrl+Z'],
    ]);
  });
});

describe('Undo and Redo', () => {
  it('are off until the host says there is something to undo or redo, on every platform', () => {
    for (const platform of PLATFORMS) {
      const fresh = build(platform);
      expect([item(fresh, 'edit.undo').enabled, item(fresh, 'edit.redo').enabled], platform).toEqual([false, false]);
      const edited = menuTemplate({
        platform,
        language: 'en',
        packaged: false,
        send: () => {},
        history: { canUndo: true, canRedo: false },
      });
      expect([item(edited, 'edit.undo').enabled, item(edited, 'edit.redo').enabled], platform).toEqual([true, false]);
    }
  });
});

describe('labels', () => {
  it('come from the catalogue for every command, in both languages', () => {
    for (const [language, catalogue] of [
      ['en', en],
      ['zh-CN', zhCN],
    ] as const) {
      for (const menuItem of commandItems(build('linux', language))) {
        expect(menuItem.label, menuItem.id).toBe(catalogue[commandSpec(menuItem.id as MenuCommand).label]);
      }
    }
  });

  it('exist for every item and are translated (only names stay the same)', () => {
    for (const platform of PLATFORMS) {
      const english = allItems(build(platform, 'en'));
      const chinese = allItems(build(platform, 'zh-CN'));
      expect(chinese.length).toBe(english.length);
      english.forEach((a, i) => {
        const b = chinese[i]!;
        if (a.type === 'separator') return expect(b.type).toBe('separator');
        expect(a.label, `${platform} #${i}`).toMatch(/\S/);
        expect(b.label, `${platform} #${i}`).toMatch(/\S/);
        if (a.label !== 'TxLab' && a.label !== 'English / 简体中文')
          expect(b.label, `${platform}: ${a.label}`).not.toBe(a.label);
      });
    }
  });

  it('follow the system locale', () => {
    expect(menuLanguageFor('zh-CN')).toBe('zh-CN');
    expect(menuLanguageFor('zh-TW')).toBe('zh-CN');
    expect(menuLanguageFor('en-US')).toBe('en');
    expect(menuLanguageFor('fr')).toBe('en');
  });
});

describe('clicking an item', () => {
  it('sends the window one menu.command event for that command', () => {
    const contents = fakeContents();
    const template = build('linux', 'en', false, (command) => sendMenuCommand(contents, trusted, command));
    for (const id of MENU_COMMANDS) {
      item(template, id).click?.();
      expect(contents.sent.at(-1)).toEqual({
        channel: IPC_EVENT_CHANNEL,
        message: { kind: 'event', event: 'menu.command', payload: { command: id } },
      });
    }
    expect(contents.sent).toHaveLength(MENU_COMMANDS.length);
  });

  it('sends nothing to a closed window or a page that is not the app', () => {
    const closed = fakeContents(undefined, true);
    const foreign = fakeContents('https://example.com/');
    expect(sendMenuCommand(closed, trusted, 'file.save')).toBe(false);
    expect(sendMenuCommand(foreign, trusted, 'file.save')).toBe(false);
    expect(sendMenuCommand(undefined, trusted, 'file.save')).toBe(false);
    expect([...closed.sent, ...foreign.sent]).toEqual([]);
  });
});

describe('the menu follows the page’s language', () => {
  function fakePage(answers: unknown[]) {
    const asked: string[] = [];
    let onLoad: (() => void) | undefined;
    const page: LanguagePage = {
      isDestroyed: () => false,
      executeJavaScript: (code) => {
        asked.push(code);
        // Past the scripted answers the page keeps waiting, as a page with no language change does.
        return answers.length > 0 ? Promise.resolve(answers.shift()) : new Promise(() => {});
      },
      on: (_event, listener) => {
        onLoad = listener;
      },
    };
    return { page, asked, load: () => onLoad?.() };
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('adopts each language the page switches to, asking again after each', async () => {
    let shown: MenuLanguage = 'en';
    const adopted: MenuLanguage[] = [];
    const fake = fakePage(['zh-CN', 'en']);
    followPageLanguage(
      fake.page,
      () => shown,
      (next) => {
        adopted.push(next);
        shown = next;
      },
    );
    expect(fake.asked).toEqual([]); // nothing before the page has loaded
    fake.load();
    await settle();
    expect(adopted).toEqual(['zh-CN', 'en']);
    expect(fake.asked).toEqual([languageChangeScript('en'), languageChangeScript('zh-CN'), languageChangeScript('en')]);
  });

  it('stops on an answer that is not a language', async () => {
    const adopted: MenuLanguage[] = [];
    const fake = fakePage(['fr']);
    followPageLanguage(
      fake.page,
      () => 'en',
      (next) => adopted.push(next),
    );
    fake.load();
    await settle();
    expect(adopted).toEqual([]);
    expect(fake.asked).toHaveLength(1);
  });

  it('sends the page a script that parses', () => {
    // Compiled as executeJavaScript will, and not run.
    for (const language of MENU_LANGUAGES) expect(() => new Script(languageChangeScript(language))).not.toThrow();
  });
});
