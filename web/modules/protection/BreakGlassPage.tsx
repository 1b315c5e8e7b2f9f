import { Alert, Button, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../app/api';
import { FormErrors, useFormErrors } from '../../app/components/FormErrors';
import { PageTitle } from '../../app/components/PageTitle';

export function BreakGlassPage() {
  const { t } = useTranslation('protection');
  const navigate = useNavigate();
  const form = useFormErrors();
  const [caseId, setCaseId] = useState('');
  const [reason, setReason] = useState('');
  async function submit(event: FormEvent) {
    event.preventDefault();
    const opened = await form.run(() => api.post<{ caseId: string; expiresAt: string }>('/protection/break-glass', { caseId: caseId.trim(), reason }));
    if (opened) navigate(`/protection/cases/${opened.caseId}`);
  }
  return (
    <Stack maw={640}>
      <PageTitle>{t('breakGlass.title')}</PageTitle>
      <Alert color="red.9" variant="outline" title={t('breakGlass.warningTitle')}>{t('breakGlass.warning')}</Alert>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormErrors error={form.error} fields={['caseId', 'reason']} />
          <TextInput label={t('breakGlass.caseId')} required value={caseId} onChange={(e) => setCaseId(e.currentTarget.value)} error={form.fieldError('caseId')} autoComplete="off" />
          <Textarea label={t('breakGlass.reason')} description={t('breakGlass.reasonHelp')} required minRows={3} autosize value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={form.fieldError('reason')} />
          <Button type="submit" color="red.9" w="fit-content" loading={form.busy}>{t('breakGlass.open')}</Button>
        </Stack>
      </form>
    </Stack>
  );
}
