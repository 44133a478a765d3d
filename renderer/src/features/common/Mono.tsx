/** Hashes, hex and scripts: monospace, wrapping anywhere, selectable, with an optional copy button. */
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { Box, IconButton, Tooltip, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { MONO_STACK } from '../../theme/theme';

export function Mono({
  children,
  copy,
  testId,
}: {
  readonly children: string;
  readonly copy?: boolean;
  readonly testId?: string;
}): ReactNode {
  const { t } = useI18n();
  return (
    <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 0.5 }}>
      <Typography
        data-testid={testId}
        component="span"
        sx={{ fontFamily: MONO_STACK, fontSize: '0.8rem', wordBreak: 'break-all', userSelect: 'text', flex: 1 }}
      >
        {children}
      </Typography>
      {copy ? (
        <Tooltip title={t('action.copy')}>
          <IconButton
            size="small"
            aria-label={t('action.copy')}
            onClick={() => void navigator.clipboard?.writeText(children).catch(() => undefined)}
            sx={{ mt: -0.5 }}
          >
            <ContentCopyIcon sx={{ fontSize: '0.95rem' }} />
          </IconButton>
        </Tooltip>
      ) : null}
    </Box>
  );
}

/** A label and its value on one line (or two in a narrow panel). */
export function Fact({ label, children }: { readonly label: string; readonly children: ReactNode }): ReactNode {
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '108px 1fr', gap: 1, alignItems: 'baseline', py: 0.35 }}>
      <Typography variant="body2" color="text.secondary" sx={{ fontSize: '0.82rem' }}>
        {label}
      </Typography>
      <Box sx={{ minWidth: 0, fontSize: '0.88rem' }}>{children}</Box>
    </Box>
  );
}
