/**
 * A small chip in the app bar: is the host there, and which one (version, desktop or browser
 * mode, over which transport). It asks the host with `app.info` once the link is open.
 */
import { Box, Chip, Tooltip } from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';
import { z } from 'zod';
import type { AppInfo } from '../../../shared/contract/views';
import type { ContractError } from '../../../shared/contract/result';
import { useI18n, type MessageKey } from '../i18n';
import { hostMessage } from '../i18n/hostMessage';
import { useConnection, useHost } from './HostContext';

// The renderer checks the answer's shape like any input from outside.
const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(['electron', 'browser', 'headless']),
}) satisfies z.ZodType<AppInfo>;

type InfoState =
  | { readonly kind: 'waiting' }
  | { readonly kind: 'ready'; readonly info: AppInfo }
  | { readonly kind: 'failed'; readonly error: Pick<ContractError, 'message' | 'text'> };

const CLOSED_TEXT: Record<'noToken' | 'refused' | 'lost', MessageKey> = {
  noToken: 'status.closed.noToken',
  refused: 'status.closed.refused',
  lost: 'status.closed.lost',
};

export function HostStatus(): ReactNode {
  const host = useHost();
  const connection = useConnection();
  const { t } = useI18n();
  const [info, setInfo] = useState<InfoState>({ kind: 'waiting' });

  useEffect(() => {
    if (connection.kind !== 'open') return;
    let current = true;
    void host.invoke('app.info', {}).then((result) => {
      if (!current) return;
      if (!result.ok) return setInfo({ kind: 'failed', error: result.error });
      const parsed = appInfoSchema.safeParse(result.value);
      setInfo(
        parsed.success
          ? { kind: 'ready', info: parsed.data }
          : { kind: 'failed', error: { message: 'app.info: unexpected answer' } },
      );
    });
    return () => {
      current = false;
    };
  }, [host, connection.kind]);

  let state: 'connecting' | 'connected' | 'error' | 'disconnected';
  let label: string;
  let details = '';
  if (connection.kind === 'closed') {
    state = 'disconnected';
    label = t(CLOSED_TEXT[connection.reason]);
  } else if (connection.kind === 'connecting' || info.kind === 'waiting') {
    state = 'connecting';
    label = t('status.connecting');
  } else if (info.kind === 'failed') {
    state = 'error';
    label = t('status.error', { message: hostMessage(t, info.error) });
  } else {
    state = 'connected';
    const mode = t(`status.mode.${info.info.mode}`);
    label = t('status.connected', { mode });
    details = t('status.details', { version: info.info.version, mode, transport: t(`status.transport.${host.kind}`) });
  }

  const colour = state === 'connected' ? 'success.main' : state === 'connecting' ? 'warning.main' : 'error.main';
  return (
    <Tooltip title={details || label}>
      <Chip
        data-testid="host-status"
        data-state={state}
        role="status"
        aria-live="polite"
        size="small"
        variant="outlined"
        label={label}
        icon={
          <Box
            component="span"
            sx={{ width: 8, height: 8, borderRadius: '50%', bgcolor: colour, ml: '8px !important' }}
          />
        }
        sx={{ maxWidth: { xs: 180, sm: 360 } }}
      />
    </Tooltip>
  );
}
