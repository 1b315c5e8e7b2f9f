import type { Services } from '../../platform/context';
import { scoped, type Executor } from '../../platform/database/tenant';
import { notify } from '../../platform/notifications';
import { annualReportDueDate } from './ledger';
import * as repo from './repository';
import './messages';

const REPORTING: Array<'active' | 'operationally_closed'> = ['active', 'operationally_closed'];

/**
 * Annual expenditure reports are due by 30 April for the previous year. From 1 April the focal
 * points of a participating organisation that received money that year and has not reported are
 * reminded once; after the due date the fund managers are told once that the report is overdue.
 */
export async function remindExpenditureReports(db: Executor, services: Services, today: string): Promise<number> {
  const year = Number(today.slice(0, 4)) - 1;
  const dueDate = annualReportDueDate(year);
  if (today < `${year + 1}-04-01`) return 0;
  const stage = today > dueDate ? 'overdue' : 'due';
  let sent = 0;
  // The job serves every network: it reads the list of networks, then works inside each one.
  const networks = await db.selectFrom('networks').select('id').execute();
  for (const { id: networkId } of networks) {
    const q = scoped(db, networkId);
    const programmes = await q.selectFrom('fund_programmes').select(['id', 'code']).where('status', 'in', REPORTING).execute();
    for (const programme of programmes) {
      const [moves, spent, members] = await Promise.all([repo.transfers(q, [programme.id]), repo.expenditures(q, [programme.id]), repo.punos(q, [programme.id])]);
      for (const member of members) {
        const funded = moves.some((t) => t.organisation_id === member.organisation_id && t.kind === 'transfer' && t.transfer_date <= `${year}-12-31`);
        const reported = spent.some((e) => e.organisation_id === member.organisation_id && e.year === year);
        if (!funded || reported) continue;
        await db.transaction().execute(async (trx) => {
          const tq = scoped(trx, networkId);
          const claimed = await tq
            .insertInto('fund_report_reminders', { programme_id: programme.id, organisation_id: member.organisation_id, year, stage })
            .onConflict((oc) => oc.doNothing())
            .returning('year')
            .executeTakeFirst();
          if (!claimed) return;
          const [org] = await repo.organisations(tq, [member.organisation_id]);
          const recipients = stage === 'due' ? await repo.usersWithRole(tq, 'focal_point', [member.organisation_id]) : await repo.usersWithRole(tq, 'fund_manager');
          await notify(trx, services.mailer, services.config.publicUrl, {
            networkId,
            userIds: recipients.map((u) => u.id),
            kind: stage === 'due' ? 'fund.expenditure.due' : 'fund.expenditure.overdue',
            params: { code: programme.code, year, dueDate, organisation: org?.acronym ?? org?.name_en ?? '' },
            link: `/fund/programmes/${programme.id}`,
          });
          sent++;
        });
      }
    }
  }
  return sent;
}

/** Scheduled work of the fund module. */
export function registerFundJobs(services: Services): void {
  // Daily is enough: the reminders are about a date, and each is sent once.
  services.jobs.every('fund.expenditureReports.remind', 86_400, async (_payload, db) => {
    await remindExpenditureReports(db, services, new Date().toISOString().slice(0, 10));
  });
}
