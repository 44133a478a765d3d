/**
 * What a step just did to a transaction, as a small pill: an icon shape and a word (colour is
 * never the only signal). The legend and the nodes use the same pill.
 */
import AddCircleIcon from '@mui/icons-material/AddCircle';
import BlockIcon from '@mui/icons-material/Block';
import CallMadeIcon from '@mui/icons-material/CallMade';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import DrawIcon from '@mui/icons-material/Draw';
import ErrorIcon from '@mui/icons-material/Error';
import LayersClearIcon from '@mui/icons-material/LayersClear';
import PodcastsIcon from '@mui/icons-material/Podcasts';
import { Box } from '@mui/material';
import type { ReactNode } from 'react';
import type { StepMark } from '../../../../shared/contract/views';
import { useI18n } from '../../i18n';
import { statusColours } from '../../theme/status';
import type { ThemeMode } from '../../theme/theme';
import { useThemeMode } from '../../theme/ThemeModeProvider';

const ICONS: Record<StepMark, typeof AddCircleIcon> = {
  new: AddCircleIcon,
  signed: DrawIcon,
  broadcast: PodcastsIcon,
  confirmed: CheckCircleIcon,
  refused: BlockIcon,
  conflicted: LayersClearIcon,
  invalid: ErrorIcon,
  spent: CallMadeIcon,
};

/** The status colours where a mark is a status; "new" and "spent" have their own. */
function markColour(mark: StepMark, mode: ThemeMode): { readonly main: string; readonly contrast: string } {
  const dark = mode === 'dark';
  switch (mark) {
    case 'new':
      return { main: dark ? '#f7a440' : '#c2590b', contrast: dark ? '#1c1206' : '#ffffff' };
    case 'spent':
      return { main: dark ? '#22d3ee' : '#0e7490', contrast: dark ? '#04222a' : '#ffffff' };
    case 'broadcast':
      return statusColours('mempool', mode);
    case 'refused':
      return statusColours('invalid', mode);
    default:
      return statusColours(mark, mode);
  }
}

/** `iconOnly`: the icon alone (an output row has no room for the word; the legend says it). */
export function MarkPill({
  mark,
  size,
  iconOnly,
}: {
  readonly mark: StepMark;
  readonly size: number;
  readonly iconOnly?: boolean;
}): ReactNode {
  const { t } = useI18n();
  const { mode } = useThemeMode();
  const colour = markColour(mark, mode);
  const Icon = ICONS[mark];
  return (
    <Box
      component="span"
      data-testid={`mark-${mark}`}
      sx={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: '0.25em',
        px: iconOnly ? '0.25em' : '0.5em',
        py: '0.1em',
        borderRadius: 999,
        bgcolor: colour.main,
        color: colour.contrast,
        fontSize: size,
        fontWeight: 800,
        lineHeight: 1.3,
        whiteSpace: 'nowrap',
      }}
    >
      <Icon
        sx={{ fontSize: '1.1em' }}
        aria-hidden={!iconOnly}
        {...(iconOnly ? { titleAccess: t(`stage.mark.${mark}`) } : {})}
      />
      {iconOnly ? null : t(`stage.mark.${mark}`)}
    </Box>
  );
}
