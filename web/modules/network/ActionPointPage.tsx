import { Badge, Button, Group, Paper, Select, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ACTION_POINT_STATUSES } from '../../../common/network';
import { Permission } from '../../../common/permissions';
import { api } from '../../app/api';
import { FormErrors, useFormErrors } from '../../app/components/FormErrors';
import { Loading } from '../../app/components/Loading';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { formatDateTime } from '../../app/format';
import { useSession } from '../../app/session';
import { formatDate, GcmBadges, showDone, StatusBadge } from './shared';
import type { ActionPoint } from './types';

export function ActionPointPage() {
  const { t } = useTranslation('network');
  const { id } = useParams();
  const session = useSession();
  const query = useApiQuery<ActionPoint>(`/network/action-points/${id}`);
  const form = useFormErrors();
  const [status, setStatus] = useState<string | null>(null);
  const [note, setNote] = useState('');
  if (query.error) return <FormErrors error={query.error} />;
  if (!query.data) return <Loading />;
  const point = query.data;
  const scope = session.scopeOf(Permission.ActionPointsUpdate);
  const canUpdate = scope === 'network' || (scope === 'own-org' && session.user?.organisation.id === point.ownerOrganisationId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const saved = await form.run(() => api.post(`/network/action-points/${point.id}/updates`, { status: status ?? undefined, note, version: point.version }));
    if (!saved) return;
    showDone(t('actionPoints.updated'));
    setNote('');
    setStatus(null);
    query.reload();
  }

  return (
    <Stack>
      <PageTitle>{point.title}</PageTitle>
      <Group gap="xs">
        <StatusBadge status={point.status} label={t(`actionPoints.statuses.${point.status}`)} />
        {point.overdue && <Badge color="red.9">{t('actionPoints.overdue')}</Badge>}
      </Group>
      {point.description && <Text>{point.description}</Text>}
      <Text>
        <strong>{t('actionPoints.owner')}:</strong> {point.ownerOrganisationName}
      </Text>
      <Text>
        <strong>{t('actionPoints.dueDate')}:</strong> {formatDate(point.dueDate)}
      </Text>
      <GcmBadges objectives={point.gcmObjectives} />
      <Paper withBorder p="md" component="section" aria-labelledby="progress-heading">
        <Title order={2} size="h3" id="progress-heading" mb="sm">
          {t('actionPoints.progress')}
        </Title>
        {(point.updates ?? []).length === 0 ? (
          <Text c="dimmed">{t('actionPoints.noUpdates')}</Text>
        ) : (
          <Timeline bulletSize={14} lineWidth={2}>
            {(point.updates ?? []).map((u) => (
              <Timeline.Item key={u.id} title={`${t(`actionPoints.statuses.${u.status}`, { defaultValue: u.status })} · ${u.authorName}`}>
                <Text size="sm">{u.note}</Text>
                <Text size="xs">{formatDateTime(u.createdAt)}</Text>
              </Timeline.Item>
            ))}
          </Timeline>
        )}
        {canUpdate && (
          <form onSubmit={submit} noValidate>
            <Stack mt="md" gap="xs">
              <FormErrors error={form.error} fields={['status', 'note']} />
              <Select label={t('actionPoints.newStatus')} clearable data={ACTION_POINT_STATUSES.map((s) => ({ value: s, label: t(`actionPoints.statuses.${s}`) }))} value={status} onChange={setStatus} error={form.fieldError('status')} />
              <Textarea label={t('actionPoints.progressNote')} required autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={form.fieldError('note')} />
              <Group justify="flex-end">
                <Button type="submit" loading={form.busy}>
                  {t('actionPoints.report')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Paper>
    </Stack>
  );
}
