import { Alert, Anchor, Button, Code, Image, List, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { FormErrors, useFormErrors } from './FormErrors';

interface Enrolment {
  secret: string;
  otpauthUri: string;
  qrDataUrl: string;
}

/**
 * Sets up an authenticator app: QR code and the secret as text (for phones without a camera),
 * a code to confirm, then the recovery codes, shown this once.
 */
export function MfaEnrolmentFlow({ onFinished, headingOrder = 2 }: { onFinished: () => void; headingOrder?: 2 | 3 }) {
  const { t } = useTranslation('auth');
  const form = useFormErrors();
  const [enrolment, setEnrolment] = useState<Enrolment>();
  const [startError, setStartError] = useState<ApiError | null>(null);
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();
  const started = useRef(false);

  useEffect(() => {
    // One enrolment per visit: a second start would replace the secret already on screen.
    if (started.current) return;
    started.current = true;
    api.post<Enrolment>('/auth/mfa/enrolment').then(setEnrolment, (error: unknown) => setStartError(error instanceof ApiError ? error : null));
  }, []);

  async function confirm(event: FormEvent) {
    event.preventDefault();
    const answer = await form.run(() => api.post<{ recoveryCodes: string[] }>('/auth/mfa/enrolment/confirm', { code: code.trim() }));
    if (answer) setRecoveryCodes(answer.recoveryCodes);
  }

  if (startError) return <FormErrors error={startError} />;
  if (!enrolment) return <Loader aria-label={t('mfa.starting')} />;

  if (recoveryCodes) {
    const text = recoveryCodes.join('\n');
    return (
      <Stack>
        <Title order={headingOrder}>{t('mfa.recoveryTitle')}</Title>
        <Alert color="red.9" variant="outline" title={t('mfa.recoveryOnce')}>
          {t('mfa.recoveryExplain')}
        </Alert>
        <List aria-label={t('mfa.recoveryTitle')} className="ltr-text" data-testid="recovery-codes">
          {recoveryCodes.map((recovery) => (
            <List.Item key={recovery}>{recovery}</List.Item>
          ))}
        </List>
        <Anchor href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`} download="hamsafar-recovery-codes.txt">
          {t('mfa.downloadCodes')}
        </Anchor>
        <Button onClick={onFinished}>{t('mfa.savedCodes')}</Button>
      </Stack>
    );
  }

  return (
    <Stack>
      <Text>{t('mfa.enrolHelp')}</Text>
      <Image src={enrolment.qrDataUrl} alt={t('mfa.qrAlt')} w={220} h={220} fit="contain" />
      <div>
        <Text id="mfa-secret-label">{t('mfa.secretLabel')}</Text>
        <Code block className="ltr-text" id="mfa-secret" aria-labelledby="mfa-secret-label" fz="md">
          {enrolment.secret}
        </Code>
      </div>
      <FormErrors error={form.error} fields={['code']} />
      <form onSubmit={confirm} noValidate>
        <Stack>
          <TextInput
            label={t('mfa.code')}
            description={t('mfa.confirmHelp')}
            autoComplete="one-time-code"
            inputMode="numeric"
            required
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={form.fieldError('code')}
            classNames={{ input: 'ltr-input' }}
          />
          <Button type="submit" loading={form.busy}>
            {t('mfa.confirm')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
