import type { z } from 'zod';
import { Permission } from '../../../common/permissions';
import type {
  AssessmentBody,
  BreakGlassBody,
  CaseCreateBody,
  CaseDetail,
  CaseListQuery,
  CaseUpdateBody,
  ClosureDecisionBody,
  ClosureRequestBody,
  ConsentInput,
  JourneyEventBody,
  NoteBody,
  Person,
  PersonInput,
  PersonUpdateBody,
  ScreeningBody,
  ServiceBody,
  SupportPlanBody,
  SupportPlanUpdateBody,
  TeamBody,
} from '../../../common/schemas/protection';
import { grantScope } from '../../../common/permissions';
import { hasPermission, requireAccess, type Actor } from '../../platform/access';
import { changedFields, command, query, type RequestContext, type Tx } from '../../platform/context';
import type { NetworkCipher } from '../../platform/crypto';
import { AppError } from '../../platform/errors';
import type { Upload } from '../../platform/http/uploads';
import { notify } from '../../platform/notifications';
import { msg } from './messages';
import * as repo from './repository';
import { exactNameMatcher, fullName, identityIndex, nameIndex, sealedDisplayName, type NameMatcher } from './search';
import { statDelta, statFacts } from './stats';
import type { CaseStage } from './tables';

export type CaseAccess = 'owner' | 'assigned' | 'break_glass';

const STAGE_ORDER: CaseStage[] = ['registered', 'screened', 'assessment', 'support_plan', 'services', 'follow_up', 'closure_requested', 'closed'];

/** Moves the workflow forward, never back: recording an assessment after a support plan keeps the later stage. */
export function laterStage(current: CaseStage, reached: CaseStage): CaseStage {
  if (current === 'closure_requested' || current === 'closed') return current;
  return STAGE_ORDER.indexOf(reached) > STAGE_ORDER.indexOf(current) ? reached : current;
}

const today = () => new Date().toISOString().slice(0, 10);
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A command's transaction with the network's cipher at hand. */
export type CaseTx = Tx & { cipher: NetworkCipher };

export function caseCommand<T>(ctx: RequestContext, work: (tx: CaseTx) => Promise<T>): Promise<T> {
  return command(ctx, async (tx) => work(Object.assign(tx, { cipher: await ctx.services.keys.forNetwork(tx.db, tx.actor.networkId) })));
}

export async function caseQuery<T>(ctx: RequestContext, work: (tx: CaseTx) => Promise<T>): Promise<T> {
  // Taken before the read, on a writer: a network's first protection request creates its key.
  const cipher = ctx.actor ? await ctx.services.keys.forNetwork(ctx.db, ctx.actor.networkId) : null;
  return query(ctx, (tx) => work(Object.assign(tx, { cipher: cipher! })));
}

// ---------- persons: encryption at the edge of the repository ----------

function personColumns(cipher: NetworkCipher, input: PersonInput) {
  const name = fullName([input.firstName, input.middleName, input.secondName]);
  const birthYear = input.birthDate ? Number(input.birthDate.slice(0, 4)) : (input.birthYear ?? null);
  return {
    first_name_enc: cipher.encrypt(input.firstName),
    middle_name_enc: cipher.encrypt(input.middleName ?? null),
    second_name_enc: cipher.encrypt(input.secondName ?? null),
    display_name_enc: sealedDisplayName(cipher, input.firstName, input.secondName),
    guardian_name_enc: cipher.encrypt(input.guardianName ?? null),
    guardian_relation: input.guardianRelation ?? null,
    identity_number_enc: cipher.encrypt(input.identityNumber ?? null),
    birth_date_enc: cipher.encrypt(input.birthDate ?? null),
    phone_enc: cipher.encrypt(input.phone ?? null),
    email_enc: cipher.encrypt(input.email ?? null),
    address_enc: input.address ? cipher.encrypt(JSON.stringify(input.address)) : null,
    identity_index: identityIndex(cipher, input.identityNumber),
    name_index: nameIndex(cipher, name),
    birth_year: birthYear,
    age_estimated: !input.birthDate && (input.ageEstimated ?? input.birthYear != null),
    gender: input.gender,
    marital_status: input.maritalStatus ?? null,
    primary_language: input.primaryLanguage ?? null,
    secondary_language: input.secondaryLanguage ?? null,
    citizenship: input.citizenship,
    migration_status: input.migrationStatus,
    trafficking_status: input.traffickingStatus ?? null,
    trafficking_status_decided_by: input.traffickingStatusDecidedBy ?? null,
    exploitation_types: input.exploitationTypes,
    forced_labour_industry: input.forcedLabourIndustry ?? null,
    methods_of_control: input.methodsOfControl,
    recruitment_methods: input.recruitmentMethods,
    relationship_to_trafficker: input.relationshipToTrafficker ?? null,
    age_when_trafficked: input.ageWhenTrafficked ?? null,
    vulnerabilities: input.vulnerabilities,
    perpetrator_roles: input.perpetratorRoles,
    perpetrator_details_enc: cipher.encrypt(input.perpetratorDetails ?? null),
  };
}

export type PersonRow = Awaited<ReturnType<typeof repo.person>>;

export function personOf(cipher: NetworkCipher, row: PersonRow): Person {
  return {
    id: row.id,
    firstName: cipher.decrypt(row.first_name_enc),
    middleName: cipher.decrypt(row.middle_name_enc),
    secondName: cipher.decrypt(row.second_name_enc),
    guardianName: cipher.decrypt(row.guardian_name_enc),
    guardianRelation: row.guardian_relation,
    identityNumber: cipher.decrypt(row.identity_number_enc),
    birthDate: cipher.decrypt(row.birth_date_enc),
    birthYear: row.birth_year,
    ageEstimated: row.age_estimated,
    gender: row.gender,
    maritalStatus: row.marital_status,
    primaryLanguage: row.primary_language,
    secondaryLanguage: row.secondary_language,
    citizenship: row.citizenship,
    phone: cipher.decrypt(row.phone_enc),
    email: cipher.decrypt(row.email_enc),
    address: row.address_enc ? JSON.parse(cipher.decrypt(row.address_enc)) : null,
    migrationStatus: row.migration_status,
    traffickingStatus: row.trafficking_status,
    traffickingStatusDecidedBy: row.trafficking_status_decided_by,
    exploitationTypes: row.exploitation_types,
    forcedLabourIndustry: row.forced_labour_industry,
    methodsOfControl: row.methods_of_control,
    recruitmentMethods: row.recruitment_methods,
    relationshipToTrafficker: row.relationship_to_trafficker,
    ageWhenTrafficked: row.age_when_trafficked,
    vulnerabilities: row.vulnerabilities,
    perpetratorRoles: row.perpetrator_roles,
    perpetratorDetails: cipher.decrypt(row.perpetrator_details_enc),
    anonymised: row.anonymised_at !== null,
  };
}

// ---------- need to know ----------

/**
 * How the actor may reach a case, or null. Supervisors (cases.read) reach their organisation's
 * cases; caseworkers (cases.read-assigned) the ones owned by them or their teams; a supervisor who
 * broke the glass reaches that one case, read-only, until the access expires.
 */
export async function caseAccessOf(q: CaseTx['q'], actor: Actor, row: repo.CaseRow): Promise<CaseAccess | null> {
  const full = grantScope(actor.grants, Permission.CasesRead);
  if (full === 'network' || (full === 'own-org' && row.owner_organisation_id === actor.organisationId)) return 'owner';
  const assigned = grantScope(actor.grants, Permission.CasesReadAssigned);
  if (assigned && (assigned === 'network' || row.owner_organisation_id === actor.organisationId)) {
    if (row.case_owner_user_id === actor.userId) return 'assigned';
    if (row.team_id && (await repo.teamIdsOf(q, actor.userId)).includes(row.team_id)) return 'assigned';
  }
  if (hasPermission(actor, Permission.BreakGlass) && (await repo.hasOpenBreakGlass(q, actor.userId, row.id))) return 'break_glass';
  return null;
}

/** The case if the actor may reach it; a 404 otherwise, whether it exists or not. Writes refuse break-the-glass access. */
export async function reachCase(tx: CaseTx, caseId: string, purpose: 'read' | 'write'): Promise<{ row: repo.CaseRow; access: CaseAccess }> {
  const row = await repo.findCase(tx.q, caseId);
  const access = row ? await caseAccessOf(tx.q, tx.actor, row) : null;
  if (!row || !access) throw AppError.notFound('Case');
  if (purpose === 'write') {
    if (access === 'break_glass') throw AppError.forbidden(msg('protection.break-glass.read-only'));
    if (!hasPermission(tx.actor, Permission.CasesWrite)) throw AppError.forbidden();
    if (row.anonymised_at) throw AppError.conflict(msg('protection.case.anonymised'));
  }
  return { row, access };
}

function requireVersion(row: repo.CaseRow, version: number) {
  if (row.version !== version) throw AppError.staleVersion(row.version, { version: row.version, updatedAt: iso(row.updated_at) });
}

/**
 * Updates the case if it is still at `version`, else fails the command with 409 (its transaction
 * rolls back): a version-guarded update whose result is ignored would keep the command's other
 * writes while the case itself stays as the concurrent edit left it.
 */
export async function updateCase(tx: CaseTx, row: repo.CaseRow, version: number, values: Parameters<typeof repo.updateCaseAtVersion>[3]) {
  requireVersion(row, version);
  const updated = await repo.updateCaseAtVersion(tx.q, row.id, version, values);
  if (!updated) {
    const current = await repo.findCase(tx.q, row.id);
    throw AppError.staleVersion(current?.version ?? version, { version: current?.version });
  }
  return updated;
}

/** Recomputes the dashboard cells the case contributes to, after anything they depend on changed. */
export async function refreshStats(q: CaseTx['q'], caseId: string): Promise<void> {
  const row = await repo.findCase(q, caseId);
  if (!row) return;
  const person = await repo.person(q, row.person_id);
  const after = statFacts({
    consented: await repo.hasStatisticsConsent(q, caseId),
    registeredOn: String(row.registered_on),
    province: row.province,
    gender: person.gender,
    birthYear: person.birth_year,
    exploitationTypes: person.exploitation_types,
  });
  const { removed, added } = statDelta(row.stats_facts, after);
  if (removed.length === 0 && added.length === 0) return;
  await repo.applyStatDelta(q, removed, added);
  await repo.setCaseStats(q, caseId, after);
}

async function checkAssignment(tx: CaseTx, organisationId: string, input: { teamId?: string | null; caseOwnerUserId?: string | null }) {
  if (input.teamId) {
    const team = await repo.team(tx.q, input.teamId);
    if (!team || team.organisation_id !== organisationId) throw AppError.field('teamId', msg('protection.case.team-of-owner'));
  }
  if (input.caseOwnerUserId && !(await repo.userInOrganisation(tx.q, input.caseOwnerUserId, organisationId))) {
    throw AppError.field('caseOwnerUserId', msg('protection.case.owner-of-organisation'));
  }
}

/** Only those who see all of the organisation's cases may hand a case to someone else. */
function requireSupervision(actor: Actor) {
  if (!hasPermission(actor, Permission.CasesRead)) throw AppError.forbidden(msg('protection.case.assign-supervisor-only'));
}

async function validateConsents(tx: CaseTx, consents: z.infer<typeof ConsentInput>[]) {
  for (const [i, c] of consents.entries()) {
    if (c.purpose !== 'sharing' && (c.organisationId || c.sharedFields.length)) {
      throw AppError.field(`consents.${i}.sharedFields`, msg('protection.consent.fields-only-for-sharing'));
    }
    if (c.purpose === 'sharing' && c.sharedFields.length === 0) throw AppError.field(`consents.${i}.sharedFields`, msg('protection.consent.choose-fields'));
    if (c.organisationId && !(await repo.organisation(tx.q, c.organisationId))) throw AppError.field(`consents.${i}.organisationId`, msg('protection.organisation.unknown'));
  }
}

function consentRows(caseId: string, actor: Actor, consents: z.infer<typeof ConsentInput>[]) {
  return consents.map((c) => ({
    case_id: caseId,
    purpose: c.purpose,
    organisation_id: c.organisationId ?? null,
    shared_fields: c.sharedFields,
    given_on: c.givenOn,
    recorded_by: actor.userId,
  }));
}

// ---------- cases ----------

export async function createCase(ctx: RequestContext, input: z.infer<typeof CaseCreateBody>) {
  requireAccess(ctx.actor, Permission.CasesWrite);
  return caseCommand(ctx, async (tx) => {
    const actor = tx.actor;
    const assigning = input.teamId || (input.caseOwnerUserId && input.caseOwnerUserId !== actor.userId);
    if (assigning) requireSupervision(actor);
    await checkAssignment(tx, actor.organisationId, input);
    await validateConsents(tx, input.consents);
    const cipher = tx.cipher;
    const org = await repo.organisation(tx.q, actor.organisationId);
    const person = await repo.insertPerson(tx.q, { owner_organisation_id: actor.organisationId, ...personColumns(cipher, input.person), updated_at: new Date() });
    const registeredOn = input.registeredOn ?? today();
    const created = await repo.insertCase(tx.q, {
      reference: caseReference(org?.acronym ?? 'CASE', registeredOn),
      person_id: person.id,
      owner_organisation_id: actor.organisationId,
      case_owner_user_id: input.caseOwnerUserId ?? actor.userId,
      team_id: input.teamId ?? null,
      risk_level: input.riskLevel,
      province: input.province ?? null,
      registered_on: registeredOn,
      updated_at: new Date(),
    });
    await repo.moveCaseCount(tx.q, null, { organisationId: actor.organisationId, status: 'Active' });
    if (input.consents.length) await repo.insertConsents(tx.q, consentRows(created.id, actor, input.consents));
    await refreshStats(tx.q, created.id);
    await tx.audit({ action: 'protection.case.created', entity: 'case', entityId: created.id, fields: ['person', ...changedFields({ ...input, person: undefined })] });
    return readCaseDetail(tx, created.id);
  });
}

/** A case number that says nothing about the person: organisation, year, random part. */
export function caseReference(acronym: string, registeredOn: string): string {
  const prefix = acronym.replace(/[^A-Za-z0-9]/g, '').toUpperCase().slice(0, 8) || 'CASE';
  return `${prefix}-${registeredOn.slice(0, 4)}-${crypto.randomUUID().replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

export async function listCases(ctx: RequestContext, query: z.infer<typeof CaseListQuery>, matcher: NameMatcher = exactNameMatcher) {
  const actor = ctx.actor;
  requireAccess(actor, Permission.CasesReadAssigned);
  return caseQuery(ctx, async (tx) => {
    const full = grantScope(tx.actor.grants, Permission.CasesRead);
    const assigned = grantScope(tx.actor.grants, Permission.CasesReadAssigned);
    const visibility: repo.CaseVisibility = {
      organisationId: full === 'network' || (!full && assigned === 'network') ? null : tx.actor.organisationId,
      assignedUserId: full ? null : tx.actor.userId,
    };
    // Named before the search runs, so the entry is committed while the cases are read.
    await tx.audit({
      action: 'protection.case.list',
      entity: 'case',
      fields: changedFields({ status: query.status, stage: query.stage, organisationId: query.organisationId, identityNumber: query.identityNumber, name: query.name }),
    });
    const cipher = tx.cipher;
    const { items, total } = await repo.listCases(
      tx.q,
      visibility,
      {
        status: query.status,
        stage: query.stage,
        organisationId: query.organisationId,
        identityIndex: query.identityNumber ? identityIndex(cipher, query.identityNumber)! : undefined,
        nameIndexes: query.name ? matcher.lookupKeys(cipher, query.name) : undefined,
        mine: query.mine,
        userId: tx.actor.userId,
      },
      query,
    );
    return {
      items: items.map((r) => caseSummaryOf(cipher, r)),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  });
}

/** A row of a case list as the API answers it. */
export function caseSummaryOf(cipher: NetworkCipher, r: repo.CaseListRow) {
  return {
    id: r.id,
    reference: r.reference,
    displayName: displayNameOf(cipher, r),
    status: r.status,
    stage: r.stage,
    riskLevel: r.risk_level,
    ownerOrganisationId: r.owner_organisation_id,
    caseOwnerUserId: r.case_owner_user_id,
    registeredOn: String(r.registered_on),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

function displayNameOf(cipher: NetworkCipher, r: repo.CaseListRow): string | null {
  if (r.display_name_enc !== null) return cipher.decrypt(r.display_name_enc);
  // A person written before migration 0202 whose sealed name the job has not yet filled in.
  return fullName([cipher.decrypt(r.first_name_enc), cipher.decrypt(r.second_name_enc)]) || null;
}

async function readCaseDetail(tx: CaseTx, caseId: string, access: CaseAccess = 'owner'): Promise<CaseDetail> {
  const row = (await repo.findCase(tx.q, caseId))!;
  const cipher = tx.cipher;
  const [person, plans, services, consents] = await Promise.all([
    repo.person(tx.q, row.person_id),
    repo.supportPlans(tx.q, caseId),
    repo.services(tx.q, caseId),
    repo.consents(tx.q, caseId),
  ]);
  return {
    id: row.id,
    reference: row.reference,
    version: row.version,
    status: row.status,
    stage: row.stage,
    riskLevel: row.risk_level,
    province: row.province,
    ownerOrganisationId: row.owner_organisation_id,
    caseOwnerUserId: row.case_owner_user_id,
    teamId: row.team_id,
    registeredOn: String(row.registered_on),
    screening: row.screening
      ? { indicators: row.screening.indicators, outcome: row.screening.outcome, screenedOn: row.screening.screenedOn, notes: cipher.decrypt(row.screening_notes_enc) }
      : null,
    assessment: row.assessment
      ? { needs: row.assessment.needs, priority: row.assessment.priority, assessedOn: row.assessment.assessedOn, notes: cipher.decrypt(row.assessment_notes_enc) }
      : null,
    closure: row.closure_requested_by || row.closed_at
      ? { requestedBy: row.closure_requested_by, reason: cipher.decrypt(row.closure_reason_enc), closedStatus: row.closure_requested_status, closedAt: iso(row.closed_at) }
      : null,
    person: personOf(cipher, person),
    supportPlans: plans.map((p) => supportPlanOf(cipher, p)),
    services: services.map((s) => ({
      id: s.id,
      serviceType: s.service_type,
      providerOrganisationId: s.provider_organisation_id,
      status: s.status,
      startedOn: s.started_on,
      completedOn: s.completed_on,
    })),
    consents: consents.map(consentOf),
    access,
    anonymised: row.anonymised_at !== null,
  };
}

function supportPlanOf(cipher: NetworkCipher, p: Awaited<ReturnType<typeof repo.supportPlans>>[number]) {
  return {
    id: p.id,
    type: p.type,
    objectives: cipher.decrypt(p.objectives_enc),
    actionPlan: cipher.decrypt(p.action_plan_enc),
    plannedEndDate: p.planned_end_date,
    actualEndDate: p.actual_end_date,
    version: p.version,
  };
}

function consentOf(c: Awaited<ReturnType<typeof repo.consents>>[number]) {
  return {
    id: c.id,
    purpose: c.purpose,
    organisationId: c.organisation_id,
    sharedFields: c.shared_fields,
    givenOn: String(c.given_on),
    recordedBy: c.recorded_by,
    recordedAt: new Date(c.recorded_at).toISOString(),
    withdrawnAt: iso(c.withdrawn_at),
  };
}

export async function getCase(ctx: RequestContext, caseId: string) {
  requireAccess(ctx.actor, Permission.CasesReadAssigned);
  return caseQuery(ctx, async (tx) => {
    const { access } = await reachCase(tx, caseId, 'read');
    await tx.audit({ action: access === 'break_glass' ? 'protection.case.read_break_glass' : 'protection.case.read', entity: 'case', entityId: caseId });
    return readCaseDetail(tx, caseId, access);
  });
}

export async function updateCaseFields(ctx: RequestContext, caseId: string, input: z.infer<typeof CaseUpdateBody>) {
  requireAccess(ctx.actor, Permission.CasesWrite);
  return caseCommand(ctx, async (tx) => {
    const { row, access } = await reachCase(tx, caseId, 'write');
    if (input.teamId !== undefined || input.caseOwnerUserId !== undefined) requireSupervision(tx.actor);
    await checkAssignment(tx, row.owner_organisation_id, input);
    if (row.stage === 'closed') throw AppError.conflict(msg('protection.case.closed'));
    await updateCase(tx, row, input.version, {
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.status === 'FollowUp' ? { stage: laterStage(row.stage, 'follow_up') } : {}),
      ...(input.riskLevel !== undefined ? { risk_level: input.riskLevel } : {}),
      ...(input.province !== undefined ? { province: input.province } : {}),
      ...(input.teamId !== undefined ? { team_id: input.teamId } : {}),
      ...(input.caseOwnerUserId !== undefined ? { case_owner_user_id: input.caseOwnerUserId } : {}),
    });
    if (input.status !== undefined) {
      await repo.moveCaseCount(tx.q, { organisationId: row.owner_organisation_id, status: row.status }, { organisationId: row.owner_organisation_id, status: input.status });
    }
    await refreshStats(tx.q, caseId);
    await tx.audit({ action: 'protection.case.updated', entity: 'case', entityId: caseId, fields: changedFields({ ...input, version: undefined }) });
    return readCaseDetail(tx, caseId, access);
  });
}

export async function getPerson(ctx: RequestContext, caseId: string) {
  requireAccess(ctx.actor, Permission.CasesReadAssigned);
  return caseQuery(ctx, async (tx) => {
    const { row } = await reachCase(tx, caseId, 'read');
    await tx.audit({ action: 'protection.person.read', entity: 'person', entityId: row.person_id });
    return personOf(tx.cipher, await repo.person(tx.q, row.person_id));
  });
}

export async function updatePerson(ctx: RequestContext, caseId: string, input: z.infer<typeof PersonUpdateBody>) {
  requireAccess(ctx.actor, Permission.CasesWrite);
  return caseCommand(ctx, async (tx) => {
    const { row, access } = await reachCase(tx, caseId, 'write');
    await updateCase(tx, row, input.version, {});
    const { version: _version, ...person } = input;
    await repo.updatePerson(tx.q, row.person_id, personColumns(tx.cipher, person));
    await refreshStats(tx.q, caseId);
    await tx.audit({ action: 'protection.person.updated', entity: 'person', entityId: row.person_id, fields: changedFields(person) });
    await tx.audit({ action: 'protection.case.updated', entity: 'case', entityId: caseId, fields: ['person'] });
    return readCaseDetail(tx, caseId, access);
  });
}

export async function recordScreening(ctx: RequestContext, caseId: string, input: z.infer<typeof ScreeningBody>) {
  requireAccess(ctx.actor, Permission.CasesWrite);
  return caseCommand(ctx, async (tx) => {
    const { row, access } = await reachCase(tx, caseId, 'write');
    const cipher = tx.cipher;
    await updateCase(tx, row, input.version, {
      screening: JSON.stringify({ indicators: input.indicators, outcome: input.outcome, screenedOn: today(), screenedBy: tx.actor.userId }),
      screening_notes_enc: cipher.encrypt(input.notes ?? null),
      stage: laterStage(row.stage, 'screened'),
    });
    await tx.audit({ action: 'protection.case.screened', entity: 'case', entityId: caseId, fields: changedFields({ ...input, version: undefined }) });
    return readCaseDetail(tx, caseId, access);
  });
}

export async function recordAssessment(ctx: RequestContext, caseId: string, input: z.infer<typeof AssessmentBody>) {
  requireAccess(ctx.actor, Permission.CasesWrite);
  return caseCommand(ctx, async (tx) => {
    const { row, access } = await reachCase(tx, caseId, 'write');
    const cipher = tx.cipher;
    await updateCase(tx, row, input.version, {
      assessment: JSON.stringify({ needs: input.needs, priority: input.priority, assessedOn: today(), assessedBy: tx.actor.userId }),
      assessment_notes_enc: cipher.encrypt(input.notes ?? null),
      stage: laterStage(row.stage, 'assessment'),
    });
    await tx.audit({ action: 'protection.case.assessed', entity: 'case', entityId: caseId, fields: changedFields({ ...input, version: undefined }) });
    return readCaseDetail(tx, caseId, access);
  });
}

export async function addSupportPlan(ctx: RequestContext, caseId: string, input: z.infer<typeof SupportPlanBody>) {
  requireAccess(ctx.actor, Permission.CasesWrite);
  return caseCommand(ctx, async (tx) => {
    const { row } = await reachCase(tx, caseId, 'write');
    const cipher = tx.cipher;
    const plan = await repo.insertSupportPlan(tx.q, {
      case_id: caseId,
      type: input.type,
      objectives_enc: cipher.encrypt(input.objectives),
      action_plan_enc: cipher.encrypt(input.actionPlan ?? null),
      planned_end_date: input.plannedEndDate ?? null,
      created_by: tx.actor.userId,
    });
    await updateCase(tx, row, row.version, { stage: laterStage(row.stage, 'support_plan') });
    await tx.audit({ action: 'protection.case.support_plan_added', entity: 'case', entityId: caseId, fields: changedFields(input) });
    return supportPlanOf(cipher, plan);
  });
}

export async function updateSupportPlan(ctx: RequestContext, caseId: string, planId: string, input: z.infer<typeof SupportPlanUpdateBody>) {
  requireAccess(ctx.actor, Permission.CasesWrite);
  return caseCommand(ctx, async (tx) => {
    await reachCase(tx, caseId, 'write');
    const plan = await repo.supportPlan(tx.q, caseId, planId);
    if (!plan) throw AppError.notFound('Support plan');
    const cipher = tx.cipher;
    const updated = await repo.updateSupportPlanAtVersion(tx.q, planId, input.version, {
      ...(input.type !== undefined ? { type: input.type } : {}),
      ...(input.objectives !== undefined ? { objectives_enc: cipher.encrypt(input.objectives) } : {}),
      ...(input.actionPlan !== undefined ? { action_plan_enc: cipher.encrypt(input.actionPlan) } : {}),
      ...(input.plannedEndDate !== undefined ? { planned_end_date: input.plannedEndDate } : {}),
      ...(input.actualEndDate !== undefined ? { actual_end_date: input.actualEndDate } : {}),
    });
    if (!updated) throw AppError.staleVersion(plan.version, supportPlanOf(cipher, plan));
    await repo.touchCase(tx.q, caseId);
    await tx.audit({ action: 'protection.case.support_plan_updated', entity: 'case', entityId: caseId, fields: changedFields({ ...input, version: undefined }) });
    return supportPlanOf(cipher, updated);
  });
}

export async function addService(ctx: RequestContext, caseId: string, input: z.infer<typeof ServiceBody>) {
  requireAccess(ctx.actor, Permission.CasesWrite);
  return caseCommand(ctx, async (tx) => {
    const { row } = await reachCase(tx, caseId, 'write');
    if (input.providerOrganisationId && !(await repo.organisation(tx.q, input.providerOrganisationId))) {
      throw AppError.field('providerOrganisationId', msg('protection.organisation.unknown'));
    }
    const s = await repo.insertService(tx.q, {
      case_id: caseId,
      service_type: input.serviceType,
      provider_organisation_id: input.providerOrganisationId ?? null,
      status: input.status,
      started_on: input.startedOn ?? null,
      completed_on: input.completedOn ?? null,
      created_by: tx.actor.userId,
    });
    await updateCase(tx, row, row.version, { stage: laterStage(row.stage, 'services') });
    await tx.audit({ action: 'protection.case.service_added', entity: 'case', entityId: caseId, fields: changedFields(input) });
    return { id: s.id, serviceType: s.service_type, providerOrganisationId: s.provider_organisation_id, status: s.status, startedOn: s.started_on, completedOn: s.completed_on };
  });
}

export async function listNotes(ctx: RequestContext, caseId: string) {
  requireAccess(ctx.actor, Permission.CasesReadAssigned);
  return caseQuery(ctx, async (tx) => {
    await reachCase(tx, caseId, 'read');
    const cipher = tx.cipher;
    const rows = await repo.notes(tx.q, caseId);
    await tx.audit({ action: 'protection.case.notes_read', entity: 'case', entityId: caseId });
    return {
      items: rows.map((n) => ({
        id: n.id,
        authorUserId: n.author_user_id,
        authorName: n.display_name,
        body: cipher.decrypt(n.body_enc),
        fileId: n.file_id,
        createdAt: new Date(n.created_at).toISOString(),
      })),
    };
  });
}

export async function addNote(ctx: RequestContext, caseId: string, input: z.infer<typeof NoteBody>) {
  requireAccess(ctx.actor, Permission.CasesWrite);
  return caseCommand(ctx, async (tx) => {
    await reachCase(tx, caseId, 'write');
    const cipher = tx.cipher;
    const note = await repo.insertNote(tx.q, { case_id: caseId, author_user_id: tx.actor.userId, body_enc: cipher.encrypt(input.body) });
    await repo.touchCase(tx.q, caseId);
    await tx.audit({ action: 'protection.case.note_added', entity: 'case', entityId: caseId, fields: ['cco_CaseComment'] });
    return { id: note.id, authorUserId: note.author_user_id, authorName: null, body: input.body, fileId: null, createdAt: new Date(note.created_at).toISOString() };
  });
}

/**
 * Attaches a file to the case as a note. The file is encrypted on disk; its stored name is
 * neutral and the real one (which may name the person) is kept encrypted in the note.
 * The upload is read once the caller may write to the case (so a case out of reach answers 404
 * whatever was sent) and before the command's transaction opens, so a slow upload never holds
 * the transaction (on PGlite, the only connection) open. The command checks the case again.
 */
export async function addAttachment(ctx: RequestContext, caseId: string, readUpload: () => Promise<Upload>) {
  requireAccess(ctx.actor, Permission.CasesWrite);
  await caseQuery(ctx, (tx) => reachCase(tx, caseId, 'write'));
  const upload = await readUpload();
  return caseCommand(ctx, async (tx) => {
    const { row } = await reachCase(tx, caseId, 'write');
    const extension = /\.[A-Za-z0-9]{1,5}$/.exec(upload.filename)?.[0] ?? '';
    const stored = await ctx.services.files.store(tx.db, {
      networkId: tx.actor.networkId,
      organisationId: row.owner_organisation_id,
      uploadedBy: tx.actor.userId,
      name: `case-attachment${extension}`,
      data: upload.data,
      sensitive: true,
    });
    const note = await repo.insertNote(tx.q, { case_id: caseId, author_user_id: tx.actor.userId, body_enc: tx.cipher.encrypt(upload.filename), file_id: stored.id });
    await repo.touchCase(tx.q, caseId);
    await tx.audit({ action: 'protection.case.attachment_added', entity: 'case', entityId: caseId, fields: ['attachment'] });
    return { id: note.id, authorUserId: note.author_user_id, authorName: null, body: upload.filename, fileId: stored.id, createdAt: new Date(note.created_at).toISOString() };
  });
}

export async function readAttachment(ctx: RequestContext, caseId: string, fileId: string) {
  requireAccess(ctx.actor, Permission.CasesReadAssigned);
  return caseQuery(ctx, async (tx) => {
    await reachCase(tx, caseId, 'read');
    const note = await repo.attachmentNote(tx.q, caseId, fileId);
    if (!note) throw AppError.notFound('Attachment');
    const file = await ctx.services.files.read(tx.db, tx.actor.networkId, fileId);
    await tx.audit({ action: 'protection.case.attachment_read', entity: 'case', entityId: caseId, fields: ['attachment'] });
    return { filename: tx.cipher.decrypt(note.body_enc) ?? file.name, contentType: file.contentType, data: file.data };
  });
}

function journeyOf(cipher: NetworkCipher, e: Awaited<ReturnType<typeof repo.journey>>[number]) {
  return { id: e.id, type: e.type, country: e.country, city: e.city, date: e.event_date, description: cipher.decrypt(e.description_enc) };
}

export async function listJourney(ctx: RequestContext, caseId: string) {
  requireAccess(ctx.actor, Permission.CasesReadAssigned);
  return caseQuery(ctx, async (tx) => {
    await reachCase(tx, caseId, 'read');
    const cipher = tx.cipher;
    await tx.audit({ action: 'protection.case.journey_read', entity: 'case', entityId: caseId });
    return { items: (await repo.journey(tx.q, caseId)).map((e) => journeyOf(cipher, e)) };
  });
}

export async function addJourneyEvent(ctx: RequestContext, caseId: string, input: z.infer<typeof JourneyEventBody>) {
  requireAccess(ctx.actor, Permission.CasesWrite);
  return caseCommand(ctx, async (tx) => {
    await reachCase(tx, caseId, 'write');
    const cipher = tx.cipher;
    const event = await repo.insertJourneyEvent(tx.q, {
      case_id: caseId,
      type: input.type,
      country: input.country,
      city: input.city ?? null,
      event_date: input.date ?? null,
      description_enc: cipher.encrypt(input.description ?? null),
    });
    await repo.touchCase(tx.q, caseId);
    await tx.audit({ action: 'protection.case.journey_added', entity: 'case', entityId: caseId, fields: changedFields(input) });
    return journeyOf(cipher, event);
  });
}

export async function deleteJourneyEvent(ctx: RequestContext, caseId: string, eventId: string) {
  requireAccess(ctx.actor, Permission.CasesWrite);
  return caseCommand(ctx, async (tx) => {
    await reachCase(tx, caseId, 'write');
    const result = await repo.deleteJourneyEvent(tx.q, caseId, eventId);
    if (Number(result.numDeletedRows) === 0) throw AppError.notFound('Journey event');
    await repo.touchCase(tx.q, caseId);
    await tx.audit({ action: 'protection.case.journey_removed', entity: 'case', entityId: caseId });
    return { ok: true as const };
  });
}

export async function listConsents(ctx: RequestContext, caseId: string) {
  requireAccess(ctx.actor, Permission.CasesReadAssigned);
  return caseQuery(ctx, async (tx) => {
    await reachCase(tx, caseId, 'read');
    await tx.audit({ action: 'protection.case.consents_read', entity: 'case', entityId: caseId });
    return { items: (await repo.consents(tx.q, caseId)).map(consentOf) };
  });
}

export async function addConsent(ctx: RequestContext, caseId: string, input: z.infer<typeof ConsentInput>) {
  requireAccess(ctx.actor, Permission.CasesWrite);
  return caseCommand(ctx, async (tx) => {
    await reachCase(tx, caseId, 'write');
    await validateConsents(tx, [input]);
    const [row] = await repo.insertConsents(tx.q, consentRows(caseId, tx.actor, [input]));
    await repo.touchCase(tx.q, caseId);
    await refreshStats(tx.q, caseId);
    await tx.audit({ action: 'protection.consent.recorded', entity: 'case', entityId: caseId, fields: ['con_Consent', ...changedFields(input)] });
    return consentOf(row);
  });
}

/** A withdrawn consent stops future sharing: referrals relying on it that nobody accepted yet are withdrawn. */
export async function withdrawConsent(ctx: RequestContext, caseId: string, consentId: string) {
  requireAccess(ctx.actor, Permission.CasesWrite);
  return caseCommand(ctx, async (tx) => {
    await reachCase(tx, caseId, 'write');
    const row = await repo.withdrawConsent(tx.q, caseId, consentId, tx.actor.userId);
    if (!row) throw AppError.notFound('Consent');
    const withdrawn = row.purpose === 'sharing' ? await repo.withdrawPendingReferrals(tx.q, caseId, consentId) : [];
    await repo.touchCase(tx.q, caseId);
    await refreshStats(tx.q, caseId);
    await tx.audit({ action: 'protection.consent.withdrawn', entity: 'case', entityId: caseId, fields: ['con_Consent'] });
    for (const r of withdrawn) await tx.audit({ action: 'protection.referral.withdrawn_by_consent', entity: 'referral', entityId: r.id });
    return consentOf(row);
  });
}

export async function requestClosure(ctx: RequestContext, caseId: string, input: z.infer<typeof ClosureRequestBody>) {
  requireAccess(ctx.actor, Permission.CasesWrite);
  return caseCommand(ctx, async (tx) => {
    const { row, access } = await reachCase(tx, caseId, 'write');
    if (row.stage === 'closed' || row.stage === 'closure_requested') throw AppError.conflict(msg('protection.closure.already'));
    const cipher = tx.cipher;
    await updateCase(tx, row, input.version, {
      stage: 'closure_requested',
      closure_reason_enc: cipher.encrypt(input.reason),
      closure_requested_by: tx.actor.userId,
      closure_requested_status: input.closedStatus,
    });
    const supervisors = await repo.usersWithGrants(tx.q, row.owner_organisation_id, [`${Permission.CasesClose}:own-org`, Permission.CasesClose]);
    await notify(tx.db, ctx.services.mailer, ctx.services.config.publicUrl, {
      networkId: tx.actor.networkId,
      userIds: supervisors.filter((id) => id !== tx.actor.userId),
      kind: 'protection.closure.requested',
      params: { reference: row.reference },
      link: `/protection/cases/${caseId}`,
    });
    await tx.audit({ action: 'protection.case.closure_requested', entity: 'case', entityId: caseId, fields: ['cas_ReasonForCaseClosure', 'closedStatus'] });
    return readCaseDetail(tx, caseId, access);
  });
}

export async function decideClosure(ctx: RequestContext, caseId: string, input: z.infer<typeof ClosureDecisionBody>) {
  requireAccess(ctx.actor, Permission.CasesClose);
  return caseCommand(ctx, async (tx) => {
    const { row, access } = await reachCase(tx, caseId, 'write');
    requireAccess(tx.actor, Permission.CasesClose, { organisationId: row.owner_organisation_id });
    if (row.stage !== 'closure_requested') throw AppError.conflict(msg('protection.closure.none-waiting'));
    await updateCase(
      tx,
      row,
      input.version,
      input.approve
        ? { stage: 'closed', status: row.closure_requested_status ?? 'Closed', closed_at: new Date(), closed_by: tx.actor.userId }
        : { stage: 'follow_up', closure_requested_by: null, closure_requested_status: null, closure_reason_enc: null },
    );
    if (input.approve) {
      const org = row.owner_organisation_id;
      await repo.moveCaseCount(tx.q, { organisationId: org, status: row.status }, { organisationId: org, status: row.closure_requested_status ?? 'Closed' });
    }
    await tx.audit({ action: input.approve ? 'protection.case.closed' : 'protection.case.closure_refused', entity: 'case', entityId: caseId, fields: ['cas_Status'] });
    return readCaseDetail(tx, caseId, access);
  });
}

export async function caseHistory(ctx: RequestContext, caseId: string) {
  requireAccess(ctx.actor, Permission.CasesReadAssigned);
  return caseQuery(ctx, async (tx) => {
    await reachCase(tx, caseId, 'read');
    const rows = await repo.caseHistory(tx.q, caseId);
    await tx.audit({ action: 'protection.case.history_read', entity: 'case', entityId: caseId });
    return { items: rows.map((r) => ({ seq: Number(r.seq), at: new Date(r.at).toISOString(), actorName: r.display_name, action: r.action, fields: r.fields })) };
  });
}

// ---------- break the glass ----------

export const BREAK_GLASS_HOURS = 4;

/**
 * Emergency read access to one case of another organisation (or one not assigned to the
 * supervisor), with a written reason. The owner organisation's supervisors are alerted at once.
 */
export async function breakTheGlass(ctx: RequestContext, input: z.infer<typeof BreakGlassBody>) {
  requireAccess(ctx.actor, Permission.BreakGlass);
  return caseCommand(ctx, async (tx) => {
    const row = await repo.findCase(tx.q, input.caseId);
    if (!row || row.anonymised_at) throw AppError.notFound('Case');
    const cipher = tx.cipher;
    const expiresAt = new Date(Date.now() + BREAK_GLASS_HOURS * 3600_000);
    await repo.insertBreakGlass(tx.q, {
      case_id: row.id,
      user_id: tx.actor.userId,
      organisation_id: tx.actor.organisationId,
      reason_enc: cipher.encrypt(input.reason),
      expires_at: expiresAt,
    });
    const alerted = await repo.usersWithGrants(tx.q, row.owner_organisation_id, [`${Permission.CasesRead}:own-org`, Permission.CasesRead]);
    await notify(tx.db, ctx.services.mailer, ctx.services.config.publicUrl, {
      networkId: tx.actor.networkId,
      userIds: alerted.filter((id) => id !== tx.actor.userId),
      kind: 'protection.breakGlass.opened',
      params: { reference: row.reference },
      link: `/protection/cases/${row.id}`,
    });
    await tx.audit({ action: 'protection.case.break_glass', entity: 'case', entityId: row.id, fields: ['reason'] });
    return { caseId: row.id, expiresAt: expiresAt.toISOString() };
  });
}

// ---------- teams ----------

export async function listTeams(ctx: RequestContext) {
  requireAccess(ctx.actor, Permission.CasesReadAssigned);
  return caseQuery(ctx, async (tx) => ({ items: await repo.teamsOf(tx.q, tx.actor.organisationId) }));
}

async function checkMembers(tx: CaseTx, userIds: string[]) {
  for (const id of userIds) {
    if (!(await repo.userInOrganisation(tx.q, id, tx.actor.organisationId))) throw AppError.field('memberUserIds', msg('protection.team.member-of-organisation'));
  }
}

export async function createTeam(ctx: RequestContext, input: z.infer<typeof TeamBody>) {
  requireAccess(ctx.actor, Permission.ProtectionTeamsManage);
  return caseCommand(ctx, async (tx) => {
    await checkMembers(tx, input.memberUserIds);
    const existing = (await repo.teamsOf(tx.q, tx.actor.organisationId)).find((t) => t.name === input.name);
    if (existing) throw AppError.field('name', msg('protection.team.name-taken'));
    const { id } = await repo.insertTeam(tx.q, tx.actor.organisationId, input.name);
    await repo.replaceTeamMembers(tx.q, id, [...new Set(input.memberUserIds)]);
    await tx.audit({ action: 'protection.team.created', entity: 'team', entityId: id, fields: ['name', 'memberUserIds'] });
    return { id, name: input.name, memberUserIds: [...new Set(input.memberUserIds)] };
  });
}

export async function setTeamMembers(ctx: RequestContext, teamId: string, input: z.infer<typeof TeamBody>) {
  requireAccess(ctx.actor, Permission.ProtectionTeamsManage);
  return caseCommand(ctx, async (tx) => {
    const team = await repo.team(tx.q, teamId);
    if (!team) throw AppError.notFound('Team');
    requireAccess(tx.actor, Permission.ProtectionTeamsManage, { organisationId: team.organisation_id });
    await checkMembers(tx, input.memberUserIds);
    await repo.replaceTeamMembers(tx.q, teamId, [...new Set(input.memberUserIds)]);
    await tx.audit({ action: 'protection.team.updated', entity: 'team', entityId: teamId, fields: ['memberUserIds'] });
    return { id: teamId, name: team.name, memberUserIds: [...new Set(input.memberUserIds)] };
  });
}
