import { sql, type Updateable } from 'kysely';
import type { Database } from '../../platform/database/schema';
import type { Scoped } from '../../platform/database/tenant';
import type { ReferralStatus, StatFact } from './tables';

type Update<T extends keyof Database> = Updateable<Database[T]>;

/** Who may see which cases in a list: an organisation (null = network-wide) and, for caseworkers, an assignee. */
export interface CaseVisibility {
  organisationId: string | null;
  /** When set, only cases owned by this user or by one of their teams. */
  assignedUserId: string | null;
}

export interface CaseFilter {
  status?: string;
  stage?: string;
  organisationId?: string;
  identityIndex?: string;
  nameIndexes?: string[];
  /** Set by listCases from the blind-index filters. */
  personIds?: string[];
  mine?: boolean;
  userId: string;
}

// ---------- organisations and users ----------

export function organisation(q: Scoped, id: string) {
  return q.selectFrom('organisations').select(['id', 'name_en', 'name_ur', 'acronym', 'services']).where('id', '=', id).executeTakeFirst();
}

export function organisationsOffering(q: Scoped, serviceType: string) {
  return q
    .selectFrom('organisations')
    .select(['id', 'name_en', 'name_ur', 'acronym'])
    .where(sql<boolean>`${serviceType} = ANY(organisations.services)`)
    .orderBy('name_en')
    .execute();
}

export async function userInOrganisation(q: Scoped, userId: string, organisationId: string): Promise<boolean> {
  const row = await q.selectFrom('users').select('id').where('id', '=', userId).where('organisation_id', '=', organisationId).executeTakeFirst();
  return row !== undefined;
}

/** Active users of an organisation holding any of the grants (e.g. `referrals.receive:own-org`). */
export async function usersWithGrants(q: Scoped, organisationId: string, grants: string[]): Promise<string[]> {
  const rows = await q
    .selectFrom('users')
    .innerJoin('user_roles as ur', (j) => j.onRef('ur.network_id', '=', 'users.network_id').onRef('ur.user_id', '=', 'users.id'))
    .innerJoin('roles as r', (j) => j.onRef('r.network_id', '=', 'ur.network_id').onRef('r.id', '=', 'ur.role_id'))
    .select('users.id')
    .distinct()
    .where('users.organisation_id', '=', organisationId)
    .where('users.status', '=', 'active')
    .where(sql<boolean>`r.grants && ${sql.val(grants)}::text[]`)
    .execute();
  return rows.map((r) => r.id);
}

export async function userNames(q: Scoped, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await q.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

// ---------- teams ----------

export async function teamIdsOf(q: Scoped, userId: string): Promise<string[]> {
  const rows = await q.selectFrom('protection_team_members').select('team_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.team_id);
}

export function team(q: Scoped, id: string) {
  return q.selectFrom('protection_teams').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function teamsOf(q: Scoped, organisationId: string) {
  const teams = await q.selectFrom('protection_teams').select(['id', 'name']).where('organisation_id', '=', organisationId).orderBy('name').execute();
  const members = teams.length
    ? await q.selectFrom('protection_team_members').select(['team_id', 'user_id']).where('team_id', 'in', teams.map((t) => t.id)).execute()
    : [];
  return teams.map((t) => ({ ...t, memberUserIds: members.filter((m) => m.team_id === t.id).map((m) => m.user_id) }));
}

export function insertTeam(q: Scoped, organisationId: string, name: string) {
  return q.insertInto('protection_teams', { organisation_id: organisationId, name }).returning('id').executeTakeFirstOrThrow();
}

export async function replaceTeamMembers(q: Scoped, teamId: string, userIds: string[]) {
  await q.deleteFrom('protection_team_members').where('team_id', '=', teamId).execute();
  if (userIds.length) await q.insertInto('protection_team_members', userIds.map((user_id) => ({ team_id: teamId, user_id }))).execute();
}

// ---------- persons and cases ----------

export function insertPerson(q: Scoped, values: Omit<Database['protection_persons'], 'network_id' | 'id' | 'created_at' | 'anonymised_at'> | any) {
  return q.insertInto('protection_persons', values).returning('id').executeTakeFirstOrThrow();
}

export function person(q: Scoped, id: string) {
  return q.selectFrom('protection_persons').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export function updatePerson(q: Scoped, id: string, values: Update<'protection_persons'>) {
  return q.updateTable('protection_persons').set({ ...values, updated_at: new Date() }).where('id', '=', id).execute();
}

export function insertCase(q: Scoped, values: any) {
  return q.insertInto('protection_cases', values).returning(['id', 'version']).executeTakeFirstOrThrow();
}

export function findCase(q: Scoped, id: string) {
  return q.selectFrom('protection_cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

/** Updates a case if it is still at `version`; undefined when someone else changed it first. */
export function updateCaseAtVersion(q: Scoped, id: string, version: number, values: Update<'protection_cases'>) {
  return q
    .updateTable('protection_cases')
    .set({ ...values, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['id', 'version'])
    .executeTakeFirst();
}

/** Bumps the version of a case whose sub-records changed, so concurrent editors notice. */
export function touchCase(q: Scoped, id: string) {
  return q.updateTable('protection_cases').set({ version: sql`version + 1`, updated_at: new Date() }).where('id', '=', id).execute();
}

export function setCaseStats(q: Scoped, id: string, facts: StatFact[]) {
  return q.updateTable('protection_cases').set({ stats_facts: JSON.stringify(facts) }).where('id', '=', id).execute();
}

function caseListQuery(q: Scoped, visibility: CaseVisibility, filter: CaseFilter) {
  return q
    .selectFrom('protection_cases')
    .$if(visibility.organisationId !== null, (qb) => qb.where('protection_cases.owner_organisation_id', '=', visibility.organisationId!))
    .$if(visibility.assignedUserId !== null, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('protection_cases.case_owner_user_id', '=', visibility.assignedUserId!),
          eb(
            'protection_cases.team_id',
            'in',
            eb
              .selectFrom('protection_team_members as m')
              .select('m.team_id')
              .where('m.network_id', '=', q.networkId)
              .where('m.user_id', '=', visibility.assignedUserId!),
          ),
        ]),
      ),
    )
    .$if(filter.status !== undefined, (qb) => qb.where('protection_cases.status', '=', filter.status as never))
    .$if(filter.stage !== undefined, (qb) => qb.where('protection_cases.stage', '=', filter.stage as never))
    .$if(filter.organisationId !== undefined, (qb) => qb.where('protection_cases.owner_organisation_id', '=', filter.organisationId!))
    // Person filters were resolved to person ids first (blind-index look-ups), so the planner reaches cases by person_id.
    .$if(filter.personIds !== undefined, (qb) => qb.where('protection_cases.person_id', 'in', filter.personIds!.length ? filter.personIds! : ['00000000-0000-4000-8000-000000000000']))
    .$if(filter.mine === true, (qb) => qb.where('protection_cases.case_owner_user_id', '=', filter.userId));
}

/** Moves one case between (organisation, status) cells of the maintained case counts. */
export async function moveCaseCount(q: Scoped, from: { organisationId: string; status: string } | null, to: { organisationId: string; status: string } | null) {
  if (from && to && from.organisationId === to.organisationId && from.status === to.status) return;
  if (from) {
    await q
      .updateTable('protection_case_counts')
      .set({ cases: sql`cases - 1` })
      .where('organisation_id', '=', from.organisationId)
      .where('status', '=', from.status)
      .execute();
  }
  if (to) {
    await q
      .insertInto('protection_case_counts', { organisation_id: to.organisationId, status: to.status, cases: 1 })
      .onConflict((oc) => oc.columns(['network_id', 'organisation_id', 'status']).doUpdateSet({ cases: sql`protection_case_counts.cases + 1` }))
      .execute();
  }
}

/** The total of a list filtered by organisation and status only, read from the maintained counts. */
async function maintainedTotal(q: Scoped, organisationId: string | null, status: string | undefined): Promise<number> {
  const row = await q
    .selectFrom('protection_case_counts')
    .select(sql<number>`coalesce(sum(cases), 0)::int`.as('n'))
    .$if(organisationId !== null, (qb) => qb.where('organisation_id', '=', organisationId!))
    .$if(status !== undefined, (qb) => qb.where('status', '=', status!))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Persons found by exact blind-index look-up: a handful of rows at most. */
async function personsMatching(q: Scoped, filter: CaseFilter): Promise<string[] | undefined> {
  if (filter.identityIndex === undefined && filter.nameIndexes === undefined) return undefined;
  const rows = await q
    .selectFrom('protection_persons')
    .select('id')
    .$if(filter.identityIndex !== undefined, (qb) => qb.where('identity_index', '=', filter.identityIndex!))
    .$if(filter.nameIndexes !== undefined, (qb) => qb.where('name_index', 'in', filter.nameIndexes!.length ? filter.nameIndexes! : ['']))
    .limit(1000)
    .execute();
  return rows.map((r) => r.id);
}

export type CaseListRow = Awaited<ReturnType<typeof listCases>>['items'][number];

export async function listCases(q: Scoped, visibility: CaseVisibility, filterInput: CaseFilter, page: { limit: number; offset: number }) {
  const filter = { ...filterInput, personIds: await personsMatching(q, filterInput) };
  const base = caseListQuery(q, visibility, filter);
  const organisationId = filter.organisationId ?? visibility.organisationId;
  const countable =
    visibility.assignedUserId === null && filter.stage === undefined && filter.identityIndex === undefined && filter.nameIndexes === undefined && !filter.mine &&
    (visibility.organisationId === null || filter.organisationId === undefined || filter.organisationId === visibility.organisationId);
  const [items, total] = await Promise.all([
    base
      // Names only for the page shown: the count never touches persons.
      .innerJoin('protection_persons as p', (j) => j.onRef('p.network_id', '=', 'protection_cases.network_id').onRef('p.id', '=', 'protection_cases.person_id'))
      .select([
        'protection_cases.id',
        'protection_cases.reference',
        'protection_cases.status',
        'protection_cases.stage',
        'protection_cases.risk_level',
        'protection_cases.owner_organisation_id',
        'protection_cases.case_owner_user_id',
        'protection_cases.registered_on',
        'protection_cases.updated_at',
        'p.display_name_enc',
        'p.first_name_enc',
        'p.second_name_enc',
      ])
      .orderBy('protection_cases.created_at', 'desc')
      .orderBy('protection_cases.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    countable ? maintainedTotal(q, organisationId, filter.status) : base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n)),
  ]);
  return { items, total };
}

// ---------- sub-records of a case ----------

export function supportPlans(q: Scoped, caseId: string) {
  return q.selectFrom('protection_support_plans').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();
}

export function insertSupportPlan(q: Scoped, values: any) {
  return q.insertInto('protection_support_plans', values).returningAll().executeTakeFirstOrThrow();
}

export function supportPlan(q: Scoped, caseId: string, id: string) {
  return q.selectFrom('protection_support_plans').selectAll().where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst();
}

export function updateSupportPlanAtVersion(q: Scoped, id: string, version: number, values: Update<'protection_support_plans'>) {
  return q
    .updateTable('protection_support_plans')
    .set({ ...values, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export function services(q: Scoped, caseId: string) {
  return q.selectFrom('protection_services').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();
}

export function insertService(q: Scoped, values: any) {
  return q.insertInto('protection_services', values).returningAll().executeTakeFirstOrThrow();
}

export function notes(q: Scoped, caseId: string) {
  return q
    .selectFrom('protection_case_notes')
    .leftJoin('users as u', (j) => j.onRef('u.network_id', '=', 'protection_case_notes.network_id').onRef('u.id', '=', 'protection_case_notes.author_user_id'))
    .select([
      'protection_case_notes.id',
      'protection_case_notes.author_user_id',
      'protection_case_notes.body_enc',
      'protection_case_notes.file_id',
      'protection_case_notes.created_at',
      'u.display_name',
    ])
    .where('protection_case_notes.case_id', '=', caseId)
    .orderBy('protection_case_notes.created_at', 'desc')
    .execute();
}

export function attachmentNote(q: Scoped, caseId: string, fileId: string) {
  return q.selectFrom('protection_case_notes').select(['body_enc', 'file_id']).where('case_id', '=', caseId).where('file_id', '=', fileId).executeTakeFirst();
}

export function insertNote(q: Scoped, values: any) {
  return q.insertInto('protection_case_notes', values).returningAll().executeTakeFirstOrThrow();
}

export function journey(q: Scoped, caseId: string) {
  return q
    .selectFrom('protection_journey_events')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy(sql`event_date NULLS LAST`)
    .orderBy('created_at')
    .execute();
}

export function insertJourneyEvent(q: Scoped, values: any) {
  return q.insertInto('protection_journey_events', values).returningAll().executeTakeFirstOrThrow();
}

export function deleteJourneyEvent(q: Scoped, caseId: string, id: string) {
  return q.deleteFrom('protection_journey_events').where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst();
}

export function consents(q: Scoped, caseId: string) {
  return q.selectFrom('protection_consents').selectAll().where('case_id', '=', caseId).orderBy('recorded_at').execute();
}

export function insertConsents(q: Scoped, values: any[]) {
  return q.insertInto('protection_consents', values).returningAll().execute();
}

export function withdrawConsent(q: Scoped, caseId: string, id: string, userId: string) {
  return q
    .updateTable('protection_consents')
    .set({ withdrawn_at: new Date(), withdrawn_by: userId })
    .where('case_id', '=', caseId)
    .where('id', '=', id)
    .where('withdrawn_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export function hasStatisticsConsent(q: Scoped, caseId: string) {
  return q
    .selectFrom('protection_consents')
    .select('id')
    .where('case_id', '=', caseId)
    .where('purpose', '=', 'statistics')
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst()
    .then((r) => r !== undefined);
}

// ---------- break the glass ----------

export function insertBreakGlass(q: Scoped, values: any) {
  return q.insertInto('protection_break_glass', values).returningAll().executeTakeFirstOrThrow();
}

export async function hasOpenBreakGlass(q: Scoped, userId: string, caseId: string): Promise<boolean> {
  const row = await q
    .selectFrom('protection_break_glass')
    .select('id')
    .where('user_id', '=', userId)
    .where('case_id', '=', caseId)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return row !== undefined;
}

// ---------- referrals ----------

export function insertReferral(q: Scoped, values: any) {
  return q.insertInto('protection_referrals', values).returningAll().executeTakeFirstOrThrow();
}

export function findReferral(q: Scoped, id: string) {
  return q
    .selectFrom('protection_referrals')
    .innerJoin('protection_cases as c', (j) => j.onRef('c.network_id', '=', 'protection_referrals.network_id').onRef('c.id', '=', 'protection_referrals.case_id'))
    .selectAll('protection_referrals')
    .select('c.reference as case_reference')
    .where('protection_referrals.id', '=', id)
    .executeTakeFirst();
}

export type ReferralRow = NonNullable<Awaited<ReturnType<typeof findReferral>>>;

export function updateReferralAtVersion(q: Scoped, id: string, version: number, values: Update<'protection_referrals'>) {
  return q
    .updateTable('protection_referrals')
    .set({ ...values, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

export function referralsOfCase(q: Scoped, caseId: string) {
  return referralList(q).where('protection_referrals.case_id', '=', caseId).orderBy('protection_referrals.sent_at', 'desc').execute();
}

function referralList(q: Scoped) {
  return q
    .selectFrom('protection_referrals')
    .innerJoin('protection_cases as c', (j) => j.onRef('c.network_id', '=', 'protection_referrals.network_id').onRef('c.id', '=', 'protection_referrals.case_id'))
    .selectAll('protection_referrals')
    .select('c.reference as case_reference');
}

export async function listReferrals(
  q: Scoped,
  filter: { box: 'inbox' | 'outbox'; organisationId: string | null; assignedUserId: string | null; status?: ReferralStatus; overdue?: boolean },
  page: { limit: number; offset: number },
) {
  const orgColumn = filter.box === 'inbox' ? 'protection_referrals.receiving_organisation_id' : 'protection_referrals.sender_organisation_id';
  const base = referralList(q)
    .$if(filter.box === 'outbox' && filter.assignedUserId !== null, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('c.case_owner_user_id', '=', filter.assignedUserId!),
          eb('c.team_id', 'in', eb.selectFrom('protection_team_members as m').select('m.team_id').where('m.network_id', '=', q.networkId).where('m.user_id', '=', filter.assignedUserId!)),
        ]),
      ),
    )
    .$if(filter.organisationId !== null, (qb) => qb.where(orgColumn, '=', filter.organisationId!))
    .$if(filter.box === 'inbox' && filter.organisationId === null, (qb) => qb.where('protection_referrals.receiving_organisation_id', 'is not', null))
    .$if(filter.status !== undefined, (qb) => qb.where('protection_referrals.status', '=', filter.status!))
    .$if(filter.overdue === true, (qb) => qb.where('protection_referrals.status', '=', 'sent').where('protection_referrals.due_at', '<', sql<Date>`now()`));
  const [items, total] = await Promise.all([
    base.orderBy('protection_referrals.sent_at', 'desc').limit(page.limit).offset(page.offset).execute(),
    base.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Referrals past their deadline that nobody has been told about yet, in one network. */
export function overdueUnnotified(q: Scoped) {
  return q
    .selectFrom('protection_referrals')
    .selectAll()
    .where('status', '=', 'sent')
    .where('due_at', '<', sql<Date>`now()`)
    .where('overdue_notified_at', 'is', null)
    .forUpdate()
    .skipLocked()
    .execute();
}

export function markOverdueNotified(q: Scoped, id: string) {
  return q.updateTable('protection_referrals').set({ overdue_notified_at: new Date() }).where('id', '=', id).execute();
}

/** Open referrals of a case that a withdrawn sharing consent covered and nobody has accepted yet. */
export function withdrawPendingReferrals(q: Scoped, caseId: string, consentId: string) {
  return q
    .updateTable('protection_referrals')
    .set({ status: 'withdrawn', shared_snapshot_enc: null, version: sql`version + 1` })
    .where('case_id', '=', caseId)
    .where('consent_id', '=', consentId)
    .where('status', '=', 'sent')
    .returning(['id', 'receiving_organisation_id'])
    .execute();
}

export async function deadlines(q: Scoped): Promise<Map<string, number>> {
  const rows = await q.selectFrom('protection_referral_deadlines').select(['service_type', 'hours']).execute();
  return new Map(rows.map((r) => [r.service_type, r.hours]));
}

export async function upsertDeadline(q: Scoped, serviceType: string, hours: number) {
  await q
    .insertInto('protection_referral_deadlines', { service_type: serviceType, hours })
    .onConflict((oc) => oc.columns(['network_id', 'service_type']).doUpdateSet({ hours }))
    .execute();
}

// ---------- transfers ----------

export function insertTransfer(q: Scoped, values: any) {
  return q.insertInto('protection_transfers', values).returningAll().executeTakeFirstOrThrow();
}

export function findTransfer(q: Scoped, id: string) {
  return q.selectFrom('protection_transfers').selectAll().where('id', '=', id).executeTakeFirst();
}

export function openTransferOfCase(q: Scoped, caseId: string) {
  return q.selectFrom('protection_transfers').select('id').where('case_id', '=', caseId).where('status', '=', 'proposed').executeTakeFirst();
}

export function respondTransfer(q: Scoped, id: string, status: 'accepted' | 'declined', userId: string) {
  return q
    .updateTable('protection_transfers')
    .set({ status, responded_by: userId, responded_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'proposed')
    .returning('id')
    .executeTakeFirst();
}

export async function listTransfers(q: Scoped, box: 'inbox' | 'outbox', organisationId: string, page: { limit: number; offset: number }) {
  const column = box === 'inbox' ? 'to_organisation_id' : 'from_organisation_id';
  const base = q.selectFrom('protection_transfers').where(column, '=', organisationId);
  const [items, total] = await Promise.all([
    base.selectAll().orderBy('requested_at', 'desc').limit(page.limit).offset(page.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

// ---------- statistics ----------

export async function applyStatDelta(q: Scoped, removed: StatFact[], added: StatFact[]) {
  for (const f of removed) {
    await q
      .updateTable('protection_stat_counts')
      .set({ cases: sql`cases - 1` })
      .where('month', '=', f.month)
      .where('province', '=', f.province)
      .where('gender', '=', f.gender)
      .where('age_band', '=', f.ageBand)
      .where('exploitation_type', '=', f.exploitationType)
      .execute();
  }
  if (added.length) {
    await q
      .insertInto(
        'protection_stat_counts',
        added.map((f) => ({ month: f.month, province: f.province, gender: f.gender, age_band: f.ageBand, exploitation_type: f.exploitationType, cases: 1 })),
      )
      .onConflict((oc) =>
        oc.columns(['network_id', 'month', 'province', 'gender', 'age_band', 'exploitation_type']).doUpdateSet({ cases: sql`protection_stat_counts.cases + 1` }),
      )
      .execute();
  }
}

const DIMENSION_COLUMNS = {
  month: 'month',
  province: 'province',
  exploitationType: 'exploitation_type',
  gender: 'gender',
  ageBand: 'age_band',
} as const;

/** Counts of consented cases by month and by the categories of one dimension (for `month`, by month alone). */
export async function statCells(q: Scoped, dimension: keyof typeof DIMENSION_COLUMNS, wholeCase: string) {
  const column = DIMENSION_COLUMNS[dimension];
  const rows = await q
    .selectFrom('protection_stat_counts')
    .select([sql<string>`month::text`.as('month'), sql<string>`${sql.ref(column)}::text`.as('key'), sql<number>`sum(cases)::int`.as('n')])
    .where('exploitation_type', dimension === 'exploitationType' ? '<>' : '=', wholeCase)
    .groupBy(['month', column])
    .having(sql<number>`sum(cases)`, '>', 0)
    .execute();
  return rows.map((r) => ({ dimension, month: r.month, key: r.key, count: Number(r.n) }));
}

// ---------- exports and retention ----------

/** The cases an export covers, with their person: one organisation, or consented cases network-wide. */
export function casesForExport(q: Scoped, filter: { organisationId: string | null; consentedOnly: boolean }) {
  return q
    .selectFrom('protection_cases')
    .innerJoin('protection_persons as p', (j) => j.onRef('p.network_id', '=', 'protection_cases.network_id').onRef('p.id', '=', 'protection_cases.person_id'))
    .selectAll('p')
    .select([
      'protection_cases.id as case_id',
      'protection_cases.reference',
      'protection_cases.status',
      'protection_cases.owner_organisation_id',
      'protection_cases.case_owner_user_id',
      'protection_cases.registered_on',
      'protection_cases.closure_reason_enc',
    ])
    .$if(filter.organisationId !== null, (qb) => qb.where('protection_cases.owner_organisation_id', '=', filter.organisationId!))
    .$if(filter.consentedOnly, (qb) => qb.where(sql<boolean>`jsonb_array_length(protection_cases.stats_facts) > 0`))
    .orderBy('protection_cases.registered_on')
    .execute();
}

export async function journeyCountries(q: Scoped, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return q
    .selectFrom('protection_journey_events')
    .select(['case_id', 'type', 'country'])
    .where('case_id', 'in', caseIds)
    .orderBy(sql`event_date NULLS LAST`)
    .execute();
}

export function expiredClosedCases(q: Scoped, years: number) {
  return q
    .selectFrom('protection_cases')
    .select(['id', 'person_id'])
    .where('anonymised_at', 'is', null)
    .where('closed_at', 'is not', null)
    .where('closed_at', '<', sql<Date>`now() - make_interval(years => ${years})`)
    .limit(500)
    .execute();
}

/** In id order after `afterId`, so that each batch moves on even past a name that seals to nothing. */
export function personsWithoutDisplayName(q: Scoped, afterId: string | null, limit: number) {
  return q
    .selectFrom('protection_persons')
    .select(['id', 'first_name_enc', 'second_name_enc'])
    .where('display_name_enc', 'is', null)
    .$if(afterId !== null, (qb) => qb.where('id', '>', afterId!))
    .orderBy('id')
    .where((eb) => eb.or([eb('first_name_enc', 'is not', null), eb('second_name_enc', 'is not', null)]))
    .limit(limit)
    .execute();
}

/** Only where still missing: a person saved meanwhile already carries the name it was saved with. */
export async function setMissingDisplayName(q: Scoped, personId: string, sealed: string | null) {
  await q.updateTable('protection_persons').set({ display_name_enc: sealed }).where('id', '=', personId).where('display_name_enc', 'is', null).execute();
}

export async function anonymiseCase(q: Scoped, caseId: string, personId: string) {
  await q
    .updateTable('protection_persons')
    .set({
      first_name_enc: null, middle_name_enc: null, second_name_enc: null, display_name_enc: null, guardian_name_enc: null, identity_number_enc: null,
      birth_date_enc: null, phone_enc: null, email_enc: null, address_enc: null, identity_index: null, name_index: null,
      perpetrator_details_enc: null, anonymised_at: new Date(), updated_at: new Date(),
    })
    .where('id', '=', personId)
    .execute();
  await q
    .updateTable('protection_cases')
    .set({ screening_notes_enc: null, assessment_notes_enc: null, closure_reason_enc: null, anonymised_at: new Date(), version: sql`version + 1` })
    .where('id', '=', caseId)
    .execute();
  await q.updateTable('protection_case_notes').set({ body_enc: null }).where('case_id', '=', caseId).execute();
  await q.updateTable('protection_journey_events').set({ description_enc: null }).where('case_id', '=', caseId).execute();
  await q.updateTable('protection_support_plans').set({ objectives_enc: null, action_plan_enc: null }).where('case_id', '=', caseId).execute();
  await q
    .updateTable('protection_referrals')
    .set({ shared_snapshot_enc: null, message_enc: null, decline_reason_enc: null, feedback_enc: null })
    .where('case_id', '=', caseId)
    .execute();
  await q.updateTable('protection_transfers').set({ reason_enc: null }).where('case_id', '=', caseId).execute();
  await q.updateTable('protection_break_glass').set({ reason_enc: '' }).where('case_id', '=', caseId).execute();
}

// ---------- history ----------

/** Support plans ending within `days` on the cases a list shows, for the work queue. */
export function supportPlansDue(q: Scoped, visibility: CaseVisibility, days: number) {
  return q
    .selectFrom('protection_support_plans')
    .innerJoin('protection_cases', (j) =>
      j.onRef('protection_cases.network_id', '=', 'protection_support_plans.network_id').onRef('protection_cases.id', '=', 'protection_support_plans.case_id'),
    )
    .select(['protection_cases.id', 'protection_cases.reference', 'protection_support_plans.planned_end_date'])
    .$if(visibility.organisationId !== null, (qb) => qb.where('protection_cases.owner_organisation_id', '=', visibility.organisationId!))
    .$if(visibility.assignedUserId !== null, (qb) => qb.where('protection_cases.case_owner_user_id', '=', visibility.assignedUserId!))
    .where('protection_support_plans.actual_end_date', 'is', null)
    .where('protection_support_plans.planned_end_date', '<=', sql<string>`CURRENT_DATE + ${days}::int`)
    .where('protection_cases.stage', '<>', 'closed')
    .orderBy('protection_support_plans.planned_end_date')
    .limit(50)
    .execute();
}

export function closuresAwaiting(q: Scoped, organisationId: string) {
  return q
    .selectFrom('protection_cases')
    .select(['id', 'reference', 'updated_at'])
    .where('owner_organisation_id', '=', organisationId)
    .where('stage', '=', 'closure_requested')
    .orderBy('updated_at')
    .limit(50)
    .execute();
}

export function caseHistory(q: Scoped, caseId: string) {
  return q
    .selectFrom('audit_log')
    .leftJoin('users as u', (j) => j.onRef('u.network_id', '=', 'audit_log.network_id').onRef('u.id', '=', 'audit_log.actor_user_id'))
    .select(['audit_log.seq', 'audit_log.at', 'audit_log.action', 'audit_log.fields', 'u.display_name'])
    .where('audit_log.entity', '=', 'case')
    .where('audit_log.entity_id', '=', caseId)
    .orderBy('audit_log.seq', 'desc')
    .limit(500)
    .execute();
}
