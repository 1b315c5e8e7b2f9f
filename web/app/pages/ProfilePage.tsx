import { Alert, Badge, Button, Card, Checkbox, Group, PasswordInput, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { FormErrors, useFormErrors } from '../components/FormErrors';
import { MfaEnrolmentFlow } from '../components/MfaEnrolmentFlow';
import { PageTitle } from '../components/PageTitle';
import { useApiQuery } from '../components/useApiQuery';
import { currentLanguage, isLanguage, switchLanguage, type Language } from '../i18n';
import { roleName } from '../labels';
import { useSession } from '../session';

function ProfileDetails() {
  const { t } = useTranslation('common');
  const session = useSession();
  const user = session.user!;
  const form = useFormErrors();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [language, setLanguage] = useState<Language>(isLanguage(user.language) ? user.language : 'en');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const answer = await form.run(() => api.patch('/auth/profile', { displayName, language }));
    if (!answer) return;
    if (language !== currentLanguage()) await switchLanguage(language);
    await session.refresh();
    notifications.show({ color: 'hamsafar', message: t('profile.saved') });
  }

  return (
    <Card withBorder component="section" aria-labelledby="profile-details">
      <Title order={2} size="h3" id="profile-details" mb="sm">
        {t('profile.details')}
      </Title>
      <Text size="sm">
        {t('profile.email')}: <span className="ltr-text">{user.email}</span>
      </Text>
      <Text size="sm">
        {t('profile.organisation')}: {currentLanguage() === 'ur' ? user.organisation.nameUr : user.organisation.nameEn}
      </Text>
      <Group gap="xs" my="sm" aria-label={t('profile.roles')} role="list">
        {user.roles.map((role) => (
          <Badge key={role} variant="outline" color="dark" role="listitem">
            {roleName(role)}
          </Badge>
        ))}
      </Group>
      <FormErrors error={form.error} fields={['displayName', 'language']} />
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label={t('profile.displayName')} required value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} error={form.fieldError('displayName')} />
          <Select
            label={t('profile.language')}
            data={[
              { value: 'en', label: 'English' },
              { value: 'ur', label: 'اردو' },
            ]}
            value={language}
            onChange={(value) => isLanguage(value) && setLanguage(value)}
            allowDeselect={false}
            error={form.fieldError('language')}
          />
          <Group>
            <Button type="submit" loading={form.busy}>
              {t('actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function PasswordChange() {
  const { t } = useTranslation('common');
  const form = useFormErrors();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    setMismatch(newPassword !== repeat);
    if (newPassword !== repeat) return;
    const answer = await form.run(() => api.post('/auth/password', { currentPassword, newPassword }));
    if (!answer) return;
    setCurrentPassword('');
    setNewPassword('');
    setRepeat('');
    setDone(true);
  }

  return (
    <Card withBorder component="section" aria-labelledby="profile-password">
      <Title order={2} size="h3" id="profile-password" mb="sm">
        {t('profile.password')}
      </Title>
      {done && (
        <Alert color="hamsafar" variant="outline" role="status" mb="sm">
          {t('profile.passwordChanged')}
        </Alert>
      )}
      <FormErrors error={form.error} fields={['currentPassword', 'newPassword']} />
      <form onSubmit={submit} noValidate>
        <Stack>
          <PasswordInput label={t('profile.currentPassword')} autoComplete="current-password" required value={currentPassword} onChange={(e) => setCurrentPassword(e.currentTarget.value)} error={form.fieldError('currentPassword')} />
          <PasswordInput label={t('profile.newPassword')} description={t('profile.passwordRule')} autoComplete="new-password" required value={newPassword} onChange={(e) => setNewPassword(e.currentTarget.value)} error={form.fieldError('newPassword')} />
          <PasswordInput label={t('profile.repeatPassword')} autoComplete="new-password" required value={repeat} onChange={(e) => setRepeat(e.currentTarget.value)} error={mismatch ? t('profile.mismatch') : undefined} />
          <Group>
            <Button type="submit" loading={form.busy}>
              {t('profile.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function MfaSection() {
  const { t } = useTranslation('common');
  const session = useSession();
  const [enrolling, setEnrolling] = useState(false);
  return (
    <Card withBorder component="section" aria-labelledby="profile-mfa">
      <Title order={2} size="h3" id="profile-mfa" mb="sm">
        {t('profile.mfa')}
      </Title>
      <Text mb="sm">{session.user?.mfaEnabled ? t('profile.mfaOn') : t('profile.mfaOff')}</Text>
      {enrolling ? (
        <MfaEnrolmentFlow
          headingOrder={3}
          onFinished={async () => {
            setEnrolling(false);
            await session.refresh();
          }}
        />
      ) : (
        <Group>
          <Button variant="default" onClick={() => setEnrolling(true)}>
            {session.user?.mfaEnabled ? t('profile.mfaReenrol') : t('profile.mfaEnrol')}
          </Button>
        </Group>
      )}
    </Card>
  );
}

interface Preference {
  kind: string;
  inApp: boolean;
  email: boolean;
}

function NotificationPreferences() {
  const { t } = useTranslation(['common', 'notificationKinds']);
  const loaded = useApiQuery<{ items: Preference[] }>('/notifications/preferences');
  const form = useFormErrors();
  const [items, setItems] = useState<Preference[]>([]);
  useEffect(() => setItems(loaded.data?.items ?? []), [loaded.data]);

  const kindLabel = (kind: string) => t(kind, { ns: 'notificationKinds', keySeparator: false, defaultValue: kind });
  const toggle = (kind: string, channel: 'inApp' | 'email', value: boolean) =>
    setItems((current) => current.map((item) => (item.kind === kind ? { ...item, [channel]: value } : item)));

  async function save() {
    const answer = await form.run(() => api.put('/notifications/preferences', { items }));
    if (answer) notifications.show({ color: 'hamsafar', message: t('profile.saved') });
  }

  return (
    <Card withBorder component="section" aria-labelledby="profile-notifications">
      <Title order={2} size="h3" id="profile-notifications" mb="sm">
        {t('profile.notificationPreferences')}
      </Title>
      <FormErrors error={form.error ?? loaded.error ?? null} />
      {items.length === 0 ? (
        <Text>{t('profile.noPreferences')}</Text>
      ) : (
        <Table withTableBorder>
          <Table.Caption className="visually-hidden">{t('profile.notificationPreferences')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('profile.notificationKind')}</Table.Th>
              <Table.Th scope="col">{t('profile.inApp')}</Table.Th>
              <Table.Th scope="col">{t('profile.byEmail')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.kind}>
                <Table.Th scope="row">{kindLabel(item.kind)}</Table.Th>
                <Table.Td>
                  <Checkbox aria-label={`${kindLabel(item.kind)}: ${t('profile.inApp')}`} checked={item.inApp} onChange={(e) => toggle(item.kind, 'inApp', e.currentTarget.checked)} />
                </Table.Td>
                <Table.Td>
                  <Checkbox aria-label={`${kindLabel(item.kind)}: ${t('profile.byEmail')}`} checked={item.email} onChange={(e) => toggle(item.kind, 'email', e.currentTarget.checked)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {items.length > 0 && (
        <Group mt="sm">
          <Button onClick={save} loading={form.busy}>
            {t('actions.save')}
          </Button>
        </Group>
      )}
    </Card>
  );
}

export function ProfilePage() {
  const { t } = useTranslation('common');
  return (
    <Stack maw={760}>
      <PageTitle>{t('profile.title')}</PageTitle>
      <ProfileDetails />
      <PasswordChange />
      <MfaSection />
      <NotificationPreferences />
    </Stack>
  );
}
