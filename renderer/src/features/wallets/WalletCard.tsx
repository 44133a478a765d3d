/** One wallet: balances per chain (confirmed, unconfirmed, immature) and its keys by purpose. */
import KeyIcon from '@mui/icons-material/Key';
import { Box, Button, Chip, Collapse, Paper, Tooltip, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import type { ChainSummary, WalletView } from '../../../../shared/contract/views';
import { groupCoins, satsToCoins, shortHash } from '../../format/amounts';
import { useI18n, type MessageKey } from '../../i18n';

const PURPOSES: Readonly<Record<string, MessageKey>> = {
  receive: 'wallet.purpose.receive',
  change: 'wallet.purpose.change',
  funding: 'wallet.purpose.funding',
  revocation: 'wallet.purpose.revocation',
  htlc: 'wallet.purpose.htlc',
  swap: 'wallet.purpose.swap',
  taproot: 'wallet.purpose.taproot',
};

export function WalletCard({
  wallet,
  chains,
  selected,
  onSelect,
  onHandOver,
}: {
  readonly wallet: WalletView;
  readonly chains: readonly ChainSummary[];
  readonly selected: boolean;
  readonly onSelect: () => void;
  readonly onHandOver: () => void;
}): ReactNode {
  const { t } = useI18n();
  const [keysOpen, setKeysOpen] = useState(false);
  return (
    <Paper
      variant="outlined"
      data-testid={`wallet-${wallet.name}`}
      sx={{
        p: 1.5,
        borderColor: selected ? 'primary.main' : 'divider',
        borderWidth: selected ? 2 : 1,
        display: 'flex',
        flexDirection: 'column',
        gap: 0.75,
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography sx={{ fontWeight: 800, fontSize: '1.05rem', flex: 1 }}>{wallet.name}</Typography>
        <Chip
          size="small"
          icon={<KeyIcon />}
          label={wallet.keys.length}
          onClick={() => setKeysOpen((o) => !o)}
          aria-label={t('wallet.keys')}
        />
      </Box>
      {chains.map((chain) => {
        const b = wallet.balances[chain.id];
        return (
          <Box
            key={chain.id}
            data-testid={`balance-${wallet.name}-${chain.id}`}
            data-confirmed={b.confirmed}
            data-unconfirmed={b.unconfirmed}
          >
            <Typography sx={{ fontWeight: 800, fontSize: '1.15rem' }}>
              <span data-testid={`balance-confirmed-${wallet.name}-${chain.id}`}>
                {satsToCoins(b.confirmed, { trim: true })}
              </span>{' '}
              <Box component="span" sx={{ fontSize: '0.8rem', color: 'text.secondary' }}>
                {chain.unit}
              </Box>
            </Typography>
            {b.unconfirmed !== '0' || b.immature !== '0' ? (
              <Typography variant="body2" color="text.secondary" sx={{ fontSize: '0.78rem' }}>
                {b.unconfirmed !== '0'
                  ? t('wallet.unconfirmed', {
                      amount: groupCoins(satsToCoins(b.unconfirmed, { trim: true })),
                      unit: chain.unit,
                    })
                  : ''}
                {b.unconfirmed !== '0' && b.immature !== '0' ? ' · ' : ''}
                {b.immature !== '0'
                  ? t('wallet.immature', {
                      amount: groupCoins(satsToCoins(b.immature, { trim: true })),
                      unit: chain.unit,
                    })
                  : ''}
              </Typography>
            ) : null}
          </Box>
        );
      })}
      <Collapse in={keysOpen}>
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.5, mt: 0.5 }}>
          {wallet.keys.map((k) => (
            <Tooltip key={k.id} title={`${k.path} · ${k.publicKey}`}>
              <Box sx={{ display: 'flex', gap: 0.75, alignItems: 'baseline', fontSize: '0.8rem' }}>
                <Box component="span" sx={{ fontWeight: 700 }}>
                  {k.label}
                </Box>
                <Box component="span" sx={{ color: 'text.secondary' }}>
                  {PURPOSES[k.purpose] ? t(PURPOSES[k.purpose]!) : k.purpose}
                  {k.handedOverFrom ? ` · ${t('wallet.fromWallet', { wallet: k.handedOverFrom })}` : ''}
                </Box>
                <Box component="span" sx={{ color: 'text.disabled', fontFamily: 'monospace' }}>
                  {shortHash(k.publicKey, 4)}
                </Box>
              </Box>
            </Tooltip>
          ))}
        </Box>
      </Collapse>
      <Box sx={{ display: 'flex', gap: 1, mt: 'auto' }}>
        <Button
          size="small"
          variant={selected ? 'contained' : 'outlined'}
          disableElevation
          onClick={onSelect}
          data-testid={`wallet-coins-${wallet.name}`}
        >
          {t('wallet.coins')}
        </Button>
        <Button size="small" onClick={onHandOver} disabled={wallet.keys.length === 0}>
          {t('wallet.handOver')}
        </Button>
      </Box>
    </Paper>
  );
}
