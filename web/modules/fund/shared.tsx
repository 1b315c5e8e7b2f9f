import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatAmount, toCents } from '../../../common/money';
import type { OrganisationRef, ProgrammeStatus } from '../../../common/schemas/fund';
import { currentLanguage } from '../../app/i18n';

export type { DashboardAnswer, FundingStatusAnswer, ProgrammeDetail, ProgrammeSummary, ReferenceAnswer, ContributionAnswer } from '../../../common/schemas/fund';

/** '1234567.50' → '1,234,567.50 USD' (exact: from the decimal text, never through a float). */
export function usd(amount: string | null | undefined): string {
  if (amount === null || amount === undefined) return '—';
  return `${formatAmount(toCents(amount))} USD`;
}

export function amount(value: string | null | undefined): string {
  return value === null || value === undefined ? '—' : formatAmount(toCents(value));
}

/** Chart values only: ECharts needs numbers to draw; every figure shown as text stays exact. */
export function chartValue(value: string): number {
  return Number(value);
}

export function formatChartAmount(value: number): string {
  return value.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function orgName(org: OrganisationRef): string {
  if (currentLanguage() === 'ur') return org.nameUr;
  return org.acronym ? `${org.name} (${org.acronym})` : org.name;
}

const STATUS_COLOURS: Record<ProgrammeStatus, string> = {
  draft: 'gray.8',
  submitted: 'blue.9',
  secretariat_review: 'blue.9',
  steering_committee: 'violet.9',
  approved: 'green.9',
  approved_with_conditions: 'green.9',
  deferred: 'orange.9',
  rejected: 'red.9',
  active: 'teal.9',
  operationally_closed: 'gray.8',
  financially_closed: 'gray.8',
};

export function StatusBadge({ status }: { status: ProgrammeStatus }) {
  const { t } = useTranslation('fund');
  return (
    <Badge color={STATUS_COLOURS[status]} variant="filled">
      {t(`status.${status}`)}
    </Badge>
  );
}
