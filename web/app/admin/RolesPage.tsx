import { Alert, Button, Checkbox, Group, Radio, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { FormErrors, useFormErrors } from '../components/FormErrors';
import { PageTitle } from '../components/PageTitle';
import { useApiQuery } from '../components/useApiQuery';
import { localName } from '../labels';

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
    const saved = await form.run(() => api.patch<Role>(`/admin/roles/${role.id}`, { grants: grantsOf(levels), mfaRequired, version: role.version }));
    if (!saved) return;
    notifications.show({ color: 'hamsafar', message: t('roles.saved') });
    onSaved();
  }

  return (
    <Stack>
      <Title order={2}>{localName(role)}</Title>
      <FormErrors error={form.error} fields={['mfaRequired']} />
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
                    error={form.fieldError(`grants.${permission}`)}
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

export function RolesPage() {
  const { t } = useTranslation('admin');
  const roles = useApiQuery<Role[]>('/admin/roles');
  const permissions = useApiQuery<{ permissions: string[] }>('/admin/permissions');
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => {
    if (!selected && roles.data?.length) setSelected(roles.data[0].id);
  }, [roles.data, selected]);
  const role = roles.data?.find((r) => r.id === selected);

  return (
    <Stack>
      <PageTitle>{t('roles.title')}</PageTitle>
      <Text>{t('roles.intro')}</Text>
      <FormErrors error={roles.error ?? permissions.error ?? null} />
      {roles.data && roles.data.length === 0 && <Alert>{t('roles.none')}</Alert>}
      <Select label={t('roles.role')} data={(roles.data ?? []).map((r) => ({ value: r.id, label: localName(r) }))} value={selected} onChange={setSelected} allowDeselect={false} maw={420} />
      {role && permissions.data && <RoleEditor key={`${role.id}:${role.version}`} role={role} permissions={permissions.data.permissions} onSaved={roles.reload} />}
    </Stack>
  );
}
