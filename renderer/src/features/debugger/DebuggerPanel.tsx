/**
 * The script debugger: the host traces one input's scripts once (tx.debug); the person steps
 * forward and back through that trace, sees the main and alt stacks after each opcode, and at a
 * signature check the sighash preimage and digest that were signed.
 */
import FastForwardIcon from '@mui/icons-material/FastForward';
import NavigateBeforeIcon from '@mui/icons-material/NavigateBefore';
import NavigateNextIcon from '@mui/icons-material/NavigateNext';
import RefreshIcon from '@mui/icons-material/Refresh';
import SkipPreviousIcon from '@mui/icons-material/SkipPrevious';
import {
  Alert,
  Box,
  Button,
  ButtonGroup,
  FormControl,
  InputLabel,
  MenuItem,
  Paper,
  Select,
  Tooltip,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { TraceView } from '../../../../shared/contract/views';
import { useUi } from '../../app/workspace/UiState';
import { useWorkspace } from '../../app/workspace/WorkspaceProvider';
import { useI18n } from '../../i18n';
import { hostMessage } from '../../i18n/hostMessage';
import { scriptErrorSentence } from '../../i18n/scriptError';
import { nodeLabel } from '../graph/nodeNames';
import { Fact, Mono } from '../common/Mono';
import { sighashName } from '../inspector/RawTab';
import { ScriptListing } from './ScriptListing';
import { StackView } from './StackView';

type TraceState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'ready'; readonly trace: TraceView }
  | { readonly kind: 'failed'; readonly message: string };

/** An icon button of the step bar, named by its tooltip and its key. The span lets a disabled button keep its tooltip. */
function IconStep(props: {
  readonly label: string;
  readonly keyName: string;
  readonly icon: ReactNode;
  readonly onClick: () => void;
  readonly disabled: boolean;
  readonly testId: string;
}): ReactNode {
  return (
    <Tooltip title={`${props.label} (${props.keyName})`}>
      <span>
        <Button onClick={props.onClick} disabled={props.disabled} aria-label={props.label} data-testid={props.testId}>
          {props.icon}
        </Button>
      </span>
    </Tooltip>
  );
}

export function DebuggerPanel(): ReactNode {
  const { t, language } = useI18n();
  const { view, client } = useWorkspace();
  const { debugTarget, openDebugger } = useUi();
  const [state, setState] = useState<TraceState>({ kind: 'idle' });
  const [position, setPosition] = useState(0);

  const load = useCallback(async () => {
    if (!debugTarget) return;
    const r = await client.call('tx.debug', debugTarget);
    setState(r.ok ? { kind: 'ready', trace: r.value } : { kind: 'failed', message: hostMessage(t, r.error) });
    setPosition(0);
  }, [client, debugTarget, t]);

  useEffect(() => {
    void load();
  }, [load]);

  const candidates = (view?.nodes ?? []).filter((n) => n.kind === 'draft' && n.inputs.some((i) => i.prevout));
  const target = debugTarget ? view?.nodes.find((n) => n.id === debugTarget.node) : undefined;
  const trace = state.kind === 'ready' ? state.trace : undefined;
  const total = trace?.steps.length ?? 0;
  const step = trace && position > 0 ? trace.steps[position - 1] : undefined;
  const stack = trace ? (step ? step.stack : (trace.phases[0]?.initialStack ?? [])) : [];
  const previous = trace && position > 1 ? trace.steps[position - 2]?.stack : trace?.phases[0]?.initialStack;
  const go = (p: number): void => setPosition(Math.max(0, Math.min(total, p)));
  const atStart = !trace || position === 0;
  const atEnd = !trace || position === total;

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'ArrowRight') go(position + 1);
    else if (event.key === 'ArrowLeft') go(position - 1);
    else if (event.key === 'End') go(total);
    else if (event.key === 'Home') go(0);
    else return;
    event.preventDefault();
  };

  return (
    <Box
      data-testid="debugger-panel"
      tabIndex={0}
      onKeyDown={onKeyDown}
      sx={{ display: 'flex', flexDirection: 'column', gap: 1, p: 1.5, height: '100%', minHeight: 0, outline: 'none' }}
    >
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <FormControl size="small" sx={{ minWidth: 220 }}>
          <InputLabel id="debug-node">{t('debugger.transaction')}</InputLabel>
          <Select
            labelId="debug-node"
            label={t('debugger.transaction')}
            value={debugTarget?.node ?? ''}
            onChange={(e) => {
              const node = candidates.find((n) => n.id === e.target.value);
              const input = node?.inputs.find((i) => i.prevout)?.index ?? 0;
              if (node) openDebugger({ node: node.id, input });
            }}
          >
            {candidates.map((n) => (
              <MenuItem key={n.id} value={n.id}>
                {nodeLabel(n.label, t)}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <FormControl size="small" sx={{ minWidth: 120 }} disabled={!target}>
          <InputLabel id="debug-input">{t('debugger.input')}</InputLabel>
          <Select
            labelId="debug-input"
            label={t('debugger.input')}
            value={debugTarget?.input ?? 0}
            onChange={(e) => debugTarget && openDebugger({ node: debugTarget.node, input: Number(e.target.value) })}
          >
            {(target?.inputs ?? []).map((i) => (
              <MenuItem key={i.index} value={i.index} disabled={!i.prevout}>
                {t('inspector.inputN', { n: i.index })}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        {/* At the start nothing goes back, at the end nothing goes forward: those buttons are off. */}
        <ButtonGroup variant="outlined" disabled={!trace}>
          <IconStep
            label={t('debugger.start')}
            keyName="Home"
            icon={<SkipPreviousIcon />}
            onClick={() => go(0)}
            disabled={atStart}
            testId="debug-start"
          />
          <IconStep
            label={t('debugger.back')}
            keyName="←"
            icon={<NavigateBeforeIcon />}
            onClick={() => go(position - 1)}
            disabled={atStart}
            testId="debug-back"
          />
          <Button
            variant="contained"
            disableElevation
            onClick={() => go(position + 1)}
            disabled={atEnd}
            startIcon={<NavigateNextIcon />}
            data-testid="debug-step"
          >
            {t('debugger.step')}
          </Button>
          <IconStep
            label={t('debugger.toEnd')}
            keyName="End"
            icon={<FastForwardIcon />}
            onClick={() => go(total)}
            disabled={atEnd}
            testId="debug-end"
          />
        </ButtonGroup>
        <Tooltip title={t('debugger.reload')}>
          <span>
            <Button onClick={() => void load()} disabled={!debugTarget} startIcon={<RefreshIcon />}>
              {t('debugger.reload')}
            </Button>
          </span>
        </Tooltip>
        <Typography data-testid="debug-position" sx={{ fontWeight: 700 }}>
          {trace ? t('debugger.position', { at: position, total }) : ''}
          {step ? ` · ${t('debugger.after', { opcode: step.opcode })}` : ''}
          {step?.validationWeightLeft !== undefined
            ? ` · ${t('debugger.weightLeft', { left: step.validationWeightLeft })}`
            : ''}
        </Typography>
      </Box>
      {!debugTarget ? (
        <Typography color="text.secondary" sx={{ fontStyle: 'italic' }}>
          {t('debugger.pick')}
        </Typography>
      ) : null}
      {state.kind === 'failed' ? <Alert severity="error">{state.message}</Alert> : null}
      {trace ? (
        <Box sx={{ display: 'flex', gap: 1.5, flex: 1, minHeight: 0 }}>
          <Paper
            variant="outlined"
            sx={{ flex: '0 0 340px', p: 1, display: 'flex', flexDirection: 'column', minHeight: 0 }}
          >
            <ScriptListing trace={trace} position={position} onJump={go} />
          </Paper>
          <Paper variant="outlined" sx={{ flex: 1, p: 1, display: 'flex', gap: 1.5, minHeight: 0, overflowY: 'auto' }}>
            <Box sx={{ flex: 2, minWidth: 0 }}>
              <StackView
                title={t('debugger.main')}
                items={stack}
                testId="main-stack"
                changedFrom={position > 0 ? previous : undefined}
              />
            </Box>
            <Box sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
              <StackView title={t('debugger.alt')} items={step?.altStack ?? []} testId="alt-stack" />
              {step && step.conditions.length > 0 ? (
                <Typography variant="body2">
                  {t('debugger.conditions')}: {step.conditions.map((c) => (c ? 'true' : 'false')).join(' · ')}
                </Typography>
              ) : null}
            </Box>
          </Paper>
          <Paper variant="outlined" sx={{ flex: '0 0 340px', p: 1.25, overflowY: 'auto', minHeight: 0 }}>
            {/* The verdict first, where the eye is, not below the signature details. */}
            {atEnd ? (
              <Alert data-testid="debug-result" severity={trace.result.ok ? 'success' : 'error'} sx={{ mb: 1.25 }}>
                {trace.result.ok
                  ? t('debugger.resultOk')
                  : `${trace.result.error.code}: ${scriptErrorSentence(language, trace.result.error.code, trace.result.error.message)}`}
              </Alert>
            ) : null}
            {step?.signatureChecks?.map((c, i) => (
              <Box key={i} data-testid="sig-check" sx={{ mb: 1.5 }}>
                <Typography sx={{ fontWeight: 800, color: c.valid ? 'success.main' : 'error.main' }}>
                  {c.valid ? t('debugger.sigValid') : t('debugger.sigInvalid')} · {c.sigVersion}
                  {c.hashType !== undefined ? ` · ${sighashName(c.hashType)}` : ''}
                </Typography>
                {c.preimage ? (
                  <Fact label={t('inspector.preimage')}>
                    <Mono copy testId="sig-preimage">
                      {c.preimage}
                    </Mono>
                  </Fact>
                ) : null}
                {c.digest ? (
                  <Fact label={t('inspector.digest')}>
                    <Mono copy>{c.digest}</Mono>
                  </Fact>
                ) : null}
              </Box>
            ))}
            {!step?.signatureChecks ? (
              <Typography variant="body2" color="text.secondary">
                {t('debugger.sigHint')}
              </Typography>
            ) : null}
            <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: 1.5 }}>
              {t('debugger.flags')}: {trace.flags.join(', ')}
            </Typography>
          </Paper>
        </Box>
      ) : null}
    </Box>
  );
}
