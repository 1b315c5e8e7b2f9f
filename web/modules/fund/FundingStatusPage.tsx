import { Alert, Anchor, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Permission } from '../../../common/permissions';
import { downloadUrl, withQuery } from '../../app/api';
import { Loading } from '../../app/components/Loading';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { useSession } from '../../app/session';
import { amount, orgName, type FundingStatusAnswer } from './shared';

/** Sources, uses and balance of the fund for any period, in the layout the MPTF Office publishes. */
export function FundingStatusPage() {
  const { t } = useTranslation('fund');
  const session = useSession();
  const internal = session.hasPermission(Permission.FundMoneyRead);
  const [draft, setDraft] = useState({ from: '', to: '' });
  const [range, setRange] = useState({ from: '', to: '' });
  const path = withQuery(internal ? '/fund/funding-status' : '/fund/published/funding-status', range);
  const { data, error } = useApiQuery<FundingStatusAnswer>(path);

  const rows: Array<[string, string | null, boolean]> = data
    ? [
        [t('statusTable.sources'), null, true],
        [t('statusTable.contributions'), data.sources.contributions, false],
        [t('statusTable.otherIncome'), data.sources.otherIncome, false],
        [t('statusTable.totalSources'), data.sources.total, true],
        [t('statusTable.uses'), null, true],
        [t('statusTable.transfers'), data.uses.transfers, false],
        [t('statusTable.refunds'), data.uses.refunds, false],
        [t('statusTable.netFunded'), data.uses.netFunded, false],
        [t('statusTable.fees'), data.uses.administrativeAgentFees, false],
        [t('statusTable.totalUses'), data.uses.total, true],
        [t('statusTable.change'), data.balance.change, true],
        [t('statusTable.opening'), data.balance.opening, false],
        [t('statusTable.closing'), data.balance.closing, true],
      ]
    : [];

  return (
    <Stack>
      <PageTitle
        actions={
          internal && (
            <Group>
              <Anchor href={downloadUrl(withQuery('/fund/funding-status.xlsx', range))}>{t('export.xlsx')}</Anchor>
              <Anchor href={downloadUrl(withQuery('/fund/funding-status.pdf', range))}>{t('export.pdf')}</Anchor>
              <Anchor href={downloadUrl(`/fund/reports/annual/${new Date().getFullYear() - 1}`)}>{t('export.annual', { year: new Date().getFullYear() - 1 })}</Anchor>
            </Group>
          )
        }
      >
        {t('fundingStatus.title')}
      </PageTitle>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setRange(draft);
        }}
      >
        <Group align="end">
          <TextInput type="date" label={t('fundingStatus.from')} value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })} />
          <TextInput type="date" label={t('fundingStatus.to')} value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })} />
          <Button type="submit">{t('fundingStatus.show')}</Button>
        </Group>
      </form>
      {error && <Alert color="red.9" role="alert">{error.message}</Alert>}
      {!data && !error && <Loading />}
      {data && (
        <>
          <Text>{t('fundingStatus.period', { from: data.from ?? t('fundingStatus.inception'), to: data.to ?? t('fundingStatus.today') })}</Text>
          <Table withTableBorder maw={720}>
            <Table.Caption>{t('fundingStatus.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('fundingStatus.line')}</Table.Th>
                <Table.Th scope="col" ta="end">USD</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(([label, value, strong]) => (
                <Table.Tr key={label}>
                  <Table.Th scope="row" fw={strong ? 700 : 400} ps={strong ? undefined : 'xl'}>{label}</Table.Th>
                  <Table.Td ta="end" fw={strong ? 700 : 400}>{value === null ? '' : amount(value)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Title order={2}>{t('fundingStatus.punos')}</Title>
          <div role="region" aria-label={t('fundingStatus.punos')} tabIndex={0} style={{ overflowX: 'auto' }}>
            <Table withTableBorder striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('figures.organisation')}</Table.Th>
                  <Table.Th scope="col">{t('figures.netFunded')}</Table.Th>
                  <Table.Th scope="col">{t('figures.expenditure')}</Table.Th>
                  <Table.Th scope="col">{t('figures.balance')}</Table.Th>
                  <Table.Th scope="col">{t('figures.deliveryRate')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.punos.map((p) => (
                  <Table.Tr key={p.organisation.id}>
                    <Table.Th scope="row">{orgName(p.organisation)}</Table.Th>
                    <Table.Td>{amount(p.netFunded)}</Table.Td>
                    <Table.Td>{amount(p.expenditure)}</Table.Td>
                    <Table.Td>{amount(p.balance)}</Table.Td>
                    <Table.Td>{p.deliveryRate === null ? '—' : `${p.deliveryRate}%`}</Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Th scope="row">{t('figures.total')}</Table.Th>
                  <Table.Td fw={700}>{amount(data.totals.netFunded)}</Table.Td>
                  <Table.Td fw={700}>{amount(data.totals.expenditure)}</Table.Td>
                  <Table.Td fw={700}>{amount(data.totals.balanceWithPunos)}</Table.Td>
                  <Table.Td fw={700}>{data.totals.deliveryRate === null ? '—' : `${data.totals.deliveryRate}%`}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </div>
        </>
      )}
    </Stack>
  );
}
