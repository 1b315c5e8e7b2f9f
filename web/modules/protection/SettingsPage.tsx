import { Button, Group, NumberInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SERVICE_TYPES } from '../../../common/organisations';
import { api } from '../../app/api';
import { DataTable } from '../../app/components/DataTable';
import { FormErrors, useFormErrors } from '../../app/components/FormErrors';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';

interface ProtectionSettings {
  referralDeadlineHours: Record<string, number>;
  urgentDeadlineHours: number;
}

/** The most hours the API accepts for a referral deadline (90 days). */
const MAX_HOURS = 2160;

/** How long a receiving organisation has to answer a referral, per service type; set by the network's secretariat. */
export function SettingsPage() {
  const { t } = useTranslation('protection');
  const settings = useApiQuery<ProtectionSettings>('/protection/settings');
  const form = useFormErrors();
  const [hours, setHours] = useState<Record<string, number | string>>({});

  useEffect(() => {
    if (settings.data) setHours(settings.data.referralDeadlineHours);
  }, [settings.data]);

  async function save(event: FormEvent) {
    event.preventDefault();
    const referralDeadlineHours = Object.fromEntries(SERVICE_TYPES.map((s) => [s, hours[s] === '' ? null : Number(hours[s])]));
    const saved = await form.run(() => api.put<ProtectionSettings>('/protection/settings', { referralDeadlineHours }));
    const closeButtonProps = { 'aria-label': t('actions.close', { ns: 'common' }) };
    if (saved) {
      setHours(saved.referralDeadlineHours);
      notifications.show({ color: 'hamsafar', message: t('settings.saved'), closeButtonProps });
    } else {
      notifications.show({ color: 'red.9', message: t('settings.failed'), closeButtonProps });
    }
  }

  const fields = SERVICE_TYPES.map((s) => `referralDeadlineHours.${s}`);
  return (
    <Stack>
      <PageTitle>{t('settings.title')}</PageTitle>
      <Text>{t('settings.intro')}</Text>
      <FormErrors error={form.error ?? settings.error ?? null} fields={fields} />
      <form onSubmit={save} noValidate>
        <Stack maw={720}>
          <DataTable
            caption={t('settings.caption')}
            loading={settings.loading}
            rows={settings.data ? [...SERVICE_TYPES] : []}
            rowKey={(s) => s}
            columns={[
              { key: 'service', header: t('referral.service'), render: (s) => t(`services.${s}`) },
              {
                key: 'hours',
                header: t('settings.hours'),
                render: (s) => (
                  <NumberInput
                    aria-label={t('settings.hoursFor', { service: t(`services.${s}`) })}
                    min={1}
                    max={MAX_HOURS}
                    allowDecimal={false}
                    allowNegative={false}
                    required
                    maw={160}
                    value={hours[s] ?? ''}
                    onChange={(v) => setHours({ ...hours, [s]: v })}
                    error={form.fieldError(`referralDeadlineHours.${s}`)}
                  />
                ),
              },
            ]}
          />
          {settings.data && <Text size="sm">{t('settings.urgent', { hours: settings.data.urgentDeadlineHours })}</Text>}
          <Group justify="flex-end">
            <Button type="submit" loading={form.busy} disabled={!settings.data}>{t('actions.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
