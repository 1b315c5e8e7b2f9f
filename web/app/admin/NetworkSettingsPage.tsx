import { Button, Card, NumberInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { FormErrors, useFormErrors } from '../components/FormErrors';
import { PageTitle } from '../components/PageTitle';
import { useApiQuery } from '../components/useApiQuery';

interface NetworkSettings {
  caseRetentionYears: number;
  version: number;
}

/** Network-wide settings a network admin keeps: for now, how long closed protection cases are kept. */
export function NetworkSettingsPage() {
  const { t } = useTranslation('admin');
  const settings = useApiQuery<NetworkSettings>('/admin/network-settings');
  const form = useFormErrors();
  const [years, setYears] = useState<number | string>('');

  useEffect(() => {
    if (settings.data) setYears(settings.data.caseRetentionYears);
  }, [settings.data]);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    const saved = await form.run(() =>
      api.patch<NetworkSettings>('/admin/network-settings', { caseRetentionYears: Number(years), version: settings.data?.version }),
    );
    if (saved) {
      notifications.show({ message: t('settings.saved'), color: 'green', closeButtonProps: { 'aria-label': t('settings.closeMessage') } });
      settings.reload();
    }
  };

  return (
    <Stack>
      <PageTitle>{t('settings.title')}</PageTitle>
      <FormErrors error={form.error ?? settings.error ?? null} fields={['caseRetentionYears']} />
      <Card withBorder component="form" onSubmit={save} maw={520}>
        <Stack>
          <NumberInput
            label={t('settings.caseRetentionYears')}
            description={t('settings.caseRetentionHelp')}
            min={1}
            max={100}
            value={years}
            onChange={setYears}
            error={form.fieldError('caseRetentionYears')}
            required
          />
          <Text size="sm">{t('settings.anonymisationNote')}</Text>
          <Button type="submit" loading={form.busy} disabled={!settings.data}>
            {t('settings.save')}
          </Button>
        </Stack>
      </Card>
    </Stack>
  );
}
