import { Anchor, Badge, Button, Group, Paper, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PERIOD_KINDS } from '../../../common/activities';
import { Permission } from '../../../common/permissions';
import { api, downloadUrl, withQuery } from '../../app/api';
import { FormErrors, useFormErrors } from '../../app/components/FormErrors';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { useSession } from '../../app/session';
import type { ActivityReport, ReportingPeriod } from './shared';

interface PeriodReports {
  period: ReportingPeriod;
  reports: Array<ActivityReport & { activityTitle: string; organisationName: string }>;
  missing: Array<{ activityId: string; activityTitle: string; organisationId: string; organisationName: string }>;
  unlocks: Array<{ id: string; organisationId: string; reason: string; until: string; unlockedBy: string }>;
}

/** Reporting periods: the secretariat opens them and unlocks one organisation after the deadline; everyone sees what was reported, late or missing. */
export function PeriodsPage() {
  const { t, i18n } = useTranslation('activities');
  const session = useSession();
  const manage = session.hasPermission(Permission.ActivitiesPeriodsManage);
  // The GCM report covers every organisation's activities: network-wide readers only, as on the server.
  const gcmReports = session.scopeOf(Permission.ActivitiesRead) === 'network';
  const [reportFormat, setReportFormat] = useState<string | null>('pdf');
  const [reportLanguage, setReportLanguage] = useState<string | null>(i18n.language === 'ur' ? 'ur' : 'en');
  const periods = useApiQuery<ReportingPeriod[]>('/activities/periods');
  const [selected, setSelected] = useState<string | null>(null);
  const reports = useApiQuery<PeriodReports>(selected ? `/activities/periods/${selected}/reports` : null);
  const openForm = useFormErrors();
  const unlockForm = useFormErrors();
  const [kind, setKind] = useState<string | null>('quarterly');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [deadline, setDeadline] = useState('');
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');

  async function openPeriod(event: FormEvent) {
    event.preventDefault();
    if (await openForm.run(() => api.post('/activities/periods', { kind, startsOn, endsOn, deadline }))) periods.reload();
  }

  async function unlock(event: FormEvent) {
    event.preventDefault();
    if (await unlockForm.run(() => api.post(`/activities/periods/${selected}/unlocks`, { organisationId, reason, until }))) {
      setReason('');
      reports.reload();
    }
  }

  const organisations = [...new Map([...(reports.data?.missing ?? []), ...(reports.data?.reports ?? [])].map((r) => [r.organisationId, r.organisationName])).entries()];

  return (
    <Stack>
      <PageTitle>{t('periods.title')}</PageTitle>
      {gcmReports && (
        <Paper withBorder p="sm" component="section" aria-labelledby="gcm-report-heading">
          <Title order={2} size="h4" id="gcm-report-heading">{t('periods.gcmReport')}</Title>
          <Text size="sm" c="dimmed" mb="xs">{t('periods.gcmReportHelp')}</Text>
          <Group gap="sm">
            <Select label={t('periods.gcmFormat')} data={(['pdf', 'docx'] as const).map((f) => ({ value: f, label: t(`periods.formats.${f}`) }))} value={reportFormat} onChange={setReportFormat} allowDeselect={false} w={180} />
            <Select label={t('periods.gcmLanguage')} data={(['en', 'ur'] as const).map((l) => ({ value: l, label: t(`periods.languages.${l}`) }))} value={reportLanguage} onChange={setReportLanguage} allowDeselect={false} w={180} />
          </Group>
        </Paper>
      )}
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('periods.kind')}</Table.Th>
            <Table.Th>{t('periods.period')}</Table.Th>
            <Table.Th>{t('periods.deadline')}</Table.Th>
            <Table.Th>{t('periods.state')}</Table.Th>
            <Table.Th>{t('periods.reports')}</Table.Th>
            {gcmReports && <Table.Th>{t('periods.gcmReport')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(periods.data ?? []).map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{t(`periods.kinds.${p.kind}`)}</Table.Td>
              <Table.Td>{p.startsOn} – {p.endsOn}</Table.Td>
              <Table.Td>{p.deadline}</Table.Td>
              <Table.Td>{p.locked ? <Badge color="gray.7">{t('periods.locked')}</Badge> : <Badge color="teal.9">{t('periods.open')}</Badge>}</Table.Td>
              <Table.Td><Button variant="subtle" size="xs" onClick={() => setSelected(p.id)}>{t('periods.show')}</Button></Table.Td>
              {gcmReports && (
                <Table.Td>
                  <Anchor
                    href={downloadUrl(withQuery(`/activities/periods/${p.id}/gcm-report`, { format: reportFormat, language: reportLanguage }))}
                    aria-label={t('periods.downloadLabel', { from: p.startsOn, to: p.endsOn })}
                    size="sm"
                  >
                    {t('periods.download')} ({t(`periods.formats.${reportFormat ?? 'pdf'}`)})
                  </Anchor>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      {reports.data && (
        <Paper withBorder p="md" component="section" aria-labelledby="period-heading">
          <Title order={2} size="h3" id="period-heading" mb="sm">{reports.data.period.startsOn} – {reports.data.period.endsOn}</Title>
          <Title order={3} size="h4">{t('periods.reports')}</Title>
          {reports.data.reports.length === 0 && <Text c="dimmed">{t('detail.noReports')}</Text>}
          {reports.data.reports.map((r) => (
            <Text key={r.id} size="sm">
              <Link to={`/activities/${r.activityId}`}>{r.activityTitle}</Link> · {r.organisationName} · {t('report.reached')}: {r.reached.totals.total} {r.late && <Badge color="orange.9">{t('report.late')}</Badge>}
            </Text>
          ))}
          <Title order={3} size="h4" mt="sm">{t('periods.missing')}</Title>
          {reports.data.missing.length === 0 && <Text c="dimmed">{t('periods.noneMissing')}</Text>}
          {reports.data.missing.map((m) => (
            <Text key={m.activityId} size="sm"><Link to={`/activities/${m.activityId}`}>{m.activityTitle}</Link> · {m.organisationName}</Text>
          ))}
          <Title order={3} size="h4" mt="sm">{t('periods.unlocks')}</Title>
          {reports.data.unlocks.map((u) => (
            <Text key={u.id} size="sm">{t('periods.unlockLine', { until: u.until, by: u.unlockedBy, reason: u.reason })}</Text>
          ))}
          {manage && reports.data.period.locked && (
            <form onSubmit={unlock} noValidate>
              <Stack mt="md" gap="xs" maw={500}>
                <FormErrors error={unlockForm.error} fields={['organisationId', 'reason', 'until']} />
                <Select label={t('periods.organisation')} required data={organisations.map(([value, label]) => ({ value, label }))} value={organisationId} onChange={setOrganisationId} error={unlockForm.fieldError('organisationId')} />
                <Textarea label={t('periods.reason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={unlockForm.fieldError('reason')} />
                <TextInput type="date" label={t('periods.until')} required value={until} onChange={(e) => setUntil(e.currentTarget.value)} error={unlockForm.fieldError('until')} />
                <Group justify="flex-end"><Button type="submit" loading={unlockForm.busy}>{t('periods.unlock')}</Button></Group>
              </Stack>
            </form>
          )}
        </Paper>
      )}

      {manage && (
        <Paper withBorder p="md" component="section" aria-labelledby="open-heading">
          <Title order={2} size="h3" id="open-heading" mb="sm">{t('periods.openTitle')}</Title>
          <form onSubmit={openPeriod} noValidate>
            <Stack gap="xs" maw={500}>
              <FormErrors error={openForm.error} fields={['kind', 'startsOn', 'endsOn', 'deadline']} />
              <Select label={t('periods.kind')} required data={PERIOD_KINDS.map((k) => ({ value: k, label: t(`periods.kinds.${k}`) }))} value={kind} onChange={setKind} />
              <TextInput type="date" label={t('fields.startsOn')} required value={startsOn} onChange={(e) => setStartsOn(e.currentTarget.value)} error={openForm.fieldError('startsOn')} />
              <TextInput type="date" label={t('fields.endsOn')} required value={endsOn} onChange={(e) => setEndsOn(e.currentTarget.value)} error={openForm.fieldError('endsOn')} />
              <TextInput type="date" label={t('periods.deadline')} required value={deadline} onChange={(e) => setDeadline(e.currentTarget.value)} error={openForm.fieldError('deadline')} />
              <Group justify="flex-end"><Button type="submit" loading={openForm.busy}>{t('periods.openButton')}</Button></Group>
            </Stack>
          </form>
        </Paper>
      )}
    </Stack>
  );
}
