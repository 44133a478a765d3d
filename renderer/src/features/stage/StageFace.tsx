/**
 * A transaction as the lesson stage shows it: large and simple, to be read from the back of a
 * room — its name (wrapped, never cut), chain and status, what this step did to it, a time lock
 * if it has one, and each output's amount and who it pays. Full detail is a selection away (the
 * inspector) or a zoom away (the detailed node). Same width as the detailed node, so the lesson's
 * layout holds; sizes are in canvas pixels and the stage frames at a zoom that keeps them readable.
 */
import LockClockIcon from '@mui/icons-material/LockClock';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import { Box } from '@mui/material';
import { Handle, Position } from '@xyflow/react';
import { memo, type ReactNode } from 'react';
import type { NodeView, OutputView } from '../../../../shared/contract/views';
import type { ResolvedTimelock } from '../../../../shared/workspace/timelocks';
import { satsToCoins } from '../../format/amounts';
import { formatDuration } from '../../format/time';
import { useI18n, type Language, type Translate } from '../../i18n';
import { nodeLabel } from '../graph/nodeNames';
import { statusColours } from '../../theme/status';
import { useThemeMode } from '../../theme/ThemeModeProvider';
import { useChainHeight } from '../../app/workspace/WorkspaceProvider';
import { lockStateLabel, scriptTypeLabel, statusDetail, statusLabel } from '../common/labels';
import { inputHandle, NODE_WIDTH, outputHandle, type TxNodeData } from '../graph/flowTypes';
import { MarkPill } from './MarkPill';
import type { NodeStage } from './stageModel';

/** Canvas pixels. The stage's readable zoom is derived from these (useStageFraming.ts). */
export const STAGE_TITLE_PX = 34;
export const STAGE_AMOUNT_PX = 26;
const DETAIL_PX = 18;
/** Outputs listed; the rest are counted (their handles stay, on the last line). */
const MAX_OUTPUTS = 4;

/** A time lock in a few words: open, counting down, or how long it will hold once its input confirms. */
function lockWords(lock: ResolvedTimelock, clock: TxNodeData['clock'], t: Translate, language: Language): string {
  if (lock.open) return t('stage.lock.open');
  if (lock.opensAtHeight !== undefined && clock)
    return t('stage.lock.inBlocks', { n: Math.max(0, lock.opensAtHeight - clock.height - 1) });
  if (lock.opensAtTime !== undefined && clock)
    return t('stage.lock.inTime', {
      duration: formatDuration(Math.max(0, lock.opensAtTime - clock.medianTimePast), language),
    });
  if (lock.kind === 'relative-blocks') return t('stage.lock.waitBlocks', { n: lock.value });
  if (lock.kind === 'relative-time')
    return t('stage.lock.waitTime', { duration: formatDuration(lock.value, language) });
  return lockStateLabel(lock, clock, t, language);
}

function payee(output: OutputView, t: Translate): string {
  if (output.owner) return `→ ${output.owner}`;
  const lock = output.lock;
  if (lock?.kind === 'multisig') return t('stage.multisig', { m: lock.required, n: lock.pubKeys.length });
  if (lock?.kind === 'script')
    return lock.template === 'htlc'
      ? t('stage.htlc')
      : lock.template === 'swap'
        ? t('stage.swap')
        : t('stage.contract');
  return scriptTypeLabel(output.type, t, output.nested);
}

const handleStyle = (colour: string, filled: boolean, top?: number) => ({
  width: 14,
  height: 14,
  border: `3px solid ${colour}`,
  background: filled ? colour : 'var(--xy-node-background-color, #fff)',
  ...(top !== undefined ? { top } : {}),
});

function StageFaceComponent({
  data,
  stage,
  selected,
}: {
  readonly data: TxNodeData;
  readonly stage: NodeStage;
  readonly selected: boolean;
}): ReactNode {
  const { t, language } = useI18n();
  const { mode } = useThemeMode();
  const view: NodeView = data.view;
  const tip = useChainHeight(view.chain);
  const colours = statusColours(view.status.kind, mode);
  const unit = view.chain === 'ltc' ? 'LTC' : 'BTC';
  const shown = view.outputs.slice(0, MAX_OUTPUTS);
  const rest = view.outputs.slice(MAX_OUTPUTS);
  // Once the transaction is in a block (or can never be), its lock has nothing left to say.
  const settled = view.status.kind === 'confirmed' || view.status.kind === 'conflicted';
  const lock = settled ? undefined : view.timelocks[0];
  return (
    <Box
      data-testid="tx-node"
      data-face="stage"
      data-node-id={view.id}
      data-status={view.status.kind}
      data-focused={stage.focused}
      data-marks={stage.marks.join(' ')}
      sx={{
        position: 'relative',
        width: NODE_WIDTH,
        boxSizing: 'border-box',
        bgcolor: 'background.paper',
        border: 3,
        borderLeftWidth: 10,
        borderColor: colours.main,
        borderRadius: 3,
        boxShadow: selected ? `0 0 0 4px ${colours.soft}, 0 0 0 7px ${colours.main}` : '0 2px 10px rgba(15,23,42,0.12)',
      }}
    >
      <Box
        sx={{ position: 'relative', px: 1.25, pt: 0.5, pb: 0.5, bgcolor: colours.soft, borderRadius: '8px 8px 0 0' }}
      >
        {view.inputs.map((input, i) => (
          <Handle
            key={input.index}
            type="target"
            position={Position.Left}
            id={inputHandle(input.index)}
            style={handleStyle(colours.main, input.prevout !== undefined, 22 + i * 18)}
          />
        ))}
        {/* Name and this step's marks share a line when they fit: the face stays within a row of the lesson's layout. */}
        <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: 1, rowGap: 0.25 }}>
          <Box
            data-testid="node-label"
            data-label={view.label}
            sx={{
              fontSize: STAGE_TITLE_PX,
              fontWeight: 800,
              lineHeight: 1.1,
              overflowWrap: 'anywhere',
              color: 'text.primary',
              minWidth: 0,
            }}
          >
            {nodeLabel(view.label, t)}
          </Box>
          {stage.marks.map((m) => (
            <MarkPill key={m} mark={m} size={DETAIL_PX - 3} />
          ))}
        </Box>
        <Box
          component="div"
          data-testid="node-status"
          sx={{ fontSize: DETAIL_PX, fontWeight: 800, color: colours.main, lineHeight: 1.3, mt: 0.25 }}
        >
          {unit} · {statusLabel(view.status, t, tip)}
        </Box>
        {/* Why a transaction is invalid is the lesson (the failing opcode); a conflict shows in its status and marks. */}
        {view.status.kind === 'invalid' ? (
          <Box
            data-testid="node-status-detail"
            sx={{
              fontSize: DETAIL_PX - 3,
              fontWeight: 700,
              color: colours.main,
              lineHeight: 1.25,
              overflowWrap: 'anywhere',
            }}
          >
            {statusDetail(view.status, t)}
          </Box>
        ) : null}
      </Box>
      {lock ? (
        <Box
          sx={{
            display: 'flex',
            alignItems: 'center',
            gap: 0.5,
            px: 1.25,
            pt: 0.5,
            color: lock.open ? 'success.main' : 'warning.main',
          }}
        >
          {lock.open ? <LockOpenIcon sx={{ fontSize: DETAIL_PX }} /> : <LockClockIcon sx={{ fontSize: DETAIL_PX }} />}
          <Box component="span" sx={{ fontSize: DETAIL_PX - 3, fontWeight: 700, lineHeight: 1.25 }}>
            {lockWords(lock, data.clock, t, language)}
          </Box>
        </Box>
      ) : null}
      <Box sx={{ pt: 0.25, pb: 0.5 }}>
        {shown.map((o) => (
          <Box
            key={o.index}
            data-testid={`output-row-${o.index}`}
            data-spent-now={stage.spentOutputs.includes(o.index)}
            sx={{
              position: 'relative',
              display: 'flex',
              alignItems: 'baseline',
              flexWrap: 'wrap',
              columnGap: 1,
              px: 1.25,
              minHeight: STAGE_AMOUNT_PX * 1.25,
            }}
          >
            <Box
              component="span"
              data-testid="node-amount"
              sx={{ fontSize: STAGE_AMOUNT_PX, fontWeight: 800, lineHeight: 1.25, whiteSpace: 'nowrap' }}
            >
              {satsToCoins(o.value, { trim: true })} {unit}
            </Box>
            <Box
              component="span"
              sx={{
                fontSize: DETAIL_PX,
                fontWeight: 600,
                color: 'text.secondary',
                lineHeight: 1.25,
                overflowWrap: 'anywhere',
              }}
            >
              {payee(o, t)}
            </Box>
            {stage.spentOutputs.includes(o.index) ? <MarkPill mark="spent" size={DETAIL_PX - 4} iconOnly /> : null}
            <Handle
              type="source"
              position={Position.Right}
              id={outputHandle(o.index)}
              style={handleStyle(colours.main, o.spentBy !== undefined)}
            />
          </Box>
        ))}
        {rest.length > 0 ? (
          <Box
            sx={{
              position: 'relative',
              px: 1.25,
              fontSize: DETAIL_PX,
              fontWeight: 600,
              color: 'text.secondary',
              lineHeight: 1.4,
            }}
          >
            {t('stage.moreOutputs', { n: rest.length })}
            {rest.map((o) => (
              <Handle
                key={o.index}
                type="source"
                position={Position.Right}
                id={outputHandle(o.index)}
                style={handleStyle(colours.main, o.spentBy !== undefined)}
              />
            ))}
          </Box>
        ) : null}
      </Box>
    </Box>
  );
}

export const StageFace = memo(StageFaceComponent);
