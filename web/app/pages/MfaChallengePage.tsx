import { Button, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api';
import { FormErrors, useFormErrors } from '../components/FormErrors';
import { PageTitle } from '../components/PageTitle';
import { useSession, type SessionState } from '../session';
import { afterSignIn } from './nextStep';

/** The second step of sign-in: a code from the authenticator app, or one of the recovery codes. */
export function MfaChallengePage() {
  const { t } = useTranslation('auth');
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const form = useFormErrors();
  const [code, setCode] = useState('');
  const [useRecovery, setUseRecovery] = useState(false);

  if (session.state !== 'mfa_pending') return <Navigate to={afterSignIn(session.state, params.get('next'))} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const state = await form.run(() => api.post<SessionState>('/auth/mfa/verify', { code: code.trim() }));
    if (!state) return;
    session.accept(state);
    navigate(afterSignIn(state.state, params.get('next')), { replace: true });
  }

  return (
    <Stack>
      <PageTitle>{t('mfa.challengeTitle')}</PageTitle>
      <Text>{useRecovery ? t('mfa.recoveryHelp') : t('mfa.challengeHelp')}</Text>
      <FormErrors error={form.error} fields={['code']} />
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={useRecovery ? t('mfa.recoveryCode') : t('mfa.code')}
            autoComplete="one-time-code"
            inputMode={useRecovery ? 'text' : 'numeric'}
            required
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={form.fieldError('code')}
            classNames={{ input: 'ltr-input' }}
          />
          <Button type="submit" loading={form.busy}>
            {t('mfa.verify')}
          </Button>
          <Button variant="subtle" onClick={() => setUseRecovery((v) => !v)}>
            {useRecovery ? t('mfa.useApp') : t('mfa.useRecovery')}
          </Button>
          <Button
            variant="subtle"
            onClick={async () => {
              await session.signOut();
              navigate('/login');
            }}
          >
            {t('mfa.cancel')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
