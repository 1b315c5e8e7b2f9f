import { Alert, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTRIBUTOR_TYPES } from '../../../common/schemas/fund';
import { Permission } from '../../../common/permissions';
import { api } from '../../app/api';
import { FormErrors, useFormErrors } from '../../app/components/FormErrors';
import { Loading } from '../../app/components/Loading';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { useSession } from '../../app/session';
import { amount, type ContributionAnswer, type ReferenceAnswer } from './shared';

interface Contributions {
  items: ContributionAnswer[];
  otherIncome: Array<{ id: string; incomeDate: string; kind: string; amountUsd: string; description: string }>;
}

/** Money in: contributors, their signed commitments, deposits at the deposit-date rate, pledges outstanding. */
export function ContributionsPage() {
  const { t } = useTranslation('fund');
  const session = useSession();
  const canRecord = session.hasPermission(Permission.FundRecordMoney);
  const { data, error, reload } = useApiQuery<Contributions>('/fund/contributions');
  if (error) return <Alert color="red.9" role="alert">{error.message}</Alert>;
  if (!data) return <Loading />;
  const commitments = data.items.flatMap((c) => c.commitments.map((p) => ({ ...p, contributor: c.name })));
  return (
    <Stack>
      <PageTitle>{t('contributions.title')}</PageTitle>
      {data.items.map((c) => (
        <Card withBorder key={c.id}>
          <Title order={2} size="h4">{c.name}</Title>
          <Text size="sm" c="dimmed">{t(`contributorTypes.${c.type}`)}{c.country ? ` · ${c.country}` : ''}</Text>
          <div role="region" aria-label={t('contributions.of', { name: c.name })} tabIndex={0} style={{ overflowX: 'auto' }}>
            <Table withTableBorder mt="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('contributions.reference')}</Table.Th>
                  <Table.Th scope="col">{t('contributions.date')}</Table.Th>
                  <Table.Th scope="col">{t('contributions.committed')}</Table.Th>
                  <Table.Th scope="col">{t('contributions.deposited')}</Table.Th>
                  <Table.Th scope="col">{t('contributions.outstanding')}</Table.Th>
                  <Table.Th scope="col">{t('contributions.deposits')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {c.commitments.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Th scope="row">{p.reference}{p.earmarkedThematicArea ? ` (${t('dashboard.areaNumber', { number: p.earmarkedThematicArea })})` : ''}</Table.Th>
                    <Table.Td>{p.agreementDate}</Table.Td>
                    <Table.Td>{amount(p.amount)} {p.currency}</Table.Td>
                    <Table.Td>{amount(p.deposited)} {p.currency}</Table.Td>
                    <Table.Td>{amount(p.outstanding)} {p.currency}</Table.Td>
                    <Table.Td>
                      {p.deposits.map((d) => (
                        <Text size="sm" key={d.id}>{t('contributions.depositLine', { date: d.depositDate, amount: amount(d.amount), currency: d.currency, rate: d.rateToUsd, usd: amount(d.amountUsd), fee: amount(d.feeUsd) })}</Text>
                      ))}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        </Card>
      ))}
      {data.otherIncome.length > 0 && (
        <Card withBorder>
          <Title order={2} size="h4">{t('contributions.otherIncome')}</Title>
          {data.otherIncome.map((i) => (
            <Text key={i.id}>{i.incomeDate}: {amount(i.amountUsd)} USD, {i.description}</Text>
          ))}
        </Card>
      )}
      {canRecord && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <RecordForm title={t('contributions.newContributor')} path="/fund/contributors" reload={reload} initial={{ name: '', type: 'member_state', country: '' }}>
            {(v, set, err) => (
              <>
                <TextInput label={t('contributions.name')} value={v.name} error={err('name')} onChange={(e) => set({ name: e.currentTarget.value })} />
                <Select label={t('contributions.type')} data={CONTRIBUTOR_TYPES.map((x) => ({ value: x, label: t(`contributorTypes.${x}`) }))} value={v.type} onChange={(x) => set({ type: x ?? 'member_state' })} allowDeselect={false} />
                <TextInput label={t('contributions.country')} value={v.country} onChange={(e) => set({ country: e.currentTarget.value })} />
              </>
            )}
          </RecordForm>
          <RecordForm title={t('contributions.newCommitment')} path="/fund/commitments" reload={reload} initial={{ contributorId: data.items[0]?.id ?? '', reference: '', agreementDate: '', amount: '', currency: 'USD', rateToUsd: '' }}>
            {(v, set, err) => (
              <>
                <Select label={t('contributions.contributor')} data={data.items.map((c) => ({ value: c.id, label: c.name }))} value={v.contributorId} error={err('contributorId')} onChange={(x) => set({ contributorId: x ?? '' })} />
                <TextInput label={t('contributions.reference')} value={v.reference} error={err('reference')} onChange={(e) => set({ reference: e.currentTarget.value })} />
                <TextInput type="date" label={t('contributions.date')} value={v.agreementDate} error={err('agreementDate')} onChange={(e) => set({ agreementDate: e.currentTarget.value })} />
                <TextInput label={t('contributions.amount')} value={v.amount} error={err('amount')} onChange={(e) => set({ amount: e.currentTarget.value })} />
                <TextInput label={t('contributions.currency')} value={v.currency} error={err('currency')} onChange={(e) => set({ currency: e.currentTarget.value })} />
                <TextInput label={t('contributions.rate')} description={t('contributions.rateHelp')} value={v.rateToUsd} error={err('rateToUsd')} onChange={(e) => set({ rateToUsd: e.currentTarget.value })} />
              </>
            )}
          </RecordForm>
          <RecordForm title={t('contributions.newDeposit')} path="/fund/deposits" reload={reload} initial={{ commitmentId: commitments[0]?.id ?? '', depositDate: '', amount: '', rateToUsd: '' }}>
            {(v, set, err) => (
              <>
                <Select label={t('contributions.commitment')} data={commitments.map((p) => ({ value: p.id, label: `${p.contributor}: ${p.reference} (${p.currency})` }))} value={v.commitmentId} error={err('commitmentId')} onChange={(x) => set({ commitmentId: x ?? '' })} />
                <TextInput type="date" label={t('contributions.depositDate')} value={v.depositDate} error={err('depositDate')} onChange={(e) => set({ depositDate: e.currentTarget.value })} />
                <TextInput label={t('contributions.amount')} value={v.amount} error={err('amount')} onChange={(e) => set({ amount: e.currentTarget.value })} />
                <TextInput label={t('contributions.rate')} description={t('contributions.rateHelp')} value={v.rateToUsd} error={err('rateToUsd')} onChange={(e) => set({ rateToUsd: e.currentTarget.value })} />
              </>
            )}
          </RecordForm>
          <RecordForm title={t('contributions.newIncome')} path="/fund/other-income" reload={reload} initial={{ incomeDate: '', kind: 'interest', amountUsd: '', description: '' }}>
            {(v, set, err) => (
              <>
                <TextInput type="date" label={t('contributions.date')} value={v.incomeDate} error={err('incomeDate')} onChange={(e) => set({ incomeDate: e.currentTarget.value })} />
                <Select label={t('contributions.incomeKind')} data={[{ value: 'interest', label: t('contributions.interest') }, { value: 'other', label: t('contributions.other') }]} value={v.kind} onChange={(x) => set({ kind: x ?? 'interest' })} allowDeselect={false} />
                <TextInput label={t('contributions.amountUsd')} value={v.amountUsd} error={err('amountUsd')} onChange={(e) => set({ amountUsd: e.currentTarget.value })} />
                <TextInput label={t('contributions.description')} value={v.description} error={err('description')} onChange={(e) => set({ description: e.currentTarget.value })} />
              </>
            )}
          </RecordForm>
          <RecordForm title={t('contributions.newRate')} path="/fund/exchange-rates" reload={reload} initial={{ currency: '', effectiveDate: '', rateToUsd: '' }}>
            {(v, set, err) => (
              <>
                <TextInput label={t('contributions.currency')} value={v.currency} error={err('currency')} onChange={(e) => set({ currency: e.currentTarget.value })} />
                <TextInput type="date" label={t('contributions.effectiveDate')} value={v.effectiveDate} error={err('effectiveDate')} onChange={(e) => set({ effectiveDate: e.currentTarget.value })} />
                <TextInput label={t('contributions.rate')} value={v.rateToUsd} error={err('rateToUsd')} onChange={(e) => set({ rateToUsd: e.currentTarget.value })} />
              </>
            )}
          </RecordForm>
          <PublicationForm />
        </SimpleGrid>
      )}
    </Stack>
  );
}

/** A small form that POSTs its values, leaving out empty optional texts, and reloads the page's figures. */
function RecordForm<T extends Record<string, string>>({
  title,
  path,
  initial,
  reload,
  children,
}: {
  title: string;
  path: string;
  initial: T;
  reload: () => void;
  children: (values: T, set: (patch: Partial<T>) => void, error: (field: string) => ReactNode) => ReactNode;
}) {
  const { t } = useTranslation('fund');
  const form = useFormErrors();
  const [values, setValues] = useState<T>(initial);
  return (
    <Card withBorder component="form" onSubmit={async (event: React.FormEvent) => {
      event.preventDefault();
      const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
      const done = await form.run(() => api.post(path, body));
      if (done) {
        setValues(initial);
        reload();
      }
    }}>
      <Title order={2} size="h5">{title}</Title>
      <FormErrors error={form.error} fields={Object.keys(initial)} />
      <Stack gap="xs">
        {children(values, (patch) => setValues({ ...values, ...patch }), form.fieldError)}
        <Group><Button type="submit" loading={form.busy}>{t('contributions.record')}</Button></Group>
      </Stack>
    </Card>
  );
}

function PublicationForm() {
  const { t } = useTranslation('fund');
  const form = useFormErrors();
  const reference = useApiQuery<ReferenceAnswer>('/fund/reference');
  const [date, setDate] = useState<string | null>(null);
  if (!reference.data) return null;
  const value = date ?? reference.data.publishedThrough ?? '';
  return (
    <Card withBorder component="form" onSubmit={async (event: React.FormEvent) => {
      event.preventDefault();
      const done = await form.run(() => api.put('/fund/publication', { publishedThrough: value || null, version: reference.data!.settingsVersion }));
      if (done) reference.reload();
    }}>
      <Title order={2} size="h5">{t('contributions.publication')}</Title>
      <Text size="sm" c="dimmed">{t('contributions.publicationHelp')}</Text>
      <FormErrors error={form.error} fields={['publishedThrough']} />
      <TextInput type="date" label={t('contributions.publishedThrough')} value={value} error={form.fieldError('publishedThrough')} onChange={(e) => setDate(e.currentTarget.value)} />
      <Group mt="xs"><Button type="submit" loading={form.busy}>{t('contributions.publish')}</Button></Group>
    </Card>
  );
}
