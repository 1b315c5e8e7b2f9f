import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountryName } from './PersonFields';
import { formatDate } from './shared';

type Value = unknown;
const list = (v: Value): string[] => (Array.isArray(v) ? (v as string[]) : []);
const record = (v: Value): Record<string, Value> => (v && typeof v === 'object' ? (v as Record<string, Value>) : {});
const joined = (parts: Array<string | null | undefined | false>) => parts.filter(Boolean).join(', ') || '—';

/**
 * The shared subset of a referral as the receiver reads it: field labels and HTCDS values in the
 * reader's language, yes/no for booleans, localised dates; the sender's preview uses the same table.
 */
export function SharedData({ data }: { data: Record<string, unknown> }) {
  const { t } = useTranslation('protection');
  const countryName = useCountryName();
  const yesNo = (v: Value) => (v ? t('referral.yes') : t('referral.no'));
  const render: Record<string, (v: Value) => ReactNode> = {
    name: (v) => joined([record(v).firstName as string, record(v).middleName as string, record(v).secondName as string]).replaceAll(', ', ' '),
    guardianName: (v) => joined([record(v).guardianName as string, !!record(v).relation && t(`relation.${record(v).relation as string}`)]),
    identityNumber: (v) => <bdi dir="ltr">{String(v ?? '—')}</bdi>,
    birthDate: (v) => formatDate(v as string | null),
    contacts: (v) => <bdi dir="ltr">{joined([record(v).phone as string, record(v).email as string])}</bdi>,
    address: (v) => joined([record(v).street as string, record(v).city as string, record(v).state as string, !!record(v).country && countryName(record(v).country as string)]),
    gender: (v) => (v ? t(`gender.${v as string}`) : '—'),
    age: (v) => `${t('person.birthYear')}: ${String(record(v).birthYear ?? '—')}; ${t('person.ageEstimated')}: ${yesNo(record(v).estimated)}`,
    citizenship: (v) => joined(list(v).map(countryName)),
    languages: (v) => joined([record(v).primary as string, record(v).secondary as string].map((code) => code && t(`language.${code}`, { defaultValue: code }))),
    victimContext: (v) => {
      const c = record(v);
      return joined([
        !!c.traffickingStatus && t(`trafficking.${c.traffickingStatus as string}`),
        ...list(c.exploitationTypes).map((x) => t(`exploitation.${x}`)),
        !!c.forcedLabourIndustry && t(`industry.${c.forcedLabourIndustry as string}`),
        ...list(c.methodsOfControl).map((x) => t(`control.${x}`)),
        ...list(c.recruitmentMethods).map((x) => t(`recruitment.${x}`)),
        ...list(c.vulnerabilities).map((x) => t(`vulnerability.${x}`)),
      ]);
    },
    journey: (v) =>
      (Array.isArray(v) ? (v as Array<Record<string, Value>>) : [])
        .map((e) => joined([t(`journeyType.${e.type as string}`), countryName(e.country as string), e.city as string, !!e.date && formatDate(e.date as string)]))
        .join(' → ') || '—',
    needs: (v) => (v ? `${joined(list(record(v).needs).map((s) => t(`services.${s}`)))}; ${t('assessment.priority')}: ${t(`risk.${record(v).priority as string}`)}` : '—'),
    risk: (v) => (v ? t(`risk.${v as string}`) : '—'),
  };
  return (
    <Table withTableBorder>
      <Table.Caption className="visually-hidden">{t('referral.sharedData')}</Table.Caption>
      <Table.Tbody>
        {Object.entries(data).filter(([key]) => key !== 'case').map(([key, value]) => (
          <Table.Tr key={key}>
            <Table.Th scope="row" w="35%">{t(`fields.${key}`, { defaultValue: key })}</Table.Th>
            <Table.Td>{render[key] ? render[key](value) : String(value ?? '—')}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
