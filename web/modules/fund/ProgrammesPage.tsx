import { Alert, Anchor, Button, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Permission } from '../../../common/permissions';
import type { Page } from '../../app/api';
import { withQuery } from '../../app/api';
import { DataTable } from '../../app/components/DataTable';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { useSession } from '../../app/session';
import { StatusBadge, orgName, usd, type ProgrammeSummary } from './shared';

const LIMIT = 25;

/** Proposals and programmes: all of them for the fund's staff, own ones for focal points, approved ones for donors. */
export function ProgrammesPage() {
  const { t } = useTranslation('fund');
  const session = useSession();
  const internal = session.hasPermission(Permission.FundProposalRead);
  const [offset, setOffset] = useState(0);
  const { data, error, loading } = useApiQuery<Page<ProgrammeSummary>>(internal ? withQuery('/fund/programmes', { limit: LIMIT, offset }) : '/fund/published/programmes');
  const link = (p: ProgrammeSummary) => (internal ? `/fund/programmes/${p.id}` : `/fund/programmes/${p.id}?published=1`);
  return (
    <Stack>
      <PageTitle
        actions={
          session.hasPermission(Permission.FundProposalDraft) && (
            <Button component={Link} to="/fund/programmes/new">
              {t('programmes.new')}
            </Button>
          )
        }
      >
        {t('programmes.title')}
      </PageTitle>
      {error && <Alert color="red.9" role="alert">{error.message}</Alert>}
      <DataTable
        caption={t('programmes.title')}
        loading={loading}
        rows={data?.items ?? []}
        rowKey={(p) => p.id}
        emptyText={t('programmes.empty')}
        paging={internal && data ? { limit: LIMIT, offset, total: data.total, onOffsetChange: setOffset } : undefined}
        columns={[
          { key: 'code', header: t('programme.code'), render: (p) => p.code },
          { key: 'title', header: t('programme.title'), render: (p) => <Anchor component={Link} to={link(p)}>{p.title}</Anchor> },
          { key: 'convening', header: t('programme.convening'), render: (p) => orgName(p.convening) },
          { key: 'status', header: t('programme.status'), render: (p) => <StatusBadge status={p.status} /> },
          { key: 'budget', header: t('programme.totalBudget'), render: (p) => usd(p.totalBudget) },
          { key: 'approved', header: t('programme.approvedTotal'), render: (p) => usd(p.approvedTotal) },
        ]}
      />
    </Stack>
  );
}
