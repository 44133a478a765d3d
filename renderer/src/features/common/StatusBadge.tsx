/** The status at a glance: colour, an icon shape and words (colour is never the only signal). */
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import EditNoteIcon from '@mui/icons-material/EditNote';
import ErrorIcon from '@mui/icons-material/Error';
import HourglassTopIcon from '@mui/icons-material/HourglassTop';
import LayersClearIcon from '@mui/icons-material/LayersClear';
import DrawIcon from '@mui/icons-material/Draw';
import VerifiedIcon from '@mui/icons-material/Verified';
import { Box } from '@mui/material';
import { memo, type ReactNode } from 'react';
import type { NodeStatus } from '../../../../shared/contract/views';
import { useI18n } from '../../i18n';
import { statusColours, type StatusKind } from '../../theme/status';
import { useThemeMode } from '../../theme/ThemeModeProvider';
import { useChainHeight } from '../../app/workspace/WorkspaceProvider';
import { statusLabel } from './labels';

const ICONS: Record<StatusKind, typeof CheckCircleIcon> = {
  draft: EditNoteIcon,
  'partly-signed': DrawIcon,
  signed: VerifiedIcon,
  mempool: HourglassTopIcon,
  confirmed: CheckCircleIcon,
  conflicted: LayersClearIcon,
  invalid: ErrorIcon,
};

export const StatusBadge = memo(function StatusBadge({
  status,
  chain,
  size = 'small',
}: {
  readonly status: NodeStatus;
  readonly chain: string;
  readonly size?: 'small' | 'large';
}): ReactNode {
  const { t } = useI18n();
  const tip = useChainHeight(chain);
  const { mode } = useThemeMode();
  const colours = statusColours(status.kind, mode);
  const Icon = ICONS[status.kind];
  const large = size === 'large';
  return (
    <Box
      component="span"
      data-testid="status-badge"
      data-status={status.kind}
      sx={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: 0.5,
        px: large ? 1.25 : 0.75,
        py: large ? 0.4 : 0.15,
        borderRadius: 999,
        bgcolor: colours.main,
        color: colours.contrast,
        fontWeight: 700,
        fontSize: large ? '0.95rem' : '0.78rem',
        lineHeight: 1.4,
        whiteSpace: 'nowrap',
        letterSpacing: 0.1,
      }}
    >
      <Icon sx={{ fontSize: large ? '1.15rem' : '0.95rem' }} aria-hidden />
      {statusLabel(status, t, tip)}
    </Box>
  );
});
