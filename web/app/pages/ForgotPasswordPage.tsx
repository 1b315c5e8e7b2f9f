import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api';
import { FormErrors, useFormErrors } from '../components/FormErrors';
import { PageTitle } from '../components/PageTitle';

export function ForgotPasswordPage() {
  const { t } = useTranslation('auth');
  const form = useFormErrors();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const answer = await form.run(() => api.post('/auth/password-reset/request', { email }));
    if (answer) setSent(true);
  }

  return (
    <Stack>
      <PageTitle>{t('forgot.title')}</PageTitle>
      {sent ? (
        <Alert color="hamsafar" variant="outline" role="status">
          {t('forgot.sent')}
        </Alert>
      ) : (
        <>
          <Text>{t('forgot.intro')}</Text>
          <FormErrors error={form.error} fields={['email']} />
          <form onSubmit={submit} noValidate>
            <Stack>
              <TextInput label={t('login.email')} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={form.fieldError('email')} classNames={{ input: 'ltr-input' }} />
              <Button type="submit" loading={form.busy}>
                {t('forgot.submit')}
              </Button>
            </Stack>
          </form>
        </>
      )}
      <Anchor component={Link} to="/login">
        {t('forgot.back')}
      </Anchor>
    </Stack>
  );
}
