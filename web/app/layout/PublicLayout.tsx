import { Box, Container, Group, Title } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { Loading } from '../components/Loading';
import { LanguageSwitch } from './LanguageSwitch';

/** Sign-in, MFA and link pages: the product name, the language switch and one narrow column. */
export function PublicLayout() {
  const { t } = useTranslation('common');
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <Box component="header" px="md" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Group justify="space-between">
          <Title order={2} size="h3" component="p">
            {t('appName')}
          </Title>
          <LanguageSwitch />
        </Group>
      </Box>
      <Container component="main" id="main" size={520} py="xl" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </Container>
    </>
  );
}
