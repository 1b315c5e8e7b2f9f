import type { z } from 'zod';
import { Permission } from '../../../common/permissions';
import type {
  Application,
  ApplicationApproval,
  ApplicationInput,
  ApplicationQuery,
  ApplicationRejection,
  ApplicationReview,
  DirectoryEntry,
  DirectoryQuery,
  DOCUMENT_KINDS,
  GovernanceDocument,
  MembershipInput,
  MembershipUpdate,
  WorkingGroupInput,
  WorkingGroupSummary,
  WorkingGroupUpdate,
} from '../../../common/schemas/network';
import { hasPermission, requireAccess, type Actor } from '../../platform/access';
import { changedFields, command, type RequestContext } from '../../platform/context';
import type { Executor } from '../../platform/database/tenant';
import { AppError, fieldError } from '../../platform/errors';
import { notify } from '../../platform/notifications';
import * as repo from './repository';
import { iso, isoOrNull, pakistanDate } from './time';
import { msg } from './messages';

type Page<T> = { items: T[]; total: number; limit: number; offset: number };

// ---- Directory and membership -------------------------------------------------------------

function toDirectoryEntry(row: repo.DirectoryRow, today: string): DirectoryEntry {
  return {
    membershipId: row.id,
    organisationId: row.organisation_id,
    nameEn: row.name_en,
    nameUr: row.name_ur,
    acronym: row.acronym,
    type: row.type,
    sector: row.sector,
    role: row.role,
    joinedOn: row.joined_on,
    leftOn: row.left_on,
    active: row.joined_on <= today && (row.left_on === null || row.left_on > today),
    focalPoint: row.fp_id ? { id: row.fp_id, displayName: row.fp_name!, email: row.fp_email! } : null,
    alternate: row.alt_id ? { id: row.alt_id, displayName: row.alt_name!, email: row.alt_email! } : null,
    gcmObjectives: row.gcm_objectives,
    provinces: row.provinces,
    version: row.version,
  };
}

export async function listDirectory(ctx: RequestContext, query: DirectoryQuery): Promise<Page<DirectoryEntry>> {
  requireAccess(ctx.actor, Permission.DirectoryRead);
  const today = pakistanDate();
  const { rows, total } = await repo.listDirectory(ctx.db, ctx.actor!.networkId, { ...query, today }, query);
  return { items: rows.map((r) => toDirectoryEntry(r, today)), total, limit: query.limit, offset: query.offset };
}

/** The whole filtered directory, for the CSV and XLSX exports. */
export async function directoryForExport(ctx: RequestContext, query: Omit<DirectoryQuery, 'limit' | 'offset'>): Promise<DirectoryEntry[]> {
  requireAccess(ctx.actor, Permission.DirectoryRead);
  const today = pakistanDate();
  const { rows } = await repo.listDirectory(ctx.db, ctx.actor!.networkId, { ...query, today });
  return rows.map((r) => toDirectoryEntry(r, today));
}

/** A focal point or alternate must work for the member organisation. */
async function checkPeopleOfOrganisation(db: Executor, networkId: string, organisationId: string, people: Record<string, string | null | undefined>) {
  const ids = Object.values(people).filter((v): v is string => !!v);
  const users = await repo.findUsersOfNetwork(db, networkId, ids);
  for (const [field, id] of Object.entries(people)) {
    if (!id) continue;
    const user = users.find((u) => u.id === id);
    if (!user || user.organisation_id !== organisationId) throw AppError.field(field, msg('network.membership.person-not-member'));
  }
}

async function refuseOverlap(db: Executor, networkId: string, organisationId: string, from: string, to: string | null, excludeId?: string) {
  if (to !== null && to < from) throw AppError.field('leftOn', msg('network.membership.left-before-joined'));
  const clash = await repo.overlappingMemberships(db, networkId, organisationId, from, to, excludeId);
  if (clash.length > 0) {
    throw new AppError(409, 'membership-overlap', 'Overlapping membership', msg('network.membership.overlap'), [
      fieldError('joinedOn', clash[0].left_on ? msg('network.membership.overlaps-period', { from: clash[0].joined_on, to: clash[0].left_on }) : msg('network.membership.overlaps-from', { from: clash[0].joined_on })),
    ]);
  }
}

export async function createMembership(ctx: RequestContext, input: z.infer<typeof MembershipInput>): Promise<DirectoryEntry> {
  requireAccess(ctx.actor, Permission.MembershipApprove);
  return command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    if (!(await repo.findOrganisation(tx.db, networkId, input.organisationId))) throw AppError.field('organisationId', msg('network.organisation.unknown'));
    await checkPeopleOfOrganisation(tx.db, networkId, input.organisationId, { focalPointUserId: input.focalPointUserId, alternateUserId: input.alternateUserId });
    await refuseOverlap(tx.db, networkId, input.organisationId, input.joinedOn, input.leftOn ?? null);
    const row = await repo.insertMembership(tx.db, networkId, {
      organisation_id: input.organisationId,
      role: input.role,
      sector: input.sector ?? null,
      joined_on: input.joinedOn,
      left_on: input.leftOn ?? null,
      focal_point_user_id: input.focalPointUserId ?? null,
      alternate_user_id: input.alternateUserId ?? null,
      gcm_objectives: input.gcmObjectives,
      provinces: input.provinces,
      updated_at: new Date(),
    });
    await tx.audit({ action: 'network.membership.create', entity: 'network_membership', entityId: row.id, fields: changedFields(input) });
    return toDirectoryEntry((await repo.findDirectoryEntry(tx.db, networkId, row.id))!, pakistanDate());
  });
}

export async function updateMembership(ctx: RequestContext, id: string, input: z.infer<typeof MembershipUpdate>): Promise<DirectoryEntry> {
  requireAccess(ctx.actor, Permission.MembershipApprove);
  return command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    const current = await repo.findMembership(tx.db, networkId, id);
    if (!current) throw AppError.notFound('Membership');
    await checkPeopleOfOrganisation(tx.db, networkId, current.organisation_id, { focalPointUserId: input.focalPointUserId, alternateUserId: input.alternateUserId });
    if (input.leftOn !== undefined) await refuseOverlap(tx.db, networkId, current.organisation_id, current.joined_on, input.leftOn, id);
    const { version, ...changes } = input;
    const updated = await repo.updateMembership(tx.db, networkId, id, version, {
      role: changes.role,
      sector: changes.sector,
      left_on: changes.leftOn,
      focal_point_user_id: changes.focalPointUserId,
      alternate_user_id: changes.alternateUserId,
      gcm_objectives: changes.gcmObjectives,
      provinces: changes.provinces,
    });
    const entry = toDirectoryEntry((await repo.findDirectoryEntry(tx.db, networkId, id))!, pakistanDate());
    if (!updated) throw AppError.staleVersion(current.version, entry);
    await tx.audit({ action: 'network.membership.update', entity: 'network_membership', entityId: id, fields: changedFields(changes) });
    return entry;
  });
}

/** Every membership period of one organisation, newest first: its history in the network. */
export async function membershipHistory(ctx: RequestContext, organisationId: string): Promise<DirectoryEntry[]> {
  requireAccess(ctx.actor, Permission.DirectoryRead);
  const today = pakistanDate();
  const { rows } = await repo.listDirectory(ctx.db, ctx.actor!.networkId, { includeFormer: true, today });
  return rows.filter((r) => r.organisation_id === organisationId).map((r) => toDirectoryEntry(r, today));
}

export async function listPeople(ctx: RequestContext, organisationId?: string) {
  requireAccess(ctx.actor, Permission.DirectoryRead);
  const rows = await repo.listPeople(ctx.db, ctx.actor!.networkId, organisationId);
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, organisationId: r.organisation_id }));
}

// ---- Membership applications -------------------------------------------------------------

function toApplication(row: repo.ApplicationRow): Application {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    requestedRole: row.requested_role,
    sector: row.sector,
    motivation: row.motivation,
    gcmObjectives: row.gcm_objectives,
    provinces: row.provinces,
    status: row.status,
    reviewNote: row.review_note,
    decisionReason: row.decision_reason,
    membershipId: row.membership_id,
    createdAt: iso(row.created_at),
    decidedAt: isoOrNull(row.decided_at),
    version: row.version,
  };
}

/** Reviewers see every application; an applicant organisation sees its own. */
export async function listApplications(ctx: RequestContext, query: z.infer<typeof ApplicationQuery>): Promise<Page<Application>> {
  const scope = hasPermission(ctx.actor, Permission.MembershipReview) ? requireAccess(ctx.actor, Permission.MembershipReview) : requireAccess(ctx.actor, Permission.MembershipApply);
  const actor = ctx.actor!;
  const organisationId = scope === 'network' && hasPermission(actor, Permission.MembershipReview) ? null : actor.organisationId;
  const { rows, total } = await repo.listApplications(ctx.db, actor.networkId, { ...query, organisationId });
  return { items: rows.map(toApplication), total, limit: query.limit, offset: query.offset };
}

export async function applyForMembership(ctx: RequestContext, input: z.infer<typeof ApplicationInput>): Promise<Application> {
  requireAccess(ctx.actor, Permission.MembershipApply);
  return command(ctx, async (tx) => {
    const { networkId, organisationId, userId } = tx.actor;
    if (await repo.activeMembershipOf(tx.db, networkId, organisationId, pakistanDate())) throw AppError.conflict(msg('network.application.already-member'));
    if (await repo.pendingApplicationOf(tx.db, networkId, organisationId)) throw AppError.conflict(msg('network.application.pending'));
    await checkPeopleOfOrganisation(tx.db, networkId, organisationId, { focalPointUserId: input.focalPointUserId });
    const row = await repo.insertApplication(tx.db, networkId, {
      organisation_id: organisationId,
      requested_role: input.requestedRole,
      sector: input.sector ?? null,
      motivation: input.motivation,
      gcm_objectives: input.gcmObjectives,
      provinces: input.provinces,
      focal_point_user_id: input.focalPointUserId ?? userId,
      submitted_by: userId,
      review_note: null,
      reviewed_by: null,
      reviewed_at: null,
      decided_by: null,
      decided_at: null,
      decision_reason: null,
      membership_id: null,
    });
    await tx.audit({ action: 'network.application.submit', entity: 'membership_application', entityId: row.id, fields: changedFields(input) });
    return toApplication((await repo.findApplication(tx.db, networkId, row.id))!);
  });
}

async function openApplication(db: Executor, networkId: string, id: string, version: number) {
  const current = await repo.findApplication(db, networkId, id);
  if (!current) throw AppError.notFound('Application');
  if (current.version !== version) throw AppError.staleVersion(current.version, toApplication(current));
  if (current.status === 'approved' || current.status === 'rejected') throw AppError.conflict(msg(current.status === 'approved' ? 'network.application.already-approved' : 'network.application.already-rejected'));
  return current;
}

export async function reviewApplication(ctx: RequestContext, id: string, input: z.infer<typeof ApplicationReview>): Promise<Application> {
  requireAccess(ctx.actor, Permission.MembershipReview);
  return command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    await openApplication(tx.db, networkId, id, input.version);
    const updated = await repo.updateApplication(tx.db, networkId, id, input.version, {
      status: 'under_review',
      review_note: input.note,
      reviewed_by: tx.actor.userId,
      reviewed_at: new Date(),
    });
    if (!updated) throw AppError.conflict(msg('network.application.changed'));
    await tx.audit({ action: 'network.application.review', entity: 'membership_application', entityId: id, fields: ['note', 'status'] });
    return toApplication((await repo.findApplication(tx.db, networkId, id))!);
  });
}

export async function approveApplication(ctx: RequestContext, id: string, input: z.infer<typeof ApplicationApproval>): Promise<Application> {
  requireAccess(ctx.actor, Permission.MembershipApprove);
  return command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    const application = await openApplication(tx.db, networkId, id, input.version);
    const joinedOn = input.joinedOn ?? pakistanDate();
    await refuseOverlap(tx.db, networkId, application.organisation_id, joinedOn, null);
    const membership = await repo.insertMembership(tx.db, networkId, {
      organisation_id: application.organisation_id,
      role: application.requested_role,
      sector: application.sector,
      joined_on: joinedOn,
      left_on: null,
      focal_point_user_id: application.focal_point_user_id,
      alternate_user_id: null,
      gcm_objectives: application.gcm_objectives,
      provinces: application.provinces,
      updated_at: new Date(),
    });
    const updated = await repo.updateApplication(tx.db, networkId, id, input.version, {
      status: 'approved',
      decided_by: tx.actor.userId,
      decided_at: new Date(),
      membership_id: membership.id,
    });
    if (!updated) throw AppError.conflict(msg('network.application.changed'));
    await notify(tx.db, ctx.services.mailer, ctx.services.config.publicUrl, {
      networkId,
      userIds: [application.submitted_by],
      kind: 'network.membership.approved',
      params: { organisation: application.organisation_name },
      link: '/network/applications',
    });
    await tx.audit({ action: 'network.application.approve', entity: 'membership_application', entityId: id, fields: ['status', 'membershipId'] });
    await tx.audit({ action: 'network.membership.create', entity: 'network_membership', entityId: membership.id, fields: ['organisationId', 'role', 'joinedOn'] });
    return toApplication((await repo.findApplication(tx.db, networkId, id))!);
  });
}

export async function rejectApplication(ctx: RequestContext, id: string, input: z.infer<typeof ApplicationRejection>): Promise<Application> {
  requireAccess(ctx.actor, Permission.MembershipApprove);
  if (input.reason.length === 0) throw AppError.field('reason', msg('network.application.reason-needed'));
  return command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    const application = await openApplication(tx.db, networkId, id, input.version);
    const updated = await repo.updateApplication(tx.db, networkId, id, input.version, {
      status: 'rejected',
      decided_by: tx.actor.userId,
      decided_at: new Date(),
      decision_reason: input.reason,
    });
    if (!updated) throw AppError.conflict(msg('network.application.changed'));
    await notify(tx.db, ctx.services.mailer, ctx.services.config.publicUrl, {
      networkId,
      userIds: [application.submitted_by],
      kind: 'network.membership.rejected',
      params: { organisation: application.organisation_name },
      link: '/network/applications',
    });
    await tx.audit({ action: 'network.application.reject', entity: 'membership_application', entityId: id, fields: ['status', 'reason'] });
    return toApplication((await repo.findApplication(tx.db, networkId, id))!);
  });
}

// ---- Working groups -----------------------------------------------------------------------

/** The secretariat edits every working group; a co-chair edits their own. */
export async function canEditWorkingGroup(db: Executor, actor: Actor, groupId: string): Promise<boolean> {
  return hasPermission(actor, Permission.WorkingGroupsManage) || repo.isCoChair(db, actor.networkId, groupId, actor.userId);
}

async function describeWorkingGroups(db: Executor, actor: Actor, groups: Awaited<ReturnType<typeof repo.listWorkingGroups>>): Promise<WorkingGroupSummary[]> {
  const ids = groups.map((g) => g.id);
  const [members, coChairs] = await Promise.all([repo.workingGroupMembers(db, actor.networkId, ids), repo.workingGroupCoChairs(db, actor.networkId, ids)]);
  const manager = hasPermission(actor, Permission.WorkingGroupsManage);
  return groups.map((g) => {
    const chairs = coChairs.filter((c) => c.working_group_id === g.id);
    return {
      id: g.id,
      nameEn: g.name_en,
      nameUr: g.name_ur,
      description: g.description,
      gcmObjectives: g.gcm_objectives,
      members: members.filter((m) => m.working_group_id === g.id).map((m) => ({ organisationId: m.id, nameEn: m.name_en, nameUr: m.name_ur })),
      coChairs: chairs.map((c) => ({ userId: c.id, displayName: c.display_name, organisationId: c.organisation_id })),
      canEdit: manager || chairs.some((c) => c.id === actor.userId),
      version: g.version,
    };
  });
}

export async function listWorkingGroups(ctx: RequestContext): Promise<WorkingGroupSummary[]> {
  requireAccess(ctx.actor, Permission.DirectoryRead);
  return describeWorkingGroups(ctx.db, ctx.actor!, await repo.listWorkingGroups(ctx.db, ctx.actor!.networkId));
}

export async function getWorkingGroup(ctx: RequestContext, id: string): Promise<WorkingGroupSummary> {
  requireAccess(ctx.actor, Permission.DirectoryRead);
  const group = await repo.findWorkingGroup(ctx.db, ctx.actor!.networkId, id);
  if (!group) throw AppError.notFound('Working group');
  return (await describeWorkingGroups(ctx.db, ctx.actor!, [group]))[0];
}

async function checkGroupReferences(db: Executor, networkId: string, organisationIds: string[] | undefined, userIds: string[] | undefined) {
  if (organisationIds && (await repo.countOrganisations(db, networkId, [...new Set(organisationIds)])) !== new Set(organisationIds).size) {
    throw AppError.field('memberOrganisationIds', msg('network.workplan.partner-unknown'));
  }
  if (userIds && (await repo.findUsersOfNetwork(db, networkId, [...new Set(userIds)])).length !== new Set(userIds).size) {
    throw AppError.field('coChairUserIds', msg('network.working-group.co-chair-unknown'));
  }
}

export async function createWorkingGroup(ctx: RequestContext, input: z.infer<typeof WorkingGroupInput>): Promise<WorkingGroupSummary> {
  requireAccess(ctx.actor, Permission.WorkingGroupsManage);
  return command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    await checkGroupReferences(tx.db, networkId, input.memberOrganisationIds, input.coChairUserIds);
    const row = await repo.insertWorkingGroup(tx.db, networkId, {
      name_en: input.nameEn,
      name_ur: input.nameUr,
      description: input.description,
      gcm_objectives: input.gcmObjectives,
      updated_at: new Date(),
    });
    await repo.replaceWorkingGroupMembers(tx.db, networkId, row.id, [...new Set(input.memberOrganisationIds)]);
    await repo.replaceCoChairs(tx.db, networkId, row.id, [...new Set(input.coChairUserIds)]);
    await tx.audit({ action: 'network.working_group.create', entity: 'working_group', entityId: row.id, fields: changedFields(input) });
    return (await describeWorkingGroups(tx.db, tx.actor, [(await repo.findWorkingGroup(tx.db, networkId, row.id))!]))[0];
  });
}

export async function updateWorkingGroup(ctx: RequestContext, id: string, input: z.infer<typeof WorkingGroupUpdate>): Promise<WorkingGroupSummary> {
  requireAccess(ctx.actor, Permission.DirectoryRead);
  return command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    const current = await repo.findWorkingGroup(tx.db, networkId, id);
    if (!current) throw AppError.notFound('Working group');
    if (!(await canEditWorkingGroup(tx.db, tx.actor, id))) throw AppError.forbidden(msg('network.working-group.edit-forbidden'));
    if (input.coChairUserIds !== undefined && !hasPermission(tx.actor, Permission.WorkingGroupsManage)) {
      throw AppError.forbidden(msg('network.working-group.co-chairs-by-secretariat'));
    }
    await checkGroupReferences(tx.db, networkId, input.memberOrganisationIds, input.coChairUserIds);
    const { version, memberOrganisationIds, coChairUserIds, ...changes } = input;
    const updated = await repo.updateWorkingGroup(tx.db, networkId, id, version, {
      name_en: changes.nameEn,
      name_ur: changes.nameUr,
      description: changes.description,
      gcm_objectives: changes.gcmObjectives,
    });
    if (!updated) throw AppError.staleVersion(current.version, (await describeWorkingGroups(tx.db, tx.actor, [current]))[0]);
    if (memberOrganisationIds) await repo.replaceWorkingGroupMembers(tx.db, networkId, id, [...new Set(memberOrganisationIds)]);
    if (coChairUserIds) await repo.replaceCoChairs(tx.db, networkId, id, [...new Set(coChairUserIds)]);
    await tx.audit({ action: 'network.working_group.update', entity: 'working_group', entityId: id, fields: changedFields({ ...changes, memberOrganisationIds, coChairUserIds }) });
    return (await describeWorkingGroups(tx.db, tx.actor, [(await repo.findWorkingGroup(tx.db, networkId, id))!]))[0];
  });
}

// ---- Governance documents -------------------------------------------------------------------

export interface Upload {
  filename: string;
  data: Buffer;
  fields: Record<string, string>;
}

export async function listDocuments(ctx: RequestContext, workingGroupId?: string): Promise<GovernanceDocument[]> {
  requireAccess(ctx.actor, Permission.DirectoryRead);
  const networkId = ctx.actor!.networkId;
  const documents = await repo.listDocuments(ctx.db, networkId, workingGroupId);
  const versions = await repo.documentVersions(ctx.db, networkId, documents.map((d) => d.id));
  return documents.map((d) => ({
    id: d.id,
    kind: d.kind,
    title: d.title,
    workingGroupId: d.working_group_id,
    versions: versions
      .filter((v) => v.document_id === d.id)
      .map((v) => ({
        id: v.id,
        number: v.number,
        fileName: v.file_name,
        contentType: v.content_type,
        size: Number(v.size),
        note: v.note,
        isCurrent: v.is_current,
        uploadedAt: iso(v.uploaded_at),
      })),
  }));
}

/** The secretariat manages governance documents; a co-chair manages their working group's ToR. */
async function requireDocumentEditor(db: Executor, actor: Actor, workingGroupId: string | null) {
  if (hasPermission(actor, Permission.GovernanceDocumentsManage)) return;
  if (workingGroupId && (await repo.isCoChair(db, actor.networkId, workingGroupId, actor.userId))) return;
  throw AppError.forbidden();
}

async function documentById(ctx: RequestContext, id: string) {
  return (await listDocuments(ctx)).find((d) => d.id === id)!;
}

export async function createDocument(ctx: RequestContext, upload: Upload): Promise<GovernanceDocument> {
  requireAccess(ctx.actor, Permission.DirectoryRead);
  const kind = upload.fields.kind as (typeof DOCUMENT_KINDS)[number];
  const title = (upload.fields.title ?? '').trim();
  const workingGroupId = upload.fields.workingGroupId || null;
  if (!['terms_of_reference', 'governance', 'working_group_tor'].includes(kind)) throw AppError.field('kind', msg('network.document.kind'));
  if (!title || title.length > 300) throw AppError.field('title', msg('network.document.title'));
  if ((kind === 'working_group_tor') !== (workingGroupId !== null)) throw AppError.field('workingGroupId', msg('network.document.working-group-rule'));
  if (workingGroupId && !/^[0-9a-f-]{36}$/i.test(workingGroupId)) throw AppError.field('workingGroupId', msg('network.document.invalid-id'));
  const id = await command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    if (workingGroupId && !(await repo.findWorkingGroup(tx.db, networkId, workingGroupId))) throw AppError.field('workingGroupId', msg('network.working-group.unknown'));
    await requireDocumentEditor(tx.db, tx.actor, workingGroupId);
    const document = await repo.insertDocument(tx.db, networkId, { kind, title, working_group_id: workingGroupId });
    const file = await ctx.services.files.store(tx.db, { networkId, organisationId: tx.actor.organisationId, uploadedBy: tx.actor.userId, name: upload.filename, data: upload.data, sensitive: false });
    await repo.addDocumentVersion(tx.db, networkId, document.id, file.id, tx.actor.userId, upload.fields.note?.trim() || null);
    await tx.audit({ action: 'network.document.create', entity: 'governance_document', entityId: document.id, fields: ['kind', 'title', 'file'] });
    return document.id;
  });
  return documentById(ctx, id);
}

export async function addDocumentVersion(ctx: RequestContext, documentId: string, upload: Upload): Promise<GovernanceDocument> {
  requireAccess(ctx.actor, Permission.DirectoryRead);
  await command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    const document = await repo.findDocument(tx.db, networkId, documentId);
    if (!document) throw AppError.notFound('Document');
    await requireDocumentEditor(tx.db, tx.actor, document.working_group_id);
    const file = await ctx.services.files.store(tx.db, { networkId, organisationId: tx.actor.organisationId, uploadedBy: tx.actor.userId, name: upload.filename, data: upload.data, sensitive: false });
    const version = await repo.addDocumentVersion(tx.db, networkId, documentId, file.id, tx.actor.userId, upload.fields.note?.trim() || null);
    await tx.audit({ action: 'network.document.version', entity: 'governance_document', entityId: documentId, fields: ['file', `version:${version.number}`] });
  });
  return documentById(ctx, documentId);
}

export async function markCurrentVersion(ctx: RequestContext, documentId: string, versionId: string): Promise<GovernanceDocument> {
  requireAccess(ctx.actor, Permission.DirectoryRead);
  await command(ctx, async (tx) => {
    const document = await repo.findDocument(tx.db, tx.actor.networkId, documentId);
    if (!document) throw AppError.notFound('Document');
    await requireDocumentEditor(tx.db, tx.actor, document.working_group_id);
    if (!(await repo.markCurrentVersion(tx.db, tx.actor.networkId, documentId, versionId))) throw AppError.notFound('Document version');
    await tx.audit({ action: 'network.document.current', entity: 'governance_document', entityId: documentId, fields: ['isCurrent'] });
  });
  return documentById(ctx, documentId);
}

export async function downloadDocumentVersion(ctx: RequestContext, documentId: string, versionId: string) {
  requireAccess(ctx.actor, Permission.DirectoryRead);
  const version = await repo.findDocumentVersion(ctx.db, ctx.actor!.networkId, documentId, versionId);
  if (!version) throw AppError.notFound('Document version');
  return ctx.services.files.read(ctx.db, ctx.actor!.networkId, version.file_id);
}
