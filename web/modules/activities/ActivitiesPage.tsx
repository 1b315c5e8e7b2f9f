import { Alert, Anchor, Badge, Button, Group, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ACTIVITY_SECTORS, ACTIVITY_STATUSES } from '../../../common/activities';
import { Permission } from '../../../common/permissions';
import type { Organisation } from '../../../common/schemas/accounts';
import { downloadUrl, withQuery, type Page } from '../../app/api';
import { DataTable } from '../../app/components/DataTable';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { localName } from '../../app/labels';
import { useSession } from '../../app/session';
import type { ActivitySummary } from './shared';

const LIMIT = 25;

/** The IATI file of an organisation that publishes to IATI: an organisation downloads its own, the secretariat any publisher's. */
function IatiDownload() {
  const { t } = useTranslation('activities');
  const session = useSession();
  const scope = session.scopeOf(Permission.ActivitiesRead);
  const { data } = useApiQuery<Page<Organisation>>('/admin/organisations?limit=200');
  const [chosen, setChosen] = useState<string | null>(null);
  const publishers = (data?.items ?? []).filter((o) => o.publishesToIati && (scope === 'network' || o.id === session.user?.organisation.id));
  if (scope === null || publishers.length === 0) return null;
  const organisationId = publishers.length === 1 ? publishers[0].id : chosen;
  return (
    <Group align="flex-end">
      {publishers.length > 1 && <Select label={t('iati.organisation')} data={publishers.map((o) => ({ value: o.id, label: localName(o) }))} value={chosen} onChange={setChosen} />}
      {organisationId ? (
        <Button component="a" variant="default" href={downloadUrl(`/activities/organisations/${organisationId}/iati.xml`)}>
          {t('iati.download')}
        </Button>
      ) : (
        <Button variant="default" disabled>
          {t('iati.download')}
        </Button>
      )}
    </Group>
  );
}

/** Who does what: the secretariat sees every activity, an organisation its own and every published one. */
export function ActivitiesPage() {
  const { t, i18n } = useTranslation('activities');
  const session = useSession();
  const [offset, setOffset] = useState(0);
  const [sector, setSector] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const { data, error, loading } = useApiQuery<Page<ActivitySummary>>(withQuery('/activities', { limit: LIMIT, offset, sector, status }));
  const urdu = i18n.language === 'ur';
  return (
    <Stack>
      <PageTitle
        actions={
          <Group>
            <IatiDownload />
            {session.hasPermission(Permission.ActivitiesEdit) && (
              <>
                <Button component={Link} to="/activities/import" variant="default">
                  {t('list.import')}
                </Button>
                <Button component={Link} to="/activities/new">
                  {t('list.new')}
                </Button>
              </>
            )}
          </Group>
        }
      >
        {t('list.title')}
      </PageTitle>
      <Stack gap="xs" maw={400}>
        <Select label={t('fields.sector')} clearable data={ACTIVITY_SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) }))} value={sector} onChange={(v) => { setSector(v); setOffset(0); }} />
        <Select label={t('fields.status')} clearable data={ACTIVITY_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))} value={status} onChange={(v) => { setStatus(v); setOffset(0); }} />
      </Stack>
      <Group>
        <Anchor href={downloadUrl('/activities/export?format=csv')} download>
          {t('list.exportCsv')}
        </Anchor>
        <Anchor href={downloadUrl('/activities/export?format=xlsx')} download>
          {t('list.exportXlsx')}
        </Anchor>
      </Group>
      {error && <Alert color="red.9" role="alert">{error.message}</Alert>}
      <DataTable
        caption={t('list.title')}
        loading={loading}
        rows={data?.items ?? []}
        rowKey={(a) => a.id}
        emptyText={t('list.empty')}
        paging={data ? { limit: LIMIT, offset, total: data.total, onOffsetChange: setOffset } : undefined}
        columns={[
          { key: 'title', header: t('fields.titleEn'), render: (a) => <Anchor component={Link} to={`/activities/${a.id}`}>{(urdu && a.titleUr) || a.titleEn}</Anchor> },
          { key: 'lead', header: t('fields.leadOrganisation'), render: (a) => a.leadOrganisation.acronym ?? (urdu ? a.leadOrganisation.nameUr : a.leadOrganisation.nameEn) },
          { key: 'sector', header: t('fields.sector'), render: (a) => t(`sectors.${a.sector}`) },
          { key: 'gcm', header: t('fields.gcmObjectives'), render: (a) => a.gcmObjectives.join(', ') },
          { key: 'dates', header: t('fields.dates'), render: (a) => `${a.startsOn} – ${a.endsOn}` },
          { key: 'status', header: t('fields.status'), render: (a) => <Badge variant="light">{t(`statuses.${a.status}`)}</Badge> },
          { key: 'reached', header: t('fields.reachedOfTargeted'), render: (a) => `${a.reachedTotal} / ${a.targetedTotal}` },
          { key: 'published', header: t('fields.published'), render: (a) => (a.published ? t('yes') : t('no')) },
        ]}
      />
    </Stack>
  );
}
