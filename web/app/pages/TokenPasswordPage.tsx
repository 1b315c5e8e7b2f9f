import { Alert, Anchor, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api';
import { FormErrors, useFormErrors } from '../components/FormErrors';
import { PageTitle } from '../components/PageTitle';

/** Sets a password from the one-time link of an invitation or a password reset. */
function TokenPasswordForm({ endpoint, titleKey, introKey, doneKey }: { endpoint: string; titleKey: string; introKey: string; doneKey: string }) {
  const { t } = useTranslation('auth');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const form = useFormErrors();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMismatch(password !== repeat);
    if (password !== repeat) return;
    const answer = await form.run(() => api.post(endpoint, { token, password }));
    if (answer) setDone(true);
  }

  return (
    <Stack>
      <PageTitle>{t(titleKey)}</PageTitle>
      {done ? (
        <Alert color="hamsafar" variant="outline" role="status" title={t(doneKey)}>
          <Anchor component={Link} to="/login">
            {t('token.signIn')}
          </Anchor>
        </Alert>
      ) : !token ? (
        <Alert color="red.9" variant="outline" role="alert">
          {t('token.missing')}
        </Alert>
      ) : (
        <>
          <Text>{t(introKey)}</Text>
          <FormErrors error={form.error} fields={['password']} />
          <form onSubmit={submit} noValidate>
            <Stack>
              <PasswordInput label={t('token.password')} description={t('token.passwordRule')} autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={form.fieldError('password')} />
              <PasswordInput label={t('token.repeat')} autoComplete="new-password" required value={repeat} onChange={(e) => setRepeat(e.currentTarget.value)} error={mismatch ? t('token.mismatch') : undefined} />
              <Button type="submit" loading={form.busy}>
                {t('token.submit')}
              </Button>
            </Stack>
          </form>
        </>
      )}
    </Stack>
  );
}

export function AcceptInvitationPage() {
  return <TokenPasswordForm endpoint="/auth/invitations/accept" titleKey="token.invitationTitle" introKey="token.invitationIntro" doneKey="token.invitationDone" />;
}

export function ResetPasswordPage() {
  return <TokenPasswordForm endpoint="/auth/password-reset/complete" titleKey="token.resetTitle" introKey="token.resetIntro" doneKey="token.resetDone" />;
}
