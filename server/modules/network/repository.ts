import { sql } from 'kysely';
import { scoped, type Executor } from '../../platform/database/tenant';
import type { NewRow, RowUpdate } from '../../platform/database/schema';

/** `%`, `_` and `\` typed by a user are matched literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Membership active on a date: joined on or before it, and not yet left (left_on is the first day outside). */
const activeOn = (date: string) => sql<boolean>`network_memberships.joined_on <= ${date}::date AND (network_memberships.left_on IS NULL OR network_memberships.left_on > ${date}::date)`;

// ---- Directory and membership -------------------------------------------------------------

export interface DirectoryFilter {
  search?: string;
  role?: string;
  type?: string;
  gcmObjective?: number;
  province?: string;
  includeFormer?: boolean;
  today: string;
}

function directoryQuery(db: Executor, networkId: string, f: DirectoryFilter) {
  return scoped(db, networkId)
    .selectFrom('network_memberships')
    .innerJoin('organisations as o', (j) => j.onRef('o.network_id', '=', 'network_memberships.network_id').onRef('o.id', '=', 'network_memberships.organisation_id'))
    .leftJoin('users as fp', (j) => j.onRef('fp.network_id', '=', 'network_memberships.network_id').onRef('fp.id', '=', 'network_memberships.focal_point_user_id'))
    .leftJoin('users as alt', (j) => j.onRef('alt.network_id', '=', 'network_memberships.network_id').onRef('alt.id', '=', 'network_memberships.alternate_user_id'))
    .$if(!f.includeFormer, (qb) => qb.where(activeOn(f.today)))
    .$if(!!f.role, (qb) => qb.where('network_memberships.role', '=', f.role as never))
    .$if(!!f.type, (qb) => qb.where('o.type', '=', f.type!))
    .$if(f.gcmObjective !== undefined, (qb) => qb.where(sql<boolean>`${f.gcmObjective} = ANY(network_memberships.gcm_objectives)`))
    .$if(!!f.province, (qb) => qb.where(sql<boolean>`${f.province} = ANY(network_memberships.provinces)`))
    .$if(!!f.search, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('o.name_en', 'ilike', likePattern(f.search!)),
          eb('o.name_ur', 'ilike', likePattern(f.search!)),
          eb('o.acronym', 'ilike', likePattern(f.search!)),
          eb('network_memberships.sector', 'ilike', likePattern(f.search!)),
        ]),
      ),
    );
}

const DIRECTORY_COLUMNS = [
  'network_memberships.id',
  'network_memberships.organisation_id',
  'network_memberships.role',
  'network_memberships.sector',
  'network_memberships.joined_on',
  'network_memberships.left_on',
  'network_memberships.gcm_objectives',
  'network_memberships.provinces',
  'network_memberships.version',
  'o.name_en',
  'o.name_ur',
  'o.acronym',
  'o.type',
  'fp.id as fp_id',
  'fp.display_name as fp_name',
  'fp.email as fp_email',
  'alt.id as alt_id',
  'alt.display_name as alt_name',
  'alt.email as alt_email',
] as const;

export async function listDirectory(db: Executor, networkId: string, f: DirectoryFilter, page?: { limit: number; offset: number }) {
  const rows = await directoryQuery(db, networkId, f)
    .select(DIRECTORY_COLUMNS)
    .orderBy('o.name_en')
    .orderBy('network_memberships.joined_on', 'desc')
    .$if(!!page, (qb) => qb.limit(page!.limit).offset(page!.offset))
    .execute();
  const count = await directoryQuery(db, networkId, f).select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.total) };
}

export type DirectoryRow = Awaited<ReturnType<typeof listDirectory>>['rows'][number];

export function findDirectoryEntry(db: Executor, networkId: string, membershipId: string) {
  return directoryQuery(db, networkId, { includeFormer: true, today: '1970-01-01' })
    .select(DIRECTORY_COLUMNS)
    .where('network_memberships.id', '=', membershipId)
    .executeTakeFirst();
}

export function findMembership(db: Executor, networkId: string, id: string) {
  return scoped(db, networkId).selectFrom('network_memberships').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Periods of the organisation that overlap [from, to) (to null = open-ended), other than `excludeId`. */
export function overlappingMemberships(db: Executor, networkId: string, organisationId: string, from: string, to: string | null, excludeId?: string) {
  return scoped(db, networkId)
    .selectFrom('network_memberships')
    .select(['id', 'joined_on', 'left_on'])
    .where('organisation_id', '=', organisationId)
    .$if(!!excludeId, (qb) => qb.where('id', '<>', excludeId!))
    .where(sql<boolean>`joined_on < COALESCE(${to}::date, 'infinity'::date)`)
    .where(sql<boolean>`${from}::date < COALESCE(left_on, 'infinity'::date)`)
    .execute();
}

export async function insertMembership(db: Executor, networkId: string, values: Omit<NewRow<'network_memberships'>, 'network_id'>) {
  return scoped(db, networkId).insertInto('network_memberships', values).returning('id').executeTakeFirstOrThrow();
}

export function updateMembership(db: Executor, networkId: string, id: string, version: number, values: RowUpdate<'network_memberships'>) {
  return scoped(db, networkId)
    .updateTable('network_memberships')
    .set({ ...values, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

/** Organisations that are members (not observers) on a date: the base of the quorum. */
export async function votingMembersOn(db: Executor, networkId: string, date: string): Promise<string[]> {
  const rows = await scoped(db, networkId)
    .selectFrom('network_memberships')
    .select('organisation_id')
    .where('role', '<>', 'observer')
    .where(activeOn(date))
    .execute();
  return [...new Set(rows.map((r) => r.organisation_id))];
}

export async function activeMembershipOf(db: Executor, networkId: string, organisationId: string, date: string) {
  return scoped(db, networkId)
    .selectFrom('network_memberships')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where(activeOn(date))
    .executeTakeFirst();
}

export function findUsersOfNetwork(db: Executor, networkId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return scoped(db, networkId).selectFrom('users').select(['id', 'organisation_id', 'email', 'display_name', 'status']).where('id', 'in', ids).execute();
}

export function findOrganisation(db: Executor, networkId: string, id: string) {
  return scoped(db, networkId).selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function countOrganisations(db: Executor, networkId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve(0);
  return scoped(db, networkId)
    .selectFrom('organisations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', 'in', ids)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

export function listPeople(db: Executor, networkId: string, organisationId?: string) {
  return scoped(db, networkId)
    .selectFrom('users')
    .select(['id', 'display_name', 'organisation_id'])
    .where('status', '=', 'active')
    .$if(!!organisationId, (qb) => qb.where('organisation_id', '=', organisationId!))
    .orderBy('display_name')
    .limit(500)
    .execute();
}

// ---- Applications ----------------------------------------------------------------------

function applicationQuery(db: Executor, networkId: string) {
  return scoped(db, networkId)
    .selectFrom('membership_applications')
    .innerJoin('organisations as o', (j) => j.onRef('o.network_id', '=', 'membership_applications.network_id').onRef('o.id', '=', 'membership_applications.organisation_id'))
    .selectAll('membership_applications')
    .select('o.name_en as organisation_name');
}

export async function listApplications(db: Executor, networkId: string, f: { status?: string; organisationId: string | null; limit: number; offset: number }) {
  const base = scoped(db, networkId)
    .selectFrom('membership_applications')
    .$if(!!f.status, (qb) => qb.where('status', '=', f.status as never))
    .$if(f.organisationId !== null, (qb) => qb.where('organisation_id', '=', f.organisationId!));
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await applicationQuery(db, networkId)
    .$if(!!f.status, (qb) => qb.where('membership_applications.status', '=', f.status as never))
    .$if(f.organisationId !== null, (qb) => qb.where('membership_applications.organisation_id', '=', f.organisationId!))
    .orderBy('membership_applications.created_at', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { rows, total: Number(count.n) };
}

export function findApplication(db: Executor, networkId: string, id: string) {
  return applicationQuery(db, networkId).where('membership_applications.id', '=', id).executeTakeFirst();
}

export type ApplicationRow = NonNullable<Awaited<ReturnType<typeof findApplication>>>;

export function pendingApplicationOf(db: Executor, networkId: string, organisationId: string) {
  return scoped(db, networkId)
    .selectFrom('membership_applications')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('status', 'in', ['submitted', 'under_review'])
    .executeTakeFirst();
}

export function insertApplication(db: Executor, networkId: string, values: Omit<NewRow<'membership_applications'>, 'network_id'>) {
  return scoped(db, networkId).insertInto('membership_applications', values).returning('id').executeTakeFirstOrThrow();
}

export function updateApplication(db: Executor, networkId: string, id: string, version: number, values: RowUpdate<'membership_applications'>) {
  return scoped(db, networkId)
    .updateTable('membership_applications')
    .set({ ...values, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

// ---- Working groups and documents ------------------------------------------------------

export function listWorkingGroups(db: Executor, networkId: string) {
  return scoped(db, networkId).selectFrom('working_groups').selectAll().orderBy('name_en').execute();
}

export function findWorkingGroup(db: Executor, networkId: string, id: string) {
  return scoped(db, networkId).selectFrom('working_groups').selectAll().where('id', '=', id).executeTakeFirst();
}

export function workingGroupMembers(db: Executor, networkId: string, groupIds: string[]) {
  if (groupIds.length === 0) return Promise.resolve([]);
  return scoped(db, networkId)
    .selectFrom('working_group_members')
    .innerJoin('organisations as o', (j) => j.onRef('o.network_id', '=', 'working_group_members.network_id').onRef('o.id', '=', 'working_group_members.organisation_id'))
    .select(['working_group_members.working_group_id', 'o.id', 'o.name_en', 'o.name_ur'])
    .where('working_group_members.working_group_id', 'in', groupIds)
    .orderBy('o.name_en')
    .execute();
}

export function workingGroupCoChairs(db: Executor, networkId: string, groupIds: string[]) {
  if (groupIds.length === 0) return Promise.resolve([]);
  return scoped(db, networkId)
    .selectFrom('working_group_co_chairs')
    .innerJoin('users as u', (j) => j.onRef('u.network_id', '=', 'working_group_co_chairs.network_id').onRef('u.id', '=', 'working_group_co_chairs.user_id'))
    .select(['working_group_co_chairs.working_group_id', 'u.id', 'u.display_name', 'u.organisation_id'])
    .where('working_group_co_chairs.working_group_id', 'in', groupIds)
    .execute();
}

export async function isCoChair(db: Executor, networkId: string, groupId: string, userId: string): Promise<boolean> {
  const row = await scoped(db, networkId)
    .selectFrom('working_group_co_chairs')
    .select('user_id')
    .where('working_group_id', '=', groupId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export function insertWorkingGroup(db: Executor, networkId: string, values: Omit<NewRow<'working_groups'>, 'network_id'>) {
  return scoped(db, networkId).insertInto('working_groups', values).returning('id').executeTakeFirstOrThrow();
}

export function updateWorkingGroup(db: Executor, networkId: string, id: string, version: number, values: RowUpdate<'working_groups'>) {
  return scoped(db, networkId)
    .updateTable('working_groups')
    .set({ ...values, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

export async function replaceWorkingGroupMembers(db: Executor, networkId: string, groupId: string, organisationIds: string[]) {
  const q = scoped(db, networkId);
  await q.deleteFrom('working_group_members').where('working_group_id', '=', groupId).execute();
  if (organisationIds.length) await q.insertInto('working_group_members', organisationIds.map((id) => ({ working_group_id: groupId, organisation_id: id }))).execute();
}

export async function replaceCoChairs(db: Executor, networkId: string, groupId: string, userIds: string[]) {
  const q = scoped(db, networkId);
  await q.deleteFrom('working_group_co_chairs').where('working_group_id', '=', groupId).execute();
  if (userIds.length) await q.insertInto('working_group_co_chairs', userIds.map((id) => ({ working_group_id: groupId, user_id: id }))).execute();
}

export function listDocuments(db: Executor, networkId: string, workingGroupId?: string) {
  return scoped(db, networkId)
    .selectFrom('governance_documents')
    .selectAll()
    .$if(!!workingGroupId, (qb) => qb.where('working_group_id', '=', workingGroupId!))
    .orderBy('created_at')
    .execute();
}

export function findDocument(db: Executor, networkId: string, id: string) {
  return scoped(db, networkId).selectFrom('governance_documents').selectAll().where('id', '=', id).executeTakeFirst();
}

export function documentVersions(db: Executor, networkId: string, documentIds: string[]) {
  if (documentIds.length === 0) return Promise.resolve([]);
  return scoped(db, networkId)
    .selectFrom('governance_document_versions')
    .innerJoin('files as f', (j) => j.onRef('f.network_id', '=', 'governance_document_versions.network_id').onRef('f.id', '=', 'governance_document_versions.file_id'))
    .selectAll('governance_document_versions')
    .select(['f.name as file_name', 'f.content_type', 'f.size'])
    .where('governance_document_versions.document_id', 'in', documentIds)
    .orderBy('governance_document_versions.number', 'desc')
    .execute();
}

export function insertDocument(db: Executor, networkId: string, values: Omit<NewRow<'governance_documents'>, 'network_id'>) {
  return scoped(db, networkId).insertInto('governance_documents', values).returning('id').executeTakeFirstOrThrow();
}

/** Adds a version and makes it the current one; the document row is locked so numbers never collide. */
export async function addDocumentVersion(db: Executor, networkId: string, documentId: string, fileId: string, uploadedBy: string, note: string | null) {
  const q = scoped(db, networkId);
  await q.selectFrom('governance_documents').select('id').where('id', '=', documentId).forUpdate().executeTakeFirstOrThrow();
  const last = await q
    .selectFrom('governance_document_versions')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('document_id', '=', documentId)
    .executeTakeFirst();
  await q.updateTable('governance_document_versions').set({ is_current: false }).where('document_id', '=', documentId).execute();
  return q
    .insertInto('governance_document_versions', {
      document_id: documentId,
      number: Number(last?.n ?? 0) + 1,
      file_id: fileId,
      uploaded_by: uploadedBy,
      note,
      is_current: true,
    })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
}

export async function markCurrentVersion(db: Executor, networkId: string, documentId: string, versionId: string): Promise<boolean> {
  const q = scoped(db, networkId);
  const target = await q.selectFrom('governance_document_versions').select('id').where('document_id', '=', documentId).where('id', '=', versionId).executeTakeFirst();
  if (!target) return false;
  await q.updateTable('governance_document_versions').set({ is_current: false }).where('document_id', '=', documentId).execute();
  await q.updateTable('governance_document_versions').set({ is_current: true }).where('id', '=', versionId).execute();
  return true;
}

export function findDocumentVersion(db: Executor, networkId: string, documentId: string, versionId: string) {
  return scoped(db, networkId)
    .selectFrom('governance_document_versions')
    .selectAll()
    .where('document_id', '=', documentId)
    .where('id', '=', versionId)
    .executeTakeFirst();
}
