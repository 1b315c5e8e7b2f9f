import type { HamsafarApp } from '../../platform/http/types';
import { IdParams, NotificationListQuery, NotificationPage, NotificationPreferences, Ok, UnreadCount } from './schemas';
import * as service from './service';

const tags = ['notifications'];

/** Every route acts on the caller's own notifications only. */
export default async function notificationsRoutes(app: HamsafarApp) {
  app.get('', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'My notifications, newest first, with the unread count', querystring: NotificationListQuery, response: { 200: NotificationPage } },
    handler: (request) => service.listOwn(request.ctx, request.query),
  });

  app.get('/unread-count', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'How many of my notifications are unread', response: { 200: UnreadCount } },
    handler: (request) => service.unreadCount(request.ctx),
  });

  app.post('/:id/read', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Mark one of my notifications read', params: IdParams, response: { 200: Ok } },
    handler: async (request) => {
      await service.markRead(request.ctx, request.params.id);
      return { ok: true as const };
    },
  });

  app.post('/read-all', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Mark all my notifications read', response: { 200: Ok } },
    handler: async (request) => {
      await service.markAllRead(request.ctx);
      return { ok: true as const };
    },
  });

  app.get('/preferences', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'How each kind of notification reaches me (in the app, by e-mail)', response: { 200: NotificationPreferences } },
    handler: (request) => service.preferences(request.ctx),
  });

  app.put('/preferences', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Set how kinds of notification reach me', body: NotificationPreferences, response: { 200: NotificationPreferences } },
    handler: (request) => service.updatePreferences(request.ctx, request.body),
  });
}
