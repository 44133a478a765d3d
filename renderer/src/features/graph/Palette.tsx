/**
 * The palette: node templates grouped as the lessons use them. Drag one onto the canvas (or
 * click it) to add a transaction on the chosen chain.
 */
import AddCircleOutlineIcon from '@mui/icons-material/AddCircleOutlined';
import DragIndicatorIcon from '@mui/icons-material/DragIndicator';
import { Box, ButtonBase, ToggleButton, ToggleButtonGroup, Tooltip, Typography } from '@mui/material';
import { useMemo, useState, type DragEvent, type ReactNode } from 'react';
import type { TemplateInfo } from '../../../../shared/contract/views';
import { useWorkspace } from '../../app/workspace/WorkspaceProvider';
import { useI18n, type MessageKey } from '../../i18n';
import { templateHint, templateName } from './templateNames';
import { chainColour } from '../../theme/status';
import { useThemeMode } from '../../theme/ThemeModeProvider';
import { useAddNode } from './useAddNode';
import type { ChainId } from '../../../../shared/chain/profiles';

export const TEMPLATE_MIME = 'application/x-txlab-template';

type Group = 'basic' | 'channel' | 'htlc' | 'swap' | 'other';
const GROUPS: readonly Group[] = ['basic', 'channel', 'htlc', 'swap', 'other'];
const GROUP_KEYS: Record<Group, MessageKey> = {
  basic: 'palette.group.basic',
  channel: 'palette.group.channel',
  htlc: 'palette.group.htlc',
  swap: 'palette.group.swap',
  other: 'palette.group.other',
};

function groupOf(template: TemplateInfo): Group {
  const id = template.id.toLowerCase();
  if (template.payType !== undefined || id === 'custom') return 'basic';
  if (id.includes('swap') || /^tx[1-4]\b/i.test(template.label)) return 'swap';
  if (id.includes('htlc') || /^(h[a-z]*\d|ht)/i.test(template.label)) return 'htlc';
  if (
    /funding|^c\d|^rd\d|^br\d|channel|rsmc|commit|breach|close/i.test(id) ||
    /^(funding|c\d|rd\d|br\d)/i.test(template.label)
  )
    return 'channel';
  return 'other';
}

/** A payment of a SegWit type (P2TR is SegWit v1) on a chain with the 2014 rules, which had no SegWit. */
function needsSegwit(template: TemplateInfo, era: string | undefined): boolean {
  return era === '2014' && template.payType !== undefined && template.payType !== 'p2pkh';
}

export function Palette(): ReactNode {
  const { t } = useI18n();
  const { mode } = useThemeMode();
  const { templates, view } = useWorkspace();
  const [chain, setChain] = useState<ChainId>('btc');
  const addNode = useAddNode();
  const chains = view?.chains ?? [];
  const era = chains.find((c) => c.id === chain)?.era;
  const grouped = useMemo(
    () =>
      GROUPS.map((g) => [g, templates.filter((tpl) => groupOf(tpl) === g)] as const).filter(
        ([, list]) => list.length > 0,
      ),
    [templates],
  );

  const onDragStart = (event: DragEvent<HTMLElement>, template: TemplateInfo): void => {
    event.dataTransfer.setData(TEMPLATE_MIME, JSON.stringify({ template: template.id, chain }));
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <Box
      component="nav"
      aria-label={t('palette.title')}
      data-testid="palette"
      sx={{ height: '100%', overflowY: 'auto', p: 1.5, display: 'flex', flexDirection: 'column', gap: 1.5 }}
    >
      <Typography variant="overline" sx={{ fontWeight: 800, lineHeight: 1.2, color: 'text.secondary' }}>
        {t('palette.title')}
      </Typography>
      <Box>
        <Typography variant="caption" color="text.secondary">
          {t('palette.chain')}
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          fullWidth
          value={chain}
          onChange={(_e, next: ChainId | null) => next && setChain(next)}
          sx={{ mt: 0.5 }}
        >
          {(chains.length > 0 ? chains.map((c) => c.id) : (['btc'] as const)).map((id) => (
            <ToggleButton
              key={id}
              value={id}
              data-testid={`palette-chain-${id}`}
              sx={{ fontWeight: 800, color: chainColour(id, mode) }}
            >
              {id.toUpperCase()}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Box>
      {grouped.map(([group, list]) => (
        <Box key={group}>
          <Typography variant="caption" sx={{ fontWeight: 700, color: 'text.secondary' }}>
            {t(GROUP_KEYS[group])}
          </Typography>
          <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.75, mt: 0.5 }}>
            {list.map((template) => {
              const unavailable = needsSegwit(template, era);
              return (
                <Tooltip
                  key={template.id}
                  title={unavailable ? t('palette.needsSegwit') : templateHint(template, t)}
                  placement="right"
                >
                  {/* A span: a disabled button gets no pointer events, and the tooltip still explains it. */}
                  <Box component="span" sx={{ display: 'flex' }}>
                    <ButtonBase
                      draggable={!unavailable}
                      disabled={unavailable}
                      data-testid={`template-${template.id}`}
                      data-unavailable={unavailable ? 'needs-segwit' : undefined}
                      onDragStart={(event) => onDragStart(event, template)}
                      onClick={() => void addNode(template.id, chain)}
                      sx={{
                        flex: 1,
                        justifyContent: 'flex-start',
                        gap: 0.75,
                        px: 1,
                        py: 0.9,
                        borderRadius: 1.5,
                        border: 1,
                        borderColor: 'divider',
                        bgcolor: 'background.paper',
                        cursor: 'grab',
                        textAlign: 'left',
                        '&:hover': { borderColor: 'primary.main', bgcolor: 'action.hover' },
                        '&.Mui-disabled': { opacity: 0.55, borderStyle: 'dashed' },
                      }}
                    >
                      <DragIndicatorIcon sx={{ fontSize: '1.1rem', color: 'text.disabled' }} />
                      <Box sx={{ flex: 1 }}>
                        {/* A glossed name ("Funding（注资）") breaks before its gloss, not inside it. */}
                        <Typography
                          sx={{
                            fontWeight: 700,
                            fontSize: '0.92rem',
                            wordBreak: 'keep-all',
                            overflowWrap: 'break-word',
                          }}
                        >
                          {templateName(template, t)}
                        </Typography>
                        {unavailable ? (
                          <Typography sx={{ fontSize: '0.78rem', color: 'text.secondary' }}>
                            {t('palette.noSegwit')}
                          </Typography>
                        ) : null}
                      </Box>
                      {unavailable ? null : (
                        <AddCircleOutlineIcon sx={{ fontSize: '1.05rem', color: 'text.secondary' }} />
                      )}
                    </ButtonBase>
                  </Box>
                </Tooltip>
              );
            })}
          </Box>
        </Box>
      ))}
      <Typography variant="body2" color="text.secondary" sx={{ mt: 'auto', fontSize: '0.8rem' }}>
        {t('palette.help')}
      </Typography>
    </Box>
  );
}
