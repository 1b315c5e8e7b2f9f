import { z } from 'zod';
import { Permission } from '../../../common/permissions';
import { IdParams, pageOf } from '../../../common/schemas/http';
import type { HamsafarApp } from '../../platform/http/types';
import { readUpload } from '../../platform/http/uploads';
import {
  ActionPoint,
  ActionPointInput,
  ActionPointProgress,
  ActionPointQuery,
  AgendaItemParams,
  AmendmentInput,
  Application,
  ApplicationApproval,
  ApplicationInput,
  ApplicationQuery,
  ApplicationRejection,
  ApplicationReview,
  AttendanceInput,
  CommentInput,
  Decision,
  DecisionInput,
  DecisionQuery,
  DirectoryEntry,
  DirectoryExportQuery,
  DirectoryQuery,
  DocumentQuery,
  DocumentVersionParams,
  GovernanceDocument,
  InvitationInput,
  MeetingDetail,
  MeetingInput,
  MeetingQuery,
  MeetingSummary,
  MeetingUpdate,
  MembershipInput,
  MembershipUpdate,
  MinutesInput,
  NetworkDashboard,
  PeopleQuery,
  PersonOption,
  ReportQuery,
  ReportSendInput,
  WorkingGroupInput,
  WorkingGroupSummary,
  WorkingGroupUpdate,
  WorkplanInput,
  WorkplanItem,
  WorkplanMatrix,
  WorkplanQuery,
  WorkplanUpdate,
} from './schemas';
import * as actionPoints from './action-points.service';
import { directoryCsv, directoryXlsx } from './directory-export';
import * as meetings from './meetings.service';
import * as service from './service';
import { fileRoute, sendDownload } from '../../platform/http/downloads';
import { REPORT_CONTENT_TYPES } from '../../platform/report-document';
import * as workplan from './workplan.service';

const tags = ['network'];
const OrganisationParams = z.strictObject({ organisationId: z.uuid() });

export default async function networkRoutes(app: HamsafarApp) {
  // ---- Directory and membership
  app.get('/directory', {
    config: { permission: Permission.DirectoryRead },
    schema: { tags, summary: 'Member directory: organisations, roles, focal points, GCM objectives, provinces', querystring: DirectoryQuery, response: { 200: pageOf(DirectoryEntry) } },
    handler: (request) => service.listDirectory(request.ctx, request.query),
  });
  app.get('/directory/export.csv', {
    ...fileRoute,
    config: { permission: Permission.DirectoryRead },
    schema: { tags, summary: 'The filtered directory as CSV', querystring: DirectoryExportQuery },
    handler: async (request, reply) => sendDownload(reply, { contentType: 'text/csv; charset=utf-8', filename: 'directory.csv', body: directoryCsv(await service.directoryForExport(request.ctx, request.query)) }),
  });
  app.get('/directory/export.xlsx', {
    ...fileRoute,
    config: { permission: Permission.DirectoryRead },
    schema: { tags, summary: 'The filtered directory as an Excel workbook', querystring: DirectoryExportQuery },
    handler: async (request, reply) =>
      sendDownload(reply, { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: 'directory.xlsx', body: await directoryXlsx(await service.directoryForExport(request.ctx, request.query)) }),
  });
  app.get('/organisations/:organisationId/memberships', {
    config: { permission: Permission.DirectoryRead },
    schema: { tags, summary: 'Membership history of one organisation', params: OrganisationParams, response: { 200: z.array(DirectoryEntry) } },
    handler: (request) => service.membershipHistory(request.ctx, request.params.organisationId),
  });
  app.get('/people', {
    config: { permission: Permission.DirectoryRead },
    schema: { tags, summary: 'Active people, for choosing focal points, co-chairs and responsible persons', querystring: PeopleQuery, response: { 200: z.array(PersonOption) } },
    handler: (request) => service.listPeople(request.ctx, request.query.organisationId),
  });
  app.post('/memberships', {
    config: { permission: Permission.MembershipApprove },
    schema: { tags, summary: 'Record a membership period directly (network admins)', body: MembershipInput, response: { 201: DirectoryEntry } },
    handler: async (request, reply) => reply.code(201).send(await service.createMembership(request.ctx, request.body)),
  });
  app.patch('/memberships/:id', {
    config: { permission: Permission.MembershipApprove },
    schema: { tags, summary: 'Change role, focal points, areas, or record the leaving date', params: IdParams, body: MembershipUpdate, response: { 200: DirectoryEntry } },
    handler: (request) => service.updateMembership(request.ctx, request.params.id, request.body),
  });

  // ---- Membership applications
  app.get('/applications', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Membership applications: all for reviewers, the own organisation\'s for applicants', querystring: ApplicationQuery, response: { 200: pageOf(Application) } },
    handler: (request) => service.listApplications(request.ctx, request.query),
  });
  app.post('/applications', {
    config: { permission: Permission.MembershipApply },
    schema: { tags, summary: 'Apply for membership of the network for the own organisation', body: ApplicationInput, response: { 201: Application } },
    handler: async (request, reply) => reply.code(201).send(await service.applyForMembership(request.ctx, request.body)),
  });
  app.post('/applications/:id/review', {
    config: { permission: Permission.MembershipReview },
    schema: { tags, summary: 'Secretariat review note; the application is then under review', params: IdParams, body: ApplicationReview, response: { 200: Application } },
    handler: (request) => service.reviewApplication(request.ctx, request.params.id, request.body),
  });
  app.post('/applications/:id/approve', {
    config: { permission: Permission.MembershipApprove },
    schema: { tags, summary: 'Approve: the organisation becomes a member from the joining date', params: IdParams, body: ApplicationApproval, response: { 200: Application } },
    handler: (request) => service.approveApplication(request.ctx, request.params.id, request.body),
  });
  app.post('/applications/:id/reject', {
    config: { permission: Permission.MembershipApprove },
    schema: { tags, summary: 'Reject, with the reason', params: IdParams, body: ApplicationRejection, response: { 200: Application } },
    handler: (request) => service.rejectApplication(request.ctx, request.params.id, request.body),
  });

  // ---- Working groups and governance documents
  app.get('/working-groups', {
    config: { permission: Permission.DirectoryRead },
    schema: { tags, summary: 'Working groups with members and co-chairs', response: { 200: z.array(WorkingGroupSummary) } },
    handler: (request) => service.listWorkingGroups(request.ctx),
  });
  app.get('/working-groups/:id', {
    config: { permission: Permission.DirectoryRead },
    schema: { tags, summary: 'One working group', params: IdParams, response: { 200: WorkingGroupSummary } },
    handler: (request) => service.getWorkingGroup(request.ctx, request.params.id),
  });
  app.post('/working-groups', {
    config: { permission: Permission.WorkingGroupsManage },
    schema: { tags, summary: 'Create a working group', body: WorkingGroupInput, response: { 201: WorkingGroupSummary } },
    handler: async (request, reply) => reply.code(201).send(await service.createWorkingGroup(request.ctx, request.body)),
  });
  app.patch('/working-groups/:id', {
    config: { permission: Permission.DirectoryRead },
    schema: { tags, summary: 'Edit a working group (its co-chairs and the secretariat)', params: IdParams, body: WorkingGroupUpdate, response: { 200: WorkingGroupSummary } },
    handler: (request) => service.updateWorkingGroup(request.ctx, request.params.id, request.body),
  });
  app.get('/documents', {
    config: { permission: Permission.DirectoryRead },
    schema: { tags, summary: 'Terms of reference and governance documents with their versions', querystring: DocumentQuery, response: { 200: z.array(GovernanceDocument) } },
    handler: (request) => service.listDocuments(request.ctx, request.query.workingGroupId),
  });
  app.post('/documents', {
    config: { permission: Permission.DirectoryRead },
    schema: { tags, summary: 'Upload a new document (multipart: kind, title, workingGroupId?, note?, then file)', consumes: ['multipart/form-data'], response: { 201: GovernanceDocument } },
    handler: async (request, reply) => reply.code(201).send(await service.createDocument(request.ctx, await readUpload(request))),
  });
  app.post('/documents/:id/versions', {
    config: { permission: Permission.DirectoryRead },
    schema: { tags, summary: 'Upload a new version (multipart: note?, then file); it becomes the current one', params: IdParams, consumes: ['multipart/form-data'], response: { 200: GovernanceDocument } },
    handler: async (request) => service.addDocumentVersion(request.ctx, request.params.id, await readUpload(request)),
  });
  app.post('/documents/:id/versions/:versionId/current', {
    config: { permission: Permission.DirectoryRead },
    schema: { tags, summary: 'Mark a version as the current one', params: DocumentVersionParams, response: { 200: GovernanceDocument } },
    handler: (request) => service.markCurrentVersion(request.ctx, request.params.id, request.params.versionId),
  });
  app.get('/documents/:id/versions/:versionId/file', {
    ...fileRoute,
    config: { permission: Permission.DirectoryRead },
    schema: { tags, summary: 'Download a document version', params: DocumentVersionParams },
    handler: async (request, reply) => {
      const file = await service.downloadDocumentVersion(request.ctx, request.params.id, request.params.versionId);
      return sendDownload(reply, { contentType: file.contentType, filename: file.name, body: file.data });
    },
  });

  // ---- Meetings, minutes and decisions
  app.get('/meetings', {
    config: { permission: Permission.MeetingsRead },
    schema: { tags, summary: 'Meetings of the network, working groups and steering committee', querystring: MeetingQuery, response: { 200: pageOf(MeetingSummary) } },
    handler: (request) => meetings.listMeetings(request.ctx, request.query),
  });
  app.get('/meetings/:id', {
    config: { permission: Permission.MeetingsRead },
    schema: { tags, summary: 'A meeting with agenda, attendance, quorum, minutes and decisions', params: IdParams, response: { 200: MeetingDetail } },
    handler: (request) => meetings.getMeeting(request.ctx, request.params.id),
  });
  app.get('/meetings/:id/calendar.ics', {
    ...fileRoute,
    config: { permission: Permission.MeetingsRead },
    schema: { tags, summary: 'The meeting as an iCalendar file', params: IdParams },
    handler: async (request, reply) => sendDownload(reply, { contentType: 'text/calendar; charset=utf-8', filename: 'meeting.ics', body: await meetings.meetingCalendar(request.ctx, request.params.id) }),
  });
  app.post('/meetings', {
    config: { permission: Permission.MeetingsRead },
    schema: { tags, summary: 'Schedule a meeting with its agenda', body: MeetingInput, response: { 201: MeetingDetail } },
    handler: async (request, reply) => reply.code(201).send(await meetings.scheduleMeeting(request.ctx, request.body)),
  });
  app.patch('/meetings/:id', {
    config: { permission: Permission.MeetingsRead },
    schema: { tags, summary: 'Reschedule, move, cancel or mark a meeting held', params: IdParams, body: MeetingUpdate, response: { 200: MeetingDetail } },
    handler: (request) => meetings.updateMeeting(request.ctx, request.params.id, request.body),
  });
  app.post('/meetings/:id/invitations', {
    config: { permission: Permission.MeetingsRead },
    schema: { tags, summary: 'Invite organisations (their focal points) and people by e-mail with an .ics attachment', params: IdParams, body: InvitationInput, response: { 200: MeetingDetail } },
    handler: (request) => meetings.inviteToMeeting(request.ctx, request.params.id, request.body),
  });
  app.put('/meetings/:id/attendance', {
    config: { permission: Permission.MeetingsRead },
    schema: { tags, summary: 'Record which organisations attended; answers the quorum', params: IdParams, body: AttendanceInput, response: { 200: MeetingDetail } },
    handler: (request) => meetings.recordAttendance(request.ctx, request.params.id, request.body),
  });
  app.put('/meetings/:id/agenda/:itemId/minutes', {
    config: { permission: Permission.MeetingsRead },
    schema: { tags, summary: 'Draft the minutes of an agenda item (refused once approved)', params: AgendaItemParams, body: MinutesInput, response: { 200: MeetingDetail } },
    handler: (request) => meetings.editMinutes(request.ctx, request.params.id, request.params.itemId, request.body),
  });
  app.post('/meetings/:id/minutes/circulate', {
    config: { permission: Permission.MeetingsRead },
    schema: { tags, summary: 'Circulate the draft minutes for comment', params: IdParams, response: { 200: MeetingDetail } },
    handler: (request) => meetings.circulateMinutes(request.ctx, request.params.id),
  });
  app.post('/meetings/:id/minutes/comments', {
    config: { permission: Permission.MeetingsComment },
    schema: { tags, summary: 'Comment on circulated minutes', params: IdParams, body: CommentInput, response: { 200: MeetingDetail } },
    handler: (request) => meetings.commentOnMinutes(request.ctx, request.params.id, request.body),
  });
  app.post('/meetings/:id/minutes/approve', {
    config: { permission: Permission.MeetingsRead },
    schema: { tags, summary: 'Approve the minutes (the chair for network meetings); they become immutable', params: IdParams, response: { 200: MeetingDetail } },
    handler: (request) => meetings.approveMinutes(request.ctx, request.params.id),
  });
  app.post('/meetings/:id/minutes/amendments', {
    config: { permission: Permission.MeetingsRead },
    schema: { tags, summary: 'Record a numbered amendment to approved minutes', params: IdParams, body: AmendmentInput, response: { 200: MeetingDetail } },
    handler: (request) => meetings.amendMinutes(request.ctx, request.params.id, request.body),
  });
  app.post('/meetings/:id/decisions', {
    config: { permission: Permission.MeetingsRead },
    schema: { tags, summary: 'Record a decision; it is numbered per network and year', params: IdParams, body: DecisionInput, response: { 201: Decision } },
    handler: async (request, reply) => reply.code(201).send(await meetings.recordDecision(request.ctx, request.params.id, request.body)),
  });
  app.get('/decisions', {
    config: { permission: Permission.MeetingsRead },
    schema: { tags, summary: 'Decisions, newest first', querystring: DecisionQuery, response: { 200: pageOf(Decision) } },
    handler: (request) => meetings.listDecisions(request.ctx, request.query),
  });

  // ---- Action points
  app.get('/action-points', {
    config: { permission: Permission.ActionPointsRead },
    schema: { tags, summary: 'Action points; mine=true for the own organisation\'s commitments', querystring: ActionPointQuery, response: { 200: pageOf(ActionPoint) } },
    handler: (request) => actionPoints.listActionPoints(request.ctx, request.query),
  });
  app.get('/action-points/:id', {
    config: { permission: Permission.ActionPointsRead },
    schema: { tags, summary: 'An action point with its progress updates', params: IdParams, response: { 200: ActionPoint } },
    handler: (request) => actionPoints.getActionPoint(request.ctx, request.params.id),
  });
  app.post('/action-points', {
    config: { permission: Permission.ActionPointsManage },
    schema: { tags, summary: 'Create an action point', body: ActionPointInput, response: { 201: ActionPoint } },
    handler: async (request, reply) => reply.code(201).send(await actionPoints.createActionPoint(request.ctx, request.body)),
  });
  app.post('/action-points/:id/updates', {
    config: { permission: Permission.ActionPointsUpdate },
    schema: { tags, summary: 'Report progress and change the status', params: IdParams, body: ActionPointProgress, response: { 200: ActionPoint } },
    handler: (request) => actionPoints.reportProgress(request.ctx, request.params.id, request.body),
  });

  // ---- Workplan, matrix, report, dashboard
  app.get('/workplan', {
    config: { permission: Permission.WorkplanRead },
    schema: { tags, summary: 'Joint workplan outputs and activities', querystring: WorkplanQuery, response: { 200: z.array(WorkplanItem) } },
    handler: (request) => workplan.listWorkplan(request.ctx, request.query),
  });
  app.post('/workplan', {
    config: { permission: Permission.WorkplanEdit },
    schema: { tags, summary: 'Add an output or activity', body: WorkplanInput, response: { 201: WorkplanItem } },
    handler: async (request, reply) => reply.code(201).send(await workplan.createWorkplanItem(request.ctx, request.body)),
  });
  app.patch('/workplan/:id', {
    config: { permission: Permission.WorkplanEdit },
    schema: { tags, summary: 'Edit a workplan line', params: IdParams, body: WorkplanUpdate, response: { 200: WorkplanItem } },
    handler: (request) => workplan.updateWorkplanItem(request.ctx, request.params.id, request.body),
  });
  app.get('/workplan/matrix', {
    config: { permission: Permission.WorkplanRead },
    schema: { tags, summary: 'GCM objectives × organisations, with the gaps', response: { 200: WorkplanMatrix } },
    handler: (request) => workplan.workplanMatrix(request.ctx),
  });
  app.get('/workplan/report.pdf', {
    ...fileRoute,
    config: { permission: Permission.WorkplanRead },
    schema: { tags, summary: 'Progress report of a period as PDF', querystring: ReportQuery },
    handler: async (request, reply) =>
      sendDownload(reply, { contentType: REPORT_CONTENT_TYPES.pdf, filename: `progress-report-${request.query.from}-${request.query.to}.pdf`, body: await workplan.progressReport(request.ctx, request.query, 'pdf') }),
  });
  app.get('/workplan/report.docx', {
    ...fileRoute,
    config: { permission: Permission.WorkplanRead },
    schema: { tags, summary: 'Progress report of a period as DOCX', querystring: ReportQuery },
    handler: async (request, reply) =>
      sendDownload(reply, { contentType: REPORT_CONTENT_TYPES.docx, filename: `progress-report-${request.query.from}-${request.query.to}.docx`, body: await workplan.progressReport(request.ctx, request.query, 'docx') }),
  });
  app.post('/workplan/report/send', {
    config: { permission: Permission.WorkplanManage },
    schema: { tags, summary: 'Send the progress report to the chair by e-mail', body: ReportSendInput, response: { 200: z.object({ sentTo: z.number() }) } },
    handler: (request) => workplan.sendReportToChair(request.ctx, request.body),
  });
  app.get('/dashboard', {
    config: { permission: Permission.NetworkDashboardRead },
    schema: { tags, summary: 'Secretariat dashboard figures', response: { 200: NetworkDashboard } },
    handler: (request) => workplan.dashboard(request.ctx),
  });
}
