/** The wallets: balances per chain, keys by purpose, the coins each can spend, and every key handover so far. */
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import { Box, Button, Paper, TextField, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import type { WalletView } from '../../../../shared/contract/views';
import { useWorkspace } from '../../app/workspace/WorkspaceProvider';
import { formatChainTime } from '../../format/time';
import { useI18n } from '../../i18n';
import { CoinList } from './CoinList';
import { HandOverDialog } from './HandOverDialog';
import { WalletCard } from './WalletCard';

export function WalletsPanel(): ReactNode {
  const { t, language } = useI18n();
  const { view, act } = useWorkspace();
  const [selected, setSelected] = useState<string | undefined>();
  const [handingOver, setHandingOver] = useState<WalletView | undefined>();
  const [name, setName] = useState('');
  if (!view) return null;
  const wallet = view.wallets.find((w) => w.id === selected) ?? view.wallets[0];
  const create = async (): Promise<void> => {
    if (!name.trim()) return;
    const r = await act('wallet.create', { name: name.trim() }, { title: t('wallet.create') });
    if (r.ok) setName('');
  };
  return (
    <Box data-testid="wallets-panel" sx={{ display: 'flex', gap: 1.5, p: 1.5, height: '100%', minHeight: 0 }}>
      <Box sx={{ flex: 1, minWidth: 0, overflowY: 'auto' }}>
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(210px, 1fr))', gap: 1.25 }}>
          {view.wallets.map((w) => (
            <WalletCard
              key={w.id}
              wallet={w}
              chains={view.chains}
              selected={w.id === wallet?.id}
              onSelect={() => setSelected(w.id)}
              onHandOver={() => setHandingOver(w)}
            />
          ))}
          <Paper
            variant="outlined"
            sx={{ p: 1.5, display: 'flex', flexDirection: 'column', gap: 1, borderStyle: 'dashed' }}
          >
            <Typography sx={{ fontWeight: 700 }}>{t('wallet.create')}</Typography>
            <TextField
              size="small"
              label={t('wallet.name')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && void create()}
            />
            <Button variant="outlined" disabled={!name.trim()} onClick={() => void create()}>
              {t('wallet.createButton')}
            </Button>
          </Paper>
        </Box>
      </Box>
      <Paper
        variant="outlined"
        sx={{ flex: '0 0 360px', p: 1.5, display: 'flex', flexDirection: 'column', gap: 1.5, minHeight: 0 }}
      >
        <Box sx={{ flex: 1, minHeight: 0 }}>{wallet ? <CoinList key={wallet.id} wallet={wallet} /> : null}</Box>
        <Box
          data-testid="handovers"
          sx={{ maxHeight: '40%', overflowY: 'auto', borderTop: 1, borderColor: 'divider', pt: 1 }}
        >
          <Typography sx={{ fontWeight: 800, mb: 0.5 }}>{t('wallet.handovers')}</Typography>
          {view.handovers.length === 0 ? (
            <Typography color="text.secondary" sx={{ fontSize: '0.85rem', fontStyle: 'italic' }}>
              {t('wallet.noHandovers')}
            </Typography>
          ) : (
            view.handovers.map((h, i) => (
              <Box key={i} sx={{ display: 'flex', gap: 1, alignItems: 'center', fontSize: '0.85rem', py: 0.25 }}>
                <SwapHorizIcon sx={{ fontSize: '1.1rem', color: 'warning.main' }} />
                <span>
                  <strong>{h.keyLabel}</strong>: {h.from} → {h.to}
                  {h.reason ? ` · ${h.reason}` : ''}
                </span>
                <Box component="span" sx={{ color: 'text.secondary', fontSize: '0.75rem', ml: 'auto' }}>
                  {formatChainTime(h.time > 1e11 ? Math.floor(h.time / 1000) : h.time, language)}
                </Box>
              </Box>
            ))
          )}
        </Box>
      </Paper>
      {handingOver ? <HandOverDialog from={handingOver} onClose={() => setHandingOver(undefined)} /> : null}
    </Box>
  );
}
