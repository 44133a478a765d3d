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
  'sans-serif',
].join(', ');

export function createAppTheme(mode: ThemeMode): Theme {
  const dark = mode === 'dark';
  return createTheme({
    palette: {
      mode,
      // Bitcoin orange for the brand mark and primary actions.
      primary: { main: dark ? '#f7a440' : '#d9730d' },
      secondary: { main: dark ? '#8fb3ff' : '#3a5fc8' },
      success: { main: dark ? '#5fd08a' : '#2e8b57' },
      background: dark ? { default: '#121418', paper: '#1a1d23' } : { default: '#f5f6f8', paper: '#ffffff' },
      divider: dark ? 'rgba(255,255,255,0.10)' : 'rgba(15,23,42,0.10)',
    },
    shape: { borderRadius: 8 },
    typography: { fontFamily: FONT_STACK, button: { textTransform: 'none', fontWeight: 600 } },
    components: {
      MuiAppBar: { defaultProps: { elevation: 0, color: 'inherit' } },
      MuiTooltip: { defaultProps: { arrow: true } },
    },
  });
}
