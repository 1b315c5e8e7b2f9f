import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/fonts.css';
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
