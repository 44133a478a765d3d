/** Each output: amount, payee, script in ASM, what it means (lock), who spends it; add a payment or the change. */
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import {
  Box,
  Button,
  IconButton,
  InputAdornment,
  Menu,
  MenuItem,
  Paper,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import type { NodeView } from '../../../../shared/contract/views';
import { useUi } from '../../app/workspace/UiState';
import { useWorkspace } from '../../app/workspace/WorkspaceProvider';
import { coinsToSats, groupDigits, satsToCoins, shortHash } from '../../format/amounts';
import { useI18n } from '../../i18n';
import { CommitField } from '../common/CommitField';
import { scriptTypeLabel } from '../common/labels';
import { Fact, Mono } from '../common/Mono';
import { PayTo } from './PayTo';
import { TaprootTree } from '../taproot/TaprootTree';
import { TreeBuilder } from '../taproot/TreeBuilder';
import { HAND_FEE_SATS } from '../../../../shared/contract/firstPayment';

/** The fee the change button leaves, the same as a payment started from a coin. */
const CHANGE_FEE = HAND_FEE_SATS;

export function OutputsTab({ node }: { readonly node: NodeView }): ReactNode {
  const { t } = useI18n();
  const { view, act } = useWorkspace();
  const { focus, setFocus } = useUi();
  const [changeMenu, setChangeMenu] = useState<HTMLElement | null>(null);
  const [building, setBuilding] = useState<number | undefined>(undefined);
  const era = view?.chains.find((c) => c.id === node.chain)?.era;
  const draft = node.kind === 'draft';
  const unit = node.chain === 'ltc' ? 'LTC' : 'BTC';
  const fee = node.fee !== undefined ? BigInt(node.fee) : undefined;
  const change = fee !== undefined && fee > CHANGE_FEE * 2n ? (fee - CHANGE_FEE).toString() : undefined;

  return (
    <Stack spacing={1.5}>
      {node.outputs.map((output) => {
        const focused = focus !== undefined && 'output' in focus && focus.output === output.index;
        return (
          <Paper
            key={output.index}
            variant="outlined"
            data-testid={`inspector-output-${output.index}`}
            onClick={() => setFocus({ output: output.index })}
            sx={{ p: 1.5, borderColor: focused ? 'success.main' : 'divider', borderWidth: focused ? 2 : 1 }}
          >
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
              <Typography sx={{ fontWeight: 800 }}>{t('inspector.outputN', { n: output.index })}</Typography>
              <Typography variant="body2" color="text.secondary">
                {scriptTypeLabel(output.type, t, output.nested)}
                {output.label ? ` · ${output.label}` : ''}
              </Typography>
              <Box sx={{ flex: 1 }} />
              {draft && node.outputs.length > 1 ? (
                <Tooltip title={t('inspector.removeOutput')}>
                  <IconButton
                    size="small"
                    aria-label={t('inspector.removeOutput')}
                    onClick={(e) => {
                      e.stopPropagation();
                      void act('graph.removeOutput', { node: node.id, output: output.index });
                    }}
                  >
                    <DeleteOutlineIcon fontSize="small" />
                  </IconButton>
                </Tooltip>
              ) : null}
            </Box>
            <Stack spacing={1.25}>
              <CommitField
                label={t('inspector.amount')}
                value={satsToCoins(output.value)}
                disabled={!draft}
                testId={`amount-${output.index}`}
                endAdornment={<InputAdornment position="end">{unit}</InputAdornment>}
                helper={t('inspector.sats', { sats: groupDigits(output.value) })}
                check={(text) => (coinsToSats(text) === undefined ? t('inspector.notAmount') : undefined)}
                commit={(text) =>
                  act(
                    'graph.setOutput',
                    { node: node.id, output: output.index, value: coinsToSats(text) ?? '0' },
                    { quiet: true },
                  )
                }
              />
              {draft ? <PayTo node={node} output={output} /> : null}
              {draft && building === output.index ? (
                <TreeBuilder node={node} output={output} onDone={() => setBuilding(undefined)} />
              ) : draft ? (
                <Box>
                  <Button
                    size="small"
                    variant="outlined"
                    disabled={era === '2014'}
                    data-testid={`tree-open-${output.index}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      setBuilding(output.index);
                    }}
                  >
                    {t('taproot.build')}
                  </Button>
                </Box>
              ) : null}
              {output.taprootTree ? <TaprootTree tree={output.taprootTree} /> : null}
              {output.address ? (
                <Fact label={t('inspector.address')}>
                  <Mono copy>{output.address}</Mono>
                </Fact>
              ) : null}
              {output.owner ? <Fact label={t('inspector.owner')}>{output.owner}</Fact> : null}
              {output.lock?.kind === 'script' && output.lock.summary ? (
                <Fact label={t('inspector.lock')}>{output.lock.summary}</Fact>
              ) : null}
              <CommitField
                label={t('inspector.scriptPubKey')}
                value={output.scriptPubKeyAsm}
                multiline
                mono
                disabled={!draft}
                helper={draft ? t('inspector.asmHelp') : undefined}
                commit={(text) =>
                  act(
                    'graph.setOutput',
                    { node: node.id, output: output.index, scriptPubKeyAsm: text },
                    { quiet: true },
                  )
                }
              />
              {output.spentBy ? (
                <Fact label={t('inspector.spentBy')}>
                  {output.spentBy.node ?? ''}{' '}
                  {output.spentBy.txid ? <Mono>{shortHash(output.spentBy.txid, 8)}</Mono> : null}
                </Fact>
              ) : null}
            </Stack>
          </Paper>
        );
      })}
      {draft ? (
        <Box sx={{ display: 'flex', gap: 1 }}>
          <Button
            variant="outlined"
            sx={{ flex: 1 }}
            data-testid="add-output"
            onClick={() => void act('graph.addOutput', { node: node.id })}
          >
            {t('inspector.addOutput')}
          </Button>
          <Tooltip
            title={
              change
                ? t('inspector.addChangeHint', {
                    amount: satsToCoins(change, { trim: true }),
                    unit,
                    fee: groupDigits(CHANGE_FEE.toString()),
                  })
                : t('inspector.addChangeDisabled')
            }
          >
            <span style={{ flex: 1, display: 'flex' }}>
              <Button
                variant="outlined"
                sx={{ flex: 1 }}
                disabled={!change}
                data-testid="add-change"
                onClick={(e) => setChangeMenu(e.currentTarget)}
              >
                {t('inspector.addChange')}
              </Button>
            </span>
          </Tooltip>
          <Menu anchorEl={changeMenu} open={changeMenu !== null} onClose={() => setChangeMenu(null)}>
            {(view?.wallets ?? []).map((w) => (
              <MenuItem
                key={w.id}
                data-testid={`change-to-${w.name}`}
                onClick={() => {
                  setChangeMenu(null);
                  if (change)
                    void act(
                      'graph.addOutput',
                      { node: node.id, value: change, payTo: { wallet: w.id } },
                      { title: t('inspector.addChange') },
                    );
                }}
              >
                {t('inspector.changeTo', { wallet: w.name })}
              </MenuItem>
            ))}
          </Menu>
        </Box>
      ) : null}
    </Stack>
  );
}
