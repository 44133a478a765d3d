/** The raw transaction with the selected part highlighted, and the sighash preimage of each signature slot. */
import { Box, Divider, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import type { InspectView } from '../../../../shared/contract/views';
import { useUi } from '../../app/workspace/UiState';
import { useI18n } from '../../i18n';
import { Fact, Mono } from '../common/Mono';
import { HexView } from './HexView';

export function sighashName(type: number): string {
  // BIP341's SIGHASH_DEFAULT: a 64-byte Schnorr signature, committing as ALL does.
  if (type === 0) return 'SIGHASH_DEFAULT';
  const base = ['?', 'ALL', 'NONE', 'SINGLE'][type & 0x1f] ?? `0x${type.toString(16)}`;
  return `SIGHASH_${base}${type & 0x80 ? '|ANYONECANPAY' : ''}`;
}

export function RawTab({ inspect }: { readonly inspect: InspectView }): ReactNode {
  const { t } = useI18n();
  const { focus, setFocus } = useUi();
  return (
    <Stack spacing={2}>
      <HexView inspect={inspect} focus={focus} onFocus={setFocus} />
      {inspect.sighashes.length > 0 ? (
        <Box>
          <Divider sx={{ mb: 1.5 }} />
          <Typography sx={{ fontWeight: 800, mb: 1 }}>{t('inspector.sighashes')}</Typography>
          {inspect.sighashes.map((s, i) => (
            <Box key={i} sx={{ mb: 1.5 }}>
              <Typography variant="body2" sx={{ fontWeight: 700 }}>
                {t('inspector.inputN', { n: s.input })} · {sighashName(s.sighashType)}
              </Typography>
              {s.preimage ? (
                <Fact label={t('inspector.preimage')}>
                  <Mono copy>{s.preimage}</Mono>
                </Fact>
              ) : null}
              <Fact label={t('inspector.digest')}>
                <Mono copy>{s.digest}</Mono>
              </Fact>
            </Box>
          ))}
        </Box>
      ) : null}
    </Stack>
  );
}
