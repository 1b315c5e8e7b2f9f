import { Alert, Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Permission } from '../../../common/permissions';
import type { AuditEntry } from '../../../common/schemas/audit';
import { api, downloadUrl, withQuery, type Page } from '../api';
import { DataTable } from '../components/DataTable';
import { FormErrors, useFormErrors } from '../components/FormErrors';
import { PageTitle } from '../components/PageTitle';
import { useApiQuery } from '../components/useApiQuery';
import { formatDateTime } from '../format';
import { useSession } from '../session';

const LIMIT = 50;

type Filters = {
  action: string;
  entity: string;
  entityId: string;
  from: string;
  to: string;
};

const EMPTY: Filters = { action: '', entity: '', entityId: '', from: '', to: '' };

function ChainVerification() {
  const { t } = useTranslation('admin');
  const form = useFormErrors();
  const [result, setResult] = useState<{ entries: number; firstBroken: { seq: number; reason: string } | null }>();
  async function verify() {
    const answer = await form.run(() => api.get<{ entries: number; firstBroken: { seq: number; reason: string } | null }>('/audit/verify'));
    if (answer) setResult(answer);
  }
  return (
    <Stack gap="xs">
      <Group>
        <Button variant="default" onClick={verify} loading={form.busy}>
          {t('audit.verify')}
        </Button>
      </Group>
      <FormErrors error={form.error} />
      {result && (
        <Alert color={result.firstBroken ? 'red.9' : 'hamsafar'} variant="outline" role="status">
          {result.firstBroken ? t('audit.broken', { seq: result.firstBroken.seq, reason: result.firstBroken.reason }) : t('audit.intact', { count: result.entries })}
        </Alert>
      )}
    </Stack>
  );
}

export function AuditPage() {
  const { t } = useTranslation('admin');
  const session = useSession();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [offset, setOffset] = useState(0);
  const entries = useApiQuery<Page<AuditEntry>>(withQuery('/audit', { limit: LIMIT, offset, ...filters }));
  const networkWide = session.scopeOf(Permission.AuditRead) === 'network';
  const field = (name: keyof Filters) => ({
    value: draft[name],
    onChange: (e: { currentTarget: { value: string } }) => setDraft({ ...draft, [name]: e.currentTarget.value }),
    error: entries.error?.fieldErrors[name],
  });

  function apply(event: FormEvent) {
    event.preventDefault();
    setFilters(draft);
    setOffset(0);
  }

  return (
    <Stack>
      <PageTitle
        actions={
          <Anchor href={downloadUrl(withQuery('/audit/export.csv', filters))} download>
            {t('audit.export')}
          </Anchor>
        }
      >
        {t('audit.title')}
      </PageTitle>
      <Text>{networkWide ? t('audit.scopeNetwork') : t('audit.scopeOwnOrg')}</Text>
      <form onSubmit={apply} role="search" aria-label={t('audit.filters')}>
        <Group align="flex-end">
          <TextInput label={t('audit.action')} description={t('audit.actionHelp')} {...field('action')} />
          <TextInput label={t('audit.entity')} {...field('entity')} />
          <TextInput label={t('audit.entityId')} {...field('entityId')} />
          <TextInput label={t('audit.from')} type="date" {...field('from')} />
          <TextInput label={t('audit.to')} type="date" {...field('to')} />
          <Button type="submit">{t('audit.apply')}</Button>
          <Button
            variant="default"
            onClick={() => {
              setDraft(EMPTY);
              setFilters(EMPTY);
              setOffset(0);
            }}
          >
            {t('audit.clear')}
          </Button>
        </Group>
      </form>
      <FormErrors error={entries.error ?? null} fields={Object.keys(EMPTY)} />
      <DataTable
        caption={t('audit.title')}
        loading={entries.loading}
        rows={entries.data?.items ?? []}
        rowKey={(entry) => String(entry.seq)}
        paging={entries.data ? { limit: LIMIT, offset, total: entries.data.total, onOffsetChange: setOffset } : undefined}
        columns={[
          { key: 'seq', header: t('audit.seq'), render: (entry) => entry.seq },
          { key: 'at', header: t('audit.at'), render: (entry) => formatDateTime(entry.at) },
          { key: 'actor', header: t('audit.actor'), render: (entry) => entry.actorName ?? t('audit.system') },
          { key: 'action', header: t('audit.action'), render: (entry) => <span className="ltr-text">{entry.action}</span> },
          { key: 'entity', header: t('audit.entity'), render: (entry) => <span className="ltr-text">{entry.entityId ? `${entry.entity} ${entry.entityId}` : entry.entity}</span> },
          { key: 'fields', header: t('audit.fields'), render: (entry) => <span className="ltr-text">{entry.fields.join(', ')}</span> },
          { key: 'ip', header: t('audit.ip'), render: (entry) => <span className="ltr-text">{entry.ip ?? ''}</span> },
        ]}
      />
      {networkWide && <ChainVerification />}
    </Stack>
  );
}
