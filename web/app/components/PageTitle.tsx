import { Group, Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The page's one h1, also written to the document title so tabs and history name the page. */
export function PageTitle({ children, actions }: { children: string; actions?: ReactNode }) {
  const { t } = useTranslation('common');
  useEffect(() => {
    document.title = `${children} · ${t('appName')}`;
  }, [children, t]);
  return (
    <Group justify="space-between" mb="lg" wrap="wrap">
      <Title order={1}>{children}</Title>
      {actions}
    </Group>
  );
}
