/**
 * Node status colours: chosen to read from the back of a room and to stay apart for common colour
 * blindness (blue/orange/purple rather than red/green alone). Colour is never the only signal:
 * every status also has a text badge and an icon shape.
 */
import type { NodeStatus } from '../../../shared/contract/views';
import type { ThemeMode } from './theme';

export type StatusKind = NodeStatus['kind'];

interface StatusColours {
  /** Border, badge background. */
  readonly main: string;
  /** A faint tint for the node header. */
  readonly soft: string;
  /** Text on `main`. */
  readonly contrast: string;
}

const LIGHT: Record<StatusKind, StatusColours> = {
  draft: { main: '#64748b', soft: 'rgba(100,116,139,0.10)', contrast: '#ffffff' },
  'partly-signed': { main: '#b45309', soft: 'rgba(217,119,6,0.12)', contrast: '#ffffff' },
  signed: { main: '#1d4ed8', soft: 'rgba(37,99,235,0.10)', contrast: '#ffffff' },
  mempool: { main: '#7c3aed', soft: 'rgba(124,58,237,0.11)', contrast: '#ffffff' },
  confirmed: { main: '#15803d', soft: 'rgba(22,163,74,0.12)', contrast: '#ffffff' },
  conflicted: { main: '#9d174d', soft: 'rgba(190,24,93,0.10)', contrast: '#ffffff' },
  invalid: { main: '#dc2626', soft: 'rgba(220,38,38,0.11)', contrast: '#ffffff' },
};

const DARK: Record<StatusKind, StatusColours> = {
  draft: { main: '#94a3b8', soft: 'rgba(148,163,184,0.12)', contrast: '#0f172a' },
  'partly-signed': { main: '#fbbf24', soft: 'rgba(251,191,36,0.13)', contrast: '#1c1917' },
  signed: { main: '#60a5fa', soft: 'rgba(96,165,250,0.14)', contrast: '#0b1220' },
  mempool: { main: '#c084fc', soft: 'rgba(192,132,252,0.14)', contrast: '#1a1025' },
  confirmed: { main: '#4ade80', soft: 'rgba(74,222,128,0.13)', contrast: '#052e16' },
  conflicted: { main: '#f472b6', soft: 'rgba(244,114,182,0.13)', contrast: '#2a0a1a' },
  invalid: { main: '#f87171', soft: 'rgba(248,113,113,0.15)', contrast: '#2a0a0a' },
};

export function statusColours(kind: StatusKind, mode: ThemeMode): StatusColours {
  return (mode === 'dark' ? DARK : LIGHT)[kind];
}

/** Chain accents: Bitcoin orange, Litecoin silver-blue. */
export function chainColour(chain: string, mode: ThemeMode): string {
  if (chain === 'ltc') return mode === 'dark' ? '#9fb4d6' : '#345d9d';
  return mode === 'dark' ? '#f7a440' : '#c2410c';
}
