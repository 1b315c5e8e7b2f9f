import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { MfaEnrolmentFlow } from '../components/MfaEnrolmentFlow';
import { PageTitle } from '../components/PageTitle';
import { useSession } from '../session';
import { afterSignIn } from './nextStep';

/** Forced at sign-in when one of the user's roles requires MFA and none is set up yet. */
export function MfaEnrolmentPage() {
  const { t } = useTranslation('auth');
  const session = useSession();
  const navigate = useNavigate();

  if (session.state !== 'mfa_enrolment') return <Navigate to={afterSignIn(session.state, null)} replace />;

  return (
    <Stack>
      <PageTitle>{t('mfa.enrolTitle')}</PageTitle>
      <Text>{t('mfa.enrolRequired')}</Text>
      <MfaEnrolmentFlow
        onFinished={async () => {
          const state = await session.refresh();
          navigate(afterSignIn(state.state, null), { replace: true });
        }}
      />
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
  );
}
