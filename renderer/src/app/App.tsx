/** The shell: an app bar (title, host status, language and theme) over a full-size graph canvas. */
import { AppBar, Box, Button, IconButton, SvgIcon, Toolbar, Tooltip, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { GraphCanvas } from '../features/graph/GraphCanvas';
import { useI18n } from '../i18n';
import { useThemeMode } from '../theme/ThemeModeProvider';
import { HostStatus } from './HostStatus';

function SunIcon(): ReactNode {
  return (
    <SvgIcon>
      <circle cx="12" cy="12" r="4.5" />
      <path d="M11 1.5h2v3.5h-2zM11 19h2v3.5h-2zM1.5 11H5v2H1.5zM19 11h3.5v2H19z" />
      <path d="M4.2 5.6l1.4-1.4 2.5 2.5-1.4 1.4zM15.9 17.3l1.4-1.4 2.5 2.5-1.4 1.4zM4.2 18.4l2.5-2.5 1.4 1.4-2.5 2.5zM15.9 6.7l2.5-2.5 1.4 1.4-2.5 2.5z" />
    </SvgIcon>
  );
}

function MoonIcon(): ReactNode {
  return (
    <SvgIcon>
      <path d="M20.5 14.2A8.5 8.5 0 0 1 9.8 3.5a8.5 8.5 0 1 0 10.7 10.7z" />
    </SvgIcon>
  );
}

export function App(): ReactNode {
  const { t, language, setLanguage } = useI18n();
  const { mode, toggle } = useThemeMode();
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh', bgcolor: 'background.default' }}>
      <AppBar position="static" sx={{ borderBottom: 1, borderColor: 'divider' }}>
        <Toolbar variant="dense" sx={{ gap: 1.5 }}>
          <Box aria-hidden sx={{ width: 14, height: 14, borderRadius: '4px', bgcolor: 'primary.main', transform: 'rotate(45deg)' }} />
          <Typography data-testid="app-title" variant="h6" component="h1" sx={{ fontWeight: 700, letterSpacing: 0.2 }}>
            {t('app.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ display: { xs: 'none', md: 'block' } }}>
            {t('app.subtitle')}
          </Typography>
          <Box sx={{ flex: 1 }} />
          <HostStatus />
          <Tooltip title={t('language.switch')}>
            <Button
              data-testid="language-toggle"
              size="small"
              color="inherit"
              onClick={() => setLanguage(language === 'en' ? 'zh-CN' : 'en')}
              sx={{ minWidth: 44 }}
            >
              {t('language.other')}
            </Button>
          </Tooltip>
          <Tooltip title={mode === 'dark' ? t('theme.toLight') : t('theme.toDark')}>
            <IconButton data-testid="theme-toggle" color="inherit" onClick={toggle} aria-label={mode === 'dark' ? t('theme.toLight') : t('theme.toDark')}>
              {mode === 'dark' ? <SunIcon /> : <MoonIcon />}
            </IconButton>
          </Tooltip>
        </Toolbar>
      </AppBar>
      <Box component="main" sx={{ flex: 1, minHeight: 0, position: 'relative' }}>
        <GraphCanvas mode={mode} />
      </Box>
    </Box>
  );
}
