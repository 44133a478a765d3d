/** Renderer entry: choose the transport once, then mount the shell. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { HostProvider } from './app/HostContext';
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
          <App />
        </ThemeModeProvider>
      </I18nProvider>
    </HostProvider>
  </StrictMode>,
);
