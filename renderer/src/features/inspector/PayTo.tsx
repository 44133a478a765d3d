/**
 * Who an output pays: a wallet (its receive key as P2PKH, P2WPKH or P2SH-P2WPKH, its taproot key as
 * P2TR) or an address the person types.
 */
import { Box, FormControl, InputLabel, MenuItem, Select, ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useState, type ReactNode } from 'react';
import type { NodeView, OutputView, TemplateInfo } from '../../../../shared/contract/views';
import type { PayType } from '../../../../shared/workspace/payTypes';
import { useWorkspace } from '../../app/workspace/WorkspaceProvider';
import { useI18n } from '../../i18n';
import { CommitField } from '../common/CommitField';
import { addressTypeName } from '../../../../shared/ui/typeNotes';

const ADDRESS = '__address__';
const SEGWIT_TYPES: readonly PayType[] = ['p2wpkh', 'p2sh-p2wpkh', 'p2tr'];

function initialType(
  node: NodeView,
  output: OutputView,
  era: string | undefined,
  templates: readonly TemplateInfo[],
): PayType {
  if (era === '2014') return 'p2pkh';
  if (output.type === 'witness_v0_keyhash') return 'p2wpkh';
  if (output.type === 'witness_v1_taproot') return 'p2tr';
  if (output.type === 'pubkeyhash') return 'p2pkh';
  if (output.type === 'scripthash' && output.nested) return 'p2sh-p2wpkh';
  // A payment template pays its own type (the host's default too); elsewhere modern chains default to SegWit.
  return templates.find((tpl) => tpl.id === node.template)?.payType ?? 'p2wpkh';
}

export function PayTo({ node, output }: { readonly node: NodeView; readonly output: OutputView }): ReactNode {
  const { t } = useI18n();
  const { view, act, templates } = useWorkspace();
  const era = view?.chains.find((c) => c.id === node.chain)?.era;
  const wallets = view?.wallets ?? [];
  const [type, setType] = useState<PayType>(() => initialType(node, output, era, templates));
  const [addressMode, setAddressMode] = useState(false);
  const owner = wallets.find((w) => w.name === output.owner);
  const value = addressMode ? ADDRESS : (owner?.id ?? '');

  const payWallet = (walletId: string, payType: PayType): void => {
    void act(
      'graph.setOutput',
      { node: node.id, output: output.index, payTo: { wallet: walletId, type: payType } },
      { title: t('inspector.payTo') },
    );
  };

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      {/* The wallet's name must stay readable: the three types go below it when they do not fit beside. */}
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'center' }}>
        <FormControl size="small" sx={{ flex: 1, minWidth: 160 }}>
          <InputLabel id={`payto-${output.index}`}>{t('inspector.payTo')}</InputLabel>
          <Select
            labelId={`payto-${output.index}`}
            label={t('inspector.payTo')}
            value={value}
            data-testid={`payto-${output.index}`}
            onChange={(e) => {
              const next = e.target.value;
              if (next === ADDRESS) return setAddressMode(true);
              setAddressMode(false);
              if (next) payWallet(next, type);
            }}
          >
            <MenuItem value="" disabled>
              {output.address ? t('inspector.payToScript') : t('inspector.payToNobody')}
            </MenuItem>
            {wallets.map((w) => (
              <MenuItem key={w.id} value={w.id} data-testid={`payto-option-${w.name}`}>
                {w.name}
              </MenuItem>
            ))}
            <MenuItem value={ADDRESS}>{t('inspector.payToAddress')}</MenuItem>
          </Select>
        </FormControl>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={type}
          onChange={(_e, next: PayType | null) => {
            if (!next) return;
            setType(next);
            if (owner && !addressMode) payWallet(owner.id, next);
          }}
        >
          <ToggleButton value="p2pkh" data-testid={`paytype-p2pkh-${output.index}`}>
            P2PKH
          </ToggleButton>
          {SEGWIT_TYPES.map((segwit) => (
            <ToggleButton
              key={segwit}
              value={segwit}
              disabled={era === '2014'}
              data-testid={`paytype-${segwit}-${output.index}`}
            >
              {addressTypeName(segwit, t)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Box>
      {addressMode ? (
        <CommitField
          label={t('inspector.address')}
          value={output.address ?? ''}
          mono
          commit={(text) =>
            act(
              'graph.setOutput',
              { node: node.id, output: output.index, payTo: { address: text.trim() } },
              { quiet: true },
            )
          }
        />
      ) : null}
    </Box>
  );
}
