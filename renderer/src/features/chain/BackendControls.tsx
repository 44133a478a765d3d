/**
 * Where one chain runs: the embedded simulator, a regtest daemon TxLab starts and stops, or a node
 * at a URL. Applying replays the workspace's chain history on the chosen backend (with progress);
 * when that fails the host changes nothing and its message is shown here.
 *
 * The page never names a program or a file: it picks among the node programs the host offers
 * (found on PATH, or chosen in the desktop app's file dialog), and reads a node's .cookie file
 * itself, from a file the person picks, to send its user and password.
 */
import KeyIcon from '@mui/icons-material/Key';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  FormControlLabel,
  LinearProgress,
  Radio,
  RadioGroup,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useRef, useState, type ChangeEvent, type ReactNode, type Ref } from 'react';
import type { BackendOptions, BackendSpec } from '../../../../shared/contract/methods';
import type { ChainSummary } from '../../../../shared/contract/views';
import { useNotify } from '../../app/Notifications';
import { useWorkspace } from '../../app/workspace/WorkspaceProvider';
import { useI18n } from '../../i18n';
import { hostMessage } from '../../i18n/hostMessage';
import { chainNodeName } from './nodeName';

type Kind = BackendSpec['kind'];
type Auth = 'cookie' | 'password';

/** A .cookie file holds `user:password` on one line (Core writes `__cookie__:<random hex>`). */
function parseCookie(text: string): { user: string; password: string } | undefined {
  const line = text.trim();
  const colon = line.indexOf(':');
  if (colon <= 0 || line.includes('\n') || line.length > 400) return undefined;
  return { user: line.slice(0, colon), password: line.slice(colon + 1) };
}

/** The coin's own daemon (what "automatic" tries first) and Core's default regtest RPC port for it. */
const OWN_DAEMON = { btc: 'bitcoind', ltc: 'litecoind' } as const;
const DEFAULT_URL = { btc: 'http://127.0.0.1:18443', ltc: 'http://127.0.0.1:19443' } as const;

function initialKind(chain: ChainSummary): Kind {
  if (chain.backend === 'simulated') return 'simulated';
  return chain.realNode ?? 'rpc';
}

/** The host checks the same (loopback, http, a port); this only keeps Apply greyed out meanwhile. */
function isLoopbackUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (
      url.protocol === 'http:' &&
      url.port !== '' &&
      ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) &&
      !url.username
    );
  } catch {
    return false;
  }
}

interface Failure {
  readonly code: string;
  readonly message: string;
}

export function BackendControls({
  chain,
  ref,
}: {
  readonly chain: ChainSummary;
  readonly ref?: Ref<HTMLDivElement>;
}): ReactNode {
  const { t } = useI18n();
  const { act, progress } = useWorkspace();
  const notify = useNotify();
  const [kind, setKind] = useState<Kind>(() => initialKind(chain));
  const [daemon, setDaemon] = useState<string>('auto');
  const [options, setOptions] = useState<BackendOptions | undefined>();
  const [url, setUrl] = useState<string>(DEFAULT_URL[chain.id]);
  const [auth, setAuth] = useState<Auth>('cookie');
  const [cookie, setCookie] = useState<{ user: string; password: string; file: string } | undefined>();
  const [cookieProblem, setCookieProblem] = useState(false);
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [applying, setApplying] = useState<Kind | undefined>();
  const [failure, setFailure] = useState<Failure | undefined>();
  const id = chain.id;
  const outcome = useRef<HTMLDivElement>(null);
  // The progress and the error appear below the Apply button: keep them in sight in a short panel.
  useEffect(() => {
    if (applying !== undefined || failure) outcome.current?.scrollIntoView({ block: 'nearest' });
  }, [applying, failure]);
  const replay = applying !== undefined && progress?.task === 'replay' ? progress : undefined;
  const own = OWN_DAEMON[id];
  const other = own === 'bitcoind' ? 'litecoind' : 'bitcoind';

  const loadOptions = useCallback(async (): Promise<void> => {
    const r = await act('chain.backendOptions', {}, { quiet: true });
    if (r.ok) setOptions(r.value);
  }, [act]);
  useEffect(() => {
    if (kind === 'local' && !options) void loadOptions();
  }, [kind, options, loadOptions]);

  const chooseDaemon = async (): Promise<void> => {
    const r = await act('chain.chooseDaemon', {}, { title: t('chain.backend.choose') });
    if (!r.ok || !r.value.daemon) return;
    await loadOptions();
    edit(setDaemon)(r.value.daemon.id);
  };

  const readCookie = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const parsed = file.size <= 1_000 ? parseCookie(await file.text()) : undefined;
    setCookieProblem(parsed === undefined);
    setCookie(parsed ? { ...parsed, file: file.name } : undefined);
    setFailure(undefined);
  };

  const spec = ((): BackendSpec | undefined => {
    if (kind === 'simulated') return { kind };
    if (kind === 'local') return { kind, ...(daemon !== 'auto' ? { daemon } : {}) };
    if (!isLoopbackUrl(url.trim())) return undefined;
    if (auth === 'cookie')
      return cookie ? { kind, url: url.trim(), user: cookie.user, password: cookie.password } : undefined;
    return user && password ? { kind, url: url.trim(), user, password } : undefined;
  })();
  // Replaying onto the simulator a chain that is already simulated would change nothing.
  const nothingToDo = kind === 'simulated' && chain.backend === 'simulated';

  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T): void => {
      set(value);
      setFailure(undefined);
    };

  const apply = async (): Promise<void> => {
    if (!spec) return;
    setApplying(spec.kind);
    setFailure(undefined);
    const r = await act('chain.setBackend', { chain: id, backend: spec }, { quiet: true });
    setApplying(undefined);
    if (!r.ok) {
      setFailure({ code: r.error.code, message: hostMessage(t, r.error) });
      return;
    }
    const now = r.value.chains.find((c) => c.id === id);
    notify({
      severity: 'success',
      message:
        now?.backend === 'real'
          ? t('chain.backend.nowReal', { chain: chain.name, node: now.nodes[0] ? chainNodeName(now.nodes[0], t) : '' })
          : t('chain.backend.nowSimulated', { chain: chain.name }),
    });
  };

  const option = (value: Kind, label: string, hint: string): ReactNode => (
    <FormControlLabel
      value={value}
      data-testid={`backend-${id}-kind-${value}`}
      control={<Radio size="small" />}
      sx={{ alignItems: 'flex-start', mr: 0, '& .MuiRadio-root': { pt: 0.25 } }}
      label={
        <Box sx={{ pt: 0.5 }}>
          <Typography variant="body2" sx={{ fontWeight: 700 }}>
            {label}
          </Typography>
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block', lineHeight: 1.4 }}>
            {hint}
          </Typography>
        </Box>
      }
    />
  );

  return (
    <Box
      ref={ref}
      data-testid={`backend-${id}`}
      sx={{ display: 'flex', flexDirection: 'column', gap: 1.25, scrollMarginTop: 8 }}
    >
      <Typography variant="caption" sx={{ fontWeight: 700, color: 'text.secondary' }}>
        {t('chain.backend.title')}
      </Typography>
      <RadioGroup
        value={kind}
        onChange={(e) =>
          edit(setKind)(e.target.value === 'local' ? 'local' : e.target.value === 'rpc' ? 'rpc' : 'simulated')
        }
        sx={{ gap: 0.5 }}
      >
        {option('simulated', t('chain.backend.simulated'), t('chain.backend.simulatedHint'))}
        {option('local', t('chain.backend.local'), t('chain.backend.localHint'))}
        {option('rpc', t('chain.backend.rpc'), t('chain.backend.rpcHint'))}
      </RadioGroup>

      {kind === 'local' ? (
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, pl: 3.5 }}>
          <ToggleButtonGroup
            size="small"
            exclusive
            value={daemon}
            onChange={(_e, v: string | null) => v && edit(setDaemon)(v)}
            aria-label={t('chain.backend.daemon')}
            sx={{ flexWrap: 'wrap' }}
          >
            <ToggleButton
              value="auto"
              data-testid={`backend-${id}-daemon-auto`}
              sx={{ textTransform: 'none', fontWeight: 700 }}
            >
              {t('chain.backend.daemonAuto')}
            </ToggleButton>
            {(options?.daemons ?? []).map((d) => (
              <ToggleButton
                key={d.id}
                value={d.id}
                title={d.path}
                data-testid={`backend-${id}-daemon-${d.id}`}
                sx={{ textTransform: 'none', fontFamily: 'monospace', fontWeight: 700 }}
              >
                {d.origin === 'path' ? d.kind : `${d.kind} · ${d.path.split(/[\\/]/).at(-1) ?? ''}`}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
          <Typography variant="caption" color="text.secondary">
            {options && options.daemons.length === 0
              ? t('chain.backend.noDaemon')
              : daemon === 'auto'
                ? t('chain.backend.daemonAutoHint', { own, other })
                : t('chain.backend.daemonHint', {
                    daemon: options?.daemons.find((d) => d.id === daemon)?.path ?? daemon,
                  })}
          </Typography>
          {options?.canChooseDaemon ? (
            <Button
              size="small"
              variant="outlined"
              sx={{ alignSelf: 'flex-start' }}
              onClick={() => void chooseDaemon()}
              data-testid={`backend-${id}-choose`}
            >
              {t('chain.backend.choose')}
            </Button>
          ) : options ? (
            <Typography variant="caption" color="text.secondary">
              {t('chain.backend.chooseBrowser')}
            </Typography>
          ) : null}
        </Box>
      ) : null}

      {kind === 'rpc' ? (
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, pl: 3.5 }}>
          <TextField
            size="small"
            label={t('chain.backend.url')}
            value={url}
            onChange={(e) => edit(setUrl)(e.target.value)}
            error={!isLoopbackUrl(url.trim())}
            helperText={isLoopbackUrl(url.trim()) ? t('chain.backend.urlHint') : t('chain.backend.urlInvalid')}
            slotProps={{ htmlInput: { 'data-testid': `backend-${id}-url`, spellCheck: false } }}
          />
          <ToggleButtonGroup
            size="small"
            exclusive
            value={auth}
            onChange={(_e, v: Auth | null) => v && edit(setAuth)(v)}
            aria-label={t('chain.backend.auth')}
          >
            <ToggleButton
              value="cookie"
              data-testid={`backend-${id}-auth-cookie`}
              sx={{ textTransform: 'none', fontWeight: 700 }}
            >
              {t('chain.backend.authCookie')}
            </ToggleButton>
            <ToggleButton
              value="password"
              data-testid={`backend-${id}-auth-password`}
              sx={{ textTransform: 'none', fontWeight: 700 }}
            >
              {t('chain.backend.authPassword')}
            </ToggleButton>
          </ToggleButtonGroup>
          {auth === 'cookie' ? (
            <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }}>
              <Button
                size="small"
                variant="outlined"
                component="label"
                sx={{ alignSelf: 'flex-start' }}
                data-testid={`backend-${id}-cookie-pick`}
              >
                {t('chain.backend.cookieRead')}
                <input hidden type="file" data-testid={`backend-${id}-cookie`} onChange={(e) => void readCookie(e)} />
              </Button>
              <Typography
                variant="caption"
                color={cookieProblem ? 'error' : 'text.secondary'}
                data-testid={`backend-${id}-cookie-status`}
              >
                {cookieProblem
                  ? t('chain.backend.cookieBad')
                  : cookie
                    ? t('chain.backend.cookieLoaded', { file: cookie.file, user: cookie.user })
                    : t('chain.backend.cookieHint', {
                        path: `~/.${id === 'btc' ? 'bitcoin' : 'litecoin'}/regtest/.cookie`,
                      })}
              </Typography>
            </Box>
          ) : (
            <Box sx={{ display: 'flex', gap: 1 }}>
              <TextField
                size="small"
                label={t('chain.backend.user')}
                value={user}
                onChange={(e) => edit(setUser)(e.target.value)}
                sx={{ flex: 1 }}
                slotProps={{
                  htmlInput: { 'data-testid': `backend-${id}-user`, spellCheck: false, autoComplete: 'off' },
                }}
              />
              <TextField
                size="small"
                type="password"
                label={t('chain.backend.password')}
                value={password}
                onChange={(e) => edit(setPassword)(e.target.value)}
                sx={{ flex: 1 }}
                slotProps={{ htmlInput: { 'data-testid': `backend-${id}-password`, autoComplete: 'new-password' } }}
              />
            </Box>
          )}
        </Box>
      ) : null}

      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
        <Button
          variant="contained"
          disableElevation
          disabled={!spec || nothingToDo || applying !== undefined}
          onClick={() => void apply()}
          data-testid={`backend-${id}-apply`}
        >
          {t('chain.backend.apply')}
        </Button>
        {nothingToDo ? (
          <Typography variant="caption" color="text.secondary">
            {t('chain.backend.alreadySimulated')}
          </Typography>
        ) : null}
      </Box>

      <Box ref={outcome} sx={{ display: 'flex', flexDirection: 'column', gap: 1.25, '&:empty': { display: 'none' } }}>
        {applying !== undefined ? (
          <Box data-testid={`backend-${id}-progress`}>
            <LinearProgress
              variant={replay ? 'determinate' : 'indeterminate'}
              value={replay ? (100 * replay.done) / Math.max(1, replay.total) : 0}
              sx={{ height: 8, borderRadius: 4 }}
            />
            <Typography variant="caption" color="text.secondary">
              {replay
                ? t('chain.backend.replaying', { step: Math.min(replay.done + 1, replay.total), total: replay.total }) +
                  (replay.label ? ` · ${replay.label}` : '')
                : applying === 'local'
                  ? t('chain.backend.starting')
                  : applying === 'rpc'
                    ? t('chain.backend.connecting')
                    : t('chain.backend.replayingStart')}
            </Typography>
          </Box>
        ) : null}

        {failure ? (
          <Alert
            severity="error"
            data-testid={`backend-${id}-error`}
            data-code={failure.code}
            onClose={() => setFailure(undefined)}
          >
            <AlertTitle sx={{ fontWeight: 700 }}>{t('chain.backend.failed')}</AlertTitle>
            <Box component="span" sx={{ wordBreak: 'break-word' }}>
              {failure.message}
            </Box>
          </Alert>
        ) : null}
      </Box>

      <Box sx={{ display: 'flex', gap: 0.75, alignItems: 'flex-start', color: 'text.secondary' }}>
        <KeyIcon sx={{ fontSize: '1rem', mt: 0.2 }} />
        <Typography variant="caption">{t('chain.backend.keys')}</Typography>
      </Box>
    </Box>
  );
}
