import { Badge, Button, Checkbox, Group, MultiSelect, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organisation, UserSummary } from '../../../common/schemas/accounts';
import { Permission } from '../../../common/permissions';
import { ROLE_KEYS } from '../../../common/roles';
import { api, withQuery, type Page } from '../api';
import { AppModal } from '../components/AppModal';
import { DataTable } from '../components/DataTable';
import { FormErrors, useFormErrors } from '../components/FormErrors';
import { PageTitle } from '../components/PageTitle';
import { useApiQuery } from '../components/useApiQuery';
import { formatDateTime } from '../format';
import { localName, roleName } from '../labels';
import { useSession } from '../session';

const LIMIT = 25;
const roleOptions = () => ROLE_KEYS.map((key) => ({ value: key, label: roleName(key) }));

function useOrganisationOptions() {
  const organisations = useApiQuery<Page<Organisation>>('/admin/organisations?limit=200');
  return (organisations.data?.items ?? []).map((org) => ({ value: org.id, label: localName(org) }));
}

function InviteForm({ organisationOptions, onDone }: { organisationOptions: Array<{ value: string; label: string }>; onDone: () => void }) {
  const { t } = useTranslation('admin');
  const session = useSession();
  const ownOrgOnly = session.scopeOf(Permission.UsersManage) === 'own-org';
  const form = useFormErrors();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [organisationId, setOrganisationId] = useState<string | null>(ownOrgOnly ? (session.user?.organisation.id ?? null) : null);
  const [roles, setRoles] = useState<string[]>([]);
  const [language, setLanguage] = useState<string>('en');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const created = await form.run(() => api.post<UserSummary>('/admin/invitations', { email, displayName, organisationId, roles, language }));
    if (!created) return;
    notifications.show({ color: 'hamsafar', message: t('users.invited', { email: created.email }) });
    onDone();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrors error={form.error} fields={['email', 'displayName', 'organisationId', 'roles', 'language']} />
        <TextInput label={t('users.email')} type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={form.fieldError('email')} classNames={{ input: 'ltr-input' }} />
        <TextInput label={t('users.name')} required value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} error={form.fieldError('displayName')} />
        <Select label={t('users.organisation')} required searchable data={organisationOptions} value={organisationId} onChange={setOrganisationId} disabled={ownOrgOnly} error={form.fieldError('organisationId')} />
        <MultiSelect label={t('users.roles')} required data={roleOptions()} value={roles} onChange={setRoles} error={form.fieldError('roles')} />
        <Select
          label={t('users.language')}
          data={[
            { value: 'en', label: 'English' },
            { value: 'ur', label: 'اردو' },
          ]}
          value={language}
          onChange={(value) => setLanguage(value ?? 'en')}
          allowDeselect={false}
          error={form.fieldError('language')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={form.busy}>
            {t('users.sendInvitation')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EditUserForm({ user, onDone }: { user: UserSummary; onDone: () => void }) {
  const { t } = useTranslation('admin');
  const form = useFormErrors();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [roles, setRoles] = useState<string[]>(user.roles);
  const [status, setStatus] = useState(user.status === 'disabled' ? 'disabled' : 'active');
  const [unlock, setUnlock] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = {
      displayName,
      roles,
      ...(user.status !== 'invited' ? { status } : {}),
      ...(unlock ? { unlock: true } : {}),
      version: user.version,
    };
    const saved = await form.run(() => api.patch<UserSummary>(`/admin/users/${user.id}`, body));
    if (!saved) return;
    notifications.show({ color: 'hamsafar', message: t('users.saved') });
    onDone();
  }

  async function sendReset() {
    const sent = await form.run(() => api.post(`/admin/users/${user.id}/password-reset`));
    if (sent) notifications.show({ color: 'hamsafar', message: t('users.resetSent') });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrors error={form.error} fields={['displayName', 'roles', 'status', 'unlock']} />
        <Text className="ltr-text">{user.email}</Text>
        <TextInput label={t('users.name')} required value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} error={form.fieldError('displayName')} />
        <MultiSelect label={t('users.roles')} required data={roleOptions()} value={roles} onChange={setRoles} error={form.fieldError('roles')} />
        {user.status !== 'invited' && (
          <Select
            label={t('users.status')}
            data={[
              { value: 'active', label: t('users.statusActive') },
              { value: 'disabled', label: t('users.statusDisabled') },
            ]}
            value={status}
            onChange={(value) => setStatus(value ?? 'active')}
            allowDeselect={false}
            error={form.fieldError('status')}
          />
        )}
        {user.locked && <Checkbox label={t('users.unlock')} checked={unlock} onChange={(e) => setUnlock(e.currentTarget.checked)} error={form.fieldError('unlock')} />}
        <Group justify="space-between">
          <Button variant="default" onClick={sendReset} disabled={user.status !== 'active'}>
            {t('users.sendReset')}
          </Button>
          <Button type="submit" loading={form.busy}>
            {t('actions.save', { ns: 'common' })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function UsersPage() {
  const { t } = useTranslation('admin');
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 400);
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<UserSummary | null>(null);
  const organisationOptions = useOrganisationOptions();
  const users = useApiQuery<Page<UserSummary>>(withQuery('/admin/users', { limit: LIMIT, offset, search: debouncedSearch, organisationId }));
  useEffect(() => setOffset(0), [debouncedSearch, organisationId]);

  const statusLabel = (user: UserSummary) =>
    user.status === 'invited' ? t('users.statusInvited') : user.status === 'disabled' ? t('users.statusDisabled') : t('users.statusActive');

  return (
    <Stack>
      <PageTitle actions={<Button onClick={() => setInviting(true)}>{t('users.invite')}</Button>}>{t('users.title')}</PageTitle>
      <Group align="flex-end" role="search" aria-label={t('users.filters')}>
        <TextInput label={t('users.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
        <Select label={t('users.organisation')} placeholder={t('users.allOrganisations')} data={organisationOptions} value={organisationId} onChange={setOrganisationId} clearable searchable />
      </Group>
      <FormErrors error={users.error ?? null} />
      <DataTable
        caption={t('users.title')}
        loading={users.loading}
        rows={users.data?.items ?? []}
        rowKey={(user) => user.id}
        paging={users.data ? { limit: LIMIT, offset, total: users.data.total, onOffsetChange: setOffset } : undefined}
        columns={[
          { key: 'name', header: t('users.name'), render: (user) => user.displayName },
          { key: 'email', header: t('users.email'), render: (user) => <span className="ltr-text">{user.email}</span> },
          { key: 'organisation', header: t('users.organisation'), render: (user) => user.organisationName },
          { key: 'roles', header: t('users.roles'), render: (user) => user.roles.map(roleName).join(', ') },
          {
            key: 'status',
            header: t('users.status'),
            render: (user) => (
              <Group gap={4}>
                <Text size="sm">{statusLabel(user)}</Text>
                {user.locked && (
                  <Badge color="red.9" variant="filled">
                    {t('users.locked')}
                  </Badge>
                )}
              </Group>
            ),
          },
          { key: 'lastLogin', header: t('users.lastLogin'), render: (user) => formatDateTime(user.lastLoginAt) },
          {
            key: 'actions',
            header: <span className="visually-hidden">{t('actions.label', { ns: 'common' })}</span>,
            render: (user) => (
              <Button size="xs" variant="default" onClick={() => setEditing(user)} aria-label={t('users.editNamed', { name: user.displayName })}>
                {t('actions.edit', { ns: 'common' })}
              </Button>
            ),
          },
        ]}
      />
      <AppModal opened={inviting} onClose={() => setInviting(false)} title={t('users.invite')} size="lg">
        <InviteForm
          organisationOptions={organisationOptions}
          onDone={() => {
            setInviting(false);
            users.reload();
          }}
        />
      </AppModal>
      <AppModal opened={editing !== null} onClose={() => setEditing(null)} title={t('users.edit')} size="lg">
        {editing && (
          <EditUserForm
            user={editing}
            onDone={() => {
              setEditing(null);
              users.reload();
            }}
          />
        )}
      </AppModal>
    </Stack>
  );
}
