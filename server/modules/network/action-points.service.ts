import type { z } from 'zod';
import { Permission } from '../../../common/permissions';
import type { ActionPoint, ActionPointInput, ActionPointProgress, ActionPointQuery } from '../../../common/schemas/network';
import { requireAccess } from '../../platform/access';
import { changedFields, command, type RequestContext, type Services } from '../../platform/context';
import type { Executor } from '../../platform/database/tenant';
import { AppError } from '../../platform/errors';
import { msg } from './messages';
import { notify } from '../../platform/notifications';
import * as actions from './action-points.repository';
import * as meetings from './meetings.repository';
import * as repo from './repository';
import { iso, pakistanDate } from './time';

type Page<T> = { items: T[]; total: number; limit: number; offset: number };

export function isOverdue(row: { due_date: string; status: string }, today: string): boolean {
  return row.due_date < today && (actions.OPEN_STATUSES as readonly string[]).includes(row.status);
}

function toActionPoint(row: actions.ActionPointRow, today: string): ActionPoint {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    ownerOrganisationId: row.owner_organisation_id,
    ownerOrganisationName: row.owner_name,
    responsibleUserId: row.responsible_user_id,
    responsibleName: row.responsible_name,
    dueDate: row.due_date,
    status: row.status,
    overdue: isOverdue(row, today),
    meetingId: row.meeting_id,
    decisionId: row.decision_id,
    workingGroupId: row.working_group_id,
    gcmObjectives: row.gcm_objectives,
    version: row.version,
  };
}

/** `mine=true` is "my organisation's commitments": the action points the actor's organisation owns. */
export async function listActionPoints(ctx: RequestContext, query: z.infer<typeof ActionPointQuery>): Promise<Page<ActionPoint>> {
  requireAccess(ctx.actor, Permission.ActionPointsRead);
  const actor = ctx.actor!;
  const today = pakistanDate();
  const organisationId = query.mine ? actor.organisationId : query.organisationId;
  const { rows, total } = await actions.listActionPoints(ctx.db, actor.networkId, { ...query, organisationId, today }, query);
  return { items: rows.map((r) => toActionPoint(r, today)), total, limit: query.limit, offset: query.offset };
}

async function withUpdates(db: Executor, networkId: string, id: string): Promise<ActionPoint> {
  const row = await actions.findActionPoint(db, networkId, id);
  if (!row) throw AppError.notFound('Action point');
  const updates = await actions.updatesOf(db, networkId, id);
  return {
    ...toActionPoint(row, pakistanDate()),
    updates: updates.map((u) => ({ id: u.id, status: u.status, note: u.note, authorName: u.display_name, createdAt: iso(u.created_at) })),
  };
}

export async function getActionPoint(ctx: RequestContext, id: string): Promise<ActionPoint> {
  requireAccess(ctx.actor, Permission.ActionPointsRead);
  return withUpdates(ctx.db, ctx.actor!.networkId, id);
}

export async function createActionPoint(ctx: RequestContext, input: z.infer<typeof ActionPointInput>): Promise<ActionPoint> {
  requireAccess(ctx.actor, Permission.ActionPointsManage);
  if (input.dueDate < pakistanDate()) throw AppError.field('dueDate', msg('network.action-point.due-date-past'));
  return command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    if (!(await repo.findOrganisation(tx.db, networkId, input.ownerOrganisationId))) throw AppError.field('ownerOrganisationId', msg('network.organisation.unknown'));
    if (input.responsibleUserId) {
      const [person] = await repo.findUsersOfNetwork(tx.db, networkId, [input.responsibleUserId]);
      if (!person || person.organisation_id !== input.ownerOrganisationId) throw AppError.field('responsibleUserId', msg('network.action-point.responsible-not-owner'));
    }
    let workingGroupId = input.workingGroupId ?? null;
    if (input.meetingId) {
      const meeting = await meetings.findMeeting(tx.db, networkId, input.meetingId);
      if (!meeting) throw AppError.field('meetingId', msg('network.meeting.unknown'));
      workingGroupId ??= meeting.working_group_id;
    }
    if (input.decisionId) {
      const decision = await meetings.findDecision(tx.db, networkId, input.decisionId);
      if (!decision) throw AppError.field('decisionId', msg('network.decision.unknown'));
      if (input.meetingId && decision.meeting_id !== input.meetingId) throw AppError.field('decisionId', msg('network.decision.other-meeting'));
    }
    if (workingGroupId && !(await repo.findWorkingGroup(tx.db, networkId, workingGroupId))) throw AppError.field('workingGroupId', msg('network.working-group.unknown'));
    const row = await actions.insertActionPoint(tx.db, networkId, {
      title: input.title,
      description: input.description,
      owner_organisation_id: input.ownerOrganisationId,
      responsible_user_id: input.responsibleUserId ?? null,
      responsible_name: input.responsibleName ?? null,
      due_date: input.dueDate,
      meeting_id: input.meetingId ?? null,
      decision_id: input.decisionId ?? null,
      working_group_id: workingGroupId,
      gcm_objectives: input.gcmObjectives,
      completed_at: null,
      overdue_notified_at: null,
      created_by: tx.actor.userId,
      updated_at: new Date(),
    });
    await tx.audit({ action: 'network.action_point.create', entity: 'action_point', entityId: row.id, fields: changedFields(input) });
    return withUpdates(tx.db, networkId, row.id);
  });
}

/** A progress update; focal points may report only on their own organisation's action points. */
export async function reportProgress(ctx: RequestContext, id: string, input: z.infer<typeof ActionPointProgress>): Promise<ActionPoint> {
  requireAccess(ctx.actor, Permission.ActionPointsUpdate);
  return command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    const current = await actions.findActionPoint(tx.db, networkId, id);
    if (!current) throw AppError.notFound('Action point');
    requireAccess(tx.actor, Permission.ActionPointsUpdate, { organisationId: current.owner_organisation_id });
    const status = input.status ?? current.status;
    const updated = await actions.updateActionPoint(tx.db, networkId, id, input.version, {
      status,
      completed_at: status === 'done' ? (current.completed_at ?? new Date()) : null,
    });
    if (!updated) throw AppError.staleVersion(current.version, toActionPoint(current, pakistanDate()));
    await actions.insertUpdate(tx.db, networkId, { action_point_id: id, author_user_id: tx.actor.userId, status, note: input.note });
    await tx.audit({ action: 'network.action_point.progress', entity: 'action_point', entityId: id, fields: changedFields(input) });
    return withUpdates(tx.db, networkId, id);
  });
}

/**
 * The overdue job: each open action point past its due date is announced once to its owner
 * organisation's focal points (and the responsible person). The notice is claimed with a
 * conditional update, so two servers running the job never send it twice.
 */
export async function notifyOverdueActionPoints(db: Executor, services: Services): Promise<number> {
  const today = pakistanDate();
  let notified = 0;
  for (const networkId of await actions.networkIds(db)) {
    for (const point of await actions.overdueNotNotified(db, networkId, today)) {
      await db.transaction().execute(async (trx) => {
        if (!(await actions.claimOverdueNotice(trx, networkId, point.id))) return;
        const recipients = await actions.focalPointUserIds(trx, networkId, point.owner_organisation_id, today);
        if (point.responsible_user_id) recipients.push(point.responsible_user_id);
        await notify(trx, services.mailer, services.config.publicUrl, {
          networkId,
          userIds: recipients,
          kind: 'network.actionPoint.overdue',
          params: { title: point.title, dueDate: point.due_date },
          link: `/network/action-points/${point.id}`,
        });
        notified++;
      });
    }
  }
  return notified;
}
