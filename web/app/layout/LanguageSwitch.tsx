import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { currentLanguage, switchLanguage, type Language } from '../i18n';
import { useSession } from '../session';

/** "English ⇄ اردو": stored in the browser, and in the profile when signed in. */
export function LanguageSwitch() {
  const { t } = useTranslation('common');
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const next: Language = currentLanguage() === 'ur' ? 'en' : 'ur';

  async function change() {
    setBusy(true);
    try {
      await switchLanguage(next);
      if (session.state === 'active') {
        await api.patch('/auth/profile', { language: next });
        await session.refresh();
      }
    } catch {
      notifications.show({ color: 'red', message: t('language.notSaved') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button variant="default" size="sm" onClick={change} loading={busy}>
      <span lang={next} dir={next === 'ur' ? 'rtl' : 'ltr'}>
        {next === 'ur' ? 'اردو' : 'English'}
      </span>
    </Button>
  );
}
