/**
 * A console with Bitcoin Core's commands (`txlab rpc`): type a line as for bitcoin-cli, read the
 * answer as bitcoin-cli prints it. ↑/↓ walk the history; Tab completes a method name.
 */
import { Box, Button, Chip, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useWorkspace } from '../../app/workspace/WorkspaceProvider';
import { useI18n } from '../../i18n';
import { hostMessage } from '../../i18n/hostMessage';
import { MONO_STACK } from '../../theme/theme';
import type { ChainId } from '../../../../shared/chain/profiles';

const RPC_METHODS = [
  'getblockchaininfo',
  'getblockcount',
  'getbestblockhash',
  'getblockhash',
  'getblock',
  'getrawtransaction',
  'decoderawtransaction',
  'decodescript',
  'validateaddress',
  'sendrawtransaction',
  'testmempoolaccept',
  'getrawmempool',
  'getmempoolentry',
  'generatetoaddress',
  'getnewaddress',
  'getaddressinfo',
  'getbalance',
  'sendtoaddress',
] as const;

interface Entry {
  readonly id: number;
  readonly chain: string;
  readonly line: string;
  readonly ok: boolean;
  readonly text: string;
}

export function ConsolePanel(): ReactNode {
  const { t } = useI18n();
  const { act, view } = useWorkspace();
  const [chain, setChain] = useState<ChainId>('btc');
  const [line, setLine] = useState('');
  const [log, setLog] = useState<readonly Entry[]>([]);
  const [history, setHistory] = useState<readonly string[]>([]);
  const [cursor, setCursor] = useState<number | undefined>();
  const [running, setRunning] = useState(false);
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [log]);

  const run = async (text: string): Promise<void> => {
    const trimmed = text.trim();
    if (!trimmed || running) return;
    setRunning(true);
    const r = await act('rpc.call', { chain, line: trimmed }, { quiet: true });
    setRunning(false);
    setLog((l) => [
      ...l.slice(-199),
      {
        id: Date.now() + l.length,
        chain,
        line: trimmed,
        ok: r.ok,
        text: r.ok ? r.value.text : hostMessage(t, r.error),
      },
    ]);
    setHistory((h) => [...h.filter((x) => x !== trimmed), trimmed].slice(-100));
    setCursor(undefined);
    setLine('');
  };

  const complete = (): void => {
    const [word = '', ...rest] = line.split(' ');
    if (rest.length > 0) return;
    const matches = RPC_METHODS.filter((m) => m.startsWith(word));
    if (matches.length === 1) setLine(`${matches[0]} `);
  };

  return (
    <Box
      data-testid="console-panel"
      sx={{ display: 'flex', flexDirection: 'column', gap: 1, p: 1.5, height: '100%', minHeight: 0 }}
    >
      <Box sx={{ display: 'flex', gap: 0.75, flexWrap: 'wrap', alignItems: 'center' }}>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={chain}
          onChange={(_e, next: ChainId | null) => next && setChain(next)}
        >
          {(view?.chains ?? []).map((c) => (
            <ToggleButton key={c.id} value={c.id} sx={{ fontWeight: 800, py: 0.25 }}>
              {c.unit}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        {RPC_METHODS.map((m) => (
          <Chip
            key={m}
            size="small"
            label={m}
            variant="outlined"
            onClick={() => setLine(`${m} `)}
            sx={{ fontFamily: MONO_STACK, fontSize: '0.72rem' }}
          />
        ))}
      </Box>
      <Box
        data-testid="console-log"
        sx={{
          flex: 1,
          minHeight: 0,
          overflowY: 'auto',
          fontFamily: MONO_STACK,
          fontSize: '0.82rem',
          p: 1,
          borderRadius: 1,
          border: 1,
          borderColor: 'divider',
          bgcolor: 'background.default',
        }}
      >
        {log.length === 0 ? (
          <Typography sx={{ fontFamily: 'inherit', fontSize: 'inherit', color: 'text.secondary' }}>
            {t('console.hint')}
          </Typography>
        ) : null}
        {log.map((e) => (
          <Box key={e.id} data-testid="console-entry" data-ok={e.ok ? 'true' : 'false'} sx={{ mb: 1 }}>
            <Box sx={{ color: 'primary.main', fontWeight: 700 }}>
              {e.chain}&gt; {e.line}
            </Box>
            <Box
              component="pre"
              sx={{ m: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', color: e.ok ? 'text.primary' : 'error.main' }}
            >
              {e.text}
            </Box>
          </Box>
        ))}
        <div ref={end} />
      </Box>
      <Box sx={{ display: 'flex', gap: 1 }}>
        <TextField
          size="small"
          fullWidth
          value={line}
          placeholder={t('console.placeholder')}
          onChange={(e) => setLine(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void run(line);
            else if (e.key === 'Tab') {
              e.preventDefault();
              complete();
            } else if (e.key === 'ArrowUp' && history.length > 0) {
              const next = cursor === undefined ? history.length - 1 : Math.max(0, cursor - 1);
              setCursor(next);
              setLine(history[next] ?? '');
              e.preventDefault();
            } else if (e.key === 'ArrowDown' && cursor !== undefined) {
              const next = cursor + 1;
              setCursor(next >= history.length ? undefined : next);
              setLine(next >= history.length ? '' : (history[next] ?? ''));
              e.preventDefault();
            }
          }}
          slotProps={{
            htmlInput: { 'data-testid': 'console-input', spellCheck: false, style: { fontFamily: MONO_STACK } },
          }}
        />
        <Button
          variant="contained"
          disableElevation
          disabled={running || !line.trim()}
          onClick={() => void run(line)}
          data-testid="console-run"
        >
          {t('console.run')}
        </Button>
      </Box>
    </Box>
  );
}
