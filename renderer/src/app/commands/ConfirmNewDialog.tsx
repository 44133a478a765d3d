/** A new workspace replaces the open one: say so, and offer to export it first. */
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { useNotify } from '../Notifications';
import { useUi } from '../workspace/UiState';
import { useWorkspace } from '../workspace/WorkspaceProvider';
import { exportWorkspace } from './fileCommands';

export function ConfirmNewDialog({
  open,
  onClose,
}: {
  readonly open: boolean;
  readonly onClose: () => void;
}): ReactNode {
  const { t } = useI18n();
  const { act } = useWorkspace();
  const { select } = useUi();
  const notify = useNotify();
  const create = async (): Promise<void> => {
    onClose();
    const r = await act('workspace.new', {}, { title: t('cmd.file.new') });
    if (r.ok) select([]);
  };
  return (
    <Dialog open={open} onClose={onClose} maxWidth="xs" fullWidth>
      <DialogTitle>{t('file.newTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText>{t('file.newExplain')}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('action.cancel')}</Button>
        <Button onClick={() => void exportWorkspace(act, notify, t)}>{t('file.exportFirst')}</Button>
        <Button variant="contained" disableElevation onClick={() => void create()} data-testid="confirm-new">
          {t('file.newConfirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
