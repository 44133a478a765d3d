/**
 * The inspector for the selected transaction: status and what to do next (sign, broadcast), then
 * its fields, inputs, outputs and raw bytes. Every value comes from the host; every edit goes to it.
 */
import BugReportIcon from '@mui/icons-material/BugReport';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import DrawIcon from '@mui/icons-material/Draw';
import HardwareIcon from '@mui/icons-material/Hardware';
import SendIcon from '@mui/icons-material/Send';
import { Alert, Box, Button, IconButton, Tab, Tabs, Tooltip, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import type { NodeView } from '../../../../shared/contract/views';
import { useCommands } from '../../app/commands/CommandsProvider';
import { useNotify } from '../../app/Notifications';
import { useUi } from '../../app/workspace/UiState';
import { useWorkspace } from '../../app/workspace/WorkspaceProvider';
import { shortHash } from '../../format/amounts';
import { useI18n } from '../../i18n';
import { hostMessage } from '../../i18n/hostMessage';
import { scriptErrorSentence } from '../../i18n/scriptError';
import { nodeLabel } from '../graph/nodeNames';
import { templateName } from '../graph/templateNames';
import { CommitField } from '../common/CommitField';
import { statusDetail } from '../common/labels';
import { StatusBadge } from '../common/StatusBadge';
import { InputsTab } from './InputsTab';
import { OutputsTab } from './OutputsTab';
import { OverviewTab } from './OverviewTab';
import { RawTab } from './RawTab';
import { SignDialog } from './SignDialog';
import { useInspect } from './useInspect';

type InspectorTab = 'overview' | 'inputs' | 'outputs' | 'raw';

function Actions({ node }: { readonly node: NodeView }): ReactNode {
  const { t, language } = useI18n();
  const { act } = useWorkspace();
  const notify = useNotify();
  const { openDebugger, select } = useUi();
  const { run } = useCommands();
  const [signing, setSigning] = useState(false);
  const draft = node.kind === 'draft';
  // Once a transaction is in a mempool or a block, signing again would make a different one.
  const settled = node.status.kind === 'mempool' || node.status.kind === 'confirmed';
  const canBroadcast = draft && !settled;

  const broadcast = async (): Promise<void> => {
    const r = await act('tx.broadcast', { node: node.id }, { title: t('inspector.broadcast') });
    if (!r.ok) return;
    const b = r.value.broadcast;
    if (b.accepted) notify({ severity: 'success', message: t('broadcast.accepted', { txid: shortHash(b.txid, 8) }) });
    else {
      // Core's reason as Core prints it, then TxLab's sentence in the reader's language.
      const said = b.message === undefined ? '' : ` — ${hostMessage(t, { ...b, message: b.message }, language)}`;
      notify({ severity: 'error', title: t('broadcast.rejected'), message: `${b.reason ?? ''}${said}` });
    }
  };

  return (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
      {draft ? (
        <>
          <Button
            variant="contained"
            disableElevation
            startIcon={<DrawIcon />}
            disabled={settled}
            onClick={() => setSigning(true)}
            data-testid="action-sign"
          >
            {t('inspector.sign')}
          </Button>
          <Button
            variant="contained"
            color="secondary"
            disableElevation
            startIcon={<SendIcon />}
            disabled={!canBroadcast}
            onClick={() => void broadcast()}
            data-testid="action-broadcast"
          >
            {t('inspector.broadcast')}
          </Button>
          {/* In a mempool, the next step is a block: mine it from here (the M key, Chain ▸ Mine 1 block). */}
          {node.status.kind === 'mempool' ? (
            <Button
              variant="contained"
              disableElevation
              startIcon={<HardwareIcon />}
              onClick={() => run('chain.mine1')}
              data-testid="action-mine"
            >
              {t('cmd.chain.mine1')}
            </Button>
          ) : null}
          <Button
            variant="outlined"
            startIcon={<BugReportIcon />}
            disabled={!node.inputs[0]?.prevout}
            onClick={() => openDebugger({ node: node.id, input: 0 })}
            data-testid="action-debug"
          >
            {t('inspector.debug')}
          </Button>
        </>
      ) : null}
      <Box sx={{ flex: 1 }} />
      <Tooltip title={t('inspector.remove')}>
        <IconButton
          aria-label={t('inspector.remove')}
          onClick={() => void act('graph.removeNodes', { ids: [node.id] }).then((r) => r.ok && select([]))}
        >
          <DeleteOutlineIcon />
        </IconButton>
      </Tooltip>
      {signing ? <SignDialog node={node} open={signing} onClose={() => setSigning(false)} /> : null}
    </Box>
  );
}

function NodeInspector({ node }: { readonly node: NodeView }): ReactNode {
  const { t, language } = useI18n();
  const { act, templates } = useWorkspace();
  const [tab, setTab] = useState<InspectorTab>('overview');
  const inspect = useInspect(node);
  const detail = statusDetail(node.status, t);
  return (
    <Box
      data-testid="inspector"
      data-node-id={node.id}
      sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}
    >
      <Box
        sx={{
          p: 2,
          pb: 1.25,
          display: 'flex',
          flexDirection: 'column',
          gap: 1.25,
          borderBottom: 1,
          borderColor: 'divider',
        }}
      >
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <CommitField
              label={t('inspector.name')}
              value={nodeLabel(node.label, t)}
              commit={(text) =>
                act('graph.renameNode', { id: node.id, label: text.trim() || node.label }, { quiet: true })
              }
            />
          </Box>
          <StatusBadge status={node.status} chain={node.chain} size="large" />
        </Box>
        <Typography variant="body2" color="text.secondary">
          {node.kind === 'chain'
            ? t('inspector.chainTx', { chain: node.chain.toUpperCase() })
            : t('inspector.draftTx', {
                template: templateName(
                  templates.find((x) => x.id === node.template) ?? { id: node.template, label: node.template },
                  t,
                ),
                chain: node.chain.toUpperCase(),
              })}
        </Typography>
        {node.status.kind === 'invalid' ? (
          <Alert severity="error" data-testid="invalid-reason" sx={{ py: 0 }}>
            <strong>{detail}</strong>
            <br />
            {scriptErrorSentence(language, node.status.error, node.status.message)}
          </Alert>
        ) : detail ? (
          <Alert severity="warning" sx={{ py: 0 }}>
            {detail}
          </Alert>
        ) : null}
        {node.lastRejection ? (
          <Alert severity="error" data-testid="last-rejection" sx={{ py: 0 }}>
            <strong>{t('inspector.lastRejection', { reason: node.lastRejection.reason })}</strong>
            <br />
            {hostMessage(t, node.lastRejection, language)}
          </Alert>
        ) : null}
        <Actions node={node} />
      </Box>
      <Tabs
        value={tab}
        onChange={(_e, next: InspectorTab) => setTab(next)}
        variant="fullWidth"
        sx={{ borderBottom: 1, borderColor: 'divider' }}
      >
        <Tab value="overview" label={t('inspector.tab.overview')} data-testid="inspector-tab-overview" />
        <Tab
          value="inputs"
          label={t('inspector.tab.inputs', { n: node.inputs.length })}
          data-testid="inspector-tab-inputs"
        />
        <Tab
          value="outputs"
          label={t('inspector.tab.outputs', { n: node.outputs.length })}
          data-testid="inspector-tab-outputs"
        />
        <Tab
          value="raw"
          label={t('inspector.tab.raw')}
          data-testid="inspector-tab-raw"
          disabled={node.kind !== 'draft'}
        />
      </Tabs>
      <Box sx={{ flex: 1, overflowY: 'auto', p: 2 }}>
        {tab === 'overview' ? <OverviewTab node={node} /> : null}
        {tab === 'inputs' ? (
          <InputsTab node={node} inspect={inspect.kind === 'ready' ? inspect.inspect : undefined} />
        ) : null}
        {tab === 'outputs' ? <OutputsTab node={node} /> : null}
        {tab === 'raw' ? (
          inspect.kind === 'ready' ? (
            <RawTab inspect={inspect.inspect} />
          ) : inspect.kind === 'failed' ? (
            <Alert severity="error">{inspect.message}</Alert>
          ) : null
        ) : null}
      </Box>
    </Box>
  );
}

export function Inspector(): ReactNode {
  const { t } = useI18n();
  const { view } = useWorkspace();
  const { selectedNodes } = useUi();
  const node = selectedNodes.length === 1 ? view?.nodes.find((n) => n.id === selectedNodes[0]) : undefined;
  if (!node) {
    return (
      <Box data-testid="inspector-empty" sx={{ p: 3, color: 'text.secondary' }}>
        <Typography variant="h6" sx={{ fontWeight: 800, color: 'text.primary' }}>
          {t('inspector.title')}
        </Typography>
        <Typography variant="body2" sx={{ mt: 1 }}>
          {selectedNodes.length > 1 ? t('inspector.many', { n: selectedNodes.length }) : t('inspector.none')}
        </Typography>
      </Box>
    );
  }
  // Keyed by node: a different transaction starts on its overview with fresh fields.
  return <NodeInspector key={node.id} node={node} />;
}
