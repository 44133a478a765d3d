/**
 * The bottom dock: one tab per chain, then wallets, time locks, the debugger, the lesson and the
 * console. Its height is dragged at the top edge; Ctrl+J hides and shows it. A tab, once opened,
 * stays mounted so the console keeps its history and the lists their scroll.
 */
import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { Box, IconButton, Tab, Tabs, Tooltip } from '@mui/material';
import { useEffect, useRef, useState, type PointerEvent, type ReactNode } from 'react';
import { ChainPanel } from '../features/chain/ChainPanel';
import { ConsolePanel } from '../features/console/ConsolePanel';
import { DebuggerPanel } from '../features/debugger/DebuggerPanel';
import { LessonPanel } from '../features/lessons/LessonPanel';
import { TimelocksPanel } from '../features/timelocks/TimelocksPanel';
import { WalletsPanel } from '../features/wallets/WalletsPanel';
import { useI18n } from '../i18n';
import { chainColour } from '../theme/status';
import { useThemeMode } from '../theme/ThemeModeProvider';
import { readPreference, writePreference } from './preferences';
import { DOCK_TABS, useUi, type DockTab } from './workspace/UiState';
import { useWorkspace } from './workspace/WorkspaceProvider';

const HEIGHT_KEY = 'txlab.dockHeight';
const MIN_HEIGHT = 180;

export function Dock(): ReactNode {
  const { t } = useI18n();
  const { mode } = useThemeMode();
  const { view } = useWorkspace();
  const { dockTab, setDockTab, dockOpen, setDockOpen } = useUi();
  const [height, setHeight] = useState(() => Number(readPreference(HEIGHT_KEY)) || 330);
  const [visited, setVisited] = useState<ReadonlySet<DockTab>>(() => new Set([dockTab]));
  const drag = useRef<{ readonly y: number; readonly height: number } | undefined>(undefined);

  useEffect(() => {
    setVisited((v) => (v.has(dockTab) ? v : new Set([...v, dockTab])));
  }, [dockTab]);

  const chains = view?.chains ?? [];
  const lockCount = (view?.nodes ?? []).reduce((n, node) => n + node.timelocks.length, 0);
  const label = (tab: DockTab): ReactNode => {
    const chain = chains.find((c) => c.id === tab);
    if (chain) {
      return (
        <Box component="span" sx={{ display: 'inline-flex', gap: 0.75, alignItems: 'baseline' }}>
          <Box component="span" sx={{ color: chainColour(chain.id, mode), fontWeight: 800 }}>
            {chain.unit}
          </Box>
          {t('dock.chain', { height: chain.height })}
        </Box>
      );
    }
    if (tab === 'timelocks') return lockCount > 0 ? t('dock.timelocksN', { n: lockCount }) : t('dock.timelocks');
    if (tab === 'lesson' && view?.lesson)
      return t('dock.lessonAt', { at: view.lesson.position, total: view.lesson.steps.length });
    return t(`dock.${tab}` as 'dock.wallets' | 'dock.debugger' | 'dock.lesson' | 'dock.console');
  };
  const tabs = DOCK_TABS.filter((tab) => (tab === 'btc' || tab === 'ltc' ? chains.some((c) => c.id === tab) : true));

  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    drag.current = { y: event.clientY, height };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>): void => {
    if (!drag.current) return;
    const next = Math.min(
      Math.round(innerHeight * 0.75),
      Math.max(MIN_HEIGHT, drag.current.height + drag.current.y - event.clientY),
    );
    setHeight(next);
  };
  const onPointerUp = (): void => {
    if (drag.current) writePreference(HEIGHT_KEY, String(height));
    drag.current = undefined;
  };

  return (
    <Box
      component="section"
      aria-label={t('dock.label')}
      data-testid="dock"
      sx={{
        flex: `0 0 ${dockOpen ? height : 41}px`,
        display: 'flex',
        flexDirection: 'column',
        borderTop: 1,
        borderColor: 'divider',
        bgcolor: 'background.paper',
        minHeight: 0,
        position: 'relative',
      }}
    >
      {dockOpen ? (
        <Box
          role="separator"
          aria-orientation="horizontal"
          aria-label={t('dock.resize')}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          sx={{
            position: 'absolute',
            top: -4,
            left: 0,
            right: 0,
            height: 8,
            cursor: 'ns-resize',
            zIndex: 2,
            '&:hover': { bgcolor: 'primary.main', opacity: 0.4 },
          }}
        />
      ) : null}
      <Box
        sx={{ display: 'flex', alignItems: 'center', borderBottom: dockOpen ? 1 : 0, borderColor: 'divider', pr: 0.5 }}
      >
        <Tabs
          value={dockTab}
          onChange={(_e, next: DockTab) => {
            setDockTab(next);
            setDockOpen(true);
          }}
          variant="scrollable"
          scrollButtons="auto"
          sx={{ flex: 1, minHeight: 40 }}
        >
          {tabs.map((tab) => (
            <Tab key={tab} value={tab} label={label(tab)} data-testid={`dock-tab-${tab}`} sx={{ fontWeight: 700 }} />
          ))}
        </Tabs>
        <Tooltip title={dockOpen ? t('dock.hide') : t('dock.show')}>
          <IconButton
            onClick={() => setDockOpen(!dockOpen)}
            aria-label={dockOpen ? t('dock.hide') : t('dock.show')}
            data-testid="dock-toggle"
          >
            {dockOpen ? <ExpandMoreIcon /> : <ExpandLessIcon />}
          </IconButton>
        </Tooltip>
      </Box>
      {dockOpen ? (
        <Box sx={{ flex: 1, minHeight: 0, position: 'relative' }}>
          {tabs.map((tab) =>
            visited.has(tab) ? (
              <Box
                key={tab}
                role="tabpanel"
                hidden={tab !== dockTab}
                sx={{
                  position: 'absolute',
                  inset: 0,
                  overflow: tab === 'timelocks' ? 'auto' : 'hidden',
                  display: tab === dockTab ? 'block' : 'none',
                }}
              >
                <DockPanel tab={tab} />
              </Box>
            ) : null,
          )}
        </Box>
      ) : null}
    </Box>
  );
}

function DockPanel({ tab }: { readonly tab: DockTab }): ReactNode {
  const { view } = useWorkspace();
  const chain = view?.chains.find((c) => c.id === tab);
  if (chain) return <ChainPanel chain={chain} />;
  switch (tab) {
    case 'wallets':
      return <WalletsPanel />;
    case 'timelocks':
      return <TimelocksPanel />;
    case 'debugger':
      return <DebuggerPanel />;
    case 'lesson':
      return <LessonPanel />;
    case 'console':
      return <ConsolePanel />;
    default:
      return null;
  }
}
