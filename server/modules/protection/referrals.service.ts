import type { z } from 'zod';
import { grantScope, Permission } from '../../../common/permissions';
import type {
  CompleteBody,
  DeclineBody,
  ProtectionSettingsBody,
  ReferralBody,
  ReferralListQuery,
  ReferralTargetsQuery,
  SharedField,
  TransferBody,
  TransferListQuery,
  VersionBody,
} from '../../../common/schemas/protection';
import { SERVICE_TYPES } from '../../../common/organisations';
import { hasPermission, requireAccess } from '../../platform/access';
import type { RequestContext } from '../../platform/context';
import { randomToken, sha256Hex, type NetworkCipher } from '../../platform/crypto';
import { AppError } from '../../platform/errors';
import { msg } from './messages';
import { notify } from '../../platform/notifications';
import { renderPdf, sharedSubsetSections } from './documents';
import * as repo from './repository';
import { caseAccessOf, caseCommand, caseQuery, caseSummaryOf, personOf, reachCase, updateCase, type CaseTx } from './service';
import type { ReferralStatus } from './tables';

export const DEFAULT_DEADLINE_HOURS = 72;
export const URGENT_DEADLINE_HOURS = 24;

const RECEIVER_GRANTS = [`${Permission.ReferralsReceive}:own-org`, Permission.ReferralsReceive];
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export async function deadlineHours(q: CaseTx['q'], serviceType: string, urgent: boolean): Promise<number> {
  const hours = (await repo.deadlines(q)).get(serviceType) ?? DEFAULT_DEADLINE_HOURS;
  return urgent ? Math.min(hours, URGENT_DEADLINE_HOURS) : hours;
}

// ---------- what may be shared ----------

/** The field groups the person's active sharing consents allow for this receiver, and the consent that allows most. */
async function consentedFields(tx: CaseTx, caseId: string, receivingOrganisationId: string | null) {
  const consents = (await repo.consents(tx.q, caseId)).filter(
    (c) => c.purpose === 'sharing' && c.withdrawn_at === null && (c.organisation_id === null || c.organisation_id === receivingOrganisationId),
  );
  const allowed = new Set(consents.flatMap((c) => c.shared_fields));
  const best = [...consents].sort((a, b) => b.shared_fields.length - a.shared_fields.length)[0] ?? null;
  return { allowed, consentId: best?.id ?? null, any: consents.length > 0 };
}

/** Exactly the data a referral carries for these field groups. */
async function sharedSubset(tx: CaseTx, cipher: NetworkCipher, row: repo.CaseRow, fields: SharedField[]): Promise<Record<string, unknown>> {
  const person = personOf(cipher, await repo.person(tx.q, row.person_id));
  const out: Record<string, unknown> = { case: { reference: row.reference } };
  for (const field of fields) {
    switch (field) {
      case 'name': out.name = { firstName: person.firstName, middleName: person.middleName, secondName: person.secondName }; break;
      case 'guardianName': out.guardianName = { guardianName: person.guardianName, relation: person.guardianRelation }; break;
      case 'identityNumber': out.identityNumber = person.identityNumber; break;
      case 'birthDate': out.birthDate = person.birthDate; break;
      case 'contacts': out.contacts = { phone: person.phone, email: person.email }; break;
      case 'address': out.address = person.address; break;
      case 'gender': out.gender = person.gender; break;
      case 'age': out.age = { birthYear: person.birthYear, estimated: person.ageEstimated }; break;
      case 'citizenship': out.citizenship = person.citizenship; break;
      case 'languages': out.languages = { primary: person.primaryLanguage, secondary: person.secondaryLanguage }; break;
      case 'victimContext':
        out.victimContext = {
          traffickingStatus: person.traffickingStatus,
          exploitationTypes: person.exploitationTypes,
          forcedLabourIndustry: person.forcedLabourIndustry,
          methodsOfControl: person.methodsOfControl,
          recruitmentMethods: person.recruitmentMethods,
          vulnerabilities: person.vulnerabilities,
        };
        break;
      case 'journey':
        out.journey = (await repo.journey(tx.q, row.id)).map((e) => ({ type: e.type, country: e.country, city: e.city, date: e.event_date }));
        break;
      case 'needs': out.needs = row.assessment ? { needs: row.assessment.needs, priority: row.assessment.priority } : null; break;
      case 'risk': out.risk = row.risk_level; break;
    }
  }
  return out;
}

async function checkReceiver(tx: CaseTx, row: repo.CaseRow, input: z.infer<typeof ReferralBody>) {
  if (!!input.receivingOrganisationId === !!input.outsideOrganisationName) {
    throw AppError.field('receivingOrganisationId', msg('protection.referral.receiver-one-way'));
  }
  if (input.receivingOrganisationId) {
    if (input.receivingOrganisationId === row.owner_organisation_id) throw AppError.field('receivingOrganisationId', msg('protection.referral.own-organisation'));
    const receiver = await repo.organisation(tx.q, input.receivingOrganisationId);
    if (!receiver) throw AppError.field('receivingOrganisationId', msg('protection.organisation.unknown'));
    if (!receiver.services.includes(input.serviceType)) throw AppError.field('serviceType', msg('protection.referral.service-not-offered'));
  }
}

async function prepareReferral(tx: CaseTx, caseId: string, input: z.infer<typeof ReferralBody>) {
  const { row } = await reachCase(tx, caseId, 'write');
  if (row.stage === 'closed') throw AppError.conflict(msg('protection.case.closed'));
  await checkReceiver(tx, row, input);
  const receiver = input.receivingOrganisationId ?? null;
  const { allowed, consentId, any } = await consentedFields(tx, caseId, receiver);
  const requested = [...new Set(input.sharedFields)];
  const refusedFields = requested
    .filter((f) => !allowed.has(f))
    .map((field) => ({ field, reason: any ? 'The person has not consented to share this field with this organisation.' : 'The person has not consented to sharing with this organisation.' }));
  const sharedFields = requested.filter((f) => allowed.has(f));
  const cipher = tx.cipher;
  const hours = await deadlineHours(tx.q, input.serviceType, input.urgent);
  const sentAt = new Date();
  return { row, cipher, consentId, sharedFields, refusedFields, data: await sharedSubset(tx, cipher, row, sharedFields), sentAt, dueAt: new Date(sentAt.getTime() + hours * 3600_000) };
}

/** Shows exactly what a referral would carry, before it is sent. Audited: it reads the person. */
export async function previewReferral(ctx: RequestContext, caseId: string, input: z.infer<typeof ReferralBody>) {
  requireAccess(ctx.actor, Permission.CasesWrite);
  return caseQuery(ctx, async (tx) => {
    const prepared = await prepareReferral(tx, caseId, input);
    await tx.audit({ action: 'protection.referral.previewed', entity: 'case', entityId: caseId, fields: prepared.sharedFields });
    return { sharedFields: prepared.sharedFields, refusedFields: prepared.refusedFields, data: prepared.data, dueAt: prepared.dueAt.toISOString() };
  });
}

export async function sendReferral(ctx: RequestContext, caseId: string, input: z.infer<typeof ReferralBody>) {
  requireAccess(ctx.actor, Permission.CasesWrite);
  return caseCommand(ctx, async (tx) => {
    const prepared = await prepareReferral(tx, caseId, input);
    if (prepared.refusedFields.length) {
      throw AppError.field('sharedFields', msg('protection.referral.consent-refuses', { fields: prepared.refusedFields.map((f) => f.field).join(', ') }));
    }
    const outside = !input.receivingOrganisationId;
    const password = outside ? randomToken(12) : null;
    const referral = await repo.insertReferral(tx.q, {
      case_id: caseId,
      consent_id: prepared.consentId,
      sender_organisation_id: prepared.row.owner_organisation_id,
      sender_user_id: tx.actor.userId,
      receiving_organisation_id: input.receivingOrganisationId ?? null,
      outside_organisation_name: input.outsideOrganisationName ?? null,
      service_type: input.serviceType,
      reason: input.reason,
      urgent: input.urgent,
      status: 'sent',
      shared_fields: prepared.sharedFields,
      shared_snapshot_enc: prepared.cipher.encrypt(JSON.stringify(prepared.data)),
      message_enc: prepared.cipher.encrypt(input.message ?? null),
      sent_at: prepared.sentAt,
      due_at: prepared.dueAt,
      outside_password_hash: password ? sha256Hex(password) : null,
    });
    if (input.receivingOrganisationId) {
      const receivers = await repo.usersWithGrants(tx.q, input.receivingOrganisationId, RECEIVER_GRANTS);
      await notify(tx.db, ctx.services.mailer, ctx.services.config.publicUrl, {
        networkId: tx.actor.networkId,
        userIds: receivers,
        kind: 'protection.referral.received',
        params: { service: input.serviceType },
        link: `/protection/referrals/${referral.id}`,
      });
    }
    await tx.audit({ action: 'protection.referral.sent', entity: 'referral', entityId: referral.id, fields: prepared.sharedFields });
    await tx.audit({ action: 'protection.case.referred', entity: 'case', entityId: caseId, fields: ['cas_ReferredOrganisation', 'serviceType'] });
    let outsideDelivery = null;
    if (password) {
      const pdf = await renderPdf(`Referral for ${input.serviceType} — ${prepared.row.reference}`, sharedSubsetSections(prepared.data), password);
      await tx.audit({ action: 'protection.referral.outside_document_issued', entity: 'referral', entityId: referral.id, fields: ['password'] });
      outsideDelivery = { password, filename: `referral-${prepared.row.reference}.pdf`, contentBase64: pdf.toString('base64') };
    }
    const full = (await repo.findReferral(tx.q, referral.id))!;
    return { referral: referralDetail(prepared.cipher, full, 'sender'), outsideDelivery };
  });
}

// ---------- reading referrals ----------

type Side = 'sender' | 'receiver';

function isOverdue(r: { status: ReferralStatus; due_at: Date | string }) {
  return r.status === 'sent' && new Date(r.due_at).getTime() < Date.now();
}

function referralSummary(r: repo.ReferralRow, side: Side) {
  return {
    id: r.id,
    caseId: side === 'sender' ? r.case_id : null,
    caseReference: side === 'sender' ? r.case_reference : null,
    senderOrganisationId: r.sender_organisation_id,
    receivingOrganisationId: r.receiving_organisation_id,
    outsideOrganisationName: r.outside_organisation_name,
    serviceType: r.service_type,
    urgent: r.urgent,
    status: r.status,
    sentAt: new Date(r.sent_at).toISOString(),
    dueAt: new Date(r.due_at).toISOString(),
    overdue: isOverdue(r),
    version: r.version,
  };
}

/** The receiver sees the shared subset only while the referral it accepted is open. */
function referralDetail(cipher: NetworkCipher, r: repo.ReferralRow, side: Side) {
  const open = r.status === 'accepted' || r.status === 'in_progress';
  const showShared = side === 'sender' || open;
  return {
    ...referralSummary(r, side),
    reason: r.reason,
    sharedFields: r.shared_fields,
    shared: showShared && r.shared_snapshot_enc ? (JSON.parse(cipher.decrypt(r.shared_snapshot_enc)) as Record<string, unknown>) : null,
    message: cipher.decrypt(r.message_enc),
    declineReason: cipher.decrypt(r.decline_reason_enc),
    feedback: cipher.decrypt(r.feedback_enc),
    respondedAt: iso(r.responded_at),
    completedAt: iso(r.completed_at),
  };
}

/** Which side of the referral the actor is on, or a 404. Senders must also reach the case. */
async function sideOf(tx: CaseTx, r: repo.ReferralRow): Promise<Side> {
  const actor = tx.actor;
  if (r.receiving_organisation_id === actor.organisationId && grantScope(actor.grants, Permission.ReferralsReceive)) return 'receiver';
  if (r.sender_organisation_id === actor.organisationId) {
    const row = await repo.findCase(tx.q, r.case_id);
    const access = row ? await caseAccessOf(tx.q, actor, row) : null;
    if (access === 'owner' || access === 'assigned') return 'sender';
  }
  throw AppError.notFound('Referral');
}

async function reachReferral(tx: CaseTx, id: string) {
  const r = await repo.findReferral(tx.q, id);
  if (!r) throw AppError.notFound('Referral');
  return { r, side: await sideOf(tx, r) };
}

export async function listReferrals(ctx: RequestContext, query: z.infer<typeof ReferralListQuery>) {
  requireAccess(ctx.actor, Permission.ReferralsReceive);
  return caseQuery(ctx, async (tx) => {
    const actor = tx.actor;
    if (query.box === 'outbox') requireAccess(actor, Permission.CasesReadAssigned);
    const seesAllCases = hasPermission(actor, Permission.CasesRead);
    const { items, total } = await repo.listReferrals(
      tx.q,
      { box: query.box, organisationId: actor.organisationId, assignedUserId: seesAllCases ? null : actor.userId, status: query.status, overdue: query.overdue },
      query,
    );
    const side: Side = query.box === 'inbox' ? 'receiver' : 'sender';
    const cipher = tx.cipher;
    return { items: items.map((r) => ({ ...referralSummary(r, side), message: cipher.decrypt(r.message_enc) })), total, limit: query.limit, offset: query.offset };
  });
}

export async function listCaseReferrals(ctx: RequestContext, caseId: string) {
  requireAccess(ctx.actor, Permission.CasesReadAssigned);
  return caseQuery(ctx, async (tx) => {
    await reachCase(tx, caseId, 'read');
    const cipher = tx.cipher;
    await tx.audit({ action: 'protection.case.referrals_read', entity: 'case', entityId: caseId });
    return { items: (await repo.referralsOfCase(tx.q, caseId)).map((r) => referralDetail(cipher, r, 'sender')) };
  });
}

export async function getReferral(ctx: RequestContext, id: string) {
  requireAccess(ctx.actor, Permission.ReferralsReceive);
  return caseQuery(ctx, async (tx) => {
    const { r, side } = await reachReferral(tx, id);
    await tx.audit({ action: 'protection.referral.read', entity: 'referral', entityId: id, fields: side === 'receiver' && (r.status === 'accepted' || r.status === 'in_progress') ? r.shared_fields : [] });
    return referralDetail(tx.cipher, r, side);
  });
}

// ---------- answering referrals ----------

const TRANSITIONS: Record<'accept' | 'decline' | 'start' | 'complete' | 'withdraw', { from: ReferralStatus[]; to: ReferralStatus; side: Side }> = {
  accept: { from: ['sent'], to: 'accepted', side: 'receiver' },
  decline: { from: ['sent'], to: 'declined', side: 'receiver' },
  start: { from: ['accepted'], to: 'in_progress', side: 'receiver' },
  complete: { from: ['accepted', 'in_progress'], to: 'completed', side: 'receiver' },
  withdraw: { from: ['sent', 'accepted', 'in_progress'], to: 'withdrawn', side: 'sender' },
};

async function transition(
  ctx: RequestContext,
  id: string,
  action: keyof typeof TRANSITIONS,
  version: number,
  extra: { declineReason?: string; feedback?: string } = {},
) {
  return caseCommand(ctx, async (tx) => {
    const { r, side } = await reachReferral(tx, id);
    const rule = TRANSITIONS[action];
    // An organisation outside the platform answers by phone or letter: the sender records its answer.
    const actingSide: Side = r.receiving_organisation_id === null ? 'sender' : rule.side;
    if (side !== actingSide) throw AppError.forbidden(rule.side === 'receiver' ? msg('protection.referral.receiver-only') : msg('protection.referral.sender-only'));
    if (r.version !== version) throw AppError.staleVersion(r.version, { status: r.status, version: r.version });
    if (!rule.from.includes(r.status)) throw AppError.conflict(msg('protection.referral.wrong-status', { status: msg(`protection.referral-status.${r.status}`) }));
    const cipher = tx.cipher;
    const now = new Date();
    const updated = await repo.updateReferralAtVersion(tx.q, id, version, {
      status: rule.to,
      ...(action === 'accept' || action === 'decline' ? { responded_at: now, responded_by: tx.actor.userId } : {}),
      ...(action === 'complete' ? { completed_at: now, feedback_enc: cipher.encrypt(extra.feedback ?? null) } : {}),
      ...(action === 'decline' ? { decline_reason_enc: cipher.encrypt(extra.declineReason ?? null) } : {}),
      // Nothing stays shared once a referral is no longer open.
      ...(rule.to === 'declined' || rule.to === 'withdrawn' ? { shared_snapshot_enc: null } : {}),
    });
    if (!updated) throw AppError.staleVersion(r.version + 1);
    const tellSender = action !== 'withdraw' && r.receiving_organisation_id !== null;
    if (tellSender) {
      await notify(tx.db, ctx.services.mailer, ctx.services.config.publicUrl, {
        networkId: tx.actor.networkId,
        userIds: [r.sender_user_id],
        kind: `protection.referral.${rule.to}`,
        params: { service: r.service_type },
        link: `/protection/referrals/${id}`,
      });
    } else if (action === 'withdraw' && r.receiving_organisation_id) {
      await notify(tx.db, ctx.services.mailer, ctx.services.config.publicUrl, {
        networkId: tx.actor.networkId,
        userIds: await repo.usersWithGrants(tx.q, r.receiving_organisation_id, RECEIVER_GRANTS),
        kind: 'protection.referral.withdrawn',
        params: { service: r.service_type },
        link: `/protection/referrals/${id}`,
      });
    }
    await tx.audit({
      action: `protection.referral.${rule.to}`,
      entity: 'referral',
      entityId: id,
      fields: action === 'decline' ? ['declineReason'] : action === 'complete' ? ['feedback'] : ['status'],
    });
    return referralDetail(cipher, (await repo.findReferral(tx.q, id))!, side);
  });
}

export async function acceptReferral(ctx: RequestContext, id: string, input: z.infer<typeof VersionBody>) {
  requireAccess(ctx.actor, Permission.ReferralsReceive);
  return transition(ctx, id, 'accept', input.version);
}
export async function declineReferral(ctx: RequestContext, id: string, input: z.infer<typeof DeclineBody>) {
  requireAccess(ctx.actor, Permission.ReferralsReceive);
  return transition(ctx, id, 'decline', input.version, { declineReason: input.reason });
}
export async function startReferral(ctx: RequestContext, id: string, input: z.infer<typeof VersionBody>) {
  requireAccess(ctx.actor, Permission.ReferralsReceive);
  return transition(ctx, id, 'start', input.version);
}
export async function completeReferral(ctx: RequestContext, id: string, input: z.infer<typeof CompleteBody>) {
  requireAccess(ctx.actor, Permission.ReferralsReceive);
  return transition(ctx, id, 'complete', input.version, { feedback: input.feedback });
}
export async function withdrawReferral(ctx: RequestContext, id: string, input: z.infer<typeof VersionBody>) {
  requireAccess(ctx.actor, Permission.CasesWrite);
  return transition(ctx, id, 'withdraw', input.version);
}

/** Referrals past their deadline, sent by or to the actor's organisation. */
export async function overdueReport(ctx: RequestContext) {
  requireAccess(ctx.actor, Permission.ReferralsReceive);
  return caseQuery(ctx, async (tx) => {
    const page = { limit: 200, offset: 0 };
    const seesAllCases = hasPermission(tx.actor, Permission.CasesRead);
    const [inbox, outbox] = await Promise.all([
      repo.listReferrals(tx.q, { box: 'inbox', organisationId: tx.actor.organisationId, assignedUserId: null, overdue: true }, page),
      hasPermission(tx.actor, Permission.CasesReadAssigned)
        ? repo.listReferrals(tx.q, { box: 'outbox', organisationId: tx.actor.organisationId, assignedUserId: seesAllCases ? null : tx.actor.userId, overdue: true }, page)
        : Promise.resolve({ items: [], total: 0 }),
    ]);
    await tx.audit({ action: 'protection.referral.overdue_report', entity: 'referral' });
    return {
      received: inbox.items.map((r) => referralSummary(r, 'receiver')),
      sent: outbox.items.map((r) => referralSummary(r, 'sender')),
    };
  });
}

export async function referralTargets(ctx: RequestContext, query: z.infer<typeof ReferralTargetsQuery>) {
  requireAccess(ctx.actor, Permission.CasesWrite);
  return caseQuery(ctx, async (tx) => ({
    items: (await repo.organisationsOffering(tx.q, query.serviceType))
      .filter((o) => o.id !== tx.actor.organisationId)
      .map((o) => ({ id: o.id, nameEn: o.name_en, nameUr: o.name_ur, acronym: o.acronym })),
  }));
}

// ---------- ownership transfers ----------

function transferOf(t: NonNullable<Awaited<ReturnType<typeof repo.findTransfer>>>, showCase: boolean) {
  return {
    id: t.id,
    caseId: showCase ? t.case_id : null,
    fromOrganisationId: t.from_organisation_id,
    toOrganisationId: t.to_organisation_id,
    status: t.status,
    requestedAt: new Date(t.requested_at).toISOString(),
    respondedAt: iso(t.responded_at),
  };
}

/** Proposes handing the whole case to another organisation; nothing moves until it accepts. */
export async function proposeTransfer(ctx: RequestContext, caseId: string, input: z.infer<typeof TransferBody>) {
  requireAccess(ctx.actor, Permission.CasesWrite);
  return caseCommand(ctx, async (tx) => {
    const { row } = await reachCase(tx, caseId, 'write');
    if (!hasPermission(tx.actor, Permission.CasesRead)) throw AppError.forbidden(msg('protection.transfer.supervisor-only'));
    if (input.toOrganisationId === row.owner_organisation_id) throw AppError.field('toOrganisationId', msg('protection.transfer.same-organisation'));
    if (!(await repo.organisation(tx.q, input.toOrganisationId))) throw AppError.field('toOrganisationId', msg('protection.organisation.unknown'));
    if (await repo.openTransferOfCase(tx.q, caseId)) throw AppError.conflict(msg('protection.transfer.pending'));
    const cipher = tx.cipher;
    const t = await repo.insertTransfer(tx.q, {
      case_id: caseId,
      from_organisation_id: row.owner_organisation_id,
      to_organisation_id: input.toOrganisationId,
      status: 'proposed',
      reason_enc: cipher.encrypt(input.reason),
      requested_by: tx.actor.userId,
    });
    const supervisors = await repo.usersWithGrants(tx.q, input.toOrganisationId, [`${Permission.CasesRead}:own-org`, Permission.CasesRead]);
    await notify(tx.db, ctx.services.mailer, ctx.services.config.publicUrl, {
      networkId: tx.actor.networkId,
      userIds: supervisors,
      kind: 'protection.transfer.proposed',
      params: {},
      link: '/protection/transfers',
    });
    await tx.audit({ action: 'protection.case.transfer_proposed', entity: 'case', entityId: caseId, fields: ['toOrganisationId', 'reason'] });
    return transferOf(t, true);
  });
}

export async function listTransfers(ctx: RequestContext, query: z.infer<typeof TransferListQuery>) {
  requireAccess(ctx.actor, Permission.CasesRead);
  return caseQuery(ctx, async (tx) => {
    const { items, total } = await repo.listTransfers(tx.q, query.box, tx.actor.organisationId, query);
    return { items: items.map((t) => transferOf(t, query.box === 'outbox' || t.status === 'accepted')), total, limit: query.limit, offset: query.offset };
  });
}

export async function answerTransfer(ctx: RequestContext, id: string, accept: boolean) {
  requireAccess(ctx.actor, Permission.CasesRead);
  return caseCommand(ctx, async (tx) => {
    const t = await repo.findTransfer(tx.q, id);
    if (!t || t.to_organisation_id !== tx.actor.organisationId) throw AppError.notFound('Transfer');
    if (!hasPermission(tx.actor, Permission.CasesWrite)) throw AppError.forbidden();
    // Read before answering, so that an edit of the case from here on fails the update below.
    const row = t.case_id ? await repo.findCase(tx.q, t.case_id) : undefined;
    if (!(await repo.respondTransfer(tx.q, id, accept ? 'accepted' : 'declined', tx.actor.userId))) throw AppError.conflict(msg('protection.transfer.answered'));
    if (accept) {
      if (!row) throw AppError.notFound('Case');
      await updateCase(tx, row, row.version, { owner_organisation_id: t.to_organisation_id, case_owner_user_id: tx.actor.userId, team_id: null });
      await repo.updatePerson(tx.q, row.person_id, { owner_organisation_id: t.to_organisation_id });
      await repo.moveCaseCount(tx.q, { organisationId: t.from_organisation_id, status: row.status }, { organisationId: t.to_organisation_id, status: row.status });
    }
    await tx.audit({ action: accept ? 'protection.case.transfer_accepted' : 'protection.case.transfer_declined', entity: 'case', entityId: t.case_id, fields: ['owner_organisation_id'] });
    return transferOf((await repo.findTransfer(tx.q, id))!, accept);
  });
}

// ---------- settings ----------

export async function getSettings(ctx: RequestContext) {
  requireAccess(ctx.actor, Permission.ProtectionSettingsManage);
  return caseQuery(ctx, async (tx) => {
    const stored = await repo.deadlines(tx.q);
    return {
      referralDeadlineHours: Object.fromEntries(SERVICE_TYPES.map((s) => [s, stored.get(s) ?? DEFAULT_DEADLINE_HOURS])),
      urgentDeadlineHours: URGENT_DEADLINE_HOURS,
    };
  });
}

export async function updateSettings(ctx: RequestContext, input: z.infer<typeof ProtectionSettingsBody>) {
  requireAccess(ctx.actor, Permission.ProtectionSettingsManage);
  await caseCommand(ctx, async (tx) => {
    for (const [service, hours] of Object.entries(input.referralDeadlineHours)) await repo.upsertDeadline(tx.q, service, hours!);
    await tx.audit({ action: 'protection.settings.updated', entity: 'network', entityId: tx.actor.networkId, fields: Object.keys(input.referralDeadlineHours).sort() });
  });
  return getSettings(ctx);
}

// ---------- work queue ----------

export async function workQueue(ctx: RequestContext) {
  requireAccess(ctx.actor, Permission.CasesReadAssigned);
  return caseQuery(ctx, async (tx) => {
    const actor = tx.actor;
    const cipher = tx.cipher;
    const supervisor = hasPermission(actor, Permission.CasesRead);
    const page = { limit: 20, offset: 0 };
    const visibility = { organisationId: actor.organisationId, assignedUserId: supervisor ? null : actor.userId };
    const mine = await repo.listCases(tx.q, { organisationId: actor.organisationId, assignedUserId: actor.userId }, { mine: false, userId: actor.userId, status: undefined }, page);
    const plans = await repo.supportPlansDue(tx.q, visibility, 7);
    const closures = hasPermission(actor, Permission.CasesClose) ? await repo.closuresAwaiting(tx.q, actor.organisationId) : [];
    const waiting = await repo.listReferrals(tx.q, { box: 'inbox', organisationId: actor.organisationId, assignedUserId: null, status: 'sent' }, page);
    const overdueIn = await repo.listReferrals(tx.q, { box: 'inbox', organisationId: actor.organisationId, assignedUserId: null, overdue: true }, page);
    const overdueOut = await repo.listReferrals(tx.q, { box: 'outbox', organisationId: actor.organisationId, assignedUserId: visibility.assignedUserId, overdue: true }, page);
    await tx.audit({ action: 'protection.case.list', entity: 'case', fields: ['workQueue'] });
    return {
      myCases: mine.items.map((r) => caseSummaryOf(cipher, r)),
      tasksDue: [
        ...closures.map((c) => ({ caseId: c.id, caseReference: c.reference, kind: 'closure_approval' as const, dueOn: null })),
        ...plans.map((p) => ({ caseId: p.id, caseReference: p.reference, kind: 'support_plan_due' as const, dueOn: p.planned_end_date })),
      ],
      referralsWaiting: waiting.items.map((r) => referralSummary(r, 'receiver')),
      overdueReferrals: [...overdueIn.items.map((r) => referralSummary(r, 'receiver')), ...overdueOut.items.map((r) => referralSummary(r, 'sender'))],
    };
  });
}
