import { z } from 'zod';
import { PageQuery, pageOf } from './http';

export const NotificationListQuery = PageQuery.extend({
  unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

export const NotificationItem = z.object({
  id: z.uuid(),
  kind: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  title: z.string().describe("Rendered in the user's language"),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type NotificationItem = z.infer<typeof NotificationItem>;

export const NotificationPage = pageOf(NotificationItem).extend({ unreadCount: z.number().int() });

export const UnreadCount = z.object({ count: z.number().int() });

const NotificationKind = z.string().trim().regex(/^[a-zA-Z0-9_.-]+$/, 'A notification kind is letters, digits, dots, dashes and underscores.').max(100);

export const NotificationPreference = z.strictObject({ kind: NotificationKind, inApp: z.boolean(), email: z.boolean() });
export const NotificationPreferences = z.strictObject({ items: z.array(NotificationPreference).max(200) });
