/** Each input: what it spends, its sequence, its unlocking script in ASM, witness, signature slots, verdict, and the debugger. */
import BugReportIcon from '@mui/icons-material/BugReport';
import LinkOffIcon from '@mui/icons-material/LinkOff';
import { Box, Button, Paper, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import type { InspectView, NodeView } from '../../../../shared/contract/views';
import { useUi } from '../../app/workspace/UiState';
import { useWorkspace } from '../../app/workspace/WorkspaceProvider';
import { satsToCoins, shortHash } from '../../format/amounts';
import { useI18n } from '../../i18n';
import { CommitField } from '../common/CommitField';
import { isCoinbasePrevout, scriptTypeLabel } from '../common/labels';
import { Fact, Mono } from '../common/Mono';
import { nodeLabel } from '../graph/nodeNames';
import { Verdict } from './Verdict';
import { SpendPath } from '../taproot/SpendPath';

function parseSequence(text: string): number | undefined {
  const s = text.trim().toLowerCase();
  const n = s.startsWith('0x') ? Number.parseInt(s.slice(2), 16) : /^\d+$/.test(s) ? Number(s) : Number.NaN;
  return Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? n : undefined;
}

export function InputsTab({
  node,
  inspect,
}: {
  readonly node: NodeView;
  readonly inspect: InspectView | undefined;
}): ReactNode {
  const { t } = useI18n();
  const { act, view } = useWorkspace();
  // What an input spends is named as the canvas names it, not by the node's id.
  const labelOf = (id: string): string => nodeLabel(view?.nodes.find((n) => n.id === id)?.label ?? id, t);
  const { focus, setFocus, openDebugger } = useUi();
  const draft = node.kind === 'draft';
  const unit = node.chain === 'ltc' ? 'LTC' : 'BTC';
  return (
    <Stack spacing={1.5}>
      {node.inputs.map((input) => {
        const focused = focus !== undefined && 'input' in focus && focus.input === input.index;
        return (
          <Paper
            key={input.index}
            variant="outlined"
            data-testid={`inspector-input-${input.index}`}
            onClick={() => setFocus({ input: input.index })}
            sx={{ p: 1.5, borderColor: focused ? 'secondary.main' : 'divider', borderWidth: focused ? 2 : 1 }}
          >
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
              <Typography sx={{ fontWeight: 800 }}>{t('inspector.inputN', { n: input.index })}</Typography>
              <Box sx={{ flex: 1 }} />
              {draft && input.prevout ? (
                <Button
                  size="small"
                  startIcon={<BugReportIcon />}
                  onClick={(e) => {
                    e.stopPropagation();
                    openDebugger({ node: node.id, input: input.index });
                  }}
                  data-testid={`debug-input-${input.index}`}
                >
                  {t('inspector.debug')}
                </Button>
              ) : null}
              {draft && input.prevout?.node ? (
                <Button
                  size="small"
                  color="inherit"
                  startIcon={<LinkOffIcon />}
                  onClick={(e) => {
                    e.stopPropagation();
                    void act('graph.disconnect', { node: node.id, input: input.index });
                  }}
                >
                  {t('inspector.disconnect')}
                </Button>
              ) : null}
            </Box>
            <Fact label={t('inspector.spends')}>
              {isCoinbasePrevout(input.prevout?.txid) ? (
                t('node.coinbase')
              ) : input.prevout ? (
                <Mono>{`${input.prevout.node ? `${labelOf(input.prevout.node)} #${input.prevout.output ?? 0} · ` : ''}${shortHash(input.prevout.txid, 8)}:${input.prevout.vout}`}</Mono>
              ) : (
                <em>{t('node.unconnected')}</em>
              )}
            </Fact>
            {input.amount !== undefined ? (
              <Fact label={t('inspector.amount')}>
                <strong>
                  {satsToCoins(input.amount)} {unit}
                </strong>{' '}
                · {scriptTypeLabel(input.prevoutType, t, input.prevoutNested)}
              </Fact>
            ) : null}
            {inspect ? (
              <Box sx={{ my: 1 }}>
                <Verdict verdict={inspect.verdicts[input.index]} />
              </Box>
            ) : null}
            <Stack spacing={1.25} sx={{ mt: 1 }}>
              {input.taprootPath !== undefined ? <SpendPath node={node} input={input} /> : null}
              <CommitField
                label={t('inspector.sequence')}
                value={String(input.sequence)}
                disabled={!draft}
                helper={`0x${input.sequence.toString(16).padStart(8, '0')}`}
                check={(text) => (parseSequence(text) === undefined ? t('inspector.notSequence') : undefined)}
                commit={(text) =>
                  act(
                    'graph.setInput',
                    { node: node.id, input: input.index, sequence: parseSequence(text) ?? 0 },
                    { quiet: true },
                  )
                }
              />
              <CommitField
                label={t('inspector.scriptSig')}
                value={input.scriptSigAsm}
                multiline
                mono
                disabled={!draft}
                testId={`scriptsig-${input.index}`}
                helper={draft ? t('inspector.asmHelp') : undefined}
                commit={(text) =>
                  act('graph.setInput', { node: node.id, input: input.index, scriptSigAsm: text }, { quiet: true })
                }
              />
              {input.witness.length > 0 || draft ? (
                <CommitField
                  label={t('inspector.witness')}
                  value={input.witness.join('\n')}
                  multiline
                  mono
                  disabled={!draft}
                  helper={draft ? t('inspector.witnessHelp') : undefined}
                  commit={(text) =>
                    act(
                      'graph.setInput',
                      {
                        node: node.id,
                        input: input.index,
                        witnessHex: text
                          .split('\n')
                          .map((l) => l.trim())
                          .filter((l) => l.length > 0),
                      },
                      { quiet: true },
                    )
                  }
                />
              ) : null}
            </Stack>
            {input.slots.length > 0 ? (
              <Box sx={{ mt: 1.25 }}>
                <Typography variant="caption" sx={{ fontWeight: 700, color: 'text.secondary' }}>
                  {t('inspector.signatures')}
                </Typography>
                {input.slots.map((slot) => (
                  <Box
                    key={`${slot.area}-${slot.item}`}
                    sx={{ display: 'flex', gap: 1, alignItems: 'baseline', fontSize: '0.85rem' }}
                  >
                    <Box
                      component="span"
                      sx={{ color: slot.signed ? 'success.main' : 'warning.main', fontWeight: 800 }}
                    >
                      {slot.signed ? '✓' : '…'}
                    </Box>
                    <span>
                      {slot.owner
                        ? t('inspector.slotOwner', { key: slot.owner.keyLabel, wallet: slot.owner.walletName })
                        : shortHash(slot.pubKey, 8)}
                    </span>
                    <Box component="span" sx={{ color: 'text.secondary', fontSize: '0.78rem' }}>
                      {slot.area} · {slot.signed ? t('inspector.signed') : t('inspector.unsigned')}
                    </Box>
                  </Box>
                ))}
              </Box>
            ) : null}
          </Paper>
        );
      })}
      {draft ? (
        <Button variant="outlined" onClick={() => void act('graph.addInput', { node: node.id })}>
          {t('inspector.addInput')}
        </Button>
      ) : null}
    </Stack>
  );
}
