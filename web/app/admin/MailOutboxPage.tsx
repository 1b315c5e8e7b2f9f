import { Anchor, Badge, Button, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailOutboxItem } from '../../../common/schemas/accounts';
import { downloadUrl, withQuery, type Page } from '../api';
import { AppModal } from '../components/AppModal';
import { DataTable } from '../components/DataTable';
import { FormErrors } from '../components/FormErrors';
import { PageTitle } from '../components/PageTitle';
import { useApiQuery } from '../components/useApiQuery';
import { formatDateTime } from '../format';

const LIMIT = 25;

function MailMessage({ mail }: { mail: MailOutboxItem }) {
  const { t } = useTranslation('admin');
  return (
    <Stack>
      <Text>
        {t('outbox.to')}: <span className="ltr-text">{mail.to}</span>
      </Text>
      <Text>
        {t('outbox.created')}: {formatDateTime(mail.createdAt)}
      </Text>
      <Text component="pre" data-testid="mail-body" style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', unicodeBidi: 'plaintext' }}>
        {mail.bodyText}
      </Text>
      {mail.attachments.length > 0 && (
        <>
          <Title order={3}>{t('outbox.attachments')}</Title>
          <List>
            {mail.attachments.map((attachment, index) => (
              <List.Item key={`${index}-${attachment.filename}`}>
                <Anchor href={downloadUrl(`/admin/mail-outbox/${mail.id}/attachments/${index}`)} download={attachment.filename}>
                  {attachment.filename}
                </Anchor>{' '}
                ({Math.ceil(attachment.size / 1024)} KB)
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Stack>
  );
}

export function MailOutboxPage() {
  const { t } = useTranslation('admin');
  const [offset, setOffset] = useState(0);
  const [reading, setReading] = useState<MailOutboxItem | null>(null);
  const mails = useApiQuery<Page<MailOutboxItem>>(withQuery('/admin/mail-outbox', { limit: LIMIT, offset }));
  const statusLabel = (status: MailOutboxItem['status']) => t(`outbox.statuses.${status}`);

  return (
    <Stack>
      <PageTitle>{t('outbox.title')}</PageTitle>
      <Text>{t('outbox.intro')}</Text>
      <FormErrors error={mails.error ?? null} />
      <DataTable
        caption={t('outbox.title')}
        loading={mails.loading}
        rows={mails.data?.items ?? []}
        rowKey={(mail) => mail.id}
        paging={mails.data ? { limit: LIMIT, offset, total: mails.data.total, onOffsetChange: setOffset } : undefined}
        columns={[
          { key: 'created', header: t('outbox.created'), render: (mail) => formatDateTime(mail.createdAt) },
          { key: 'to', header: t('outbox.to'), render: (mail) => <span className="ltr-text">{mail.to}</span> },
          {
            key: 'subject',
            header: t('outbox.subject'),
            render: (mail) => (
              <Button variant="subtle" size="compact-sm" onClick={() => setReading(mail)} styles={{ label: { whiteSpace: 'normal', textAlign: 'start' } }}>
                {mail.subject}
              </Button>
            ),
          },
          {
            key: 'status',
            header: t('outbox.status'),
            render: (mail) => (
              <Badge variant="outline" color="dark">
                {statusLabel(mail.status)}
              </Badge>
            ),
          },
          { key: 'attachments', header: t('outbox.attachments'), render: (mail) => mail.attachments.length },
        ]}
      />
      <AppModal opened={reading !== null} onClose={() => setReading(null)} title={reading?.subject ?? ''} size="xl">
        {reading && <MailMessage mail={reading} />}
      </AppModal>
    </Stack>
  );
}
