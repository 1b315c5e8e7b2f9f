import type { FastifyRequest } from 'fastify';
import { Permission } from '../../../common/permissions';
import { Ok } from '../../../common/schemas/http';
import { AppError, fieldError } from '../../platform/errors';
import { msg } from './messages';
import type { HamsafarApp } from '../../platform/http/types';
import * as exportsService from './exports.service';
import * as referrals from './referrals.service';
import {
  AnonymisedDataset,
  AssessmentBody,
  BreakGlassBody,
  BreakGlassGrant,
  CaseChildParams,
  CaseCreateBody,
  CaseDetail,
  CaseListQuery,
  CasePage,
  CaseParams,
  CaseReferralList,
  CaseUpdateBody,
  ClosureDecisionBody,
  ClosureRequestBody,
  CompleteBody,
  Consent,
  ConsentInput,
  ConsentList,
  DeclineBody,
  History,
  JourneyEvent,
  JourneyEventBody,
  JourneyList,
  Note,
  NoteBody,
  NoteList,
  OverdueReport,
  Person,
  PersonUpdateBody,
  ProtectionSettings,
  ProtectionSettingsBody,
  ReferralBody,
  ReferralDetail,
  ReferralListQuery,
  ReferralPage,
  ReferralPreview,
  ReferralSent,
  ReferralTargetList,
  ReferralTargetsQuery,
  ScreeningBody,
  ServiceBody,
  ServiceRecord,
  StatsAnswer,
  StatsQuery,
  SupportPlan,
  SupportPlanBody,
  SupportPlanUpdateBody,
  Team,
  TeamBody,
  TeamList,
  Transfer,
  TransferBody,
  TransferListQuery,
  TransferPage,
  VersionBody,
  WorkQueue,
} from './schemas';
import * as service from './service';
import { sendDownload } from '../../platform/http/downloads';

const tags = ['protection'];

/** Reads a multipart upload's file; called by the service after its access check. */
async function readUpload(request: FastifyRequest): Promise<service.Upload> {
  if (!request.isMultipart()) throw AppError.field('file', msg('protection.upload.not-multipart'));
  const part = await request.file();
  if (!part) throw AppError.field('file', msg('protection.upload.no-file'));
  const data = await part.toBuffer();
  if (part.file.truncated) throw new AppError(413, 'file-too-large', 'File too large', msg('protection.upload.too-large'), [fieldError('file', msg('protection.upload.too-large'))]);
  return { filename: part.filename, data };
}
const P = Permission;

export default async function protectionRoutes(app: HamsafarApp) {
  // ---------- cases ----------
  app.get('/work-queue', {
    config: { permission: P.CasesReadAssigned },
    schema: { tags, summary: 'My cases, tasks due, referrals waiting and overdue', response: { 200: WorkQueue } },
    handler: (request) => referrals.workQueue(request.ctx),
  });
  app.get('/cases', {
    config: { permission: P.CasesReadAssigned },
    schema: { tags, summary: 'Cases I may see; exact search by CNIC or full name through blind indexes', querystring: CaseListQuery, response: { 200: CasePage } },
    handler: (request) => service.listCases(request.ctx, request.query),
  });
  app.post('/cases', {
    config: { permission: P.CasesWrite },
    schema: { tags, summary: 'Register a case and its person', body: CaseCreateBody, response: { 201: CaseDetail } },
    handler: async (request, reply) => reply.code(201).send(await service.createCase(request.ctx, request.body)),
  });
  app.get('/cases/:id', {
    config: { permission: P.CasesReadAssigned },
    schema: { tags, summary: 'A case with its person, screening, assessment, plans, services and consents (audited)', params: CaseParams, response: { 200: CaseDetail } },
    handler: (request) => service.getCase(request.ctx, request.params.id),
  });
  app.patch('/cases/:id', {
    config: { permission: P.CasesWrite },
    schema: { tags, summary: 'Change status, risk, province or assignment (optimistic locking)', params: CaseParams, body: CaseUpdateBody, response: { 200: CaseDetail } },
    handler: (request) => service.updateCaseFields(request.ctx, request.params.id, request.body),
  });
  app.get('/cases/:id/person', {
    config: { permission: P.CasesReadAssigned },
    schema: { tags, summary: 'The person of a case (audited)', params: CaseParams, response: { 200: Person } },
    handler: (request) => service.getPerson(request.ctx, request.params.id),
  });
  app.put('/cases/:id/person', {
    config: { permission: P.CasesWrite },
    schema: { tags, summary: 'Replace the person record (case version)', params: CaseParams, body: PersonUpdateBody, response: { 200: CaseDetail } },
    handler: (request) => service.updatePerson(request.ctx, request.params.id, request.body),
  });
  app.put('/cases/:id/screening', {
    config: { permission: P.CasesWrite },
    schema: { tags, summary: 'Record the screening against trafficking indicators', params: CaseParams, body: ScreeningBody, response: { 200: CaseDetail } },
    handler: (request) => service.recordScreening(request.ctx, request.params.id, request.body),
  });
  app.put('/cases/:id/assessment', {
    config: { permission: P.CasesWrite },
    schema: { tags, summary: 'Record the needs assessment', params: CaseParams, body: AssessmentBody, response: { 200: CaseDetail } },
    handler: (request) => service.recordAssessment(request.ctx, request.params.id, request.body),
  });
  app.post('/cases/:id/support-plans', {
    config: { permission: P.CasesWrite },
    schema: { tags, summary: 'Add a support plan (spl_)', params: CaseParams, body: SupportPlanBody, response: { 201: SupportPlan } },
    handler: async (request, reply) => reply.code(201).send(await service.addSupportPlan(request.ctx, request.params.id, request.body)),
  });
  app.patch('/cases/:id/support-plans/:childId', {
    config: { permission: P.CasesWrite },
    schema: { tags, summary: 'Change a support plan (optimistic locking)', params: CaseChildParams, body: SupportPlanUpdateBody, response: { 200: SupportPlan } },
    handler: (request) => service.updateSupportPlan(request.ctx, request.params.id, request.params.childId, request.body),
  });
  app.post('/cases/:id/services', {
    config: { permission: P.CasesWrite },
    schema: { tags, summary: 'Record a service provided', params: CaseParams, body: ServiceBody, response: { 201: ServiceRecord } },
    handler: async (request, reply) => reply.code(201).send(await service.addService(request.ctx, request.params.id, request.body)),
  });
  app.get('/cases/:id/notes', {
    config: { permission: P.CasesReadAssigned },
    schema: { tags, summary: 'Case notes (cco_CaseComment), audited', params: CaseParams, response: { 200: NoteList } },
    handler: (request) => service.listNotes(request.ctx, request.params.id),
  });
  app.post('/cases/:id/notes', {
    config: { permission: P.CasesWrite },
    schema: { tags, summary: 'Add a case note (encrypted)', params: CaseParams, body: NoteBody, response: { 201: Note } },
    handler: async (request, reply) => reply.code(201).send(await service.addNote(request.ctx, request.params.id, request.body)),
  });
  app.post('/cases/:id/attachments', {
    config: { permission: P.CasesWrite },
    schema: { tags, summary: 'Attach a file (multipart); it is encrypted at rest', params: CaseParams, consumes: ['multipart/form-data'], response: { 201: Note } },
    handler: async (request, reply) => reply.code(201).send(await service.addAttachment(request.ctx, request.params.id, () => readUpload(request))),
  });
  app.get('/cases/:id/attachments/:childId', {
    config: { permission: P.CasesReadAssigned },
    schema: { tags, summary: 'Download an attachment (audited)', params: CaseChildParams },
    handler: async (request, reply) => {
      const file = await service.readAttachment(request.ctx, request.params.id, request.params.childId);
      return sendDownload(reply, { contentType: file.contentType, filename: file.filename, body: file.data });
    },
  });
  app.get('/cases/:id/journey', {
    config: { permission: P.CasesReadAssigned },
    schema: { tags, summary: 'Journey events (hte_), audited', params: CaseParams, response: { 200: JourneyList } },
    handler: (request) => service.listJourney(request.ctx, request.params.id),
  });
  app.post('/cases/:id/journey', {
    config: { permission: P.CasesWrite },
    schema: { tags, summary: 'Add a journey event', params: CaseParams, body: JourneyEventBody, response: { 201: JourneyEvent } },
    handler: async (request, reply) => reply.code(201).send(await service.addJourneyEvent(request.ctx, request.params.id, request.body)),
  });
  app.delete('/cases/:id/journey/:childId', {
    config: { permission: P.CasesWrite },
    schema: { tags, summary: 'Remove a journey event', params: CaseChildParams, response: { 200: Ok } },
    handler: (request) => service.deleteJourneyEvent(request.ctx, request.params.id, request.params.childId),
  });
  app.get('/cases/:id/consents', {
    config: { permission: P.CasesReadAssigned },
    schema: { tags, summary: 'Consent records (con_)', params: CaseParams, response: { 200: ConsentList } },
    handler: (request) => service.listConsents(request.ctx, request.params.id),
  });
  app.post('/cases/:id/consents', {
    config: { permission: P.CasesWrite },
    schema: { tags, summary: 'Record a consent', params: CaseParams, body: ConsentInput, response: { 201: Consent } },
    handler: async (request, reply) => reply.code(201).send(await service.addConsent(request.ctx, request.params.id, request.body)),
  });
  app.post('/cases/:id/consents/:childId/withdraw', {
    config: { permission: P.CasesWrite },
    schema: { tags, summary: 'Withdraw a consent: stops future sharing', params: CaseChildParams, response: { 200: Consent } },
    handler: (request) => service.withdrawConsent(request.ctx, request.params.id, request.params.childId),
  });
  app.post('/cases/:id/closure-request', {
    config: { permission: P.CasesWrite },
    schema: { tags, summary: 'Ask a supervisor to close the case', params: CaseParams, body: ClosureRequestBody, response: { 200: CaseDetail } },
    handler: (request) => service.requestClosure(request.ctx, request.params.id, request.body),
  });
  app.post('/cases/:id/closure-decision', {
    config: { permission: P.CasesClose },
    schema: { tags, summary: 'Approve or refuse the closure', params: CaseParams, body: ClosureDecisionBody, response: { 200: CaseDetail } },
    handler: (request) => service.decideClosure(request.ctx, request.params.id, request.body),
  });
  app.get('/cases/:id/history', {
    config: { permission: P.CasesReadAssigned },
    schema: { tags, summary: 'Who did what on the case (audit trail, field names only)', params: CaseParams, response: { 200: History } },
    handler: (request) => service.caseHistory(request.ctx, request.params.id),
  });
  app.get('/cases/:id/referrals', {
    config: { permission: P.CasesReadAssigned },
    schema: { tags, summary: 'Referrals sent for the case', params: CaseParams, response: { 200: CaseReferralList } },
    handler: (request) => referrals.listCaseReferrals(request.ctx, request.params.id),
  });
  app.post('/cases/:id/referrals/preview', {
    config: { permission: P.CasesWrite },
    schema: { tags, summary: 'Exactly what a referral would share, given the consent', params: CaseParams, body: ReferralBody, response: { 200: ReferralPreview } },
    handler: (request) => referrals.previewReferral(request.ctx, request.params.id, request.body),
  });
  app.post('/cases/:id/referrals', {
    config: { permission: P.CasesWrite },
    schema: { tags, summary: 'Send a referral; outside the platform, an encrypted PDF and its one-time password', params: CaseParams, body: ReferralBody, response: { 201: ReferralSent } },
    handler: async (request, reply) => reply.code(201).send(await referrals.sendReferral(request.ctx, request.params.id, request.body)),
  });
  app.post('/cases/:id/transfers', {
    config: { permission: P.CasesWrite },
    schema: { tags, summary: 'Propose to transfer ownership of the case', params: CaseParams, body: TransferBody, response: { 201: Transfer } },
    handler: async (request, reply) => reply.code(201).send(await referrals.proposeTransfer(request.ctx, request.params.id, request.body)),
  });
  app.get('/cases/:id/export.pdf', {
    config: { permission: P.ProtectionExportCasePdf },
    schema: { tags, summary: 'The case as a PDF for a court or a receiving organisation (audited)', params: CaseParams },
    handler: async (request, reply) => {
      const { filename, pdf } = await exportsService.casePdf(request.ctx, request.params.id);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${filename}"`).send(pdf);
    },
  });

  // ---------- break the glass, teams ----------
  app.post('/break-glass', {
    config: { permission: P.BreakGlass },
    schema: { tags, summary: 'Emergency read access to one case, with a written reason; alerts the owner organisation', body: BreakGlassBody, response: { 201: BreakGlassGrant } },
    handler: async (request, reply) => reply.code(201).send(await service.breakTheGlass(request.ctx, request.body)),
  });
  app.get('/teams', {
    config: { permission: P.CasesReadAssigned },
    schema: { tags, summary: "My organisation's case teams", response: { 200: TeamList } },
    handler: (request) => service.listTeams(request.ctx),
  });
  app.post('/teams', {
    config: { permission: P.ProtectionTeamsManage },
    schema: { tags, summary: 'Create a case team', body: TeamBody, response: { 201: Team } },
    handler: async (request, reply) => reply.code(201).send(await service.createTeam(request.ctx, request.body)),
  });
  app.put('/teams/:id', {
    config: { permission: P.ProtectionTeamsManage },
    schema: { tags, summary: 'Set the members of a case team', params: CaseParams, body: TeamBody, response: { 200: Team } },
    handler: (request) => service.setTeamMembers(request.ctx, request.params.id, request.body),
  });

  // ---------- referrals ----------
  app.get('/referral-targets', {
    config: { permission: P.CasesWrite },
    schema: { tags, summary: 'Organisations offering a service', querystring: ReferralTargetsQuery, response: { 200: ReferralTargetList } },
    handler: (request) => referrals.referralTargets(request.ctx, request.query),
  });
  app.get('/referrals', {
    config: { permission: P.ReferralsReceive },
    schema: { tags, summary: "My organisation's referral inbox or outbox", querystring: ReferralListQuery, response: { 200: ReferralPage } },
    handler: (request) => referrals.listReferrals(request.ctx, request.query),
  });
  app.get('/referrals/overdue', {
    config: { permission: P.ReferralsReceive },
    schema: { tags, summary: 'Overdue referrals sent by or to my organisation', response: { 200: OverdueReport } },
    handler: (request) => referrals.overdueReport(request.ctx),
  });
  app.get('/referrals/:id', {
    config: { permission: P.ReferralsReceive },
    schema: { tags, summary: 'A referral; the receiver sees the shared subset only while it is open (audited)', params: CaseParams, response: { 200: ReferralDetail } },
    handler: (request) => referrals.getReferral(request.ctx, request.params.id),
  });
  app.post('/referrals/:id/accept', {
    config: { permission: P.ReferralsReceive },
    schema: { tags, summary: 'Accept a referral', params: CaseParams, body: VersionBody, response: { 200: ReferralDetail } },
    handler: (request) => referrals.acceptReferral(request.ctx, request.params.id, request.body),
  });
  app.post('/referrals/:id/decline', {
    config: { permission: P.ReferralsReceive },
    schema: { tags, summary: 'Decline a referral with a reason', params: CaseParams, body: DeclineBody, response: { 200: ReferralDetail } },
    handler: (request) => referrals.declineReferral(request.ctx, request.params.id, request.body),
  });
  app.post('/referrals/:id/start', {
    config: { permission: P.ReferralsReceive },
    schema: { tags, summary: 'Mark services as started', params: CaseParams, body: VersionBody, response: { 200: ReferralDetail } },
    handler: (request) => referrals.startReferral(request.ctx, request.params.id, request.body),
  });
  app.post('/referrals/:id/complete', {
    config: { permission: P.ReferralsReceive },
    schema: { tags, summary: 'Complete a referral with feedback to the sender', params: CaseParams, body: CompleteBody, response: { 200: ReferralDetail } },
    handler: (request) => referrals.completeReferral(request.ctx, request.params.id, request.body),
  });
  app.post('/referrals/:id/withdraw', {
    config: { permission: P.CasesWrite },
    schema: { tags, summary: 'Withdraw a referral (sender)', params: CaseParams, body: VersionBody, response: { 200: ReferralDetail } },
    handler: (request) => referrals.withdrawReferral(request.ctx, request.params.id, request.body),
  });
  app.get('/transfers', {
    config: { permission: P.CasesRead },
    schema: { tags, summary: 'Case transfers proposed to or by my organisation', querystring: TransferListQuery, response: { 200: TransferPage } },
    handler: (request) => referrals.listTransfers(request.ctx, request.query),
  });
  app.post('/transfers/:id/accept', {
    config: { permission: P.CasesRead },
    schema: { tags, summary: 'Accept ownership of a case', params: CaseParams, response: { 200: Transfer } },
    handler: (request) => referrals.answerTransfer(request.ctx, request.params.id, true),
  });
  app.post('/transfers/:id/decline', {
    config: { permission: P.CasesRead },
    schema: { tags, summary: 'Decline a case transfer', params: CaseParams, response: { 200: Transfer } },
    handler: (request) => referrals.answerTransfer(request.ctx, request.params.id, false),
  });

  // ---------- statistics, exports, settings ----------
  app.get('/stats', {
    config: { permission: P.ProtectionStatsRead },
    schema: { tags, summary: 'Counts of consented cases by one dimension; cells under 5 shown as "<5"', querystring: StatsQuery, response: { 200: StatsAnswer } },
    handler: (request) => exportsService.protectionStats(request.ctx, request.query),
  });
  app.get('/exports/htcds.csv', {
    config: { permission: P.ProtectionExport },
    schema: { tags, summary: 'HTCDS CSV of my organisation’s cases (audited)' },
    handler: async (request, reply) =>
      reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="htcds-cases.csv"').send(await exportsService.htcdsCsv(request.ctx)),
  });
  app.get('/exports/htcds.xlsx', {
    config: { permission: P.ProtectionExport },
    schema: { tags, summary: 'HTCDS XLSX of my organisation’s cases (audited)' },
    handler: async (request, reply) =>
      reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="htcds-cases.xlsx"')
        .send(await exportsService.htcdsXlsx(request.ctx)),
  });
  app.get('/exports/anonymised', {
    config: { permission: P.ProtectionExportAnonymised },
    schema: { tags, summary: 'CTDC-style k-anonymised dataset (k = 11) with its suppression report', response: { 200: AnonymisedDataset } },
    handler: (request) => exportsService.anonymisedDataset(request.ctx),
  });
  app.get('/exports/anonymised.csv', {
    config: { permission: P.ProtectionExportAnonymised },
    schema: { tags, summary: 'The k-anonymised dataset as CSV' },
    handler: async (request, reply) =>
      reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="ctdc-anonymised.csv"').send(await exportsService.anonymisedCsv(request.ctx)),
  });
  app.get('/settings', {
    config: { permission: P.ProtectionSettingsManage },
    schema: { tags, summary: 'Referral deadlines per service type', response: { 200: ProtectionSettings } },
    handler: (request) => referrals.getSettings(request.ctx),
  });
  app.put('/settings', {
    config: { permission: P.ProtectionSettingsManage },
    schema: { tags, summary: 'Set referral deadlines per service type', body: ProtectionSettingsBody, response: { 200: ProtectionSettings } },
    handler: (request) => referrals.updateSettings(request.ctx, request.body),
  });
}
