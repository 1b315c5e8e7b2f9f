import { Permission } from '../../../common/permissions';
import { appendAudit } from '../../platform/audit/chain';
import type { Services } from '../../platform/context';
import { scoped, type Executor } from '../../platform/database/tenant';
import { notify } from '../../platform/notifications';
import './messages';
import * as repo from './repository';
import { sealedDisplayName } from './search';

export const DEFAULT_RETENTION_YEARS = 10;

async function networks(db: Executor) {
  return db.selectFrom('networks').select(['id', 'settings']).execute();
}

/**
 * Tells the receiving organisation and the sender, once, that a referral passed its deadline
 * without an answer. Runs every five minutes.
 */
export async function notifyOverdueReferrals(db: Executor, services: Services): Promise<number> {
  let count = 0;
  for (const network of await networks(db)) {
    count += await db.transaction().execute(async (trx) => {
      const q = scoped(trx, network.id);
      const overdue = await repo.overdueUnnotified(q);
      for (const r of overdue) {
        const receivers = r.receiving_organisation_id
          ? await repo.usersWithGrants(q, r.receiving_organisation_id, [`${Permission.ReferralsReceive}:own-org`, Permission.ReferralsReceive])
          : [];
        await notify(trx, services.mailer, services.config.publicUrl, {
          networkId: network.id,
          userIds: [...receivers, r.sender_user_id],
          kind: 'protection.referral.overdue',
          params: { service: r.service_type },
          link: `/protection/referrals/${r.id}`,
        });
        await repo.markOverdueNotified(q, r.id);
        await appendAudit(trx, {
          networkId: network.id, actorUserId: null, actorOrganisationId: null, action: 'protection.referral.overdue_notified',
          entity: 'referral', entityId: r.id, ip: null, userAgent: null,
        });
      }
      return overdue.length;
    });
  }
  return count;
}

/**
 * Anonymises closed cases kept longer than the network's retention period: identity fields and
 * free text are erased, the clear statistical fields (and so the counts) stay. Each is audited.
 */
export async function anonymiseExpiredCases(db: Executor): Promise<number> {
  let count = 0;
  for (const network of await networks(db)) {
    const years = network.settings.caseRetentionYears ?? DEFAULT_RETENTION_YEARS;
    count += await db.transaction().execute(async (trx) => {
      const q = scoped(trx, network.id);
      const expired = await repo.expiredClosedCases(q, years);
      for (const c of expired) {
        await repo.anonymiseCase(q, c.id, c.person_id);
        await appendAudit(trx, {
          networkId: network.id, actorUserId: null, actorOrganisationId: null, action: 'protection.case.anonymised',
          entity: 'case', entityId: c.id, fields: ['person', 'notes', 'journey.description', 'referrals.shared'], ip: null, userAgent: null,
        });
      }
      return expired.length;
    });
  }
  return count;
}

const DISPLAY_NAME_BATCH = 500;

/**
 * Seals the list name of every person written before migration 0202, a batch a transaction. The
 * job that migration enqueues runs it once; case lists fall back to the two names until then.
 */
export async function sealMissingDisplayNames(db: Executor, services: Services): Promise<number> {
  let count = 0;
  for (const network of await networks(db)) {
    const cipher = await services.keys.forNetwork(db, network.id);
    let afterId: string | null = null;
    for (let sealed = DISPLAY_NAME_BATCH; sealed === DISPLAY_NAME_BATCH; count += sealed) {
      sealed = await db.transaction().execute(async (trx) => {
        const q = scoped(trx, network.id);
        const persons = await repo.personsWithoutDisplayName(q, afterId, DISPLAY_NAME_BATCH);
        afterId = persons.at(-1)?.id ?? afterId;
        for (const p of persons) {
          await repo.setMissingDisplayName(q, p.id, sealedDisplayName(cipher, cipher.decrypt(p.first_name_enc), cipher.decrypt(p.second_name_enc)));
        }
        if (persons.length > 0) {
          await appendAudit(trx, {
            networkId: network.id, actorUserId: null, actorOrganisationId: null, action: 'protection.person.display_names_sealed',
            entity: 'person', entityId: null, fields: ['firstName', 'secondName'], ip: null, userAgent: null,
          });
        }
        return persons.length;
      });
    }
  }
  return count;
}

/** Scheduled work of the protection module. */
export function registerProtectionJobs(services: Services): void {
  services.jobs.every('protection.referrals.overdue', 300, async (_payload, db) => {
    await notifyOverdueReferrals(db, services);
  });
  services.jobs.every('protection.retention', 86_400, async (_payload, db) => {
    await anonymiseExpiredCases(db);
  });
  services.jobs.register('protection.display-names', async (_payload, db) => {
    await sealMissingDisplayNames(db, services);
  });
}
