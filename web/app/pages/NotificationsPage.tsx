import { Anchor, Badge, Button, Group, Stack, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, withQuery, type Page } from '../api';
import { DataTable } from '../components/DataTable';
import { FormErrors, useFormErrors } from '../components/FormErrors';
import { PageTitle } from '../components/PageTitle';
import { useApiQuery } from '../components/useApiQuery';
import { formatDateTime } from '../format';
import { announceNotificationsChanged } from '../layout/UnreadCount';

interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

const LIMIT = 25;

export function NotificationsPage() {
  const { t } = useTranslation('common');
  const [offset, setOffset] = useState(0);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const form = useFormErrors();
  const list = useApiQuery<Page<NotificationItem> & { unreadCount: number }>(withQuery('/notifications', { limit: LIMIT, offset, unread: unreadOnly ? 'true' : undefined }));

  async function markRead(id: string) {
    await form.run(() => api.post(`/notifications/${id}/read`));
    list.reload();
    announceNotificationsChanged();
  }

  async function readAll() {
    await form.run(() => api.post('/notifications/read-all'));
    list.reload();
    announceNotificationsChanged();
  }

  const unread = list.data?.unreadCount ?? 0;
  return (
    <Stack>
      <PageTitle
        actions={
          <Button onClick={readAll} disabled={unread === 0} loading={form.busy}>
            {t('notifications.readAll')}
          </Button>
        }
      >
        {t('notifications.title')}
      </PageTitle>
      <Group justify="space-between">
        <Text role="status">{t('notifications.unread', { count: unread })}</Text>
        <Switch
          label={t('notifications.unreadOnly')}
          checked={unreadOnly}
          onChange={(e) => {
            setUnreadOnly(e.currentTarget.checked);
            setOffset(0);
          }}
        />
      </Group>
      <FormErrors error={form.error ?? list.error ?? null} />
      <DataTable
        caption={t('notifications.title')}
        loading={list.loading}
        rows={list.data?.items ?? []}
        rowKey={(row) => row.id}
        emptyText={t('notifications.empty')}
        paging={list.data ? { limit: LIMIT, offset, total: list.data.total, onOffsetChange: setOffset } : undefined}
        columns={[
          {
            key: 'title',
            header: t('notifications.message'),
            render: (row) =>
              row.link ? (
                <Anchor component={Link} to={row.link} fw={row.readAt ? 400 : 700} onClick={() => !row.readAt && void markRead(row.id)}>
                  {row.title}
                </Anchor>
              ) : (
                <Text fw={row.readAt ? 400 : 700}>{row.title}</Text>
              ),
          },
          { key: 'created', header: t('notifications.received'), render: (row) => formatDateTime(row.createdAt) },
          {
            key: 'state',
            header: t('notifications.state'),
            render: (row) =>
              row.readAt ? (
                <Text size="sm">{t('notifications.read')}</Text>
              ) : (
                <Group gap="xs">
                  <Badge color="red.9" variant="filled">
                    {t('notifications.new')}
                  </Badge>
                  <Button size="xs" variant="default" onClick={() => markRead(row.id)} aria-label={t('notifications.markReadNamed', { title: row.title })}>
                    {t('notifications.markRead')}
                  </Button>
                </Group>
              ),
          },
        ]}
      />
    </Stack>
  );
}
