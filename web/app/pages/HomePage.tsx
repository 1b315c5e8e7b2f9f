import { Anchor, Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../components/PageTitle';
import { ADMIN_NAV } from '../layout/navigation';
import { webModules } from '../modules';
import { useSession } from '../session';

interface HomeCard {
  key: string;
  title: string;
  links: Array<{ path: string; label: string }>;
}

/** One card per module the user can reach, each listing the pages open to them. */
export function HomePage() {
  const { t } = useTranslation(['common', ...webModules.map((module) => module.key)]);
  const session = useSession();
  const allowed = <T extends { permission?: Parameters<typeof session.hasPermission>[0] }>(items: T[]) =>
    items.filter((item) => !item.permission || session.hasPermission(item.permission));

  const cards: HomeCard[] = webModules
    .map((module) => ({
      key: module.key,
      title: t(`common:modules.${module.key}`),
      links: allowed(module.nav).map((item) => ({ path: item.path, label: t(item.labelKey, { ns: module.key }) })),
    }))
    .filter((card) => card.links.length > 0);
  const adminLinks = allowed(ADMIN_NAV).map((item) => ({ path: item.path, label: t(item.labelKey) }));
  if (adminLinks.length > 0) cards.push({ key: 'administration', title: t('nav.administration'), links: adminLinks });
  cards.push({
    key: 'personal',
    title: t('nav.personal'),
    links: [
      { path: '/notifications', label: t('nav.notifications') },
      { path: '/profile', label: t('nav.profile') },
    ],
  });

  return (
    <Stack>
      <PageTitle>{t('home.title')}</PageTitle>
      <Text>{t('home.welcome', { name: session.user?.displayName ?? '' })}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
        {cards.map((card) => (
          <Card key={card.key} withBorder padding="lg" component="section" aria-labelledby={`card-${card.key}`}>
            <Title order={2} size="h3" id={`card-${card.key}`} mb="sm">
              {card.title}
            </Title>
            <List spacing="xs">
              {card.links.map((link) => (
                <List.Item key={link.path}>
                  <Anchor component={Link} to={link.path}>
                    {link.label}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
