import { ActionIcon, AppShell, Box, Burger, Button, Group, Indicator, Menu, NavLink, ScrollArea, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { Loading } from '../components/Loading';
import { currentLanguage } from '../i18n';
import { webModules } from '../modules';
import { useSession } from '../session';
import { LanguageSwitch } from './LanguageSwitch';
import { ADMIN_NAV } from './navigation';
import { useUnreadCount } from './UnreadCount';

function BellIcon() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true" focusable="false">
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.73 21a2 2 0 0 1-3.46 0" />
    </svg>
  );
}

function NotificationBell() {
  const { t } = useTranslation('common');
  const count = useUnreadCount();
  return (
    <Indicator label={count > 99 ? '99+' : count} size={18} disabled={count === 0} color="red.9" offset={4}>
      <ActionIcon component={Link} to="/notifications" variant="default" size="lg" aria-label={t('notificationsBell', { count })}>
        <BellIcon />
      </ActionIcon>
    </Indicator>
  );
}

function PersonIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true" focusable="false">
      <circle cx="12" cy="8" r="4" />
      <path d="M4 21c0-4 4-6 8-6s8 2 8 6" />
    </svg>
  );
}

/** On a phone only an icon, so the header fits in 390 px; the button is named for screen readers either way. */
function UserMenu() {
  const { t } = useTranslation('common');
  const session = useSession();
  const navigate = useNavigate();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="subtle" size="sm" px="xs" aria-label={t('userMenu', { name: session.user?.displayName ?? '' })}>
          <Box component="span" hiddenFrom="sm" display="inline-flex">
            <PersonIcon />
          </Box>
          <Text span size="sm" truncate maw={180} visibleFrom="sm">
            {session.user?.displayName}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component={Link} to="/profile">
          {t('nav.profile')}
        </Menu.Item>
        <Menu.Item
          onClick={async () => {
            await session.signOut();
            navigate('/login');
          }}
        >
          {t('signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The signed-in frame: header, navigation filtered by the user's grants, and the page. */
export function AppLayout() {
  const { t } = useTranslation(['common', ...webModules.map((module) => module.key)]);
  const session = useSession();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  useEffect(close, [location.pathname, close]);

  const network = session.user?.network;
  const networkName = network ? (currentLanguage() === 'ur' ? network.nameUr : network.nameEn) : t('appName');
  const isActive = (path: string) => (path === '/' ? location.pathname === '/' : location.pathname.startsWith(path));
  const visible = <T extends { permission?: Parameters<typeof session.hasPermission>[0] }>(items: T[]) =>
    items.filter((item) => !item.permission || session.hasPermission(item.permission));
  const adminItems = visible(ADMIN_NAV);

  return (
    <AppShell header={{ height: currentLanguage() === 'ur' ? 72 : 60 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
          {/* The name gives way (ellipsis, full name on hover) so the controls always fit on a phone. */}
          <Group gap="xs" wrap="nowrap" miw={0} style={{ flex: 1 }}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('toggleNavigation')} />
            <Title order={2} size="h4" component="p" className="header-network-name" title={networkName}>
              {networkName}
            </Title>
          </Group>
          <Group gap={6} wrap="nowrap" style={{ flex: 'none' }}>
            <NotificationBell />
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('mainNavigation')}>
        <ScrollArea>
          <NavLink component={Link} to="/" label={t('nav.home')} active={isActive('/')} aria-current={isActive('/') ? 'page' : undefined} />
          {webModules.map((module) => {
            const items = visible(module.nav);
            if (items.length === 0) return null;
            return (
              <div key={module.key} role="group" aria-label={t(`common:modules.${module.key}`)}>
                <Text size="xs" fw={700} c="dimmed" px="sm" pt="md" aria-hidden="true">
                  {t(`common:modules.${module.key}`)}
                </Text>
                {items.map((item) => (
                  <NavLink key={item.path} component={Link} to={item.path} label={t(item.labelKey, { ns: module.key })} active={isActive(item.path)} aria-current={isActive(item.path) ? 'page' : undefined} />
                ))}
              </div>
            );
          })}
          {adminItems.length > 0 && (
            <div role="group" aria-label={t('nav.administration')}>
              <Text size="xs" fw={700} c="dimmed" px="sm" pt="md" aria-hidden="true">
                {t('nav.administration')}
              </Text>
              {adminItems.map((item) => (
                <NavLink key={item.path} component={Link} to={item.path} label={t(item.labelKey)} active={isActive(item.path)} aria-current={isActive(item.path) ? 'page' : undefined} />
              ))}
            </div>
          )}
          <Text size="xs" fw={700} c="dimmed" px="sm" pt="md" aria-hidden="true">
            {t('nav.personal')}
          </Text>
          <NavLink component={Link} to="/notifications" label={t('nav.notifications')} active={isActive('/notifications')} aria-current={isActive('/notifications') ? 'page' : undefined} />
          <NavLink component={Link} to="/profile" label={t('nav.profile')} active={isActive('/profile')} aria-current={isActive('/profile') ? 'page' : undefined} />
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
