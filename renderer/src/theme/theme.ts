/** The two MUI themes. Colours are few and named for what they mean, so later panels reuse them. */
import { createTheme, type Theme } from '@mui/material/styles';

export type ThemeMode = 'light' | 'dark';

// System fonts only: the app is offline and loads nothing remote. CJK fallbacks for 简体中文.
const FONT_STACK = [
  'system-ui',
  '-apple-system',
  '"Segoe UI"',
  'Roboto',
  '"Helvetica Neue"',
  'Arial',
  '"PingFang SC"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"WenQuanYi Micro Hei"',
  'sans-serif',
].join(', ');

export const MONO_STACK = [
  'ui-monospace',
  '"SFMono-Regular"',
  '"JetBrains Mono"',
  'Menlo',
  'Consolas',
  '"DejaVu Sans Mono"',
  '"WenQuanYi Micro Hei Mono"',
  'monospace',
].join(', ');

/** Presenter mode scales every size in the app (MUI derives its rem sizes from `fontSize`). */
export function createAppTheme(mode: ThemeMode, options: { readonly presenter?: boolean } = {}): Theme {
  const dark = mode === 'dark';
  return createTheme({
    palette: {
      mode,
      // Bitcoin orange for the brand mark and primary actions.
      primary: { main: dark ? '#f7a440' : '#c2590b' },
      secondary: { main: dark ? '#8fb3ff' : '#3a5fc8' },
      success: { main: dark ? '#5fd08a' : '#2e8b57' },
      background: dark ? { default: '#121418', paper: '#1a1d23' } : { default: '#f3f4f7', paper: '#ffffff' },
      divider: dark ? 'rgba(255,255,255,0.11)' : 'rgba(15,23,42,0.11)',
    },
    shape: { borderRadius: 8 },
    typography: {
      fontFamily: FONT_STACK,
      fontSize: options.presenter ? 18 : 14,
      button: { textTransform: 'none', fontWeight: 600 },
    },
    components: {
      MuiAppBar: { defaultProps: { elevation: 0, color: 'inherit' } },
      MuiTooltip: { defaultProps: { arrow: true } },
      MuiTab: { styleOverrides: { root: { minHeight: 40, paddingTop: 6, paddingBottom: 6 } } },
      MuiTabs: { styleOverrides: { root: { minHeight: 40 } } },
    },
  });
}
