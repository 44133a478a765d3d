/**
 * Builds a P2TR output's script tree from simple forms: the internal key (a wallet's, or the NUMS
 * point for a script-only output) and up to eight leaves. The host derives the keys, writes the
 * scripts and checks everything (graph.setTaprootOutput); this only collects the choices.
 */
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import {
  Box,
  Button,
  FormControl,
  IconButton,
  InputLabel,
  MenuItem,
  Paper,
  Select,
  Stack,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import type { TapLeafRequest } from '../../../../shared/contract/methods';
import type { NodeView, OutputView, WalletView } from '../../../../shared/contract/views';
import { useWorkspace } from '../../app/workspace/WorkspaceProvider';
import { useI18n, type Translate } from '../../i18n';

const KINDS = ['key', 'after', 'at', 'hash', 'multi', 'asm'] as const;
type Kind = (typeof KINDS)[number];
const NUMS = '__nums__';
const MAX_LEAVES = 8;

interface LeafDraft {
  readonly kind: Kind;
  readonly wallet: string;
  readonly wallets: readonly string[];
  readonly number: string;
  readonly hash: string;
  readonly asm: string;
}

const newLeaf = (wallet: string): LeafDraft => ({ kind: 'key', wallet, wallets: [], number: '', hash: '', asm: '' });

/** The request's leaf, or undefined while a field is not filled in yet (the host checks the rest). */
function leafRequest(leaf: LeafDraft): TapLeafRequest | undefined {
  const n = Number(leaf.number);
  switch (leaf.kind) {
    case 'key':
      return leaf.wallet ? { kind: 'key', wallet: leaf.wallet } : undefined;
    case 'after':
      return leaf.wallet && Number.isInteger(n) && n > 0
        ? { kind: 'after', wallet: leaf.wallet, blocks: n }
        : undefined;
    case 'at':
      return leaf.wallet && Number.isInteger(n) && n > 0 ? { kind: 'at', wallet: leaf.wallet, locktime: n } : undefined;
    case 'hash':
      return leaf.wallet && /^[0-9a-f]{64}$/.test(leaf.hash.trim().toLowerCase())
        ? { kind: 'hash', wallet: leaf.wallet, hash: leaf.hash.trim().toLowerCase() }
        : undefined;
    case 'multi':
      return leaf.wallets.length > 0 && Number.isInteger(n) && n > 0
        ? { kind: 'multi', wallets: [...leaf.wallets], required: n }
        : undefined;
    case 'asm':
      return leaf.asm.trim() ? { kind: 'asm', asm: leaf.asm.trim() } : undefined;
  }
}

function WalletSelect({
  label,
  wallets,
  value,
  onChange,
  testId,
}: {
  readonly label: string;
  readonly wallets: readonly WalletView[];
  readonly value: string;
  readonly onChange: (next: string) => void;
  readonly testId: string;
}): ReactNode {
  return (
    <FormControl size="small" sx={{ minWidth: 130, flex: 1 }}>
      <InputLabel>{label}</InputLabel>
      <Select label={label} value={value} data-testid={testId} onChange={(e) => onChange(e.target.value)}>
        {wallets.map((w) => (
          <MenuItem key={w.id} value={w.name} data-testid={`${testId}-${w.name}`}>
            {w.name}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

function LeafFields({
  leaf,
  index,
  wallets,
  update,
  t,
}: {
  readonly leaf: LeafDraft;
  readonly index: number;
  readonly wallets: readonly WalletView[];
  readonly update: (patch: Partial<LeafDraft>) => void;
  readonly t: Translate;
}): ReactNode {
  const id = `leaf-${index}`;
  const wallet = (
    <WalletSelect
      label={t('taproot.field.wallet')}
      wallets={wallets}
      value={leaf.wallet}
      onChange={(next) => update({ wallet: next })}
      testId={`${id}-wallet`}
    />
  );
  const number = (label: string) => (
    <TextField
      size="small"
      label={label}
      value={leaf.number}
      onChange={(e) => update({ number: e.target.value.replace(/[^0-9]/g, '') })}
      slotProps={{ htmlInput: { 'data-testid': `${id}-number`, inputMode: 'numeric' } }}
      sx={{ width: 170 }}
    />
  );
  switch (leaf.kind) {
    case 'key':
      return wallet;
    case 'after':
      return (
        <>
          {wallet}
          {number(t('taproot.field.blocks'))}
        </>
      );
    case 'at':
      return (
        <>
          {wallet}
          {number(t('taproot.field.locktime'))}
        </>
      );
    case 'hash':
      return (
        <>
          {wallet}
          <TextField
            size="small"
            label={t('taproot.field.hash')}
            value={leaf.hash}
            onChange={(e) => update({ hash: e.target.value })}
            slotProps={{ htmlInput: { 'data-testid': `${id}-hash`, spellCheck: false } }}
            sx={{ flexBasis: '100%' }}
          />
        </>
      );
    case 'multi':
      return (
        <>
          <FormControl size="small" sx={{ minWidth: 200, flex: 1 }}>
            <InputLabel>{t('taproot.field.wallets')}</InputLabel>
            <Select
              multiple
              label={t('taproot.field.wallets')}
              value={[...leaf.wallets]}
              data-testid={`${id}-wallets`}
              onChange={(e) => update({ wallets: typeof e.target.value === 'string' ? [] : e.target.value })}
            >
              {wallets.map((w) => (
                <MenuItem key={w.id} value={w.name} data-testid={`${id}-wallets-${w.name}`}>
                  {w.name}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          {number(t('taproot.field.required'))}
        </>
      );
    case 'asm':
      return (
        <TextField
          size="small"
          multiline
          label={t('taproot.field.asm')}
          value={leaf.asm}
          onChange={(e) => update({ asm: e.target.value })}
          slotProps={{ htmlInput: { 'data-testid': `${id}-asm`, spellCheck: false } }}
          sx={{ flexBasis: '100%' }}
        />
      );
  }
}

export function TreeBuilder({
  node,
  output,
  onDone,
}: {
  readonly node: NodeView;
  readonly output: OutputView;
  readonly onDone: () => void;
}): ReactNode {
  const { t } = useI18n();
  const { view, act } = useWorkspace();
  const wallets = view?.wallets ?? [];
  const first = wallets[0]?.name ?? '';
  const [internal, setInternal] = useState<string>(output.owner ?? first);
  const [leaves, setLeaves] = useState<readonly LeafDraft[]>(() => [newLeaf(wallets[1]?.name ?? first)]);
  const requests = leaves.map(leafRequest);
  const ready = requests.every((r) => r !== undefined) && (internal === NUMS || internal !== '');
  const update = (i: number, patch: Partial<LeafDraft>) =>
    setLeaves((all) => all.map((l, k) => (k === i ? { ...l, ...patch } : l)));

  const apply = async () => {
    const r = await act(
      'graph.setTaprootOutput',
      {
        node: node.id,
        output: output.index,
        internal: internal === NUMS ? { nums: true } : { wallet: internal },
        leaves: requests.filter((l) => l !== undefined),
      },
      { title: t('taproot.buildTitle') },
    );
    if (r.ok) onDone();
  };

  return (
    <Paper variant="outlined" data-testid={`tree-builder-${output.index}`} sx={{ p: 1.25 }}>
      <Typography sx={{ fontWeight: 800, mb: 1 }}>{t('taproot.buildTitle')}</Typography>
      <FormControl size="small" fullWidth>
        <InputLabel>{t('taproot.internalKey')}</InputLabel>
        <Select
          label={t('taproot.internalKey')}
          value={internal}
          data-testid="tree-internal"
          onChange={(e) => setInternal(e.target.value)}
        >
          {wallets.map((w) => (
            <MenuItem key={w.id} value={w.name} data-testid={`tree-internal-${w.name}`}>
              {t('taproot.internalWallet', { wallet: w.name })}
            </MenuItem>
          ))}
          <MenuItem value={NUMS} data-testid="tree-internal-nums">
            {t('taproot.nums')}
          </MenuItem>
        </Select>
      </FormControl>
      <Stack spacing={1} sx={{ mt: 1.25 }}>
        {leaves.map((leaf, i) => (
          <Box key={i} data-testid={`tree-leaf-${i}`} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1 }}>
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, mb: 1 }}>
              {/* The leaf's number is its kind's label: the kind gets the row's whole width. */}
              <FormControl size="small" sx={{ flex: 1, minWidth: 0 }}>
                <InputLabel>{t('taproot.leafN', { n: i })}</InputLabel>
                <Select
                  label={t('taproot.leafN', { n: i })}
                  value={leaf.kind}
                  data-testid={`leaf-${i}-kind`}
                  onChange={(e) => update(i, { kind: e.target.value })}
                >
                  {KINDS.map((k) => (
                    <MenuItem key={k} value={k} data-testid={`leaf-${i}-kind-${k}`}>
                      {t(`taproot.kind.${k}`)}
                    </MenuItem>
                  ))}
                </Select>
              </FormControl>
              {leaves.length > 1 ? (
                <Tooltip title={t('taproot.removeLeaf')}>
                  <IconButton
                    size="small"
                    aria-label={t('taproot.removeLeaf')}
                    onClick={() => setLeaves((all) => all.filter((_l, k) => k !== i))}
                  >
                    <DeleteOutlineIcon fontSize="small" />
                  </IconButton>
                </Tooltip>
              ) : null}
            </Box>
            <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
              <LeafFields leaf={leaf} index={i} wallets={wallets} update={(p) => update(i, p)} t={t} />
            </Box>
          </Box>
        ))}
      </Stack>
      <Box sx={{ display: 'flex', gap: 1, mt: 1.25, '& .MuiButton-root': { whiteSpace: 'nowrap' } }}>
        <Button
          variant="outlined"
          disabled={leaves.length >= MAX_LEAVES}
          data-testid="tree-add-leaf"
          onClick={() => setLeaves((all) => [...all, newLeaf(first)])}
        >
          {t('taproot.addLeaf')}
        </Button>
        <Box sx={{ flex: 1 }} />
        <Button onClick={onDone}>{t('action.cancel')}</Button>
        <Button variant="contained" disabled={!ready} data-testid="tree-apply" onClick={() => void apply()}>
          {t('taproot.apply')}
        </Button>
      </Box>
    </Paper>
  );
}
