import type { z } from 'zod';
import { Permission } from '../../../common/permissions';
import type { NetworkDashboard, ReportSendInput, WorkplanInput, WorkplanItem, WorkplanMatrix, WorkplanQuery, WorkplanUpdate } from '../../../common/schemas/network';
import { requireAccess } from '../../platform/access';
import { changedFields, command, type RequestContext } from '../../platform/context';
import { scoped, type Executor } from '../../platform/database/tenant';
import { AppError } from '../../platform/errors';
import { REPORT_CONTENT_TYPES } from '../../platform/report-document';
import { msg } from './messages';
import * as actions from './action-points.repository';
import { isOverdue } from './action-points.service';
import * as meetings from './meetings.repository';
import { renderDocx, renderPdf, type ProgressReport, type ReportSection } from './report';
import * as repo from './repository';
import { pakistanDate } from './time';
import * as workplan from './workplan.repository';

async function toItems(db: Executor, networkId: string, rows: workplan.WorkplanRow[]): Promise<WorkplanItem[]> {
  const partners = await workplan.partnersOf(db, networkId, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    parentId: r.parent_id,
    titleEn: r.title_en,
    titleUr: r.title_ur,
    description: r.description,
    leadOrganisationId: r.lead_organisation_id,
    leadOrganisationName: r.lead_name,
    partnerOrganisationIds: partners.filter((p) => p.workplan_item_id === r.id).map((p) => p.organisation_id),
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    status: r.status,
    progress: r.progress,
    gcmObjectives: r.gcm_objectives,
    guidingPrinciples: r.guiding_principles,
    sdgTargets: r.sdg_targets,
    workingGroupId: r.working_group_id,
    version: r.version,
  }));
}

export async function listWorkplan(ctx: RequestContext, query: z.infer<typeof WorkplanQuery>): Promise<WorkplanItem[]> {
  requireAccess(ctx.actor, Permission.WorkplanRead);
  return toItems(ctx.db, ctx.actor!.networkId, await workplan.listItems(ctx.db, ctx.actor!.networkId, query));
}

async function itemById(db: Executor, networkId: string, id: string): Promise<WorkplanItem> {
  return (await toItems(db, networkId, [await workplan.findItem(db, networkId, id)]))[0];
}

async function checkReferences(db: Executor, networkId: string, input: { partnerOrganisationIds?: string[]; sdgTargets?: string[]; workingGroupId?: string | null }) {
  const partners = [...new Set(input.partnerOrganisationIds ?? [])];
  if ((await repo.countOrganisations(db, networkId, partners)) !== partners.length) throw AppError.field('partnerOrganisationIds', msg('network.workplan.partner-unknown'));
  if (input.sdgTargets?.length) {
    const known = await db.selectFrom('sdg_targets').select('code').where('code', 'in', input.sdgTargets).execute();
    if (known.length !== new Set(input.sdgTargets).size) throw AppError.field('sdgTargets', msg('network.workplan.sdg-unknown'));
  }
  if (input.workingGroupId && !(await repo.findWorkingGroup(db, networkId, input.workingGroupId))) throw AppError.field('workingGroupId', msg('network.working-group.unknown'));
}

/** An activity happens within its output's timeframe; an output's timeframe holds all its activities. */
async function checkTimeframe(db: Executor, networkId: string, startsOn: string, endsOn: string, parentId: string | null, itemId?: string) {
  if (endsOn < startsOn) throw AppError.field('endsOn', msg('network.workplan.end-before-start'));
  if (parentId) {
    const parent = await workplan.findItem(db, networkId, parentId);
    if (!parent || parent.kind !== 'output') throw AppError.field('parentId', msg('network.workplan.activity-needs-output'));
    if (startsOn < parent.starts_on || endsOn > parent.ends_on) {
      throw AppError.field('startsOn', msg('network.workplan.activity-outside-output', { from: parent.starts_on, to: parent.ends_on }));
    }
  }
  if (itemId) {
    const outside = (await workplan.childrenOf(db, networkId, itemId)).find((c) => c.starts_on < startsOn || c.ends_on > endsOn);
    if (outside) throw AppError.field('startsOn', msg('network.workplan.output-excludes-activity', { from: outside.starts_on, to: outside.ends_on }));
  }
}

export async function createWorkplanItem(ctx: RequestContext, input: z.infer<typeof WorkplanInput>): Promise<WorkplanItem> {
  requireAccess(ctx.actor, Permission.WorkplanEdit, { organisationId: input.leadOrganisationId });
  if ((input.kind === 'activity') !== !!input.parentId) throw AppError.field('parentId', msg('network.workplan.parent-rule'));
  return command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    if (!(await repo.findOrganisation(tx.db, networkId, input.leadOrganisationId))) throw AppError.field('leadOrganisationId', msg('network.organisation.unknown'));
    await checkReferences(tx.db, networkId, input);
    await checkTimeframe(tx.db, networkId, input.startsOn, input.endsOn, input.parentId ?? null);
    const row = await workplan.insertItem(tx.db, networkId, {
      kind: input.kind,
      parent_id: input.parentId ?? null,
      title_en: input.titleEn,
      title_ur: input.titleUr ?? null,
      description: input.description,
      lead_organisation_id: input.leadOrganisationId,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      status: input.status,
      progress: input.progress,
      gcm_objectives: [...new Set(input.gcmObjectives)],
      guiding_principles: [...new Set(input.guidingPrinciples)],
      sdg_targets: [...new Set(input.sdgTargets)],
      working_group_id: input.workingGroupId ?? null,
      updated_at: new Date(),
    });
    await workplan.replacePartners(tx.db, networkId, row.id, [...new Set(input.partnerOrganisationIds)].filter((id) => id !== input.leadOrganisationId));
    await tx.audit({ action: 'network.workplan.create', entity: 'workplan_item', entityId: row.id, fields: changedFields(input) });
    return itemById(tx.db, networkId, row.id);
  });
}

/** The secretariat edits every line; a focal point the lines their organisation leads. */
export async function updateWorkplanItem(ctx: RequestContext, id: string, input: z.infer<typeof WorkplanUpdate>): Promise<WorkplanItem> {
  requireAccess(ctx.actor, Permission.WorkplanEdit);
  return command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    const current = await workplan.findItem(tx.db, networkId, id);
    if (!current) throw AppError.notFound('Workplan line');
    requireAccess(tx.actor, Permission.WorkplanEdit, { organisationId: current.lead_organisation_id });
    await checkReferences(tx.db, networkId, input);
    await checkTimeframe(tx.db, networkId, input.startsOn ?? current.starts_on, input.endsOn ?? current.ends_on, current.parent_id, id);
    const { version, partnerOrganisationIds, ...changes } = input;
    const updated = await workplan.updateItem(tx.db, networkId, id, version, {
      title_en: changes.titleEn,
      title_ur: changes.titleUr,
      description: changes.description,
      starts_on: changes.startsOn,
      ends_on: changes.endsOn,
      status: changes.status,
      progress: changes.progress,
      gcm_objectives: changes.gcmObjectives && [...new Set(changes.gcmObjectives)],
      guiding_principles: changes.guidingPrinciples && [...new Set(changes.guidingPrinciples)],
      sdg_targets: changes.sdgTargets && [...new Set(changes.sdgTargets)],
      working_group_id: changes.workingGroupId,
    });
    if (!updated) throw AppError.staleVersion(current.version, (await toItems(tx.db, networkId, [current]))[0]);
    if (partnerOrganisationIds) await workplan.replacePartners(tx.db, networkId, id, [...new Set(partnerOrganisationIds)].filter((o) => o !== current.lead_organisation_id));
    await tx.audit({ action: 'network.workplan.update', entity: 'workplan_item', entityId: id, fields: changedFields({ ...changes, partnerOrganisationIds }) });
    return itemById(tx.db, networkId, id);
  });
}

/**
 * GCM objectives × organisations: an organisation contributes to an objective when it leads or
 * partners a workplan line (not cancelled) on it. Rows are the active members and every contributor;
 * a gap is an objective nobody works on.
 */
export async function workplanMatrix(ctx: RequestContext): Promise<WorkplanMatrix> {
  requireAccess(ctx.actor, Permission.WorkplanRead);
  const networkId = ctx.actor!.networkId;
  const items = (await workplan.listItems(ctx.db, networkId)).filter((i) => i.status !== 'cancelled');
  const partners = await workplan.partnersOf(ctx.db, networkId, items.map((i) => i.id));
  const cells = new Map<string, { organisationId: string; objective: number; role: 'lead' | 'partner'; items: number }>();
  const add = (organisationId: string, objective: number, role: 'lead' | 'partner') => {
    const key = `${organisationId}:${objective}`;
    const cell = cells.get(key) ?? { organisationId, objective, role, items: 0 };
    cell.items++;
    if (role === 'lead') cell.role = 'lead';
    cells.set(key, cell);
  };
  for (const item of items) {
    for (const objective of item.gcm_objectives) {
      add(item.lead_organisation_id, objective, 'lead');
      for (const p of partners.filter((p) => p.workplan_item_id === item.id)) add(p.organisation_id, objective, 'partner');
    }
  }
  const members = await repo.votingMembersOn(ctx.db, networkId, pakistanDate());
  const organisationIds = [...new Set([...members, ...[...cells.values()].map((c) => c.organisationId)])];
  const organisations = organisationIds.length
    ? await scoped(ctx.db, networkId).selectFrom('organisations').select(['id', 'name_en', 'name_ur', 'acronym']).where('id', 'in', organisationIds).orderBy('name_en').execute()
    : [];
  const objectives = (await workplan.gcmObjectives(ctx.db)).map((o) => {
    const count = new Set([...cells.values()].filter((c) => c.objective === o.number).map((c) => c.organisationId)).size;
    return { number: o.number, title: o.title, organisationCount: count, gap: count === 0 };
  });
  return {
    objectives,
    organisations: organisations.map((o) => ({ id: o.id, nameEn: o.name_en, nameUr: o.name_ur, acronym: o.acronym })),
    cells: [...cells.values()].sort((a, b) => a.objective - b.objective),
    gaps: objectives.filter((o) => o.gap).map((o) => o.number),
  };
}

/** What was decided and done in the period, what is overdue at its end, and the workplan lines running in it. */
async function buildReport(db: Executor, networkId: string, from: string, to: string): Promise<ProgressReport> {
  const today = pakistanDate();
  const network = await db.selectFrom('networks').select(['name_en']).where('id', '=', networkId).executeTakeFirstOrThrow();
  const objectives = new Map((await workplan.gcmObjectives(db)).map((o) => [o.number, o.title]));
  const decisions = (await meetings.listDecisions(db, networkId, {})).rows.filter((d) => {
    const date = pakistanDate(d.meeting_starts_at);
    return date >= from && date <= to;
  });
  const points = (await actions.listActionPoints(db, networkId, { today })).rows;
  const done = points.filter((p) => p.status === 'done' && p.completed_at && pakistanDate(p.completed_at) >= from && pakistanDate(p.completed_at) <= to);
  const overdue = points.filter((p) => isOverdue(p, today) && p.due_date <= to);
  const lines = (await workplan.listItems(db, networkId)).filter((w) => w.starts_on <= to && w.ends_on >= from && w.status !== 'cancelled');

  const sections = new Map<number | null, ReportSection>();
  const section = (objective: number | null) => {
    let s = sections.get(objective);
    if (!s) {
      s = { objective, title: objective === null ? 'Cross-cutting (no GCM objective)' : (objectives.get(objective) ?? ''), decisions: [], done: [], overdue: [], workplan: [] };
      sections.set(objective, s);
    }
    return s;
  };
  const each = (gcm: number[], fn: (s: ReportSection) => void) => (gcm.length ? gcm : [null]).forEach((o) => fn(section(o)));
  for (const d of decisions) each(d.gcm_objectives, (s) => s.decisions.push({ number: d.number, text: d.text_en, date: pakistanDate(d.meeting_starts_at) }));
  for (const p of done) each(p.gcm_objectives, (s) => s.done.push({ title: p.title, owner: p.owner_name, date: pakistanDate(p.completed_at!) }));
  for (const p of overdue) each(p.gcm_objectives, (s) => s.overdue.push({ title: p.title, owner: p.owner_name, dueDate: p.due_date }));
  for (const w of lines) each(w.gcm_objectives, (s) => s.workplan.push({ title: w.title_en, lead: w.lead_name, status: w.status, progress: w.progress }));
  const ordered = [...sections.values()].sort((a, b) => (a.objective ?? 99) - (b.objective ?? 99));
  return { networkName: network.name_en, from, to, generatedOn: today, sections: ordered };
}

export async function progressReport(ctx: RequestContext, query: { from: string; to: string }, format: 'pdf' | 'docx'): Promise<Buffer> {
  requireAccess(ctx.actor, Permission.WorkplanRead);
  const report = await buildReport(ctx.db, ctx.actor!.networkId, query.from, query.to);
  return format === 'pdf' ? renderPdf(report) : renderDocx(report);
}

/** The secretariat sends the report to the chair: one mail a chair account, with the report attached, through the outbox. */
export async function sendReportToChair(ctx: RequestContext, input: z.infer<typeof ReportSendInput>): Promise<{ sentTo: number }> {
  requireAccess(ctx.actor, Permission.WorkplanManage);
  if (input.to < input.from) throw AppError.field('to', msg('network.period.end-before-start'));
  return command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    const chairs = await workplan.chairUsers(tx.db, networkId);
    if (chairs.length === 0) throw AppError.conflict(msg('network.report.no-chair'));
    const report = await buildReport(tx.db, networkId, input.from, input.to);
    const content = input.format === 'pdf' ? await renderPdf(report) : await renderDocx(report);
    for (const chair of chairs) {
      await ctx.services.mailer.queue(tx.db, networkId, {
        to: chair.email,
        subject: `Progress report ${input.from} to ${input.to}`,
        text: `The secretariat sends you the network's progress report for ${input.from} to ${input.to}, grouped by GCM objective.\n\nIt is attached as a ${input.format.toUpperCase()} file.`,
        attachments: [{ filename: `progress-report-${input.from}-${input.to}.${input.format}`, contentType: REPORT_CONTENT_TYPES[input.format], content }],
      });
    }
    await tx.audit({ action: 'network.report.send', entity: 'progress_report', entityId: `${input.from}/${input.to}`, fields: ['format', 'recipients'] });
    return { sentTo: chairs.length };
  });
}

// ---- Secretariat dashboard ----------------------------------------------------------------

export async function dashboard(ctx: RequestContext): Promise<NetworkDashboard> {
  requireAccess(ctx.actor, Permission.NetworkDashboardRead);
  const networkId = ctx.actor!.networkId;
  const db = ctx.db;
  const q = scoped(db, networkId);
  const today = pakistanDate();
  const directory = (await repo.listDirectory(db, networkId, { today })).rows;
  const membersByType = countBy(directory.map((d) => d.type)).map(([type, count]) => ({ type, count }));

  const allMeetings = await q.selectFrom('meetings').select(['id', 'starts_at', 'status']).execute();
  const held = allMeetings.filter((m) => m.status === 'held');
  const meetingsHeld = countBy(held.map((m) => pakistanDate(m.starts_at).slice(0, 7)))
    .map(([month, count]) => ({ month, count }))
    .sort((a, b) => a.month.localeCompare(b.month));

  const heldIds = new Set(held.map((m) => m.id));
  const invitations = await q.selectFrom('meeting_invitations').select(['meeting_id', 'organisation_id']).execute();
  const attendance = await q.selectFrom('meeting_attendance').select(['meeting_id', 'organisation_id']).execute();
  const names = new Map((await q.selectFrom('organisations').select(['id', 'name_en', 'acronym']).execute()).map((o) => [o.id, o.acronym ?? o.name_en]));
  const invitedTo = new Map<string, Set<string>>();
  const attended = new Map<string, Set<string>>();
  for (const i of invitations.filter((i) => heldIds.has(i.meeting_id))) (invitedTo.get(i.organisation_id) ?? invitedTo.set(i.organisation_id, new Set()).get(i.organisation_id)!).add(i.meeting_id);
  for (const a of attendance.filter((a) => heldIds.has(a.meeting_id))) {
    (attended.get(a.organisation_id) ?? attended.set(a.organisation_id, new Set()).get(a.organisation_id)!).add(a.meeting_id);
    // Attending without an invitation still counts as being expected at that meeting.
    (invitedTo.get(a.organisation_id) ?? invitedTo.set(a.organisation_id, new Set()).get(a.organisation_id)!).add(a.meeting_id);
  }
  const attendanceByOrganisation = [...invitedTo.entries()]
    .map(([organisationId, meetingsInvited]) => {
      const came = attended.get(organisationId)?.size ?? 0;
      return { organisationId, name: names.get(organisationId) ?? '', invited: meetingsInvited.size, attended: came, rate: Math.round((came / meetingsInvited.size) * 100) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));

  const decisions = await q.selectFrom('decisions').select('year').execute();
  const decisionsByYear = countBy(decisions.map((d) => String(d.year))).map(([year, count]) => ({ year: Number(year), count })).sort((a, b) => a.year - b.year);

  const points = (await actions.listActionPoints(db, networkId, { today })).rows;
  const actionPointsByStatus = ['open', 'in_progress', 'done', 'dropped'].map((status) => ({ status, count: points.filter((p) => p.status === status).length }));
  const overdueActionPoints = points
    .filter((p) => isOverdue(p, today))
    .map((p) => ({ id: p.id, title: p.title, ownerOrganisationName: p.owner_name, dueDate: p.due_date }));

  const lines = (await workplan.listItems(db, networkId)).filter((w) => w.status !== 'cancelled');
  const byObjective = new Map<number, { items: number; progress: number; completed: number }>();
  for (const line of lines) {
    for (const objective of line.gcm_objectives) {
      const entry = byObjective.get(objective) ?? { items: 0, progress: 0, completed: 0 };
      entry.items++;
      entry.progress += line.progress;
      if (line.status === 'completed') entry.completed++;
      byObjective.set(objective, entry);
    }
  }
  const workplanByObjective = [...byObjective.entries()]
    .sort(([a], [b]) => a - b)
    .map(([objective, e]) => ({ objective, items: e.items, averageProgress: Math.round(e.progress / e.items), completed: e.completed }));

  return { membersByType, meetingsHeld, attendanceByOrganisation, decisionsByYear, actionPointsByStatus, overdueActionPoints, workplanByObjective };
}

function countBy(values: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()];
}
