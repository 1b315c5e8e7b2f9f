import { Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api';
import { FormErrors, useFormErrors } from '../components/FormErrors';
import { PageTitle } from '../components/PageTitle';
import { useSession, type SessionState } from '../session';
import { afterSignIn } from './nextStep';

export function LoginPage() {
  const { t } = useTranslation('auth');
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const form = useFormErrors();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [network, setNetwork] = useState('');
  const askNetwork = network !== '' || form.fieldError('network') !== undefined;

  if (session.state !== 'anonymous') return <Navigate to={afterSignIn(session.state, params.get('next'))} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const state = await form.run(() => api.post<SessionState>('/auth/login', { email, password, ...(network ? { network } : {}) }));
    if (!state) return;
    session.accept(state);
    navigate(afterSignIn(state.state, params.get('next')), { replace: true });
  }

  return (
    <Stack>
      <PageTitle>{t('login.title')}</PageTitle>
      <FormErrors error={form.error} fields={['email', 'password', 'network']} />
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label={t('login.email')} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={form.fieldError('email')} classNames={{ input: 'ltr-input' }} />
          <PasswordInput label={t('login.password')} autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={form.fieldError('password')} />
          {askNetwork && (
            <TextInput label={t('login.network')} description={t('login.networkHelp')} value={network} onChange={(e) => setNetwork(e.currentTarget.value)} error={form.fieldError('network')} />
          )}
          <Button type="submit" loading={form.busy}>
            {t('login.submit')}
          </Button>
          <Anchor component={Link} to="/forgot-password">
            {t('login.forgot')}
          </Anchor>
        </Stack>
      </form>
    </Stack>
  );
}
