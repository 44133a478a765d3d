/** Hand one private key to another wallet (the RSMC revocation step): an explicit, logged keystore operation. */
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControl,
  InputLabel,
  MenuItem,
  Select,
  Stack,
  TextField,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import type { WalletView } from '../../../../shared/contract/views';
import { useWorkspace } from '../../app/workspace/WorkspaceProvider';
import { useI18n } from '../../i18n';

export function HandOverDialog({
  from,
  onClose,
}: {
  readonly from: WalletView;
  readonly onClose: () => void;
}): ReactNode {
  const { t } = useI18n();
  const { view, act } = useWorkspace();
  const others = (view?.wallets ?? []).filter((w) => w.id !== from.id);
  const [keyId, setKeyId] = useState(from.keys.find((k) => k.purpose === 'revocation')?.id ?? from.keys[0]?.id ?? '');
  const [to, setTo] = useState(others[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const submit = async (): Promise<void> => {
    const r = await act(
      'wallet.handOver',
      { keyId, from: from.id, to, reason: reason || t('wallet.handOverDefaultReason') },
      { title: t('wallet.handOver') },
    );
    if (r.ok) onClose();
  };
  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth>
      <DialogTitle>{t('wallet.handOverTitle', { wallet: from.name })}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{t('wallet.handOverExplain')}</DialogContentText>
        <Stack spacing={2}>
          <FormControl size="small" fullWidth>
            <InputLabel id="handover-key">{t('wallet.key')}</InputLabel>
            <Select
              labelId="handover-key"
              label={t('wallet.key')}
              value={keyId}
              onChange={(e) => setKeyId(e.target.value)}
            >
              {from.keys.map((k) => (
                <MenuItem key={k.id} value={k.id}>
                  {k.label} ({k.purpose})
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          <FormControl size="small" fullWidth>
            <InputLabel id="handover-to">{t('wallet.to')}</InputLabel>
            <Select labelId="handover-to" label={t('wallet.to')} value={to} onChange={(e) => setTo(e.target.value)}>
              {others.map((w) => (
                <MenuItem key={w.id} value={w.id}>
                  {w.name}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          <TextField
            size="small"
            label={t('wallet.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={t('wallet.handOverDefaultReason')}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('action.cancel')}</Button>
        <Button
          variant="contained"
          disableElevation
          color="warning"
          disabled={!keyId || !to}
          onClick={() => void submit()}
        >
          {t('wallet.handOverConfirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
