import { sql } from 'kysely';
import { scoped, type Executor } from '../../platform/database/tenant';
import type { NewRow, RowUpdate } from '../../platform/database/schema';

export interface MeetingFilter {
  kind?: string;
  workingGroupId?: string;
  from?: string;
  to?: string;
  isPublic?: boolean;
  /** Limits the list to public meetings and those the organisation was invited to or attended. */
  visibleToOrganisationId?: string | null;
}

function meetingQuery(db: Executor, networkId: string, f: MeetingFilter) {
  return scoped(db, networkId)
    .selectFrom('meetings')
    .$if(!!f.kind, (qb) => qb.where('kind', '=', f.kind as never))
    .$if(!!f.workingGroupId, (qb) => qb.where('working_group_id', '=', f.workingGroupId!))
    .$if(!!f.from, (qb) => qb.where('starts_at', '>=', sql<Date>`(${f.from}::date)::timestamp AT TIME ZONE 'Asia/Karachi'`))
    .$if(!!f.to, (qb) => qb.where('starts_at', '<', sql<Date>`(${f.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Karachi'`))
    .$if(f.isPublic !== undefined, (qb) => qb.where('is_public', '=', f.isPublic!))
    .$if(!!f.visibleToOrganisationId, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('is_public', '=', true),
          eb.exists(
            eb
              .selectFrom('meeting_invitations')
              .select('meeting_invitations.id')
              .where('meeting_invitations.network_id', '=', networkId)
              .whereRef('meeting_invitations.meeting_id', '=', 'meetings.id')
              .where('meeting_invitations.organisation_id', '=', f.visibleToOrganisationId!),
          ),
          eb.exists(
            eb
              .selectFrom('meeting_attendance')
              .select('meeting_attendance.meeting_id')
              .where('meeting_attendance.network_id', '=', networkId)
              .whereRef('meeting_attendance.meeting_id', '=', 'meetings.id')
              .where('meeting_attendance.organisation_id', '=', f.visibleToOrganisationId!),
          ),
        ]),
      ),
    );
}

export async function listMeetings(db: Executor, networkId: string, f: MeetingFilter, page: { limit: number; offset: number }) {
  const rows = await meetingQuery(db, networkId, f).selectAll().orderBy('starts_at', 'desc').limit(page.limit).offset(page.offset).execute();
  const count = await meetingQuery(db, networkId, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

export function findMeeting(db: Executor, networkId: string, id: string, options: { lock?: boolean } = {}) {
  return scoped(db, networkId)
    .selectFrom('meetings')
    .selectAll()
    .where('id', '=', id)
    .$if(!!options.lock, (qb) => qb.forUpdate())
    .executeTakeFirst();
}

export type MeetingRow = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

/** Another meeting in the same room whose time overlaps [start, end); cancelled meetings free the room. */
export function roomClash(db: Executor, networkId: string, location: string, start: Date, end: Date, excludeId?: string) {
  return scoped(db, networkId)
    .selectFrom('meetings')
    .select(['id', 'title_en', 'starts_at', 'ends_at'])
    .where(sql<boolean>`lower(trim(location)) = lower(trim(${location}))`)
    .where('status', '<>', 'cancelled')
    .where('starts_at', '<', end)
    .where('ends_at', '>', start)
    .$if(!!excludeId, (qb) => qb.where('id', '<>', excludeId!))
    .executeTakeFirst();
}

export function insertMeeting(db: Executor, networkId: string, values: Omit<NewRow<'meetings'>, 'network_id'>) {
  return scoped(db, networkId).insertInto('meetings', values).returning('id').executeTakeFirstOrThrow();
}

export function updateMeeting(db: Executor, networkId: string, id: string, version: number, values: RowUpdate<'meetings'>) {
  return scoped(db, networkId)
    .updateTable('meetings')
    .set({ ...values, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

/** A change that is not an edit of the meeting itself (minutes workflow) still moves its version. */
export function touchMeeting(db: Executor, networkId: string, id: string, values: RowUpdate<'meetings'>) {
  return scoped(db, networkId)
    .updateTable('meetings')
    .set({ ...values, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

export function insertAgendaItems(db: Executor, networkId: string, meetingId: string, items: { title: string; presenter?: string | null }[]) {
  if (items.length === 0) return Promise.resolve([]);
  return scoped(db, networkId)
    .insertInto(
      'meeting_agenda_items',
      items.map((item, index) => ({ meeting_id: meetingId, position: index + 1, title: item.title, presenter: item.presenter ?? null })),
    )
    .execute();
}

export function agendaOf(db: Executor, networkId: string, meetingId: string) {
  return scoped(db, networkId).selectFrom('meeting_agenda_items').selectAll().where('meeting_id', '=', meetingId).orderBy('position').execute();
}

export function findAgendaItem(db: Executor, networkId: string, meetingId: string, itemId: string) {
  return scoped(db, networkId)
    .selectFrom('meeting_agenda_items')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('id', '=', itemId)
    .executeTakeFirst();
}

export function updateAgendaMinutes(db: Executor, networkId: string, itemId: string, version: number, minutes: string) {
  return scoped(db, networkId)
    .updateTable('meeting_agenda_items')
    .set({ minutes, version: sql`version + 1` })
    .where('id', '=', itemId)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

export function invitationsOf(db: Executor, networkId: string, meetingId: string) {
  return scoped(db, networkId).selectFrom('meeting_invitations').selectAll().where('meeting_id', '=', meetingId).orderBy('invited_at').execute();
}

export function insertInvitations(db: Executor, networkId: string, rows: { meeting_id: string; organisation_id: string; user_id: string | null; email: string }[]) {
  if (rows.length === 0) return Promise.resolve([]);
  return scoped(db, networkId)
    .insertInto('meeting_invitations', rows)
    .onConflict((oc) => oc.columns(['network_id', 'meeting_id', 'email']).doNothing())
    .returning(['email', 'organisation_id'])
    .execute();
}

/** Focal point and alternate of each organisation's membership active on a date; they receive invitations. */
export function focalPointsOf(db: Executor, networkId: string, organisationIds: string[], date: string) {
  if (organisationIds.length === 0) return Promise.resolve([]);
  return scoped(db, networkId)
    .selectFrom('network_memberships')
    .innerJoin('users as u', (j) =>
      j
        .onRef('u.network_id', '=', 'network_memberships.network_id')
        .on((eb) => eb.or([eb('u.id', '=', eb.ref('network_memberships.focal_point_user_id')), eb('u.id', '=', eb.ref('network_memberships.alternate_user_id'))])),
    )
    .select(['u.id', 'u.email', 'u.organisation_id', 'network_memberships.organisation_id as membership_organisation_id'])
    .where('network_memberships.organisation_id', 'in', organisationIds)
    .where('u.status', '=', 'active')
    .where(sql<boolean>`network_memberships.joined_on <= ${date}::date AND (network_memberships.left_on IS NULL OR network_memberships.left_on > ${date}::date)`)
    .execute();
}

export function attendanceOf(db: Executor, networkId: string, meetingId: string) {
  return scoped(db, networkId)
    .selectFrom('meeting_attendance')
    .innerJoin('organisations as o', (j) => j.onRef('o.network_id', '=', 'meeting_attendance.network_id').onRef('o.id', '=', 'meeting_attendance.organisation_id'))
    .select(['meeting_attendance.organisation_id', 'meeting_attendance.attendees', 'o.name_en'])
    .where('meeting_attendance.meeting_id', '=', meetingId)
    .orderBy('o.name_en')
    .execute();
}

export async function replaceAttendance(db: Executor, networkId: string, meetingId: string, rows: { organisationId: string; attendees: string }[]) {
  const q = scoped(db, networkId);
  await q.deleteFrom('meeting_attendance').where('meeting_id', '=', meetingId).execute();
  if (rows.length) {
    await q.insertInto('meeting_attendance', rows.map((r) => ({ meeting_id: meetingId, organisation_id: r.organisationId, attendees: r.attendees }))).execute();
  }
}

export function workingGroupMemberIds(db: Executor, networkId: string, groupId: string) {
  return scoped(db, networkId)
    .selectFrom('working_group_members')
    .select('organisation_id')
    .where('working_group_id', '=', groupId)
    .execute()
    .then((rows) => rows.map((r) => r.organisation_id));
}

export function commentsOf(db: Executor, networkId: string, meetingId: string) {
  return scoped(db, networkId)
    .selectFrom('minutes_comments')
    .innerJoin('users as u', (j) => j.onRef('u.network_id', '=', 'minutes_comments.network_id').onRef('u.id', '=', 'minutes_comments.author_user_id'))
    .select(['minutes_comments.id', 'minutes_comments.agenda_item_id', 'minutes_comments.body', 'minutes_comments.created_at', 'u.display_name'])
    .where('minutes_comments.meeting_id', '=', meetingId)
    .orderBy('minutes_comments.created_at')
    .execute();
}

export function insertComment(db: Executor, networkId: string, values: Omit<NewRow<'minutes_comments'>, 'network_id'>) {
  return scoped(db, networkId).insertInto('minutes_comments', values).returning('id').executeTakeFirstOrThrow();
}

export function amendmentsOf(db: Executor, networkId: string, meetingId: string) {
  return scoped(db, networkId).selectFrom('minutes_amendments').selectAll().where('meeting_id', '=', meetingId).orderBy('number').execute();
}

/** Numbered per meeting; the caller holds the meeting row lock, so numbers never collide. */
export async function insertAmendment(db: Executor, networkId: string, values: Omit<NewRow<'minutes_amendments'>, 'network_id' | 'number'>) {
  const q = scoped(db, networkId);
  const last = await q.selectFrom('minutes_amendments').select((eb) => eb.fn.max('number').as('n')).where('meeting_id', '=', values.meeting_id).executeTakeFirst();
  return q
    .insertInto('minutes_amendments', { ...values, number: Number(last?.n ?? 0) + 1 })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
}

/**
 * The next decision number of the network for a year. One atomic upsert: PostgreSQL locks the
 * counter row, so concurrent requests queue and each gets its own number.
 */
export async function nextDecisionNumber(db: Executor, networkId: string, year: number): Promise<number> {
  const row = await db
    .insertInto('decision_counters')
    .values({ network_id: networkId, year, last_number: 1 })
    .onConflict((oc) => oc.columns(['network_id', 'year']).doUpdateSet({ last_number: sql`decision_counters.last_number + 1` }))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

export function insertDecision(db: Executor, networkId: string, values: Omit<NewRow<'decisions'>, 'network_id'>) {
  return scoped(db, networkId).insertInto('decisions', values).returning('id').executeTakeFirstOrThrow();
}

export interface DecisionFilter {
  meetingId?: string;
  year?: number;
  workingGroupId?: string;
  search?: string;
}

function decisionQuery(db: Executor, networkId: string, f: DecisionFilter) {
  return scoped(db, networkId)
    .selectFrom('decisions')
    .innerJoin('meetings as m', (j) => j.onRef('m.network_id', '=', 'decisions.network_id').onRef('m.id', '=', 'decisions.meeting_id'))
    .$if(!!f.meetingId, (qb) => qb.where('decisions.meeting_id', '=', f.meetingId!))
    .$if(f.year !== undefined, (qb) => qb.where('decisions.year', '=', f.year!))
    .$if(!!f.workingGroupId, (qb) => qb.where('m.working_group_id', '=', f.workingGroupId!))
    .$if(!!f.search, (qb) =>
      qb.where((eb) =>
        eb.or([eb('decisions.text_en', 'ilike', `%${f.search!.replace(/[\\%_]/g, (c) => `\\${c}`)}%`), eb('decisions.number', 'ilike', `%${f.search!.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)]),
      ),
    );
}

export async function listDecisions(db: Executor, networkId: string, f: DecisionFilter, page?: { limit: number; offset: number }) {
  const rows = await decisionQuery(db, networkId, f)
    .selectAll('decisions')
    .select(['m.title_en as meeting_title', 'm.starts_at as meeting_starts_at', 'm.working_group_id'])
    .orderBy('decisions.year', 'desc')
    .orderBy('decisions.sequence', 'desc')
    .$if(!!page, (qb) => qb.limit(page!.limit).offset(page!.offset))
    .execute();
  const count = await decisionQuery(db, networkId, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

export type DecisionRow = Awaited<ReturnType<typeof listDecisions>>['rows'][number];

export function findDecision(db: Executor, networkId: string, id: string) {
  return decisionQuery(db, networkId, {})
    .selectAll('decisions')
    .select(['m.title_en as meeting_title', 'm.starts_at as meeting_starts_at', 'm.working_group_id'])
    .where('decisions.id', '=', id)
    .executeTakeFirst();
}

export function networkCode(db: Executor, networkId: string) {
  return db.selectFrom('networks').select('code').where('id', '=', networkId).executeTakeFirstOrThrow().then((r) => r.code);
}
