import { Badge, Button, Group, Paper, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Permission } from '../../../common/permissions';
import { api } from '../../app/api';
import { FormErrors, useFormErrors } from '../../app/components/FormErrors';
import { Loading } from '../../app/components/Loading';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { useSession } from '../../app/session';
import { formatDate } from '../../app/format';
import { FiguresGrid, type ActivityDetail, type FigureCell, type ReportingPeriod } from './shared';

/** One activity: what, where, for whom, its period reports (with the report form) and the secretariat's comments. */
export function ActivityPage() {
  const { t, i18n } = useTranslation('activities');
  const { id } = useParams();
  const session = useSession();
  const query = useApiQuery<ActivityDetail>(`/activities/${id}`);
  const periods = useApiQuery<ReportingPeriod[]>('/activities/periods');
  const report = useFormErrors();
  const comment = useFormErrors();
  const [periodId, setPeriodId] = useState<string | null>(null);
  const [narrative, setNarrative] = useState('');
  const [reached, setReached] = useState<FigureCell[]>([]);
  const [body, setBody] = useState('');
  if (query.error) return <FormErrors error={query.error} />;
  if (!query.data) return <Loading />;
  const activity = query.data;
  const urdu = i18n.language === 'ur';
  const reportScope = session.scopeOf(Permission.ActivitiesReport);
  const canReport = reportScope === 'network' || (reportScope === 'own-org' && session.user?.organisation.id === activity.leadOrganisation.id);
  const open = (periods.data ?? []).filter((p) => p.openForMe && p.startsOn <= activity.endsOn && p.endsOn >= activity.startsOn);
  const existing = activity.reports.find((r) => r.periodId === periodId);
  const periodLabel = (p: { startsOn: string; endsOn: string }) => `${formatDate(p.startsOn)} – ${formatDate(p.endsOn)}`;

  function choosePeriod(value: string | null) {
    setPeriodId(value);
    const current = activity.reports.find((r) => r.periodId === value);
    setNarrative(current?.narrative ?? '');
    setReached(current?.reached.cells ?? []);
  }

  async function submitReport(event: FormEvent) {
    event.preventDefault();
    const saved = await report.run(() => api.put(`/activities/${activity.id}/reports/${periodId}`, { narrative, reached: { cells: reached }, version: existing?.version }));
    if (saved) query.reload();
  }

  async function submitComment(event: FormEvent) {
    event.preventDefault();
    const saved = await comment.run(() => api.post(`/activities/${activity.id}/comments`, { body }));
    if (saved) {
      setBody('');
      query.reload();
    }
  }

  return (
    <Stack>
      <PageTitle
        actions={
          activity.canEdit && (
            <Button component={Link} to={`/activities/${activity.id}/edit`}>
              {t('detail.edit')}
            </Button>
          )
        }
      >
        {(urdu && activity.titleUr) || activity.titleEn}
      </PageTitle>
      <Group gap="xs">
        <Badge variant="light">{t(`statuses.${activity.status}`)}</Badge>
        <Badge variant="outline">{t(`sectors.${activity.sector}`)}</Badge>
        {activity.published ? <Badge color="teal.9">{t('fields.published')}</Badge> : <Badge color="gray.7">{t('detail.notPublished')}</Badge>}
      </Group>
      {/* An English text on an Urdu page keeps its own direction, and its full stop at its end. */}
      {activity.descriptionEn && <Text dir="auto">{(urdu && activity.descriptionUr) || activity.descriptionEn}</Text>}
      <Text><strong>{t('fields.leadOrganisation')}:</strong> {urdu ? activity.leadOrganisation.nameUr : activity.leadOrganisation.nameEn}</Text>
      {activity.partnerOrganisations.length > 0 && <Text><strong>{t('fields.partners')}:</strong> {activity.partnerOrganisations.map((o) => o.acronym ?? o.nameEn).join(', ')}</Text>}
      <Text><strong>{t('fields.gcmObjectives')}:</strong> {activity.gcmObjectives.join(', ')}</Text>
      <Text><strong>{t('fields.dates')}:</strong> {formatDate(activity.startsOn)} – {formatDate(activity.endsOn)}</Text>
      <Text><strong>{t('fields.fundingKind')}:</strong> {t(`funding.${activity.fundingKind}`)}{activity.donorName ? ` (${activity.donorName})` : ''}</Text>
      <Text><strong>{t('fields.places')}:</strong> {activity.places.map((p) => (urdu && p.nameUr) || p.nameEn).join(', ') || t('detail.noPlaces')}</Text>
      <Text><strong>{t('fields.reachedOfTargeted')}:</strong> {activity.reachedTotal} / {activity.targetedTotal}</Text>

      <Paper withBorder p="md" component="section" aria-labelledby="reports-heading">
        <Title order={2} size="h3" id="reports-heading" mb="sm">{t('detail.reports')}</Title>
        {activity.reports.length === 0 ? (
          <Text c="dimmed">{t('detail.noReports')}</Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('periods.period')}</Table.Th>
                <Table.Th>{t('report.reached')}</Table.Th>
                <Table.Th>{t('report.narrative')}</Table.Th>
                <Table.Th>{t('report.submitted')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {activity.reports.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{periodLabel({ startsOn: r.coveredFrom, endsOn: r.coveredTo })}</Table.Td>
                  <Table.Td>{r.reached.totals.total}</Table.Td>
                  <Table.Td dir="auto">{r.narrative}</Table.Td>
                  <Table.Td>{formatDate(r.submittedAt)} {r.late && <Badge color="orange.9">{t('report.late')}</Badge>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {canReport && (
          <form onSubmit={submitReport} noValidate>
            <Stack mt="md" gap="xs">
              <Title order={3} size="h4">{t('report.title')}</Title>
              <FormErrors error={report.error} fields={['periodId', 'narrative', 'coveredFrom', 'coveredTo', 'reached', 'version']} />
              {open.length === 0 ? (
                <Text c="dimmed">{t('report.noOpenPeriod')}</Text>
              ) : (
                <>
                  <Select label={t('periods.period')} required data={open.map((p) => ({ value: p.id, label: `${periodLabel(p)} (${t('periods.deadline')}: ${p.deadline})` }))} value={periodId} onChange={choosePeriod} />
                  <Textarea label={t('report.narrative')} autosize minRows={2} value={narrative} onChange={(e) => setNarrative(e.currentTarget.value)} error={report.fieldError('narrative')} />
                  <FiguresGrid label={t('report.reached')} cells={reached} onChange={setReached} error={report.fieldError('reached')} />
                  <Group justify="flex-end">
                    <Button type="submit" loading={report.busy} disabled={!periodId}>{existing ? t('report.update') : t('report.submit')}</Button>
                  </Group>
                </>
              )}
            </Stack>
          </form>
        )}
      </Paper>

      {activity.comments && (
        <Paper withBorder p="md" component="section" aria-labelledby="comments-heading">
          <Title order={2} size="h3" id="comments-heading" mb="sm">{t('detail.comments')}</Title>
          {activity.comments.length === 0 && <Text c="dimmed">{t('detail.noComments')}</Text>}
          {activity.comments.map((c) => (
            <Text key={c.id} size="sm"><strong>{c.authorName}</strong> ({c.createdAt.slice(0, 10)}): {c.body}</Text>
          ))}
          {session.hasPermission(Permission.ActivitiesComment) && (
            <form onSubmit={submitComment} noValidate>
              <Stack mt="md" gap="xs">
                <FormErrors error={comment.error} fields={['body']} />
                <Textarea label={t('detail.comment')} required autosize minRows={2} value={body} onChange={(e) => setBody(e.currentTarget.value)} error={comment.fieldError('body')} />
                <Group justify="flex-end"><Button type="submit" loading={comment.busy}>{t('detail.addComment')}</Button></Group>
              </Stack>
            </form>
          )}
        </Paper>
      )}
    </Stack>
  );
}
