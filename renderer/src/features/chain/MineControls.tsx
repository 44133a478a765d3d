/** Mine 1, 6, 100 or N blocks (with progress), and move the chain's clock forward. */
import {
  Box,
  Button,
  ButtonGroup,
  FormControl,
  InputLabel,
  LinearProgress,
  MenuItem,
  Select,
  TextField,
  Typography,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import type { ChainSummary } from '../../../../shared/contract/views';
import { useNotify } from '../../app/Notifications';
import { useWorkspace } from '../../app/workspace/WorkspaceProvider';
import { useI18n } from '../../i18n';
import { defaultRewardWallet } from '../../../../shared/contract/rewardWallet';

/** No wallet named: the host's default (rewardWallet.ts), which the menu item names. */
const HOST_DEFAULT = '';

/** The wallets a choice was made among: another workspace (New, Open, a lesson) has others. */
function walletsKey(wallets: readonly { readonly id: string }[]): string {
  return wallets.map((w) => w.id).join('\n');
}

export function MineControls({ chain }: { readonly chain: ChainSummary }): ReactNode {
  const { t } = useI18n();
  const { view, act, progress } = useWorkspace();
  const notify = useNotify();
  const wallets = view?.wallets ?? [];
  // A choice holds only among the wallets it was made from; after New or Open, or in a lesson,
  // the reward goes to that workspace's default, never to a wallet it no longer has.
  const [choice, setChoice] = useState<{ readonly among: string; readonly to: string } | undefined>();
  const among = walletsKey(wallets);
  const to = choice?.among === among ? choice.to : HOST_DEFAULT;
  const fallback = defaultRewardWallet(wallets);
  const setTo = (wallet: string): void => setChoice({ among, to: wallet });
  const [count, setCount] = useState('10');
  const [hours, setHours] = useState('24');
  const [mining, setMining] = useState<number | undefined>();
  const mineProgress = progress?.task === `mine-${chain.id}` ? progress : undefined;

  const mine = async (n: number): Promise<void> => {
    setMining(n);
    const r = await act(
      'chain.mine',
      { chain: chain.id, count: n, ...(to ? { to: { wallet: to } } : {}) },
      { title: t('chain.mine') },
    );
    setMining(undefined);
    if (r.ok)
      notify({
        severity: 'success',
        message: t(n === 1 ? 'chain.minedOne' : 'chain.mined', {
          n,
          height: r.value.chains.find((c) => c.id === chain.id)?.height ?? chain.height,
        }),
      });
  };
  const advance = (seconds: number): void =>
    void act('chain.advanceTime', { chain: chain.id, seconds }, { title: t('chain.advance') });
  const n = Number(count);
  const validN = Number.isInteger(n) && n >= 1 && n <= 10_000;
  const h = Number(hours);
  const validH = Number.isFinite(h) && h > 0 && h <= 24 * 3650;

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.25 }}>
      <Typography variant="caption" sx={{ fontWeight: 700, color: 'text.secondary' }}>
        {t('chain.mine')}
      </Typography>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <ButtonGroup variant="contained" disableElevation disabled={mining !== undefined}>
          {[1, 6, 100].map((k) => (
            <Button key={k} onClick={() => void mine(k)} data-testid={`mine-${chain.id}-${k}`}>
              {t('chain.mineN', { n: k })}
            </Button>
          ))}
        </ButtonGroup>
        <TextField
          size="small"
          value={count}
          onChange={(e) => setCount(e.target.value)}
          label="N"
          sx={{ width: 76 }}
          error={!validN}
          slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': `mine-${chain.id}-count` } }}
        />
        <Button
          variant="outlined"
          disabled={!validN || mining !== undefined}
          onClick={() => void mine(n)}
          data-testid={`mine-${chain.id}-n`}
        >
          {t('chain.mineCustom')}
        </Button>
      </Box>
      <FormControl size="small" sx={{ maxWidth: 260 }}>
        {/* The host's default is the empty value: shrink the label so "Default (Alice)" shows instead of an empty box. */}
        <InputLabel id={`mine-to-${chain.id}`} shrink>
          {t('chain.rewardTo')}
        </InputLabel>
        <Select
          labelId={`mine-to-${chain.id}`}
          label={t('chain.rewardTo')}
          value={to}
          onChange={(e) => setTo(e.target.value)}
          displayEmpty
          notched
        >
          <MenuItem value={HOST_DEFAULT}>
            {fallback ? t('chain.rewardDefault', { name: fallback.name }) : t('chain.rewardNone')}
          </MenuItem>
          {wallets.map((w) => (
            <MenuItem key={w.id} value={w.id}>
              {w.name}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      {mining !== undefined ? (
        <Box data-testid={`mine-progress-${chain.id}`}>
          <LinearProgress
            variant={mineProgress ? 'determinate' : 'indeterminate'}
            value={mineProgress ? (100 * mineProgress.done) / Math.max(1, mineProgress.total) : 0}
            sx={{ height: 8, borderRadius: 4 }}
          />
          <Typography variant="caption" color="text.secondary">
            {mineProgress
              ? t('chain.mining', { done: mineProgress.done, total: mineProgress.total })
              : t(mining === 1 ? 'chain.miningStartOne' : 'chain.miningStart', { n: mining })}
          </Typography>
        </Box>
      ) : null}
      <Typography variant="caption" sx={{ fontWeight: 700, color: 'text.secondary', mt: 0.5 }}>
        {t('chain.advance')}
      </Typography>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <ButtonGroup variant="outlined" size="small">
          <Button onClick={() => advance(600)}>+10 {t('unit.min')}</Button>
          <Button onClick={() => advance(3_600)}>+1 {t('unit.h')}</Button>
          <Button onClick={() => advance(86_400)}>+1 {t('unit.d')}</Button>
        </ButtonGroup>
        <TextField
          size="small"
          value={hours}
          onChange={(e) => setHours(e.target.value)}
          label={t('unit.hours')}
          sx={{ width: 90 }}
          error={!validH}
        />
        <Button size="small" variant="outlined" disabled={!validH} onClick={() => advance(Math.round(h * 3_600))}>
          {t('chain.advanceCustom')}
        </Button>
      </Box>
    </Box>
  );
}
