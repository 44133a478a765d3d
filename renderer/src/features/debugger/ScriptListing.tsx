/** Every opcode the interpreter ran, phase by phase; the last one executed is highlighted, the next one marked. */
import { Box, Typography } from '@mui/material';
import { useEffect, useRef, type ReactNode } from 'react';
import type { TraceView } from '../../../../shared/contract/views';
import { useI18n } from '../../i18n';
import { MONO_STACK } from '../../theme/theme';

export function ScriptListing({
  trace,
  position,
  onJump,
}: {
  readonly trace: TraceView;
  readonly position: number;
  readonly onJump: (position: number) => void;
}): ReactNode {
  const { t } = useI18n();
  const current = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Braces: Chromium's scroll methods now return a promise, which React would take for a cleanup.
    current.current?.scrollIntoView({ block: 'nearest' });
  }, [position]);
  let lastRole = '';
  return (
    <Box
      data-testid="script-listing"
      sx={{ overflowY: 'auto', minHeight: 0, flex: 1, fontFamily: MONO_STACK, fontSize: '0.84rem' }}
    >
      {trace.steps.map((step, i) => {
        const header = step.script !== lastRole ? step.script : undefined;
        lastRole = step.script;
        const done = i === position - 1;
        const next = i === position;
        return (
          <Box key={i}>
            {header ? (
              // Sticky: the script the current step belongs to stays named while the list scrolls.
              <Box
                data-testid="trace-phase"
                sx={{
                  position: 'sticky',
                  top: 0,
                  zIndex: 1,
                  bgcolor: 'background.paper',
                  display: 'flex',
                  alignItems: 'baseline',
                  gap: 1,
                  pt: i === 0 ? 0 : 1,
                  pb: 0.25,
                  fontSize: '0.75rem',
                  color: 'text.secondary',
                }}
              >
                <Box component="span" sx={{ fontWeight: 800, whiteSpace: 'nowrap' }}>
                  {header}
                </Box>
                <Box component="span" sx={{ ml: 'auto', whiteSpace: 'nowrap' }}>
                  {t('debugger.offsetColumn')}
                </Box>
              </Box>
            ) : null}
            <Box
              ref={done || (position === 0 && i === 0) ? current : undefined}
              data-testid="trace-step"
              data-current={done ? 'true' : undefined}
              onClick={() => onJump(i + 1)}
              sx={{
                display: 'flex',
                gap: 1,
                px: 0.75,
                py: 0.2,
                borderRadius: 1,
                cursor: 'pointer',
                bgcolor: done ? 'primary.main' : 'transparent',
                color: done ? 'primary.contrastText' : step.executed ? 'text.primary' : 'text.disabled',
                textDecoration: step.executed ? 'none' : 'line-through',
                '&:hover': { bgcolor: done ? 'primary.main' : 'action.hover' },
              }}
            >
              <Box component="span" sx={{ width: 14 }}>
                {next ? '▶' : ''}
              </Box>
              <Box
                component="span"
                title={t('debugger.offsetTitle', { n: step.offset })}
                data-testid="trace-offset"
                sx={{ minWidth: 40, opacity: 0.7 }}
              >
                @{step.offset}
              </Box>
              <Box component="span" sx={{ fontWeight: 700 }}>
                {step.opcode}
              </Box>
              {step.pushData ? (
                <Box
                  component="span"
                  sx={{
                    opacity: 0.75,
                    overflow: 'hidden',
                    textOverflow: 'ellipsis',
                    whiteSpace: 'nowrap',
                    minWidth: 0,
                  }}
                >
                  {step.pushData.length > 24
                    ? `${step.pushData.slice(0, 12)}…${step.pushData.slice(-8)}`
                    : step.pushData}
                </Box>
              ) : null}
              {step.error ? (
                <Box component="span" sx={{ color: done ? 'inherit' : 'error.main', fontWeight: 800, ml: 'auto' }}>
                  {step.error}
                </Box>
              ) : null}
            </Box>
          </Box>
        );
      })}
      {trace.steps.length === 0 ? (
        <Typography sx={{ fontStyle: 'italic', color: 'text.disabled' }}>{t('debugger.noSteps')}</Typography>
      ) : null}
    </Box>
  );
}
