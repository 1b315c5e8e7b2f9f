import { Alert, Button, Checkbox, Group, Radio, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { DataTable } from '../components/DataTable';
import { FormErrors, useFormErrors } from '../components/FormErrors';
import { PageTitle } from '../components/PageTitle';
import { useApiQuery } from '../components/useApiQuery';
import { formatDateTime } from '../format';
import { localName } from '../labels';
import { useSession } from '../session';

interface Role {
  id: string;
  key: string;
  nameEn: string;
  nameUr: string;
  grants: string[];
  mfaRequired: boolean;
  mfaEnforced: boolean;
  version: number;
}

interface RoleChange {
  id: string;
  roleId: string;
  roleKey: string;
  roleNameEn: string;
  roleNameUr: string;
  currentGrants: string[];
  grants: string[];
  proposedBy: { id: string; displayName: string };
  proposedAt: string;
  status: 'pending' | 'approved' | 'rejected';
  version: number;
}

type Level = 'none' | 'own-org' | 'network';
const OWN_ORG = ':own-org';

function levelsOf(grants: string[]): Record<string, Level> {
  const levels: Record<string, Level> = {};
  for (const grant of grants) {
    if (grant.endsWith(OWN_ORG)) {
      const permission = grant.slice(0, -OWN_ORG.length);
      if (levels[permission] !== 'network') levels[permission] = 'own-org';
    } else levels[grant] = 'network';
  }
  return levels;
}

function grantsOf(levels: Record<string, Level>): string[] {
  return Object.entries(levels)
    .filter(([, level]) => level !== 'none')
    .map(([permission, level]) => (level === 'own-org' ? `${permission}${OWN_ORG}` : permission))
    .sort();
}

function RoleEditor({ role, permissions, onSaved }: { role: Role; permissions: string[]; onSaved: () => void }) {
  const { t } = useTranslation('admin');
  const form = useFormErrors();
  // The server names a refused grant by its index in what was sent.
  const [sent, setSent] = useState<string[]>([]);
  const grantError = (permission: string) => {
    const index = sent.findIndex((grant) => grant === permission || grant === `${permission}${OWN_ORG}`);
    return index < 0 ? undefined : form.fieldError(`grants.${index}`);
  };
  const [levels, setLevels] = useState(() => levelsOf(role.grants));
  const [mfaRequired, setMfaRequired] = useState(role.mfaRequired);
  const groups = useMemo(() => {
    const byArea = new Map<string, string[]>();
    for (const permission of permissions) {
      const area = permission.split('.')[0];
      byArea.set(area, [...(byArea.get(area) ?? []), permission]);
    }
    return [...byArea.entries()];
  }, [permissions]);

  async function save() {
    const grants = grantsOf(levels);
    setSent(grants);
    const saved = await form.run(() => api.patch<Role | RoleChange>(`/admin/roles/${role.id}`, { grants, mfaRequired, version: role.version }));
    if (!saved) return;
    const pending = 'status' in saved && saved.status === 'pending';
    notifications.show({ color: 'hamsafar', message: t(pending ? 'roles.proposed' : 'roles.saved') });
    onSaved();
  }

  return (
    <Stack>
      <Title order={2}>{localName(role)}</Title>
      <FormErrors error={form.error} fields={['mfaRequired', ...sent.map((_, index) => `grants.${index}`)]} />
      {form.error?.status === 409 && (
        <Button variant="default" onClick={onSaved}>
          {t('roles.reload')}
        </Button>
      )}
      <Checkbox
        label={t('roles.mfaRequired')}
        description={role.mfaEnforced ? t('roles.mfaEnforced') : undefined}
        checked={mfaRequired || role.mfaEnforced}
        disabled={role.mfaEnforced}
        onChange={(e) => setMfaRequired(e.currentTarget.checked)}
        error={form.fieldError('mfaRequired')}
      />
      <Table withTableBorder striped>
        <Table.Caption className="visually-hidden">{t('roles.grantsOf', { role: localName(role) })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('roles.permission')}</Table.Th>
            <Table.Th scope="col">{t('roles.access')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.map(([area, areaPermissions]) =>
            areaPermissions.map((permission, index) => (
              <Table.Tr key={permission}>
                <Table.Th scope="row" fw={400}>
                  {index === 0 && (
                    <Text size="xs" fw={700} c="dimmed">
                      {area}
                    </Text>
                  )}
                  <span className="ltr-text">{permission}</span>
                </Table.Th>
                <Table.Td>
                  <Radio.Group
                    value={levels[permission] ?? 'none'}
                    onChange={(value) => setLevels((current) => ({ ...current, [permission]: value as Level }))}
                    aria-label={permission}
                    error={grantError(permission)}
                  >
                    <Group gap="md">
                      <Radio value="none" label={t('roles.levelNone')} />
                      <Radio value="own-org" label={t('roles.levelOwnOrg')} />
                      <Radio value="network" label={t('roles.levelNetwork')} />
                    </Group>
                  </Radio.Group>
                </Table.Td>
              </Table.Tr>
            )),
          )}
        </Table.Tbody>
      </Table>
      <Group justify="flex-end">
        <Button onClick={save} loading={form.busy}>
          {t('actions.save', { ns: 'common' })}
        </Button>
      </Group>
    </Stack>
  );
}

function GrantList({ grants }: { grants: string[] }) {
  const { t } = useTranslation('admin');
  if (grants.length === 0) return <Text size="sm">{t('roles.nothing')}</Text>;
  return (
    <Stack gap={2}>
      {grants.map((grant) => (
        <span key={grant} className="ltr-text">
          {grant}
        </span>
      ))}
    </Stack>
  );
}

/** Changes to roles that open protection data: a second network admin, not the proposer, decides. */
function PendingRoleChanges({ changes, onDecided }: { changes: RoleChange[]; onDecided: () => void }) {
  const { t } = useTranslation('admin');
  const session = useSession();
  const form = useFormErrors();

  async function decide(change: RoleChange, decision: 'approve' | 'reject') {
    const decided = await form.run(() => api.post<RoleChange>(`/admin/role-changes/${change.id}/${decision}`, { version: change.version }));
    if (!decided) return;
    notifications.show({ color: 'hamsafar', message: t(decision === 'approve' ? 'roles.approved' : 'roles.rejected') });
    onDecided();
  }

  return (
    <Stack>
      <Title order={2}>{t('roles.pendingTitle')}</Title>
      <Text>{t('roles.pendingIntro')}</Text>
      <FormErrors error={form.error} />
      <DataTable
        caption={t('roles.pendingCaption')}
        rows={changes}
        rowKey={(change) => change.id}
        emptyText={t('roles.pendingNone')}
        columns={[
          { key: 'role', header: t('roles.role'), render: (change) => localName({ nameEn: change.roleNameEn, nameUr: change.roleNameUr }) },
          { key: 'proposedBy', header: t('roles.proposedBy'), render: (change) => change.proposedBy.displayName },
          { key: 'proposedAt', header: t('roles.proposedAt'), render: (change) => formatDateTime(change.proposedAt) },
          { key: 'added', header: t('roles.added'), render: (change) => <GrantList grants={change.grants.filter((g) => !change.currentGrants.includes(g))} /> },
          { key: 'removed', header: t('roles.removed'), render: (change) => <GrantList grants={change.currentGrants.filter((g) => !change.grants.includes(g))} /> },
          {
            key: 'decision',
            header: t('roles.decision'),
            render: (change) => {
              const name = localName({ nameEn: change.roleNameEn, nameUr: change.roleNameUr });
              return change.proposedBy.id === session.user?.id ? (
                <Text size="sm">{t('roles.ownProposal')}</Text>
              ) : (
                <Group gap="xs">
                  <Button size="xs" onClick={() => decide(change, 'approve')} loading={form.busy} aria-label={`${t('roles.approve')}: ${name}`}>
                    {t('roles.approve')}
                  </Button>
                  <Button size="xs" variant="default" onClick={() => decide(change, 'reject')} loading={form.busy} aria-label={`${t('roles.reject')}: ${name}`}>
                    {t('roles.reject')}
                  </Button>
                </Group>
              );
            },
          },
        ]}
      />
    </Stack>
  );
}

export function RolesPage() {
  const { t } = useTranslation('admin');
  const roles = useApiQuery<Role[]>('/admin/roles');
  const permissions = useApiQuery<{ permissions: string[] }>('/admin/permissions');
  const changes = useApiQuery<RoleChange[]>('/admin/role-changes');
  const reload = () => {
    roles.reload();
    changes.reload();
  };
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => {
    if (!selected && roles.data?.length) setSelected(roles.data[0].id);
  }, [roles.data, selected]);
  const role = roles.data?.find((r) => r.id === selected);

  return (
    <Stack>
      <PageTitle>{t('roles.title')}</PageTitle>
      <Text>{t('roles.intro')}</Text>
      <FormErrors error={roles.error ?? permissions.error ?? changes.error ?? null} />
      {changes.data && <PendingRoleChanges changes={changes.data} onDecided={reload} />}
      {roles.data && roles.data.length === 0 && <Alert>{t('roles.none')}</Alert>}
      <Select label={t('roles.role')} data={(roles.data ?? []).map((r) => ({ value: r.id, label: localName(r) }))} value={selected} onChange={setSelected} allowDeselect={false} maw={420} />
      {role && permissions.data && <RoleEditor key={`${role.id}:${role.version}`} role={role} permissions={permissions.data.permissions} onSaved={reload} />}
    </Stack>
  );
}
