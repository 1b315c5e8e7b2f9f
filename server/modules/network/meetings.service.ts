import type { z } from 'zod';
import { Permission } from '../../../common/permissions';
import type {
  AmendmentInput,
  AttendanceInput,
  CommentInput,
  Decision,
  DecisionInput,
  DecisionQuery,
  InvitationInput,
  MeetingDetail,
  MeetingInput,
  MeetingQuery,
  MeetingSummary,
  MeetingUpdate,
  MinutesInput,
} from '../../../common/schemas/network';
import { hasPermission, organisationFilter, requireAccess, type Actor } from '../../platform/access';
import { changedFields, command, type RequestContext } from '../../platform/context';
import { scoped, type Executor } from '../../platform/database/tenant';
import { AppError, fieldError } from '../../platform/errors';
import { msg } from './messages';
import { notify } from '../../platform/notifications';
import { buildCalendar } from './ics';
import * as meetings from './meetings.repository';
import * as repo from './repository';
import { iso, isoOrNull, pakistanDate, pakistanDateTime } from './time';

type Page<T> = { items: T[]; total: number; limit: number; offset: number };

export const QUORUM_RULE =
  'More than half of the member organisations (chair, secretariat and members; observers do not count) ' +
  'whose membership was active on the meeting date, in Pakistan time, are present. For a working group ' +
  'meeting, the count is over the working group\'s member organisations that were network members on that date.';

function toSummary(row: meetings.MeetingRow): MeetingSummary {
  return {
    id: row.id,
    kind: row.kind,
    workingGroupId: row.working_group_id,
    titleEn: row.title_en,
    titleUr: row.title_ur,
    startsAt: iso(row.starts_at),
    endsAt: iso(row.ends_at),
    location: row.location,
    onlineUrl: row.online_url,
    isPublic: row.is_public,
    status: row.status,
    minutesStatus: row.minutes_status,
    version: row.version,
  };
}

export function toDecision(row: meetings.DecisionRow): Decision {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    meetingTitle: row.meeting_title,
    meetingDate: pakistanDate(row.meeting_starts_at),
    workingGroupId: row.working_group_id,
    number: row.number,
    textEn: row.text_en,
    textUr: row.text_ur,
    gcmObjectives: row.gcm_objectives,
    createdAt: iso(row.created_at),
  };
}

/** Who schedules and runs a meeting: the secretariat; the steering committee its own; a co-chair their group's. */
async function canManage(db: Executor, actor: Actor, kind: string, workingGroupId: string | null): Promise<boolean> {
  if (hasPermission(actor, Permission.MeetingsManage)) return true;
  if (kind === 'steering_committee') return hasPermission(actor, Permission.SteeringMeetingsManage);
  if (kind === 'working_group' && workingGroupId) return repo.isCoChair(db, actor.networkId, workingGroupId, actor.userId);
  return false;
}

/** Network minutes are approved by the chair; a working group's by its co-chairs or the secretariat; the steering committee's by itself. */
async function canApproveMinutes(db: Executor, actor: Actor, meeting: meetings.MeetingRow): Promise<boolean> {
  if (meeting.kind === 'network') return hasPermission(actor, Permission.MinutesApprove);
  if (meeting.kind === 'steering_committee') return hasPermission(actor, Permission.SteeringMeetingsManage);
  return hasPermission(actor, Permission.MeetingsManage) || repo.isCoChair(db, actor.networkId, meeting.working_group_id!, actor.userId);
}

/**
 * A meeting the actor may see: every meeting with a network-wide grant; with an own-organisation
 * grant, public meetings and those the organisation was invited to or attended.
 */
async function visibleMeeting(db: Executor, actor: Actor, id: string, options: { lock?: boolean } = {}) {
  const scope = requireAccess(actor, Permission.MeetingsRead);
  const meeting = await meetings.findMeeting(db, actor.networkId, id, options);
  if (!meeting) throw AppError.notFound('Meeting');
  if (scope === 'own-org' && !meeting.is_public) {
    const q = scoped(db, actor.networkId);
    const invited = await q.selectFrom('meeting_invitations').select('id').where('meeting_id', '=', id).where('organisation_id', '=', actor.organisationId).executeTakeFirst();
    const attended = await q.selectFrom('meeting_attendance').select('organisation_id').where('meeting_id', '=', id).where('organisation_id', '=', actor.organisationId).executeTakeFirst();
    if (!invited && !attended) throw AppError.notFound('Meeting');
  }
  return meeting;
}

async function managedMeeting(db: Executor, actor: Actor, id: string) {
  const meeting = await visibleMeeting(db, actor, id, { lock: true });
  if (!(await canManage(db, actor, meeting.kind, meeting.working_group_id))) throw AppError.forbidden();
  return meeting;
}

export async function quorumOf(db: Executor, networkId: string, meeting: meetings.MeetingRow) {
  let eligible = await repo.votingMembersOn(db, networkId, pakistanDate(meeting.starts_at));
  if (meeting.kind === 'working_group') {
    const groupMembers = new Set(await meetings.workingGroupMemberIds(db, networkId, meeting.working_group_id!));
    eligible = eligible.filter((id) => groupMembers.has(id));
  }
  const attended = new Set((await meetings.attendanceOf(db, networkId, meeting.id)).map((a) => a.organisation_id));
  const present = eligible.filter((id) => attended.has(id)).length;
  const required = Math.floor(eligible.length / 2) + 1;
  return { rule: QUORUM_RULE, eligible: eligible.length, present, required, reached: eligible.length > 0 && present >= required };
}

async function detail(db: Executor, actor: Actor, meeting: meetings.MeetingRow): Promise<MeetingDetail> {
  const networkId = actor.networkId;
  const [agenda, invitations, attendance, comments, amendments, decisions, quorum, manage, approve] = await Promise.all([
    meetings.agendaOf(db, networkId, meeting.id),
    meetings.invitationsOf(db, networkId, meeting.id),
    meetings.attendanceOf(db, networkId, meeting.id),
    meetings.commentsOf(db, networkId, meeting.id),
    meetings.amendmentsOf(db, networkId, meeting.id),
    meetings.listDecisions(db, networkId, { meetingId: meeting.id }),
    quorumOf(db, networkId, meeting),
    canManage(db, actor, meeting.kind, meeting.working_group_id),
    canApproveMinutes(db, actor, meeting),
  ]);
  return {
    ...toSummary(meeting),
    agenda: agenda.map((a) => ({ id: a.id, position: a.position, title: a.title, presenter: a.presenter, minutes: a.minutes, version: a.version })),
    // Who was invited is for those who run the meeting; others see only that invitations went out.
    invitations: manage ? invitations.map((i) => ({ organisationId: i.organisation_id, email: i.email, invitedAt: iso(i.invited_at) })) : [],
    attendance: attendance.map((a) => ({ organisationId: a.organisation_id, organisationName: a.name_en, attendees: a.attendees })),
    quorum,
    comments: comments.map((c) => ({ id: c.id, agendaItemId: c.agenda_item_id, authorName: c.display_name, body: c.body, createdAt: iso(c.created_at) })),
    amendments: amendments.map((a) => ({ id: a.id, agendaItemId: a.agenda_item_id, number: a.number, text: a.text, reason: a.reason, createdAt: iso(a.created_at) })),
    decisions: decisions.rows.map(toDecision),
    minutesApprovedAt: isoOrNull(meeting.minutes_approved_at),
    canApproveMinutes: approve && meeting.minutes_status === 'circulated',
    canManage: manage,
  };
}

export async function listMeetings(ctx: RequestContext, query: z.infer<typeof MeetingQuery>): Promise<Page<MeetingSummary>> {
  const scope = requireAccess(ctx.actor, Permission.MeetingsRead);
  const actor = ctx.actor!;
  const organisationId = organisationFilter(actor, scope);
  const { rows, total } = await meetings.listMeetings(ctx.db, actor.networkId, { ...query, visibleToOrganisationId: organisationId }, query);
  return { items: rows.map(toSummary), total, limit: query.limit, offset: query.offset };
}

export async function getMeeting(ctx: RequestContext, id: string): Promise<MeetingDetail> {
  requireAccess(ctx.actor, Permission.MeetingsRead);
  const meeting = await visibleMeeting(ctx.db, ctx.actor!, id);
  return detail(ctx.db, ctx.actor!, meeting);
}

function checkTimes(start: Date, end: Date) {
  if (end.getTime() <= start.getTime()) throw AppError.field('endsAt', msg('network.meeting.ends-before-start'));
}

async function refuseRoomClash(db: Executor, networkId: string, location: string | null | undefined, start: Date, end: Date, excludeId?: string) {
  if (!location) return;
  const clash = await meetings.roomClash(db, networkId, location, start, end, excludeId);
  if (clash) {
    throw new AppError(409, 'room-taken', 'Room already booked', msg('network.meeting.room-taken', { meeting: clash.title_en }), [
      fieldError('startsAt', msg('network.meeting.overlaps', { meeting: clash.title_en, startsAt: pakistanDateTime(clash.starts_at) })),
    ]);
  }
}

export async function scheduleMeeting(ctx: RequestContext, input: MeetingInput): Promise<MeetingDetail> {
  requireAccess(ctx.actor, Permission.MeetingsRead);
  const start = new Date(input.startsAt);
  const end = new Date(input.endsAt);
  checkTimes(start, end);
  if ((input.kind === 'working_group') !== !!input.workingGroupId) throw AppError.field('workingGroupId', msg('network.meeting.working-group-rule'));
  return command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    if (input.workingGroupId && !(await repo.findWorkingGroup(tx.db, networkId, input.workingGroupId))) throw AppError.field('workingGroupId', msg('network.working-group.unknown'));
    if (!(await canManage(tx.db, tx.actor, input.kind, input.workingGroupId ?? null))) throw AppError.forbidden();
    await refuseRoomClash(tx.db, networkId, input.location, start, end);
    const row = await meetings.insertMeeting(tx.db, networkId, {
      kind: input.kind,
      working_group_id: input.workingGroupId ?? null,
      title_en: input.titleEn,
      title_ur: input.titleUr ?? null,
      starts_at: start,
      ends_at: end,
      location: input.location ?? null,
      online_url: input.onlineUrl ?? null,
      is_public: input.isPublic,
      minutes_circulated_at: null,
      minutes_approved_at: null,
      minutes_approved_by: null,
      created_by: tx.actor.userId,
      updated_at: new Date(),
    });
    await meetings.insertAgendaItems(tx.db, networkId, row.id, input.agenda);
    await tx.audit({ action: 'network.meeting.schedule', entity: 'meeting', entityId: row.id, fields: changedFields(input) });
    return detail(tx.db, tx.actor, (await meetings.findMeeting(tx.db, networkId, row.id))!);
  });
}

export async function updateMeeting(ctx: RequestContext, id: string, input: z.infer<typeof MeetingUpdate>): Promise<MeetingDetail> {
  requireAccess(ctx.actor, Permission.MeetingsRead);
  return command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    const current = await managedMeeting(tx.db, tx.actor, id);
    const start = input.startsAt ? new Date(input.startsAt) : current.starts_at;
    const end = input.endsAt ? new Date(input.endsAt) : current.ends_at;
    checkTimes(start, end);
    const location = input.location !== undefined ? input.location : current.location;
    if ((input.status ?? current.status) !== 'cancelled') await refuseRoomClash(tx.db, networkId, location, start, end, id);
    const { version, ...changes } = input;
    const rescheduled = input.startsAt !== undefined || input.endsAt !== undefined || input.location !== undefined || input.status === 'cancelled';
    const updated = await meetings.updateMeeting(tx.db, networkId, id, version, {
      title_en: changes.titleEn,
      title_ur: changes.titleUr,
      starts_at: input.startsAt ? start : undefined,
      ends_at: input.endsAt ? end : undefined,
      location: changes.location,
      online_url: changes.onlineUrl,
      is_public: changes.isPublic,
      status: changes.status,
      ...(rescheduled ? { ics_sequence: current.ics_sequence + 1 } : {}),
    });
    if (!updated) throw AppError.staleVersion(current.version, toSummary(current));
    await tx.audit({ action: 'network.meeting.update', entity: 'meeting', entityId: id, fields: changedFields(changes) });
    return detail(tx.db, tx.actor, (await meetings.findMeeting(tx.db, networkId, id))!);
  });
}

/** The .ics text of a meeting, as attached to its invitations. */
async function calendarText(db: Executor, ctx: RequestContext, meeting: meetings.MeetingRow, attendeeEmails: string[]): Promise<string> {
  const agenda = await meetings.agendaOf(db, meeting.network_id, meeting.id);
  const description = [
    `${meeting.title_en} (${pakistanDateTime(meeting.starts_at)})`,
    ...(meeting.online_url ? [`Online: ${meeting.online_url}`] : []),
    ...(agenda.length ? ['Agenda:', ...agenda.map((a) => `${a.position}. ${a.title}`)] : []),
  ].join('\n');
  return buildCalendar({
    uid: `meeting-${meeting.id}@${new URL(ctx.services.config.publicUrl).hostname}`,
    sequence: meeting.ics_sequence,
    stamp: new Date(),
    start: meeting.starts_at,
    end: meeting.ends_at,
    summary: meeting.title_en,
    description,
    location: meeting.location ?? meeting.online_url,
    url: meeting.online_url,
    organizerEmail: ctx.services.config.mailFrom.match(/<([^>]+)>/)?.[1] ?? ctx.services.config.mailFrom,
    attendeeEmails,
    cancelled: meeting.status === 'cancelled',
  });
}

export async function meetingCalendar(ctx: RequestContext, id: string): Promise<string> {
  requireAccess(ctx.actor, Permission.MeetingsRead);
  const meeting = await visibleMeeting(ctx.db, ctx.actor!, id);
  return calendarText(ctx.db, ctx, meeting, []);
}

export async function inviteToMeeting(ctx: RequestContext, id: string, input: z.infer<typeof InvitationInput>): Promise<MeetingDetail> {
  requireAccess(ctx.actor, Permission.MeetingsRead);
  if (input.organisationIds.length === 0 && input.userIds.length === 0) throw AppError.field('organisationIds', msg('network.meeting.invite-someone'));
  return command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    const meeting = await managedMeeting(tx.db, tx.actor, id);
    if (meeting.status === 'cancelled') throw AppError.conflict(msg('network.meeting.cancelled'));
    const organisationIds = [...new Set(input.organisationIds)];
    const focal = await meetings.focalPointsOf(tx.db, networkId, organisationIds, pakistanDate(meeting.starts_at));
    const withoutFocalPoint = organisationIds.filter((o) => !focal.some((f) => f.membership_organisation_id === o));
    if (withoutFocalPoint.length) throw AppError.field('organisationIds', msg('network.meeting.no-focal-point'));
    const people = await repo.findUsersOfNetwork(tx.db, networkId, [...new Set(input.userIds)]);
    if (people.length !== new Set(input.userIds).size || people.some((p) => p.status !== 'active')) throw AppError.field('userIds', msg('network.meeting.person-inactive'));
    const recipients = [
      ...focal.map((f) => ({ meeting_id: id, organisation_id: f.membership_organisation_id, user_id: f.id, email: f.email })),
      ...people.map((p) => ({ meeting_id: id, organisation_id: p.organisation_id, user_id: p.id, email: p.email })),
    ].filter((r, i, all) => all.findIndex((o) => o.email === r.email) === i);
    const added = await meetings.insertInvitations(tx.db, networkId, recipients);
    const ics = Buffer.from(await calendarText(tx.db, ctx, meeting, recipients.map((r) => r.email)), 'utf8');
    const when = pakistanDateTime(meeting.starts_at);
    const where = [meeting.location, meeting.online_url].filter(Boolean).join(' / ') || 'to be confirmed';
    const agenda = await meetings.agendaOf(tx.db, networkId, id);
    for (const invitation of added) {
      await ctx.services.mailer.queue(tx.db, networkId, {
        to: invitation.email,
        subject: `Invitation: ${meeting.title_en}, ${when}`,
        text: [
          `You are invited to "${meeting.title_en}".`,
          '',
          `When: ${when} (Pakistan Standard Time, UTC+5)`,
          `Where: ${where}`,
          ...(agenda.length ? ['', 'Agenda:', ...agenda.map((a) => `${a.position}. ${a.title}`)] : []),
          '',
          `Details: ${ctx.services.config.publicUrl}/network/meetings/${id}`,
          'The attached invite.ics adds the meeting to your calendar.',
        ].join('\n'),
        attachments: [{ filename: 'invite.ics', contentType: 'text/calendar; charset=utf-8; method=REQUEST', content: ics }],
      });
    }
    await tx.audit({ action: 'network.meeting.invite', entity: 'meeting', entityId: id, fields: changedFields(input) });
    return detail(tx.db, tx.actor, meeting);
  });
}

export async function recordAttendance(ctx: RequestContext, id: string, input: z.infer<typeof AttendanceInput>): Promise<MeetingDetail> {
  requireAccess(ctx.actor, Permission.MeetingsRead);
  return command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    const meeting = await managedMeeting(tx.db, tx.actor, id);
    if (meeting.status === 'cancelled') throw AppError.conflict(msg('network.meeting.cancelled'));
    const ids = [...new Set(input.organisations.map((o) => o.organisationId))];
    if (ids.length !== input.organisations.length) throw AppError.field('organisations', msg('network.meeting.organisation-twice'));
    if ((await repo.countOrganisations(tx.db, networkId, ids)) !== ids.length) throw AppError.field('organisations', msg('network.workplan.partner-unknown'));
    await meetings.replaceAttendance(tx.db, networkId, id, input.organisations);
    await meetings.touchMeeting(tx.db, networkId, id, { status: 'held' });
    await tx.audit({ action: 'network.meeting.attendance', entity: 'meeting', entityId: id, fields: ['attendance'] });
    return detail(tx.db, tx.actor, (await meetings.findMeeting(tx.db, networkId, id))!);
  });
}

function refuseApproved(meeting: meetings.MeetingRow) {
  if (meeting.minutes_status === 'approved') {
    throw new AppError(409, 'minutes-approved', 'Minutes approved', msg('network.minutes.approved'));
  }
}

export async function editMinutes(ctx: RequestContext, id: string, itemId: string, input: z.infer<typeof MinutesInput>): Promise<MeetingDetail> {
  requireAccess(ctx.actor, Permission.MeetingsRead);
  return command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    const meeting = await managedMeeting(tx.db, tx.actor, id);
    refuseApproved(meeting);
    const item = await meetings.findAgendaItem(tx.db, networkId, id, itemId);
    if (!item) throw AppError.notFound('Agenda item');
    if (!(await meetings.updateAgendaMinutes(tx.db, networkId, itemId, input.version, input.minutes))) throw AppError.staleVersion(item.version, { minutes: item.minutes });
    await tx.audit({ action: 'network.minutes.edit', entity: 'meeting', entityId: id, fields: ['minutes'] });
    return detail(tx.db, tx.actor, meeting);
  });
}

export async function circulateMinutes(ctx: RequestContext, id: string): Promise<MeetingDetail> {
  requireAccess(ctx.actor, Permission.MeetingsRead);
  return command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    const meeting = await managedMeeting(tx.db, tx.actor, id);
    refuseApproved(meeting);
    if (meeting.minutes_status === 'circulated') throw AppError.conflict(msg('network.minutes.already-circulated'));
    await meetings.touchMeeting(tx.db, networkId, id, { minutes_status: 'circulated', minutes_circulated_at: new Date() });
    const invited = (await meetings.invitationsOf(tx.db, networkId, id)).map((i) => i.user_id).filter((u): u is string => !!u);
    await notify(tx.db, ctx.services.mailer, ctx.services.config.publicUrl, {
      networkId,
      userIds: invited,
      kind: 'network.minutes.circulated',
      params: { meeting: meeting.title_en },
      link: `/network/meetings/${id}`,
    });
    await tx.audit({ action: 'network.minutes.circulate', entity: 'meeting', entityId: id, fields: ['minutesStatus'] });
    return detail(tx.db, tx.actor, (await meetings.findMeeting(tx.db, networkId, id))!);
  });
}

export async function commentOnMinutes(ctx: RequestContext, id: string, input: z.infer<typeof CommentInput>): Promise<MeetingDetail> {
  requireAccess(ctx.actor, Permission.MeetingsComment);
  return command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    const meeting = await visibleMeeting(tx.db, tx.actor, id);
    if (meeting.minutes_status !== 'circulated') throw AppError.conflict(msg('network.minutes.comments-while-circulated'));
    if (input.agendaItemId && !(await meetings.findAgendaItem(tx.db, networkId, id, input.agendaItemId))) throw AppError.field('agendaItemId', msg('network.minutes.agenda-item-unknown'));
    const row = await meetings.insertComment(tx.db, networkId, { meeting_id: id, agenda_item_id: input.agendaItemId ?? null, author_user_id: tx.actor.userId, body: input.body });
    await tx.audit({ action: 'network.minutes.comment', entity: 'meeting', entityId: id, fields: ['comment', row.id] });
    return detail(tx.db, tx.actor, meeting);
  });
}

export async function approveMinutes(ctx: RequestContext, id: string): Promise<MeetingDetail> {
  requireAccess(ctx.actor, Permission.MeetingsRead);
  return command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    const meeting = await visibleMeeting(tx.db, tx.actor, id, { lock: true });
    if (!(await canApproveMinutes(tx.db, tx.actor, meeting))) {
      throw AppError.forbidden(meeting.kind === 'network' ? msg('network.minutes.chair-approves') : msg('network.minutes.approve-forbidden'));
    }
    refuseApproved(meeting);
    if (meeting.minutes_status !== 'circulated') throw AppError.conflict(msg('network.minutes.circulate-first'));
    await meetings.touchMeeting(tx.db, networkId, id, { minutes_status: 'approved', minutes_approved_at: new Date(), minutes_approved_by: tx.actor.userId });
    await tx.audit({ action: 'network.minutes.approve', entity: 'meeting', entityId: id, fields: ['minutesStatus'] });
    return detail(tx.db, tx.actor, (await meetings.findMeeting(tx.db, networkId, id))!);
  });
}

export async function amendMinutes(ctx: RequestContext, id: string, input: z.infer<typeof AmendmentInput>): Promise<MeetingDetail> {
  requireAccess(ctx.actor, Permission.MeetingsRead);
  return command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    const meeting = await managedMeeting(tx.db, tx.actor, id);
    if (meeting.minutes_status !== 'approved') throw AppError.conflict(msg('network.minutes.not-approved'));
    if (!(await meetings.findAgendaItem(tx.db, networkId, id, input.agendaItemId))) throw AppError.field('agendaItemId', msg('network.minutes.agenda-item-unknown'));
    const row = await meetings.insertAmendment(tx.db, networkId, {
      meeting_id: id,
      agenda_item_id: input.agendaItemId,
      text: input.text,
      reason: input.reason,
      created_by: tx.actor.userId,
    });
    await tx.audit({ action: 'network.minutes.amend', entity: 'meeting', entityId: id, fields: ['text', 'reason', `amendment:${row.number}`] });
    return detail(tx.db, tx.actor, meeting);
  });
}

/** UNNM-PAK/2025/07: the network's code, the year of the meeting (Pakistan time), and a per-year number. */
export function formatDecisionNumber(code: string, year: number, sequence: number): string {
  return `UNNM-${code}/${year}/${String(sequence).padStart(2, '0')}`;
}

export async function recordDecision(ctx: RequestContext, meetingId: string, input: z.infer<typeof DecisionInput>): Promise<Decision> {
  requireAccess(ctx.actor, Permission.MeetingsRead);
  return command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    const meeting = await visibleMeeting(tx.db, tx.actor, meetingId);
    if (!(await canManage(tx.db, tx.actor, meeting.kind, meeting.working_group_id))) throw AppError.forbidden();
    if (meeting.status === 'cancelled') throw AppError.conflict(msg('network.meeting.cancelled'));
    const year = Number(pakistanDate(meeting.starts_at).slice(0, 4));
    const sequence = await meetings.nextDecisionNumber(tx.db, networkId, year);
    const number = formatDecisionNumber(await meetings.networkCode(tx.db, networkId), year, sequence);
    const row = await meetings.insertDecision(tx.db, networkId, {
      meeting_id: meetingId,
      number,
      year,
      sequence,
      text_en: input.textEn,
      text_ur: input.textUr ?? null,
      gcm_objectives: input.gcmObjectives,
      created_by: tx.actor.userId,
    });
    await tx.audit({ action: 'network.decision.record', entity: 'decision', entityId: row.id, fields: changedFields(input) });
    return toDecision((await meetings.findDecision(tx.db, networkId, row.id))!);
  });
}

export async function listDecisions(ctx: RequestContext, query: z.infer<typeof DecisionQuery>): Promise<Page<Decision>> {
  requireAccess(ctx.actor, Permission.MeetingsRead);
  const { rows, total } = await meetings.listDecisions(ctx.db, ctx.actor!.networkId, query, query);
  return { items: rows.map(toDecision), total, limit: query.limit, offset: query.offset };
}
