/** A wallet's coins on one chain, each one a button that puts its transaction on the canvas to spend it. */
import AddToPhotosIcon from '@mui/icons-material/AddToPhotos';
import SendIcon from '@mui/icons-material/Send';
import {
  Box,
  Button,
  Chip,
  ListSubheader,
  Menu,
  MenuItem,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useReactFlow } from '@xyflow/react';
import { useEffect, useState, type ReactNode } from 'react';
import type { UtxoView } from '../../../../shared/contract/methods';
import type { WalletView } from '../../../../shared/contract/views';
import { useUi } from '../../app/workspace/UiState';
import { useWorkspace } from '../../app/workspace/WorkspaceProvider';
import { groupDigits, satsToCoins, shortHash } from '../../format/amounts';
import { HAND_FEE_SATS, roundPaymentAmount } from '../../../../shared/contract/firstPayment';
import { useI18n } from '../../i18n';
import { MONO_STACK } from '../../theme/theme';
import { usePlacement } from '../graph/useAddNode';
import type { ChainId } from '../../../../shared/chain/profiles';

export function CoinList({ wallet }: { readonly wallet: WalletView }): ReactNode {
  const { t } = useI18n();
  const { client, view, act } = useWorkspace();
  const { select } = useUi();
  const place = usePlacement();
  const flow = useReactFlow();
  const chains = view?.chains ?? [];
  const [chain, setChain] = useState<ChainId>('btc');
  const [coins, setCoins] = useState<readonly UtxoView[] | undefined>();
  /** The coin whose "Pay…" menu is open, and the button it hangs from. */
  const [paying, setPaying] = useState<{ readonly coin: UtxoView; readonly anchor: HTMLElement } | undefined>();
  const revision = view?.revision;
  useEffect(() => {
    let current = true;
    void client
      .call('wallet.utxos', { wallet: wallet.id, chain })
      .then((r) => current && setCoins(r.ok ? r.value.utxos : []));
    return () => {
      current = false;
    };
  }, [client, wallet.id, chain, revision]);

  const onCanvas = new Set((view?.nodes ?? []).filter((n) => n.kind === 'chain').map((n) => n.txid));
  const putOnCanvas = async (coin: UtxoView): Promise<void> => {
    // A coin is spent by what is selected: it goes to its left, so the edge reads coin → spender.
    const r = await act('graph.addChainTx', { chain, txid: coin.txid, position: place(undefined, 'left') });
    if (r.ok) select([r.value.created]);
    // The coin lands beside what is there; frame the graph so it is in sight.
    if (r.ok)
      requestAnimationFrame(
        () => void flow.fitView({ padding: 0.15, maxZoom: Math.min(1, flow.getZoom()), duration: 200 }),
      );
  };
  // A first payment in one click: the coin, a payment to its right, change back (graph.payFromCoin).
  const payFrom = async (coin: UtxoView, to: string): Promise<void> => {
    setPaying(undefined);
    const r = await act(
      'graph.payFromCoin',
      { chain, coin: { txid: coin.txid, vout: coin.vout }, to: { wallet: to }, position: place(undefined, 'left') },
      { title: t('wallet.pay') },
    );
    if (!r.ok) return;
    select([r.value.created]);
    requestAnimationFrame(
      () => void flow.fitView({ padding: 0.15, maxZoom: Math.min(1, flow.getZoom()), duration: 200 }),
    );
  };
  const payees = (view?.wallets ?? []).filter((w) => w.id !== wallet.id);
  const unit = chains.find((c) => c.id === chain)?.unit ?? 'BTC';
  const sorted = [...(coins ?? [])].sort(
    (a, b) => Number(b.mature) - Number(a.mature) || b.confirmations - a.confirmations,
  );

  return (
    <Box
      data-testid="coin-list"
      sx={{ display: 'flex', flexDirection: 'column', gap: 1, minHeight: 0, height: '100%' }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography sx={{ fontWeight: 800, flex: 1 }}>{t('wallet.coinsOf', { wallet: wallet.name })}</Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={chain}
          onChange={(_e, next: ChainId | null) => next && setChain(next)}
        >
          {chains.map((c) => (
            <ToggleButton key={c.id} value={c.id} sx={{ fontWeight: 800, py: 0.25 }}>
              {c.unit}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Box>
      <Box sx={{ overflowY: 'auto', flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', gap: 0.75 }}>
        {coins !== undefined && sorted.length === 0 ? (
          <Typography color="text.secondary" sx={{ fontStyle: 'italic', fontSize: '0.85rem' }}>
            {t('wallet.noCoins')}
          </Typography>
        ) : null}
        {sorted.slice(0, 200).map((coin) => (
          <Box
            key={`${coin.txid}:${coin.vout}`}
            data-testid="coin-row"
            data-mature={coin.mature ? 'true' : 'false'}
            data-coinbase={coin.coinbase ? 'true' : 'false'}
            sx={{
              display: 'flex',
              alignItems: 'center',
              gap: 1,
              p: 0.75,
              border: 1,
              borderColor: 'divider',
              borderRadius: 1,
            }}
          >
            <Box sx={{ flex: 1, minWidth: 0 }}>
              <Typography sx={{ fontWeight: 800, fontSize: '0.92rem' }}>
                {satsToCoins(coin.value, { trim: true })} {unit}
              </Typography>
              <Typography noWrap sx={{ fontFamily: MONO_STACK, fontSize: '0.72rem', color: 'text.secondary' }}>
                {shortHash(coin.txid, 8)}:{coin.vout} · {t('wallet.confirmations', { n: coin.confirmations })}
              </Typography>
            </Box>
            {coin.coinbase ? (
              <Chip
                size="small"
                label={coin.mature ? t('wallet.coinbaseMature') : t('wallet.coinbaseImmature')}
                color={coin.mature ? 'success' : 'default'}
                variant="outlined"
              />
            ) : null}
            <Button
              size="small"
              variant="outlined"
              startIcon={<AddToPhotosIcon />}
              disabled={!coin.mature || onCanvas.has(coin.txid)}
              onClick={() => void putOnCanvas(coin)}
              data-testid="coin-place"
            >
              {onCanvas.has(coin.txid) ? t('wallet.onCanvas') : t('wallet.place')}
            </Button>
            <Button
              size="small"
              variant="contained"
              disableElevation
              startIcon={<SendIcon />}
              disabled={!coin.mature}
              onClick={(e) => setPaying({ coin, anchor: e.currentTarget })}
              data-testid="coin-pay"
            >
              {t('wallet.pay')}
            </Button>
          </Box>
        ))}
      </Box>
      <Menu anchorEl={paying?.anchor} open={paying !== undefined} onClose={() => setPaying(undefined)}>
        {paying ? (
          <ListSubheader sx={{ lineHeight: 1.4, py: 1, maxWidth: 340, whiteSpace: 'normal' }}>
            {t('wallet.payHint', { wallet: wallet.name, fee: groupDigits(HAND_FEE_SATS.toString()) })}
          </ListSubheader>
        ) : null}
        {payees.length === 0 ? <MenuItem disabled>{t('wallet.payNobody')}</MenuItem> : null}
        {paying
          ? payees.map((w) => (
              <MenuItem
                key={w.id}
                data-testid={`coin-pay-to-${w.name}`}
                sx={{ fontWeight: 700 }}
                onClick={() => void payFrom(paying.coin, w.id)}
              >
                {t('wallet.payTo', {
                  amount: satsToCoins(roundPaymentAmount(BigInt(paying.coin.value)).toString(), { trim: true }),
                  unit,
                  wallet: w.name,
                })}
              </MenuItem>
            ))
          : null}
      </Menu>
    </Box>
  );
}
