import { z } from 'zod';
import { Permission } from '../../../common/permissions';
import { fileRoute, sendDownload } from '../../platform/http/downloads';
import type { HamsafarApp } from '../../platform/http/types';
import { gcmReportFile } from './gcm-report.service';
import {
  ActivityDetail,
  ActivityInput,
  ActivityPage,
  ActivityQuery,
  ActivityReport,
  ActivityUpdate,
  CommentInput,
  Coverage,
  CoverageQuery,
  GcmReportQuery,
  Created,
  GapMatrix,
  GapQuery,
  IdParams,
  PeriodInput,
  PeriodReports,
  PublicActivityList,
  PublicQuery,
  ReportingPeriod,
  ReportInput,
  ReportParams,
  UnitActivities,
  UnitActivitiesQuery,
  UnitParams,
  Unlock,
  UnlockInput,
  WorkplanActivities,
} from './schemas';
import * as coverage from './coverage';
import * as service from './service';

const tags = ['activities'];

export default async function activityRoutes(app: HamsafarApp) {
  app.get('', {
    config: { permission: Permission.ActivitiesRead },
    schema: { tags, summary: "Activities (an organisation: its own and every published one)", querystring: ActivityQuery, response: { 200: ActivityPage } },
    handler: (request) => service.listActivities(request.ctx, request.query),
  });
  app.post('', {
    config: { permission: Permission.ActivitiesEdit },
    schema: { tags, summary: 'Record an activity the organisation leads', body: ActivityInput, response: { 201: ActivityDetail } },
    handler: async (request, reply) => reply.code(201).send(await service.createActivity(request.ctx, request.body)),
  });
  app.get('/workplan', {
    config: { permission: Permission.ActivitiesRead },
    schema: { tags, summary: 'Activities tagged to each workplan line', response: { 200: WorkplanActivities } },
    handler: (request) => service.workplanActivities(request.ctx),
  });
  app.get('/published', {
    config: { permission: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: { tags, summary: 'The activities organisations chose to publish, for anyone', querystring: PublicQuery, response: { 200: PublicActivityList } },
    handler: (request) => service.publicActivities(request.ctx, request.query.network),
  });

  // Where activities are: the map and the gap matrix
  app.get('/coverage', {
    config: { permission: Permission.ActivitiesRead },
    schema: { tags, summary: 'Per province or district: activities, organisations present and people reached (a district counts for its province)', querystring: CoverageQuery, response: { 200: Coverage } },
    handler: (request) => coverage.unitCoverage(request.ctx, request.query),
  });
  app.get('/coverage/units/:unitId', {
    config: { permission: Permission.ActivitiesRead },
    schema: { tags, summary: 'The activities the map counts in one unit, with the same filters', params: UnitParams, querystring: UnitActivitiesQuery, response: { 200: UnitActivities } },
    handler: (request) => coverage.unitActivities(request.ctx, request.params.unitId, request.query),
  });
  app.get('/gaps', {
    config: { permission: Permission.ActivitiesRead },
    schema: { tags, summary: 'GCM objective × province or district: the organisations working there; the pairs not listed are the gaps', querystring: GapQuery, response: { 200: GapMatrix } },
    handler: (request) => coverage.gapMatrix(request.ctx, request.query),
  });
  app.get('/organisations/:id/iati.xml', {
    ...fileRoute,
    config: { permission: Permission.ActivitiesRead },
    schema: { tags, summary: "IATI 2.03 activity file of an organisation that publishes to IATI: its activities the MMPTF does not fund", params: IdParams },
    handler: async (request, reply) => sendDownload(reply, await service.iatiActivities(request.ctx, request.params.id)),
  });

  // Periodic reporting
  app.get('/periods', {
    config: { permission: Permission.ActivitiesRead },
    schema: { tags, summary: 'Reporting periods, locked after their deadline', response: { 200: z.array(ReportingPeriod) } },
    handler: (request) => service.listPeriods(request.ctx),
  });
  app.post('/periods', {
    config: { permission: Permission.ActivitiesPeriodsManage },
    schema: { tags, summary: 'Open a monthly or quarterly reporting period with its deadline', body: PeriodInput, response: { 201: ReportingPeriod } },
    handler: async (request, reply) => reply.code(201).send(await service.openPeriod(request.ctx, request.body)),
  });
  app.get('/periods/:id/reports', {
    config: { permission: Permission.ActivitiesRead },
    schema: { tags, summary: "A period's reports (late ones marked), the reports missing and the unlocks", params: IdParams, response: { 200: PeriodReports } },
    handler: (request) => service.periodReports(request.ctx, request.params.id),
  });
  app.get('/periods/:id/gcm-report', {
    ...fileRoute,
    config: { permission: Permission.ActivitiesRead },
    schema: {
      tags,
      summary: "The period's GCM progress report (PDF or DOCX, English or Urdu): per objective the activities and people reached, the workplan, the MMPTF programmes, the protection counts and the gaps; network-wide readers only",
      params: IdParams,
      querystring: GcmReportQuery,
    },
    handler: async (request, reply) => sendDownload(reply, await gcmReportFile(request.ctx, request.params.id, request.query)),
  });
  app.post('/periods/:id/unlocks', {
    config: { permission: Permission.ActivitiesPeriodsManage },
    schema: { tags, summary: "Reopen a locked period for one organisation's reports, with a reason, until a date", params: IdParams, body: UnlockInput, response: { 201: Unlock } },
    handler: async (request, reply) => reply.code(201).send(await service.unlockPeriod(request.ctx, request.params.id, request.body)),
  });

  // One activity
  app.get('/:id', {
    config: { permission: Permission.ActivitiesRead },
    schema: { tags, summary: 'An activity with its places, people targeted and reached, reports and (secretariat, lead organisation) comments', params: IdParams, response: { 200: ActivityDetail } },
    handler: (request) => service.getActivity(request.ctx, request.params.id),
  });
  app.patch('/:id', {
    config: { permission: Permission.ActivitiesEdit },
    schema: { tags, summary: 'Edit an activity of the organisation', params: IdParams, body: ActivityUpdate, response: { 200: ActivityDetail } },
    handler: (request) => service.updateActivity(request.ctx, request.params.id, request.body),
  });
  app.post('/:id/comments', {
    config: { permission: Permission.ActivitiesComment },
    schema: { tags, summary: "The secretariat's comment on an activity", params: IdParams, body: CommentInput, response: { 201: Created } },
    handler: async (request, reply) => reply.code(201).send(await service.addComment(request.ctx, request.params.id, request.body.body)),
  });
  app.put('/:id/reports/:periodId', {
    config: { permission: Permission.ActivitiesReport },
    schema: { tags, summary: 'Submit or edit the report of an activity for a period', params: ReportParams, body: ReportInput, response: { 200: ActivityReport } },
    handler: (request) => service.submitReport(request.ctx, request.params.id, request.params.periodId, request.body),
  });
}
