import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-nastaliq-urdu/arabic-400.css';
import './app/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initI18n } from './app/i18n';
import { loadSession, type SessionState } from './app/session';

const ANONYMOUS: SessionState = { state: 'anonymous', csrfToken: '', user: null };

async function start(): Promise<void> {
  const [, session] = await Promise.all([initI18n(), loadSession().catch(() => ANONYMOUS)]);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App initialSession={session} />
    </StrictMode>,
  );
}

void start();
