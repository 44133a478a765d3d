/**
 * Files in the renderer (browser mode, and anything the Electron menu hands back to the window):
 * export through a download, import through a file picker. The host parses and checks every
 * file; a malformed one leaves the open workspace as it was.
 */
import type { Act } from '../workspace/WorkspaceProvider';
import type { Notice } from '../Notifications';
import type { Translate } from '../../i18n';
import { hostMessage } from '../../i18n/hostMessage';
import { download } from '../../features/graph/exportImage';

export async function exportWorkspace(act: Act, notify: (n: Notice) => void, t: Translate): Promise<void> {
  const r = await act('workspace.export', {}, { title: t('file.export') });
  if (!r.ok) return;
  download(r.value.fileName, r.value.json, 'application/json');
  notify({ severity: 'success', message: t('file.exported', { file: r.value.fileName }) });
}

/** Asks for a file, then imports it. The input element stays in the page so tests can hand it a file. */
export function pickAndImport(input: HTMLInputElement | null): void {
  if (!input) return;
  input.value = '';
  input.click();
}

export async function importFile(file: File, act: Act, notify: (n: Notice) => void, t: Translate): Promise<boolean> {
  let text: string;
  try {
    text = await file.text();
  } catch {
    notify({ severity: 'error', title: t('file.import'), message: t('file.unreadable', { file: file.name }) });
    return false;
  }
  if (text.trim().length === 0) {
    notify({ severity: 'error', title: t('file.import'), message: t('file.empty', { file: file.name }) });
    return false;
  }
  const r = await act('workspace.import', { json: text }, { quiet: true });
  if (!r.ok) {
    const where = r.error.path ? ` (${t('file.at', { path: r.error.path })})` : '';
    notify({
      severity: 'error',
      title: t('file.importFailed', { file: file.name }),
      message: `${hostMessage(t, r.error)}${where}\n${t('file.unchanged')}`,
    });
    return false;
  }
  notify({ severity: 'success', message: t('file.imported', { file: file.name }) });
  return true;
}
