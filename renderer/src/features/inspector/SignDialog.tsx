/**
 * Sign: which wallet, which key, which sighash type. The host signs in its keystore; the
 * renderer never sees a private key. Defaults: the owner of the first unsigned signature slot.
 */
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  InputLabel,
  MenuItem,
  Select,
  Stack,
  Typography,
} from '@mui/material';
import { useMemo, useState, type ReactNode } from 'react';
import type { NodeView } from '../../../../shared/contract/views';
import { useWorkspace } from '../../app/workspace/WorkspaceProvider';
import { useNotify } from '../../app/Notifications';
import { useI18n } from '../../i18n';
import { nodeLabel } from '../graph/nodeNames';

const BASE_TYPES = [
  { value: 1, name: 'SIGHASH_ALL' },
  { value: 2, name: 'SIGHASH_NONE' },
  { value: 3, name: 'SIGHASH_SINGLE' },
] as const;

const ANY_KEY = '*';
const ALL_INPUTS = -1;

export function SignDialog({
  node,
  open,
  onClose,
}: {
  readonly node: NodeView;
  readonly open: boolean;
  readonly onClose: () => void;
}): ReactNode {
  const { t } = useI18n();
  const { view, act } = useWorkspace();
  const notify = useNotify();
  const wallets = view?.wallets ?? [];
  const slots = node.inputs.flatMap((i) => i.slots.map((s) => ({ ...s, input: i.index })));
  const firstUnsigned = slots.find((s) => !s.signed && s.owner) ?? slots.find((s) => s.owner);
  const [walletId, setWalletId] = useState<string>(firstUnsigned?.owner?.walletId ?? wallets[0]?.id ?? '');
  const [keyId, setKeyId] = useState<string>(ANY_KEY);
  const [input, setInput] = useState<number>(ALL_INPUTS);
  const [baseType, setBaseType] = useState<number>(1);
  const [anyoneCanPay, setAnyoneCanPay] = useState(false);
  const [busy, setBusy] = useState(false);

  // The keys of this wallet that the transaction asks for.
  const wanted = useMemo(() => {
    const seen = new Map<string, string>();
    for (const s of slots) if (s.owner?.walletId === walletId) seen.set(s.owner.keyId, s.owner.keyLabel);
    return [...seen];
  }, [slots, walletId]);

  const sign = async (): Promise<void> => {
    setBusy(true);
    const sighashType = baseType | (anyoneCanPay ? 0x80 : 0);
    // SIGHASH_ALL, the dialog's default, is left to the host: ALL for ECDSA, DEFAULT (64 bytes) for Taproot.
    const chosen = sighashType === 1 ? {} : { sighashType };
    const r = await act(
      'tx.sign',
      {
        node: node.id,
        wallet: walletId,
        ...chosen,
        ...(keyId !== ANY_KEY ? { keyId } : {}),
        ...(input !== ALL_INPUTS ? { input } : {}),
      },
      { title: t('sign.title') },
    );
    setBusy(false);
    if (r.ok) {
      notify({
        severity: 'success',
        message: t(r.value.signed === 1 ? 'sign.doneOne' : 'sign.done', {
          n: r.value.signed,
          wallet: wallets.find((w) => w.id === walletId)?.name ?? walletId,
        }),
      });
      onClose();
    }
  };

  return (
    <Dialog open={open} onClose={onClose} maxWidth="xs" fullWidth>
      <DialogTitle>{t('sign.heading', { label: nodeLabel(node.label, t) })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <Typography variant="body2" color="text.secondary">
            {slots.length === 0
              ? t('sign.noSlots')
              : t('sign.slots', { signed: slots.filter((s) => s.signed).length, total: slots.length })}
          </Typography>
          <FormControl fullWidth size="small">
            <InputLabel id="sign-wallet">{t('sign.wallet')}</InputLabel>
            <Select
              labelId="sign-wallet"
              label={t('sign.wallet')}
              value={walletId}
              onChange={(e) => {
                setWalletId(e.target.value);
                setKeyId(ANY_KEY);
              }}
              data-testid="sign-wallet"
            >
              {wallets.map((w) => (
                <MenuItem key={w.id} value={w.id} data-testid={`sign-wallet-${w.name}`}>
                  {w.name}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          <FormControl fullWidth size="small">
            <InputLabel id="sign-key">{t('sign.key')}</InputLabel>
            <Select labelId="sign-key" label={t('sign.key')} value={keyId} onChange={(e) => setKeyId(e.target.value)}>
              <MenuItem value={ANY_KEY}>{t('sign.anyKey')}</MenuItem>
              {wanted.map(([id, label]) => (
                <MenuItem key={id} value={id}>
                  {label}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          <FormControl fullWidth size="small">
            <InputLabel id="sign-input">{t('sign.input')}</InputLabel>
            <Select
              labelId="sign-input"
              label={t('sign.input')}
              value={input}
              onChange={(e) => setInput(Number(e.target.value))}
            >
              <MenuItem value={ALL_INPUTS}>{t('sign.allInputs')}</MenuItem>
              {node.inputs.map((i) => (
                <MenuItem key={i.index} value={i.index}>
                  {t('inspector.inputN', { n: i.index })}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          <FormControl fullWidth size="small">
            <InputLabel id="sign-sighash">{t('sign.sighash')}</InputLabel>
            <Select
              labelId="sign-sighash"
              label={t('sign.sighash')}
              value={baseType}
              onChange={(e) => setBaseType(Number(e.target.value))}
            >
              {BASE_TYPES.map((b) => (
                <MenuItem key={b.value} value={b.value}>
                  {b.name}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          <FormControlLabel
            control={<Checkbox checked={anyoneCanPay} onChange={(e) => setAnyoneCanPay(e.target.checked)} />}
            label="SIGHASH_ANYONECANPAY"
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('action.cancel')}</Button>
        <Button
          variant="contained"
          disableElevation
          onClick={() => void sign()}
          disabled={busy || !walletId}
          data-testid="sign-confirm"
        >
          {t('sign.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
