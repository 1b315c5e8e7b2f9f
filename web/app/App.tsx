import { DirectionProvider, MantineProvider, useDirection } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { Loading } from './components/Loading';
import { directionOf, isLanguage, type Language } from './i18n';
import { router } from './router';
import { SessionProvider, type SessionState } from './session';
import { accessibleColours, themeFor } from './theme';

/** Keeps Mantine's direction (menus, drawers, paddings) in step with the language. */
function DirectionSync({ language }: { language: Language }) {
  const { setDirection } = useDirection();
  useEffect(() => setDirection(directionOf(language)), [language, setDirection]);
  return null;
}

function ThemedApp({ initialSession }: { initialSession: SessionState }) {
  const { i18n } = useTranslation();
  const language: Language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
  return (
    <MantineProvider theme={themeFor(language)} cssVariablesResolver={accessibleColours} defaultColorScheme="light">
      <DirectionSync language={language} />
      <Notifications position="top-center" />
      <SessionProvider initial={initialSession}>
        <RouterProvider router={router} />
      </SessionProvider>
    </MantineProvider>
  );
}

export function App({ initialSession }: { initialSession: SessionState }) {
  return (
    <DirectionProvider initialDirection={document.documentElement.dir === 'rtl' ? 'rtl' : 'ltr'} detectDirection={false}>
      <Suspense fallback={<Loading />}>
        <ThemedApp initialSession={initialSession} />
      </Suspense>
    </DirectionProvider>
  );
}
