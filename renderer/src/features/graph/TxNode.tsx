/**
 * A transaction on the canvas: a header with its name, chain and status; one row and one handle
 * per input (left) and per output (right); fee and fee rate; its time locks. Memoised: it
 * re-renders only when its own view changes, or when the zoom crosses into or out of the
 * overview (then `OverviewNode` stands in for it).
 */
import LockClockIcon from '@mui/icons-material/LockClock';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import { Box, Typography } from '@mui/material';
import { Handle, Position, useStore, type NodeProps, type ReactFlowState } from '@xyflow/react';
import { memo, type ReactNode } from 'react';
import type { InputView, OutputView } from '../../../../shared/contract/views';
import { formatRate, groupDigits, satsToCoins, shortHash } from '../../format/amounts';
import { useI18n } from '../../i18n';
import { nodeLabel } from './nodeNames';
import { chainColour, statusColours } from '../../theme/status';
import { MONO_STACK } from '../../theme/theme';
import { useThemeMode } from '../../theme/ThemeModeProvider';
import {
  isCoinbasePrevout,
  lockSourceLabel,
  lockStateLabel,
  scriptTypeLabel,
  statusDetail,
  warningText,
} from '../common/labels';
import { StatusBadge } from '../common/StatusBadge';
import { typeNoteText } from '../../../../shared/ui/typeNotes';
import { inputHandle, NODE_WIDTH, outputHandle, type TxFlowNode } from './flowTypes';
import { StageFace } from '../stage/StageFace';
import { isOverview, OverviewNode } from './OverviewNode';

/**
 * In a lesson, the stage's large face until the detailed node's own type is readable: 1 rem names
 * read at zoom 1 on a screen; on a projector (presenter mode) they need 1.6.
 */
const belowDetail = (s: ReactFlowState): boolean => s.transform[2] < 1;
const belowPresenterDetail = (s: ReactFlowState): boolean => s.transform[2] < 1.6;

const ROW_HEIGHT = 24;

const handleStyle = (colour: string, filled: boolean) => ({
  width: 12,
  height: 12,
  border: `2.5px solid ${colour}`,
  background: filled ? colour : 'var(--xy-node-background-color, #fff)',
});

function InputRow({
  input,
  colour,
  unit,
}: {
  readonly input: InputView;
  readonly colour: string;
  readonly unit: string;
}): ReactNode {
  const { t } = useI18n();
  const coinbase = isCoinbasePrevout(input.prevout?.txid);
  const signedSlots = input.slots.filter((s) => s.signed).length;
  let detail: string;
  if (coinbase) detail = t('node.coinbase');
  else if (!input.prevout) detail = t('node.unconnected');
  else
    detail = `${input.amount !== undefined ? `${satsToCoins(input.amount, { trim: true })} ${unit}` : shortHash(input.prevout.txid, 4)} · ${scriptTypeLabel(input.prevoutType, t, input.prevoutNested)}`;
  return (
    <Box
      data-testid={`input-row-${input.index}`}
      sx={{ position: 'relative', height: ROW_HEIGHT, display: 'flex', alignItems: 'center', gap: 1, pl: 2, pr: 1.25 }}
    >
      <Handle
        type="target"
        position={Position.Left}
        id={inputHandle(input.index)}
        style={handleStyle(colour, input.prevout !== undefined)}
      />
      <Typography
        component="span"
        sx={{ fontFamily: MONO_STACK, fontSize: '0.78rem', color: 'text.secondary', minWidth: 22 }}
      >
        #{input.index}
      </Typography>
      <Typography
        component="span"
        noWrap
        sx={{
          fontSize: '0.8rem',
          flex: 1,
          color: input.prevout ? 'text.primary' : 'text.disabled',
          fontStyle: input.prevout ? 'normal' : 'italic',
        }}
      >
        {detail}
      </Typography>
      {input.slots.length > 0 ? (
        <Typography
          component="span"
          sx={{
            fontSize: '0.75rem',
            fontWeight: 600,
            color: signedSlots === input.slots.length ? 'success.main' : 'text.secondary',
            whiteSpace: 'nowrap',
          }}
        >
          ✎ {signedSlots}/{input.slots.length}
        </Typography>
      ) : null}
    </Box>
  );
}

function OutputRow({
  output,
  colour,
  unit,
  coin,
}: {
  readonly output: OutputView;
  readonly colour: string;
  readonly unit: string;
  /** A coin on the chain: its type is what a spender must match, so it reads strong. */
  readonly coin: boolean;
}): ReactNode {
  const { t } = useI18n();
  const who = output.owner ?? output.label;
  return (
    <Box
      data-testid={`output-row-${output.index}`}
      sx={{ position: 'relative', height: ROW_HEIGHT, display: 'flex', alignItems: 'center', gap: 1, pl: 1.25, pr: 2 }}
    >
      <Typography
        component="span"
        sx={{ fontFamily: MONO_STACK, fontSize: '0.78rem', color: 'text.secondary', minWidth: 22 }}
      >
        #{output.index}
      </Typography>
      <Typography component="span" data-testid="node-amount" noWrap sx={{ fontSize: '0.84rem', fontWeight: 700 }}>
        {satsToCoins(output.value, { trim: true })} {unit}
      </Typography>
      <Typography
        component="span"
        noWrap
        sx={{
          fontSize: '0.78rem',
          color: coin ? 'text.primary' : 'text.secondary',
          fontWeight: coin ? 700 : 400,
          flex: 1,
          textAlign: 'right',
        }}
      >
        {output.scriptPubKeyHex === ''
          ? t('node.noPayee')
          : `${who ? `→ ${who} · ` : ''}${scriptTypeLabel(output.type, t, output.nested)}`}
      </Typography>
      <Handle
        type="source"
        position={Position.Right}
        id={outputHandle(output.index)}
        style={handleStyle(colour, output.spentBy !== undefined)}
      />
    </Box>
  );
}

/**
 * A coin's address types, large: what a spender must unlock (P2PKH signs in the scriptSig, P2WPKH
 * with a witness…), readable from the back of a room. OP_RETURN outputs hold no coin.
 */
function CoinTypes({ outputs }: { readonly outputs: readonly OutputView[] }): ReactNode {
  const { t } = useI18n();
  const names = [
    ...new Set(outputs.filter((o) => o.type !== 'nulldata').map((o) => scriptTypeLabel(o.type, t, o.nested))),
  ];
  if (names.length === 0) return null;
  return (
    <Box
      data-testid="node-coin-types"
      title={t('node.coinTypes')}
      aria-label={t('node.coinTypes')}
      sx={{ px: 1.25, pt: 0.5, pb: 0.25, display: 'flex', flexWrap: 'wrap', gap: 0.5 }}
    >
      {names.map((name) => (
        <Box
          key={name}
          component="span"
          data-testid="node-coin-type"
          sx={{
            fontFamily: MONO_STACK,
            fontSize: '0.9rem',
            fontWeight: 800,
            px: 0.75,
            borderRadius: 1,
            border: 2,
            borderColor: 'text.primary',
            color: 'text.primary',
            lineHeight: 1.5,
          }}
        >
          {name}
        </Box>
      ))}
    </Box>
  );
}

function DetailedNode({ data, selected }: Pick<NodeProps<TxFlowNode>, 'data' | 'selected'>): ReactNode {
  const { t, language } = useI18n();
  const { mode } = useThemeMode();
  const view = data.view;
  const colours = statusColours(view.status.kind, mode);
  const detail = statusDetail(view.status, t);
  const unit = view.chain === 'ltc' ? 'LTC' : 'BTC';
  const locks = view.timelocks;
  return (
    <Box
      data-testid="tx-node"
      data-node-id={view.id}
      data-status={view.status.kind}
      sx={{
        width: NODE_WIDTH,
        bgcolor: 'background.paper',
        borderRadius: 2,
        border: 2,
        borderColor: colours.main,
        borderLeftWidth: 7,
        boxShadow: selected
          ? `0 0 0 3px ${colours.soft}, 0 0 0 5px ${colours.main}`
          : mode === 'dark'
            ? '0 2px 10px rgba(0,0,0,0.5)'
            : '0 2px 8px rgba(15,23,42,0.10)',
        overflow: 'visible',
      }}
    >
      <Box
        title={`${view.kind === 'chain' ? t('node.onChain') : view.template} · txid ${view.txid}`}
        sx={{
          px: 1.25,
          py: 0.6,
          bgcolor: colours.soft,
          borderRadius: '6px 6px 0 0',
          borderBottom: 1,
          borderColor: 'divider',
          display: 'flex',
          alignItems: 'center',
          gap: 0.75,
        }}
      >
        <Typography
          data-testid="node-label"
          data-label={view.label}
          sx={{ fontWeight: 800, fontSize: '1rem', flex: 1, overflowWrap: 'anywhere', lineHeight: 1.25 }}
        >
          {nodeLabel(view.label, t)}
        </Typography>
        <Box
          component="span"
          sx={{
            fontSize: '0.66rem',
            fontWeight: 800,
            px: 0.5,
            borderRadius: 1,
            border: 1.5,
            borderColor: chainColour(view.chain, mode),
            color: chainColour(view.chain, mode),
          }}
        >
          {unit}
        </Box>
        <StatusBadge status={view.status} chain={view.chain} />
      </Box>
      {view.kind === 'chain' ? <CoinTypes outputs={view.outputs} /> : null}
      {detail ? (
        <Typography
          data-testid="node-status-detail"
          noWrap
          title={detail}
          sx={{
            px: 1.25,
            py: 0.25,
            fontSize: '0.76rem',
            fontWeight: 700,
            color: colours.main,
            borderBottom: 1,
            borderColor: 'divider',
          }}
        >
          {detail}
        </Typography>
      ) : null}
      {/* Inputs on the left edge, outputs on the right: the handles say which is which. */}
      <Box role="list" aria-label={t('node.inputs')} sx={{ pt: 0.25 }}>
        {view.inputs.map((input) => (
          <InputRow key={input.index} input={input} colour={colours.main} unit={unit} />
        ))}
      </Box>
      <Box
        role="list"
        aria-label={t('node.outputs')}
        sx={{ borderTop: 1, borderColor: 'divider', borderTopStyle: 'dashed', pb: 0.25 }}
      >
        {view.outputs.map((output) => (
          <OutputRow
            key={output.index}
            output={output}
            colour={colours.main}
            unit={unit}
            coin={view.kind === 'chain'}
          />
        ))}
      </Box>
      <Box
        sx={{
          px: 1.25,
          py: 0.3,
          borderTop: 1,
          borderColor: 'divider',
          display: 'flex',
          gap: 1,
          alignItems: 'baseline',
        }}
      >
        <Typography data-testid="node-fee" component="span" noWrap sx={{ fontSize: '0.76rem', fontWeight: 600 }}>
          {view.fee !== undefined
            ? t('node.fee', { fee: groupDigits(view.fee), rate: formatRate(view.feeRate ?? 0) })
            : view.kind === 'chain'
              ? t('node.confirmedTx')
              : t('node.feeUnknown')}
        </Typography>
        <Box sx={{ flex: 1 }} />
        <Typography component="span" sx={{ fontSize: '0.72rem', color: 'text.secondary', whiteSpace: 'nowrap' }}>
          {view.vsize} vB
        </Typography>
      </Box>
      {view.warnings && view.warnings.length > 0 ? (
        <Box
          data-testid="node-warnings"
          sx={{ px: 1.25, py: 0.3, bgcolor: 'warning.main', color: 'warning.contrastText', fontWeight: 700 }}
        >
          <Typography component="div" noWrap sx={{ fontSize: '0.76rem', fontWeight: 700 }}>
            ⚠ {warningText(view.warnings[0]!, unit, t, true)}
            {view.warnings.length > 1 ? ` (+${view.warnings.length - 1})` : ''}
          </Typography>
        </Box>
      ) : null}
      {view.typeNotes && view.typeNotes.length > 0 ? (
        <Box
          data-testid="node-type-note"
          sx={{
            px: 1.25,
            py: 0.4,
            bgcolor: 'info.main',
            color: 'info.contrastText',
            borderTop: 1,
            borderColor: 'divider',
          }}
        >
          <Typography component="div" sx={{ fontSize: '0.76rem', fontWeight: 700, lineHeight: 1.3 }}>
            ⓘ {typeNoteText(view.typeNotes[0]!, t, true)}
            {view.typeNotes.length > 1 ? ` (+${view.typeNotes.length - 1})` : ''}
          </Typography>
        </Box>
      ) : null}
      {locks.length > 0 ? (
        <Box sx={{ px: 1.25, pb: 0.4 }}>
          {locks.slice(0, 2).map((lock, i) => (
            <Box
              key={i}
              sx={{
                display: 'flex',
                alignItems: 'center',
                gap: 0.5,
                color: lock.open ? 'success.main' : 'warning.main',
              }}
            >
              {lock.open ? (
                <LockOpenIcon sx={{ fontSize: '0.95rem' }} />
              ) : (
                <LockClockIcon sx={{ fontSize: '0.95rem' }} />
              )}
              <Typography noWrap component="span" sx={{ fontSize: '0.74rem', fontWeight: 700 }}>
                {lockSourceLabel(lock, t)}: {lockStateLabel(lock, data.clock, t, language)}
              </Typography>
            </Box>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}

function TxNodeComponent({ data, selected }: NodeProps<TxFlowNode>): ReactNode {
  // Boolean selectors: panning and zooming re-render no node unless a threshold is crossed.
  const overview = useStore(isOverview);
  const { presenter } = useThemeMode();
  const stageFace = useStore(presenter ? belowPresenterDetail : belowDetail);
  if (overview) return <OverviewNode view={data.view} selected={Boolean(selected)} />;
  if (data.stage && stageFace) return <StageFace data={data} stage={data.stage} selected={Boolean(selected)} />;
  return <DetailedNode data={data} selected={selected} />;
}

export const TxNode = memo(TxNodeComponent);
