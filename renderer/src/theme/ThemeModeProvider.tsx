/**
 * Light or dark, chosen once from the system and then by the toggle; presenter mode (large type
 * for a projector). Both are remembered across launches.
 */
import { CssBaseline, ThemeProvider } from '@mui/material';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { readPreference, writePreference } from '../app/preferences';
import { createAppTheme, type ThemeMode } from './theme';

const STORAGE_KEY = 'txlab.theme';
const PRESENTER_KEY = 'txlab.presenter';

function initialMode(): ThemeMode {
  const saved = readPreference(STORAGE_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

interface ThemeModeValue {
  readonly mode: ThemeMode;
  readonly toggle: () => void;
  readonly presenter: boolean;
  readonly togglePresenter: () => void;
}

const ThemeModeContext = createContext<ThemeModeValue | null>(null);

export function ThemeModeProvider({ children }: { readonly children: ReactNode }): ReactNode {
  const [mode, setMode] = useState<ThemeMode>(initialMode);
  const [presenter, setPresenter] = useState<boolean>(() => readPreference(PRESENTER_KEY) === 'on');
  const toggle = useCallback(() => {
    setMode((current) => {
      const next = current === 'dark' ? 'light' : 'dark';
      writePreference(STORAGE_KEY, next);
      return next;
    });
  }, []);
  const togglePresenter = useCallback(() => {
    setPresenter((current) => {
      writePreference(PRESENTER_KEY, current ? 'off' : 'on');
      return !current;
    });
  }, []);
  const theme = useMemo(() => createAppTheme(mode, { presenter }), [mode, presenter]);
  const value = useMemo(
    () => ({ mode, toggle, presenter, togglePresenter }),
    [mode, toggle, presenter, togglePresenter],
  );
  return (
    <ThemeModeContext.Provider value={value}>
      <ThemeProvider theme={theme}>
        <CssBaseline enableColorScheme />
        {children}
      </ThemeProvider>
    </ThemeModeContext.Provider>
  );
}

export function useThemeMode(): ThemeModeValue {
  const value = useContext(ThemeModeContext);
  if (!value) throw new Error('useThemeMode outside ThemeModeProvider'); // a wiring bug
  return value;
}
