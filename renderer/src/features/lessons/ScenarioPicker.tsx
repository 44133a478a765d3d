/** The built-in lessons: pick one and a path (happy path, breach, refund…), then load it. */
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControl,
  InputLabel,
  List,
  ListItemButton,
  ListItemText,
  MenuItem,
  Select,
  Typography,
} from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';
import type { ScenarioInfo } from '../../../../shared/contract/views';
import { useUi } from '../../app/workspace/UiState';
import { useWorkspace } from '../../app/workspace/WorkspaceProvider';
import { useI18n } from '../../i18n';
import { exportWorkspace } from '../../app/commands/fileCommands';
import { useNotify } from '../../app/Notifications';
import { pathName } from './pathNames';
import { localized } from './useLesson';

export function ScenarioPicker({ onLoaded }: { readonly onLoaded?: () => void }): ReactNode {
  const { t, language } = useI18n();
  const { client, act, view } = useWorkspace();
  const { select } = useUi();
  const notify = useNotify();
  const [confirming, setConfirming] = useState(false);
  const [scenarios, setScenarios] = useState<readonly ScenarioInfo[] | undefined>();
  const [chosen, setChosen] = useState<string | undefined>();
  const [path, setPath] = useState<string>('');
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let current = true;
    void client.call('scenario.list', {}).then((r) => current && setScenarios(r.ok ? r.value.scenarios : []));
    return () => {
      current = false;
    };
  }, [client]);

  const scenario = scenarios?.find((s) => s.name === chosen);
  const load = async (): Promise<void> => {
    if (!scenario) return;
    setConfirming(false);
    setLoading(true);
    const r = await act(
      'scenario.load',
      { name: scenario.name, ...(path ? { path } : {}) },
      { title: t('lesson.load') },
    );
    setLoading(false);
    if (r.ok) {
      select([]);
      onLoaded?.();
    }
  };
  // Work the person changed is not replaced without asking (Undo would still bring it back).
  const askThenLoad = (): void => (view?.modified ? setConfirming(true) : void load());

  return (
    <Box
      data-testid="scenario-picker"
      sx={{ display: 'flex', flexDirection: 'column', gap: 1, minHeight: 0, height: '100%' }}
    >
      <Typography sx={{ fontWeight: 800 }}>{t('lesson.builtins')}</Typography>
      {scenarios !== undefined && scenarios.length === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ fontStyle: 'italic' }}>
          {t('lesson.noBuiltins')}
        </Typography>
      ) : null}
      <List
        dense
        sx={{ overflowY: 'auto', flex: 1, minHeight: 0, border: 1, borderColor: 'divider', borderRadius: 1, py: 0 }}
      >
        {(scenarios ?? []).map((s) => (
          <ListItemButton
            key={s.name}
            selected={s.name === chosen}
            data-testid={`scenario-${s.name}`}
            onClick={() => {
              setChosen(s.name);
              setPath(s.paths[0] ?? '');
            }}
          >
            <ListItemText
              primary={localized(s.title, language)}
              secondary={s.name === view?.lesson?.scenario ? `${s.name} · ${t('lesson.open')}` : s.name}
              slotProps={{ primary: { sx: { fontWeight: 700 } } }}
            />
          </ListItemButton>
        ))}
      </List>
      <Box sx={{ display: 'flex', gap: 1 }}>
        <FormControl size="small" sx={{ flex: 1 }} disabled={!scenario}>
          <InputLabel id="lesson-path">{t('lesson.path')}</InputLabel>
          <Select
            labelId="lesson-path"
            label={t('lesson.path')}
            value={path}
            onChange={(e) => setPath(e.target.value)}
            data-testid="lesson-path"
          >
            {(scenario?.paths ?? []).map((p) => (
              <MenuItem key={p} value={p} data-testid={`lesson-path-${p}`}>
                {pathName(p, t)}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <Button
          variant="contained"
          disableElevation
          disabled={!scenario || loading}
          onClick={askThenLoad}
          data-testid="lesson-load"
        >
          {loading ? t('lesson.loading') : t('lesson.load')}
        </Button>
      </Box>
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        maxWidth="xs"
        fullWidth
        data-testid="confirm-replace"
      >
        <DialogTitle>{t('lesson.replaceTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('lesson.replaceExplain')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)} data-testid="confirm-replace-cancel">
            {t('action.cancel')}
          </Button>
          <Button onClick={() => void exportWorkspace(act, notify, t)} data-testid="confirm-replace-export">
            {t('file.exportFirst')}
          </Button>
          <Button
            variant="contained"
            disableElevation
            onClick={() => void load()}
            data-testid="confirm-replace-discard"
          >
            {t('lesson.replaceConfirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
