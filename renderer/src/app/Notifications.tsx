/**
 * One place for messages to people: the host's error messages (written for people) and short
 * confirmations. Errors stay until closed; confirmations fade.
 */
import { Alert, Snackbar } from '@mui/material';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';

export interface Notice {
  readonly severity: 'error' | 'warning' | 'success' | 'info';
  readonly message: string;
  /** What the message is about ("Import", "Broadcast"), shown first. */
  readonly title?: string;
}

type Notify = (notice: Notice) => void;

const NotifyContext = createContext<Notify | null>(null);

export function NotificationsProvider({ children }: { readonly children: ReactNode }): ReactNode {
  const { t } = useI18n();
  const [notice, setNotice] = useState<(Notice & { readonly key: number }) | undefined>();
  const notify = useCallback<Notify>((next) => setNotice({ ...next, key: Date.now() }), []);
  const close = useCallback(() => setNotice(undefined), []);
  const value = useMemo(() => notify, [notify]);
  return (
    <NotifyContext.Provider value={value}>
      {children}
      <Snackbar
        key={notice?.key}
        open={notice !== undefined}
        onClose={(_event, reason) => reason !== 'clickaway' && close()}
        autoHideDuration={notice?.severity === 'error' || notice?.severity === 'warning' ? null : 4_000}
        anchorOrigin={{ vertical: 'top', horizontal: 'center' }}
        sx={{ mt: 6 }}
      >
        <Alert
          data-testid="notice"
          data-severity={notice?.severity}
          severity={notice?.severity ?? 'info'}
          variant="filled"
          onClose={close}
          closeText={t('action.close')}
          sx={{
            maxWidth: 720,
            fontSize: '0.95rem',
            alignItems: 'center',
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-word',
          }}
        >
          {notice?.title ? <strong>{t('notice.title', { title: notice.title })}</strong> : null}
          {notice?.message}
        </Alert>
      </Snackbar>
    </NotifyContext.Provider>
  );
}

export function useNotify(): Notify {
  const notify = useContext(NotifyContext);
  if (!notify) throw new Error('useNotify outside NotificationsProvider'); // a wiring bug
  return notify;
}
