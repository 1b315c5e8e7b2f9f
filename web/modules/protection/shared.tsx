import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { CaseDetail as CaseDetailSchema, CaseSummary as CaseSummarySchema, ReferralDetail as ReferralDetailSchema, ReferralSummary as ReferralSummarySchema } from '../../../common/schemas/protection';
import { api, type Page } from '../../app/api';
import { useApiQuery } from '../../app/components/useApiQuery';
import { localName } from '../../app/labels';

export type CaseSummary = z.infer<typeof CaseSummarySchema>;
export type CaseDetail = z.infer<typeof CaseDetailSchema>;
export type ReferralSummary = z.infer<typeof ReferralSummarySchema>;
export type ReferralDetail = z.infer<typeof ReferralDetailSchema>;

interface OrganisationRow {
  id: string;
  nameEn: string;
  nameUr: string;
  acronym: string | null;
}

/** Names of the network's organisations, from the member directory, for showing ids as names. */
export function useOrganisationNames(): (id: string | null | undefined) => string {
  const { data } = useApiQuery<Page<OrganisationRow>>('/admin/organisations?limit=200');
  return (id) => {
    if (!id) return '—';
    const org = data?.items.find((o) => o.id === id);
    return org ? (org.acronym ? `${localName(org)} (${org.acronym})` : localName(org)) : '…';
  };
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('protection');
  // Dark shades on an outline keep the text at a 4.5:1 contrast.
  const color = status === 'declined' || status === 'withdrawn' ? 'gray.8' : status === 'completed' || status === 'Closed' ? 'teal.9' : 'blue.9';
  return (
    <Badge variant="outline" color={color}>
      {t(`status.${status}`)}
    </Badge>
  );
}

export { formatDate } from '../../app/format';

