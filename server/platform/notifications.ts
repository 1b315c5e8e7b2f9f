import type { Executor } from './database/tenant';
import { scoped } from './database/tenant';
import { translate, type Language } from './i18n';
import type { Mailer } from './mail';

export interface NotificationInput {
  networkId: string;
  userIds: string[];
  /** Also the server message key of its title, e.g. `network.actionPoint.overdue`. */
  kind: string;
  /** Shown in the title. Never personal data of protection cases. */
  params?: Record<string, string | number>;
  /** Path inside the web app, e.g. `/network/action-points/…`. */
  link?: string;
}

/**
 * The one notification service: an in-app entry for each user, and an e-mail where the user's
 * preferences ask for one (the default). Runs inside the caller's transaction.
 */
export async function notify(db: Executor, mailer: Mailer, publicUrl: string, input: NotificationInput): Promise<void> {
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) return;
  const q = scoped(db, input.networkId);
  const users = await q
    .selectFrom('users')
    .leftJoin('notification_preferences as p', (join) =>
      join
        .onRef('p.network_id', '=', 'users.network_id')
        .onRef('p.user_id', '=', 'users.id')
        .on('p.kind', '=', input.kind),
    )
    .select(['users.id', 'users.email', 'users.language', 'users.status', 'p.in_app', 'p.email as wants_email'])
    .where('users.id', 'in', userIds)
    .execute();
  const params = input.params ?? {};
  for (const user of users) {
    if (user.status === 'disabled') continue;
    if (user.in_app !== false) {
      await q
        .insertInto('notifications', {
          user_id: user.id,
          kind: input.kind,
          params: JSON.stringify(params),
          link: input.link ?? null,
        })
        .execute();
    }
    if (user.wants_email !== false) {
      const language = user.language as Language;
      const title = translate(input.kind, language, params);
      await mailer.queue(db, input.networkId, {
        to: user.email,
        subject: `Hamsafar: ${title}`,
        text: translate('mail.notification.body', language, { title, link: `${publicUrl}${input.link ?? '/'}` }),
      });
    }
  }
}
