import type { z } from 'zod';
import type { NotificationListQuery, NotificationPreferences } from '../../../common/schemas/notifications';
import { requireSignedIn } from '../../platform/access';
import { command, type RequestContext } from '../../platform/context';
import type { Row } from '../../platform/database/schema';
import { AppError } from '../../platform/errors';
import { msg } from './messages';
import { hasMessage, translate, type Language } from '../../platform/i18n';
import * as repo from './repository';

/** The title in the reader's language; a kind without a message shows as itself rather than failing the list. */
function title(kind: string, language: Language, params: Record<string, string | number>): string {
  return hasMessage(kind) ? translate(kind, language, params) : kind;
}

function toItem(row: Row<'notifications'>, language: Language) {
  return {
    id: row.id,
    kind: row.kind,
    params: row.params,
    title: title(row.kind, language, row.params),
    link: row.link,
    readAt: row.read_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listOwn(ctx: RequestContext, query: z.infer<typeof NotificationListQuery>) {
  const actor = requireSignedIn(ctx.actor);
  const unreadOnly = query.unread === true;
  const [rows, total, unreadCount] = await Promise.all([
    repo.listOwn(ctx.db, actor.networkId, actor.userId, { unreadOnly, limit: query.limit, offset: query.offset }),
    repo.countOwn(ctx.db, actor.networkId, actor.userId, unreadOnly),
    repo.countOwn(ctx.db, actor.networkId, actor.userId, true),
  ]);
  return { items: rows.map((r) => toItem(r, actor.language)), total, limit: query.limit, offset: query.offset, unreadCount };
}

export async function unreadCount(ctx: RequestContext) {
  const actor = requireSignedIn(ctx.actor);
  return { count: await repo.countOwn(ctx.db, actor.networkId, actor.userId, true) };
}

export async function markRead(ctx: RequestContext, id: string): Promise<void> {
  requireSignedIn(ctx.actor);
  await command(ctx, async (tx) => {
    // Another user's notification answers exactly as a missing one.
    if (!(await repo.markRead(tx.db, tx.actor.networkId, tx.actor.userId, id))) throw AppError.notFound('Notification');
    await tx.audit({ action: 'notification.read', entity: 'notification', entityId: id, fields: ['read_at'] });
  });
}

export async function markAllRead(ctx: RequestContext): Promise<void> {
  requireSignedIn(ctx.actor);
  await command(ctx, async (tx) => {
    await repo.markAllRead(tx.db, tx.actor.networkId, tx.actor.userId);
    await tx.audit({ action: 'notification.read_all', entity: 'user', entityId: tx.actor.userId, fields: ['read_at'] });
  });
}

export async function preferences(ctx: RequestContext) {
  const actor = requireSignedIn(ctx.actor);
  const [stored, received] = await Promise.all([
    repo.preferences(ctx.db, actor.networkId, actor.userId),
    repo.receivedKinds(ctx.db, actor.networkId, actor.userId),
  ]);
  // A kind with no stored preference is delivered both ways, as notify() does.
  const byKind = new Map(received.map((kind) => [kind, { kind, inApp: true, email: true }]));
  for (const p of stored) byKind.set(p.kind, { kind: p.kind, inApp: p.in_app, email: p.email });
  return { items: [...byKind.values()].sort((a, b) => a.kind.localeCompare(b.kind)) };
}

export async function updatePreferences(ctx: RequestContext, input: z.infer<typeof NotificationPreferences>) {
  requireSignedIn(ctx.actor);
  const kinds = input.items.map((i) => i.kind);
  const repeated = kinds.findIndex((kind, index) => kinds.indexOf(kind) !== index);
  if (repeated >= 0) throw AppError.field(`items.${repeated}.kind`, msg('notifications.preferences.kind-repeated'));
  await command(ctx, async (tx) => {
    await repo.upsertPreferences(tx.db, tx.actor.networkId, tx.actor.userId, input.items);
    await tx.audit({ action: 'notification.preferences.updated', entity: 'user', entityId: tx.actor.userId, fields: ['email', 'in_app'] });
  });
  return preferences(ctx);
}
