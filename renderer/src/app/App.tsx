/**
 * The workbench: an app bar (menus, undo/redo, host status, presenter, language, theme), the
 * palette, the canvas and the inspector side by side, and the dock of panels below.
 */
import CoPresentIcon from '@mui/icons-material/CoPresent';
import DarkModeIcon from '@mui/icons-material/DarkMode';
import LightModeIcon from '@mui/icons-material/LightMode';
import RedoIcon from '@mui/icons-material/Redo';
import UndoIcon from '@mui/icons-material/Undo';
import {
  AppBar,
  Box,
  Button,
  CircularProgress,
  Divider,
  IconButton,
  Toolbar,
  Tooltip,
  Typography,
} from '@mui/material';
import type { ReactNode } from 'react';
import type { LessonStageView } from '../../../shared/contract/views';
import { GraphCanvas } from '../features/graph/GraphCanvas';
import { Palette } from '../features/graph/Palette';
import { Inspector } from '../features/inspector/Inspector';
import { localized } from '../features/lessons/useLesson';
import { StagePanel } from '../features/stage/StagePanel';
import { useI18n } from '../i18n';
import { useThemeMode } from '../theme/ThemeModeProvider';
import { useCommands } from './commands/CommandsProvider';
import { Dock } from './Dock';
import { HelpDialogs } from './HelpDialogs';
import { useHost } from './HostContext';
import { HostStatus } from './HostStatus';
import { MenuBar } from './MenuBar';
import { WorkProgress } from './WorkProgress';
import { useUi } from './workspace/UiState';
import { useWorkspace } from './workspace/WorkspaceProvider';

function TopBar(): ReactNode {
  const { t, language } = useI18n();
  const { mode, presenter } = useThemeMode();
  const { view, pending } = useWorkspace();
  const { run, enabled } = useCommands();
  const host = useHost();
  const title = view?.lesson
    ? localized(view.lesson.title, language)
    : view && view.name !== 'untitled'
      ? view.name
      : t('app.untitled');
  return (
    <AppBar position="static" sx={{ borderBottom: 1, borderColor: 'divider' }}>
      <Toolbar variant="dense" sx={{ gap: 1 }}>
        <Box
          aria-hidden
          sx={{
            width: 14,
            height: 14,
            borderRadius: '4px',
            bgcolor: 'primary.main',
            transform: 'rotate(45deg)',
            mx: 0.5,
          }}
        />
        <Typography data-testid="app-title" variant="h6" component="h1" sx={{ fontWeight: 800, letterSpacing: 0.2 }}>
          {t('app.title')}
        </Typography>
        {/* Electron shows the same commands in its native menu. */}
        {host.kind === 'websocket' ? <MenuBar /> : null}
        <Divider orientation="vertical" flexItem sx={{ mx: 0.5 }} />
        <Typography
          data-testid="workspace-title"
          noWrap
          variant="body1"
          sx={{ fontWeight: 600, color: 'text.secondary', maxWidth: 420 }}
        >
          {title}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {pending > 0 ? <CircularProgress size={18} aria-label={t('app.busy')} /> : null}
        <Tooltip title={`${t('cmd.edit.undo')} (Ctrl+Z)`}>
          <span>
            <IconButton
              color="inherit"
              onClick={() => run('edit.undo')}
              disabled={!enabled('edit.undo')}
              aria-label={t('cmd.edit.undo')}
              data-testid="undo"
            >
              <UndoIcon />
            </IconButton>
          </span>
        </Tooltip>
        <Tooltip title={`${t('cmd.edit.redo')} (Ctrl+Shift+Z)`}>
          <span>
            <IconButton
              color="inherit"
              onClick={() => run('edit.redo')}
              disabled={!enabled('edit.redo')}
              aria-label={t('cmd.edit.redo')}
              data-testid="redo"
            >
              <RedoIcon />
            </IconButton>
          </span>
        </Tooltip>
        <HostStatus />
        <Tooltip title={`${t('cmd.view.presenter')} (P)`}>
          <IconButton
            color={presenter ? 'primary' : 'inherit'}
            onClick={() => run('view.presenter')}
            aria-label={t('cmd.view.presenter')}
            aria-pressed={presenter}
            data-testid="presenter-button"
          >
            <CoPresentIcon />
          </IconButton>
        </Tooltip>
        <Tooltip title={t('language.switch')}>
          <Button
            data-testid="language-toggle"
            size="small"
            color="inherit"
            onClick={() => run('view.language')}
            sx={{ minWidth: 44 }}
          >
            {t('language.other')}
          </Button>
        </Tooltip>
        <Tooltip title={mode === 'dark' ? t('theme.toLight') : t('theme.toDark')}>
          <IconButton
            data-testid="theme-toggle"
            color="inherit"
            onClick={() => run('view.theme')}
            aria-label={mode === 'dark' ? t('theme.toLight') : t('theme.toDark')}
          >
            {mode === 'dark' ? <LightModeIcon /> : <DarkModeIcon />}
          </IconButton>
        </Tooltip>
      </Toolbar>
    </AppBar>
  );
}

/**
 * Presenter mode's stage beside the canvas: wider when the step has figures, widest when the
 * figures are all it shows (no transaction to frame), so they fit beside the narration.
 */
function stageWidth(stage: LessonStageView): string {
  if (stage.figures.length === 0) return '470px';
  if (stage.focus.length === 0) return '62%';
  return stage.focus.length <= 2 ? '48%' : '560px';
}

export function App(): ReactNode {
  const { presenter } = useThemeMode();
  const { selectedNodes } = useUi();
  const { view } = useWorkspace();
  // Presenter mode gives the canvas the room: no palette, the inspector only for a selected transaction.
  const showInspector = !presenter || selectedNodes.length > 0;
  const stage = presenter ? view?.lesson?.stage : undefined;
  return (
    <Box
      sx={{
        display: 'flex',
        flexDirection: 'column',
        height: '100vh',
        bgcolor: 'background.default',
        overflow: 'hidden',
      }}
    >
      <TopBar />
      <Box sx={{ flex: 1, minHeight: 0, display: 'flex' }}>
        {presenter ? null : (
          <Box
            component="aside"
            sx={{
              flex: '0 0 210px',
              borderRight: 1,
              borderColor: 'divider',
              bgcolor: 'background.paper',
              minHeight: 0,
            }}
          >
            <Palette />
          </Box>
        )}
        <Box component="main" sx={{ flex: 1, minWidth: 0, position: 'relative' }}>
          <GraphCanvas />
        </Box>
        {stage ? (
          <Box component="aside" sx={{ flex: `0 0 ${stageWidth(stage)}`, minWidth: 0, minHeight: 0 }}>
            <StagePanel />
          </Box>
        ) : null}
        {showInspector ? (
          <Box
            component="aside"
            sx={{
              flex: `0 0 ${presenter ? 460 : 400}px`,
              // Its width is the basis: a long line inside (a select's value) must not widen it.
              minWidth: 0,
              borderLeft: 1,
              borderColor: 'divider',
              bgcolor: 'background.paper',
              minHeight: 0,
            }}
          >
            <Inspector />
          </Box>
        ) : null}
      </Box>
      {/* Presenter mode is the stage alone; the dock stays mounted (the console keeps its history). */}
      <Box sx={{ display: presenter ? 'none' : 'contents' }}>
        <Dock />
      </Box>
      <HelpDialogs />
      <WorkProgress />
    </Box>
  );
}
