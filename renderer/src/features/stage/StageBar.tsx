/**
 * The lesson stage's strip over the canvas: the legend of what this step did (only the marks it
 * used), "Frame the step", and the switch that shows the whole protocol at once instead of the
 * transactions introduced so far.
 */
import CenterFocusStrongIcon from '@mui/icons-material/CenterFocusStrong';
import { Box, Button, FormControlLabel, Paper, Switch, Tooltip } from '@mui/material';
import type { ReactNode } from 'react';
import type { LessonStageView } from '../../../../shared/contract/views';
import { useUi } from '../../app/workspace/UiState';
import { useI18n } from '../../i18n';
import { useThemeMode } from '../../theme/ThemeModeProvider';
import { MarkPill } from './MarkPill';
import { marksOf } from './stageModel';

export function StageBar({ stage }: { readonly stage: LessonStageView }): ReactNode {
  const { t } = useI18n();
  const { presenter } = useThemeMode();
  const { wholeProtocol, setWholeProtocol, requestFrame } = useUi();
  const marks = marksOf(stage);
  const size = presenter ? 17 : 13;
  return (
    <Paper
      data-testid="stage-bar"
      elevation={2}
      sx={{
        display: 'flex',
        alignItems: 'center',
        gap: 1,
        flexWrap: 'wrap',
        px: 1,
        py: 0.5,
        maxWidth: 'calc(100vw - 40px)',
        bgcolor: 'background.paper',
      }}
    >
      {marks.length > 0 ? (
        <Box data-testid="stage-legend" sx={{ display: 'flex', alignItems: 'center', gap: 0.75, flexWrap: 'wrap' }}>
          <Box component="span" sx={{ fontSize: size, fontWeight: 700, color: 'text.secondary' }}>
            {t('stage.legend')}
          </Box>
          {marks.map((m) => (
            <MarkPill key={m} mark={m} size={size} />
          ))}
        </Box>
      ) : null}
      <Tooltip title={t('stage.frameHint')}>
        <Button
          size="small"
          variant="outlined"
          startIcon={<CenterFocusStrongIcon />}
          onClick={requestFrame}
          data-testid="stage-frame"
          sx={{ fontSize: size }}
        >
          {t('stage.frame')}
        </Button>
      </Tooltip>
      <Tooltip title={t('stage.showAllHint')}>
        <FormControlLabel
          sx={{ mr: 0.5, '& .MuiFormControlLabel-label': { fontSize: size } }}
          control={
            <Switch
              size="small"
              checked={wholeProtocol}
              onChange={(e) => setWholeProtocol(e.target.checked)}
              data-testid="stage-whole"
            />
          }
          label={
            wholeProtocol || stage.hidden.length === 0
              ? t('stage.showAll')
              : `${t('stage.showAll')} (${t('stage.notYet', { n: stage.hidden.length })})`
          }
        />
      </Tooltip>
    </Paper>
  );
}
