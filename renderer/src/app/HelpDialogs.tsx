/** Help: every keyboard shortcut (read from the command registry), and what TxLab is. */
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@mui/material';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { COMMANDS, shortcutText } from './commands/registry';
import { useUi } from './workspace/UiState';

const CANVAS_KEYS = [
  'help.canvas.connect',
  'help.canvas.select',
  'help.canvas.pan',
  'help.canvas.zoom',
  'help.presenterKeys',
] as const;

export function HelpDialogs(): ReactNode {
  const { t } = useI18n();
  const { shortcutsOpen, setShortcutsOpen, aboutOpen, setAboutOpen } = useUi();
  return (
    <>
      <Dialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} maxWidth="sm" fullWidth>
        <DialogTitle>{t('help.shortcutsTitle')}</DialogTitle>
        <DialogContent dividers>
          <Table size="small" data-testid="shortcuts-table">
            <TableBody>
              {COMMANDS.filter((c) => c.shortcuts.length > 0).map((c) => (
                <TableRow key={c.id}>
                  <TableCell>{t(c.label)}</TableCell>
                  <TableCell align="right">
                    {c.shortcuts.map((s) => (
                      <Box
                        key={shortcutText(s)}
                        component="kbd"
                        sx={{
                          display: 'inline-block',
                          ml: 0.75,
                          px: 0.75,
                          py: 0.1,
                          border: 1,
                          borderColor: 'divider',
                          borderRadius: 1,
                          fontFamily: 'inherit',
                          fontSize: '0.85rem',
                          fontWeight: 700,
                        }}
                      >
                        {shortcutText(s)}
                      </Box>
                    ))}
                  </TableCell>
                </TableRow>
              ))}
              {CANVAS_KEYS.map((k) => (
                <TableRow key={k}>
                  <TableCell colSpan={2}>{t(k)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setShortcutsOpen(false)}>{t('action.close')}</Button>
        </DialogActions>
      </Dialog>
      <Dialog open={aboutOpen} onClose={() => setAboutOpen(false)} maxWidth="xs" fullWidth>
        <DialogTitle>{t('app.title')}</DialogTitle>
        <DialogContent>
          <Typography>{t('help.about')}</Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAboutOpen(false)}>{t('action.close')}</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
