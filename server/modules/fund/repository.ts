import { sql } from 'kysely';
import type { Scoped } from '../../platform/database/tenant';
import type { ProgrammeStatus } from '../../../common/schemas/fund';
import type { LedgerEntry } from './ledger';
import { toCents } from '../../../common/money';
import type { ProgrammeDocumentKind } from './schemas';

/** Creates the network's fund row if needed and locks it until the transaction ends. */
export async function lockLedger(q: Scoped): Promise<{ version: number; published_through: string | null }> {
  await q.insertInto('fund_settings', {}).onConflict((oc) => oc.column('network_id').doNothing()).execute();
  return q.selectFrom('fund_settings').select(['version', 'published_through']).forUpdate().executeTakeFirstOrThrow();
}

export async function settings(q: Scoped): Promise<{ version: number; published_through: string | null }> {
  return (await q.selectFrom('fund_settings').select(['version', 'published_through']).executeTakeFirst()) ?? { version: 1, published_through: null };
}

export function updatePublication(q: Scoped, publishedThrough: string | null, expectedVersion: number) {
  return q
    .updateTable('fund_settings')
    .set((eb) => ({ published_through: publishedThrough, version: eb('version', '+', 1) }))
    .where('version', '=', expectedVersion)
    .returning('version')
    .executeTakeFirst();
}

/** The rate in force on a date: the latest one published on or before it. */
export function rateOn(q: Scoped, currency: string, date: string) {
  return q
    .selectFrom('fund_exchange_rates')
    .select('rate_to_usd')
    .where('currency', '=', currency)
    .where('effective_date', '<=', date)
    .orderBy('effective_date', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function listExchangeRates(q: Scoped) {
  return q.selectFrom('fund_exchange_rates').select(['id', 'currency', 'effective_date', 'rate_to_usd']).orderBy('currency').orderBy('effective_date', 'desc').execute();
}

export function organisations(q: Scoped, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return q.selectFrom('organisations').select(['id', 'name_en', 'name_ur', 'acronym', 'type']).where('id', 'in', ids).execute();
}

export function allOrganisations(q: Scoped) {
  return q.selectFrom('organisations').select(['id', 'name_en', 'name_ur', 'acronym', 'type']).orderBy('name_en').execute();
}

export function contributors(q: Scoped) {
  return q.selectFrom('fund_contributors').selectAll().orderBy('name').execute();
}

export function commitments(q: Scoped) {
  return q.selectFrom('fund_commitments').selectAll().orderBy('agreement_date').orderBy('reference').execute();
}

export function commitment(q: Scoped, id: string) {
  return q.selectFrom('fund_commitments').selectAll().where('id', '=', id).executeTakeFirst();
}

export function deposits(q: Scoped) {
  return q.selectFrom('fund_deposits').selectAll().orderBy('deposit_date').orderBy('created_at').execute();
}

export async function depositedOnCommitment(q: Scoped, commitmentId: string): Promise<bigint> {
  const row = await q
    .selectFrom('fund_deposits')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('amount'), sql<string>`0`).as('total'))
    .where('commitment_id', '=', commitmentId)
    .executeTakeFirstOrThrow();
  return toCents(String(row.total));
}

export function otherIncome(q: Scoped) {
  return q.selectFrom('fund_other_income').selectAll().orderBy('income_date').execute();
}

/** Cash with the administrative agent now: deposits − fees + other income − transfers + refunds. */
export async function cashAvailable(q: Scoped): Promise<bigint> {
  const zero = sql<string>`0`;
  const [dep, income, moved] = await Promise.all([
    q
      .selectFrom('fund_deposits')
      .select((eb) => [eb.fn.coalesce(eb.fn.sum<string>('amount_usd'), zero).as('usd'), eb.fn.coalesce(eb.fn.sum<string>('fee_usd'), zero).as('fee')])
      .executeTakeFirstOrThrow(),
    q.selectFrom('fund_other_income').select((eb) => eb.fn.coalesce(eb.fn.sum<string>('amount_usd'), zero).as('usd')).executeTakeFirstOrThrow(),
    q
      .selectFrom('fund_transfers')
      .select((eb) => [
        eb.fn.coalesce(eb.fn.sum<string>(sql`CASE WHEN kind = 'transfer' THEN amount_usd ELSE 0 END`), zero).as('out'),
        eb.fn.coalesce(eb.fn.sum<string>(sql`CASE WHEN kind = 'refund' THEN amount_usd ELSE 0 END`), zero).as('back'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return toCents(String(dep.usd)) - toCents(String(dep.fee)) + toCents(String(income.usd)) - toCents(String(moved.out)) + toCents(String(moved.back));
}

/** Every dated USD movement of the network, optionally only those of some programmes. */
export async function ledgerEntries(q: Scoped, programmeIds?: string[]): Promise<LedgerEntry[]> {
  const entries: LedgerEntry[] = [];
  if (!programmeIds) {
    for (const d of await q.selectFrom('fund_deposits').select(['deposit_date', 'amount_usd', 'fee_usd']).execute()) {
      entries.push({ kind: 'deposit', date: d.deposit_date, usd: toCents(d.amount_usd) });
      entries.push({ kind: 'fee', date: d.deposit_date, usd: toCents(d.fee_usd) });
    }
    for (const i of await q.selectFrom('fund_other_income').select(['income_date', 'amount_usd']).execute()) {
      entries.push({ kind: 'other_income', date: i.income_date, usd: toCents(i.amount_usd) });
    }
  }
  if (programmeIds && programmeIds.length === 0) return entries;
  const transfers = await q
    .selectFrom('fund_transfers')
    .select(['kind', 'transfer_date', 'amount_usd', 'organisation_id'])
    .$if(!!programmeIds, (qb) => qb.where('programme_id', 'in', programmeIds!))
    .execute();
  for (const t of transfers) entries.push({ kind: t.kind, date: t.transfer_date, usd: toCents(t.amount_usd), organisationId: t.organisation_id });
  const spent = await q
    .selectFrom('fund_expenditures')
    .select(['year', 'amount_usd', 'organisation_id'])
    .$if(!!programmeIds, (qb) => qb.where('programme_id', 'in', programmeIds!))
    .execute();
  // Expenditure is reported per calendar year: it counts at the year's end.
  for (const e of spent) entries.push({ kind: 'expenditure', date: `${e.year}-12-31`, usd: toCents(e.amount_usd), organisationId: e.organisation_id });
  return entries;
}

export function programme(q: Scoped, id: string) {
  return q.selectFrom('fund_programmes').selectAll().where('id', '=', id).executeTakeFirst();
}

export function programmeForUpdate(q: Scoped, id: string) {
  return q.selectFrom('fund_programmes').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export type ProgrammeRow = NonNullable<Awaited<ReturnType<typeof programme>>>;

export function programmes(q: Scoped, filter: { statuses?: readonly ProgrammeStatus[]; organisationId?: string | null; ids?: string[] }) {
  return q
    .selectFrom('fund_programmes')
    .selectAll()
    .$if(!!filter.statuses, (qb) => qb.where('status', 'in', filter.statuses as ProgrammeStatus[]))
    .$if(!!filter.organisationId, (qb) =>
      qb.where((eb) =>
        eb.exists(
          eb
            .selectFrom('fund_programme_punos as p')
            .select('p.organisation_id')
            .where('p.network_id', '=', q.networkId)
            .whereRef('p.programme_id', '=', 'fund_programmes.id')
            .where('p.organisation_id', '=', filter.organisationId!),
        ),
      ),
    )
    .orderBy('code')
    .execute();
}

export async function nextProgrammeNumber(q: Scoped): Promise<number> {
  const row = await q.selectFrom('fund_programmes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n) + 1;
}

export function punos(q: Scoped, programmeIds: string[]) {
  if (programmeIds.length === 0) return Promise.resolve([]);
  return q.selectFrom('fund_programme_punos').selectAll().where('programme_id', 'in', programmeIds).execute();
}

export function puno(q: Scoped, programmeId: string, organisationId: string) {
  return q.selectFrom('fund_programme_punos').selectAll().where('programme_id', '=', programmeId).where('organisation_id', '=', organisationId).executeTakeFirst();
}

export function transfers(q: Scoped, programmeIds: string[]) {
  if (programmeIds.length === 0) return Promise.resolve([]);
  return q.selectFrom('fund_transfers').selectAll().where('programme_id', 'in', programmeIds).orderBy('transfer_date').orderBy('created_at').execute();
}

export function expenditures(q: Scoped, programmeIds: string[]) {
  if (programmeIds.length === 0) return Promise.resolve([]);
  return q.selectFrom('fund_expenditures').selectAll().where('programme_id', 'in', programmeIds).orderBy('year').orderBy('category').execute();
}

export function results(q: Scoped, programmeIds: string[]) {
  if (programmeIds.length === 0) return Promise.resolve([]);
  return q.selectFrom('fund_indicator_results').selectAll().where('programme_id', 'in', programmeIds).orderBy('period').execute();
}

export function events(q: Scoped, programmeId: string) {
  return q
    .selectFrom('fund_programme_events')
    .leftJoin('users as u', (j) => j.onRef('u.network_id', '=', 'fund_programme_events.network_id').onRef('u.id', '=', 'fund_programme_events.actor_user_id'))
    .select(['fund_programme_events.from_status', 'fund_programme_events.to_status', 'fund_programme_events.at', 'u.display_name'])
    .where('fund_programme_events.programme_id', '=', programmeId)
    .orderBy('fund_programme_events.at')
    .execute();
}

export function decisions(q: Scoped, programmeId: string) {
  return q.selectFrom('fund_decisions').selectAll().where('programme_id', '=', programmeId).orderBy('decision_date').orderBy('created_at').execute();
}

export function comments(q: Scoped, programmeId: string) {
  return q
    .selectFrom('fund_review_comments')
    .innerJoin('users as u', (j) => j.onRef('u.network_id', '=', 'fund_review_comments.network_id').onRef('u.id', '=', 'fund_review_comments.author_user_id'))
    .select(['fund_review_comments.id', 'fund_review_comments.body', 'fund_review_comments.created_at', 'u.display_name'])
    .where('fund_review_comments.programme_id', '=', programmeId)
    .orderBy('fund_review_comments.created_at')
    .execute();
}

export function recordEvent(q: Scoped, programmeId: string, from: ProgrammeStatus | null, to: ProgrammeStatus, actorUserId: string) {
  return q.insertInto('fund_programme_events', { programme_id: programmeId, from_status: from, to_status: to, actor_user_id: actorUserId }).execute();
}

/** Users holding a role in an organisation, for notifications. */
export function usersWithRole(q: Scoped, roleKey: string, organisationIds?: string[]) {
  return q
    .selectFrom('users')
    .innerJoin('user_roles as ur', (j) => j.onRef('ur.network_id', '=', 'users.network_id').onRef('ur.user_id', '=', 'users.id'))
    .innerJoin('roles as r', (j) => j.onRef('r.network_id', '=', 'ur.network_id').onRef('r.id', '=', 'ur.role_id'))
    .select('users.id')
    .where('r.key', '=', roleKey)
    .where('users.status', '=', 'active')
    .$if(!!organisationIds, (qb) => qb.where('users.organisation_id', 'in', organisationIds!))
    .execute();
}

export function insertProgrammeDocument(q: Scoped, values: { programme_id: string; file_id: string; title: string; kind: ProgrammeDocumentKind; uploaded_by: string }) {
  return q.insertInto('fund_programme_documents', values).returning('id').executeTakeFirstOrThrow();
}

/** A programme's uploaded documents with their file's name, type and size, newest first. */
export function programmeDocuments(q: Scoped, programmeId: string) {
  return q
    .selectFrom('fund_programme_documents')
    .innerJoin('files as f', (j) => j.onRef('f.network_id', '=', 'fund_programme_documents.network_id').onRef('f.id', '=', 'fund_programme_documents.file_id'))
    .innerJoin('users as u', (j) => j.onRef('u.network_id', '=', 'fund_programme_documents.network_id').onRef('u.id', '=', 'fund_programme_documents.uploaded_by'))
    .select([
      'fund_programme_documents.id',
      'fund_programme_documents.title',
      'fund_programme_documents.kind',
      'fund_programme_documents.created_at',
      'f.name as file_name',
      'f.content_type',
      'f.size',
      'u.display_name as uploader_name',
    ])
    .where('fund_programme_documents.programme_id', '=', programmeId)
    .orderBy('fund_programme_documents.created_at', 'desc')
    .orderBy('fund_programme_documents.id')
    .execute();
}

export function programmeDocument(q: Scoped, programmeId: string, documentId: string) {
  return q.selectFrom('fund_programme_documents').selectAll().where('programme_id', '=', programmeId).where('id', '=', documentId).executeTakeFirst();
}
