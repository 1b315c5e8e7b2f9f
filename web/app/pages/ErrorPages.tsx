import { Alert, Anchor, Container, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useRouteError } from 'react-router';
import { PageTitle } from '../components/PageTitle';

export function NotFoundPage() {
  const { t } = useTranslation('common');
  return (
    <Stack>
      <PageTitle>{t('errors.notFoundTitle')}</PageTitle>
      <Text>{t('errors.notFound')}</Text>
      <Anchor component={Link} to="/">
        {t('nav.home')}
      </Anchor>
    </Stack>
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation('common');
  return (
    <Stack>
      <PageTitle>{t('errors.forbiddenTitle')}</PageTitle>
      <Text>{t('errors.forbiddenPage')}</Text>
    </Stack>
  );
}

/** Shown when a page fails to load, e.g. a chunk that a slow connection could not fetch. */
export function RouteErrorPage() {
  const { t } = useTranslation('common');
  const error = useRouteError();
  return (
    <Container component="main" size={600} py="xl">
      <Alert color="red.9" variant="outline" role="alert" title={t('errors.pageFailed')}>
        <Text>{error instanceof Error ? error.message : String(error)}</Text>
        <Anchor href="/">{t('errors.reload')}</Anchor>
      </Alert>
    </Container>
  );
}
