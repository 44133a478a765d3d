/** Renderer entry: choose the transport once, then mount the workbench. */
import { ReactFlowProvider } from '@xyflow/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { CommandsProvider } from './app/commands/CommandsProvider';
import { HostProvider } from './app/HostContext';
import { NotificationsProvider } from './app/Notifications';
import { UiStateProvider } from './app/workspace/UiState';
import { WorkspaceProvider } from './app/workspace/WorkspaceProvider';
import { I18nProvider } from './i18n';
import { ThemeModeProvider } from './theme/ThemeModeProvider';
import { chooseTransport } from './transport';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element'); // a build bug

createRoot(container).render(
  <StrictMode>
    <HostProvider transport={chooseTransport()}>
      <I18nProvider>
        <ThemeModeProvider>
          <NotificationsProvider>
            <WorkspaceProvider>
              <UiStateProvider>
                <ReactFlowProvider>
                  <CommandsProvider>
                    <App />
                  </CommandsProvider>
                </ReactFlowProvider>
              </UiStateProvider>
            </WorkspaceProvider>
          </NotificationsProvider>
        </ThemeModeProvider>
      </I18nProvider>
    </HostProvider>
  </StrictMode>,
);
