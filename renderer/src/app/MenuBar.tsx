/** The app's own menu bar (browser mode; Electron has the same commands in its native menu). */
import { Box, Button, Divider, ListItemText, Menu, MenuItem, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import { useCommands } from './commands/CommandsProvider';
import { commandSpec, shortcutText, type CommandId } from './commands/registry';

type Entry = CommandId | 'divider';

const MENUS: readonly { readonly id: string; readonly label: MessageKey; readonly entries: readonly Entry[] }[] = [
  {
    id: 'file',
    label: 'menu.file',
    entries: [
      'file.new',
      // Saving and exporting are one action (a scenario file), as are opening and importing.
      'file.open',
      'file.save',
      'divider',
      'file.exportPng',
      'file.exportSvg',
    ],
  },
  { id: 'edit', label: 'menu.edit', entries: ['edit.undo', 'edit.redo', 'divider', 'edit.delete'] },
  {
    id: 'view',
    label: 'menu.view',
    entries: ['view.theme', 'view.language', 'view.presenter', 'divider', 'view.fit', 'view.dock'],
  },
  {
    id: 'chain',
    label: 'menu.chain',
    entries: ['chain.mine1', 'chain.mine6', 'divider', 'lesson.previous', 'lesson.next'],
  },
  { id: 'help', label: 'menu.help', entries: ['help.shortcuts', 'help.about'] },
];

export function MenuBar(): ReactNode {
  const { t } = useI18n();
  const { run, enabled } = useCommands();
  const [open, setOpen] = useState<{ readonly id: string; readonly anchor: HTMLElement } | undefined>();
  return (
    <Box component="nav" aria-label={t('menu.label')} sx={{ display: 'flex', gap: 0.25 }}>
      {MENUS.map((menu) => (
        <Box key={menu.id}>
          <Button
            color="inherit"
            size="small"
            data-testid={`menu-${menu.id}`}
            aria-haspopup="menu"
            aria-expanded={open?.id === menu.id}
            onClick={(e) => setOpen({ id: menu.id, anchor: e.currentTarget })}
            // Once a menu is open, moving across the bar opens the neighbour (as desktop menus do).
            onMouseEnter={(e) => open && open.id !== menu.id && setOpen({ id: menu.id, anchor: e.currentTarget })}
            sx={{ px: 1.25, minWidth: 0, fontWeight: 600 }}
          >
            {t(menu.label)}
          </Button>
          <Menu
            anchorEl={open?.id === menu.id ? open.anchor : null}
            open={open?.id === menu.id}
            onClose={() => setOpen(undefined)}
            slotProps={{ paper: { sx: { minWidth: 260 } } }}
          >
            {menu.entries.map((entry, i) => {
              if (entry === 'divider') return <Divider key={`d${i}`} />;
              const spec = commandSpec(entry);
              const shortcut = spec.shortcuts[0];
              return (
                <MenuItem
                  key={entry}
                  data-testid={`menuitem-${entry}`}
                  disabled={!enabled(entry)}
                  onClick={() => {
                    setOpen(undefined);
                    run(entry);
                  }}
                >
                  <ListItemText>{t(spec.label)}</ListItemText>
                  {shortcut ? (
                    <Typography variant="body2" color="text.secondary" sx={{ ml: 3 }}>
                      {shortcutText(shortcut)}
                    </Typography>
                  ) : null}
                </MenuItem>
              );
            })}
          </Menu>
        </Box>
      ))}
    </Box>
  );
}
