/**
 * The raw transaction in hex, cut into the host's byte ranges: the selected input, output or
 * field is highlighted; clicking any bytes selects their part.
 */
import { Box, Chip, Typography } from '@mui/material';
import { alpha } from '@mui/material/styles';
import { memo, type ReactNode } from 'react';
import type { InspectView } from '../../../../shared/contract/views';
import type { TxFocus } from '../../app/workspace/UiState';
import { useI18n } from '../../i18n';
import { MONO_STACK } from '../../theme/theme';

type Range = InspectView['ranges'][number];

/** Bytes of a field class share a hue, so the structure shows even with nothing selected. */
function hue(range: Range): 'primary' | 'secondary' | 'success' | 'warning' | 'info' {
  if (range.field === 'witness') return 'warning';
  if (range.input !== undefined) return 'secondary';
  if (range.output !== undefined) return 'success';
  return 'info';
}

function inFocus(range: Range, focus: TxFocus): boolean {
  if (!focus) return false;
  if ('input' in focus) return range.input === focus.input;
  if ('output' in focus) return range.output === focus.output;
  return range.field === focus.field && range.input === undefined && range.output === undefined;
}

function focusOf(range: Range): TxFocus {
  if (range.input !== undefined) return { input: range.input };
  if (range.output !== undefined) return { output: range.output };
  return { field: range.field };
}

export const HexView = memo(function HexView({
  inspect,
  focus,
  onFocus,
}: {
  readonly inspect: InspectView;
  readonly focus: TxFocus;
  readonly onFocus: (focus: TxFocus) => void;
}): ReactNode {
  const { t } = useI18n();
  const { hex, ranges } = inspect;
  const fields = ranges.filter((r) => r.input === undefined && r.output === undefined);
  const bytes = hex.length / 2;
  return (
    <Box>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, mb: 1 }}>
        {fields.map((r) => (
          <Chip
            key={`${r.field}-${r.start}`}
            size="small"
            label={r.field}
            color={inFocus(r, focus) ? 'primary' : 'default'}
            onClick={() => onFocus(focusOf(r))}
            variant={inFocus(r, focus) ? 'filled' : 'outlined'}
          />
        ))}
        {inspect.node.inputs.map((i) => (
          <Chip
            key={`in-${i.index}`}
            size="small"
            label={t('inspector.inputN', { n: i.index })}
            color={focus && 'input' in focus && focus.input === i.index ? 'secondary' : 'default'}
            onClick={() => onFocus({ input: i.index })}
            variant={focus && 'input' in focus && focus.input === i.index ? 'filled' : 'outlined'}
          />
        ))}
        {inspect.node.outputs.map((o) => (
          <Chip
            key={`out-${o.index}`}
            size="small"
            label={t('inspector.outputN', { n: o.index })}
            color={focus && 'output' in focus && focus.output === o.index ? 'success' : 'default'}
            onClick={() => onFocus({ output: o.index })}
            variant={focus && 'output' in focus && focus.output === o.index ? 'filled' : 'outlined'}
          />
        ))}
      </Box>
      <Box
        data-testid="hex-view"
        sx={(theme) => ({
          fontFamily: MONO_STACK,
          fontSize: '0.82rem',
          lineHeight: 1.7,
          wordBreak: 'break-all',
          p: 1,
          borderRadius: 1,
          bgcolor: theme.palette.mode === 'dark' ? 'rgba(255,255,255,0.03)' : 'rgba(15,23,42,0.03)',
          border: 1,
          borderColor: 'divider',
        })}
      >
        {ranges.map((r) => {
          const on = inFocus(r, focus);
          const tone = hue(r);
          return (
            <Box
              component="span"
              key={`${r.start}-${r.field}`}
              title={`${r.field}${r.input !== undefined ? ` · ${t('inspector.inputN', { n: r.input })}` : ''}${r.output !== undefined ? ` · ${t('inspector.outputN', { n: r.output })}` : ''} · ${t('inspector.bytes', { start: r.start, end: r.end })}`}
              data-highlighted={on ? 'true' : undefined}
              onClick={() => onFocus(focusOf(r))}
              sx={(theme) => ({
                cursor: 'pointer',
                color: on ? theme.palette.getContrastText(theme.palette[tone].main) : theme.palette[tone].main,
                bgcolor: on ? theme.palette[tone].main : 'transparent',
                borderRadius: '3px',
                px: on ? '1px' : 0,
                '&:hover': { bgcolor: on ? theme.palette[tone].main : alpha(theme.palette[tone].main, 0.15) },
              })}
            >
              {hex.slice(r.start * 2, r.end * 2)}
            </Box>
          );
        })}
      </Box>
      <Typography variant="caption" color="text.secondary">
        {t('inspector.hexLegend', { bytes })}
      </Typography>
    </Box>
  );
});
