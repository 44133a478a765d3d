/** An input's script verdict with the chain's relay flags: valid, or Core's error and the failing opcode. */
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlined';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlined';
import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import type { InspectView } from '../../../../shared/contract/views';
import { useI18n } from '../../i18n';
import { scriptErrorSentence } from '../../i18n/scriptError';

export function Verdict({ verdict }: { readonly verdict: InspectView['verdicts'][number] | undefined }): ReactNode {
  const { t, language } = useI18n();
  if (!verdict) return null;
  if (verdict.ok) {
    return (
      <Box
        data-testid="verdict"
        data-ok="true"
        sx={{ display: 'flex', alignItems: 'center', gap: 0.5, color: 'success.main' }}
      >
        <CheckCircleOutlineIcon sx={{ fontSize: '1.05rem' }} />
        <Typography sx={{ fontSize: '0.82rem', fontWeight: 700 }}>{t('verdict.valid')}</Typography>
      </Box>
    );
  }
  const failure = verdict.error;
  const unconnected = failure.code === 'UNCONNECTED';
  return (
    <Box data-testid="verdict" data-ok="false" sx={{ color: unconnected ? 'text.secondary' : 'error.main' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
        <ErrorOutlineIcon sx={{ fontSize: '1.05rem' }} />
        <Typography sx={{ fontSize: '0.82rem', fontWeight: 700 }}>
          {unconnected
            ? t('verdict.unconnected')
            : failure.opcode
              ? t('verdict.failedAt', { error: failure.code, opcode: failure.opcode })
              : failure.code}
        </Typography>
      </Box>
      {unconnected ? null : (
        <Typography sx={{ fontSize: '0.78rem', pl: 2.6 }}>
          {scriptErrorSentence(language, failure.code, failure.message)}
        </Typography>
      )}
    </Box>
  );
}
