import { z } from 'zod';
import { Permission } from '../../../common/permissions';
import { fileRoute, sendDownload } from '../../platform/http/downloads';
import type { HamsafarApp } from '../../platform/http/types';
import { gcmReportFile } from './gcm-report.service';
import { readUpload, type Upload } from '../../platform/http/uploads';
import { AppError } from '../../platform/errors';
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
  ImportIdParams,
  ImportMode,
  ImportProgress,
  ImportReport,
  ImportResult,
  SheetFormatQuery,
  SheetTable,
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
import * as sheets from './import';
import { msg } from './messages';
import * as service from './service';

/** The table is read as XLSX (by its bytes) or as CSV (plain text). */
const SHEET_UPLOAD_TYPES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/plain'];
const FILE_NOTE = 'multipart: table? (activities, the default, or reports), importId? (a UUID the page polls the progress with), mode (import only), then file (XLSX or CSV, from the template)';

/** Which table the file holds: activities unless the page said reports. */
function tableOf(upload: Upload): SheetTable {
  const table = SheetTable.safeParse(upload.fields.table ?? 'activities');
  if (!table.success) throw AppError.field('table', msg('activities.import.bad-table'));
  return table.data;
}

/** The optional progress id the page sent with the file. */
function importIdOf(upload: Upload): string | null {
  const id = upload.fields.importId;
  if (id === undefined) return null;
  if (!ImportIdParams.shape.importId.safeParse(id).success) throw AppError.field('importId', msg('activities.import.bad-id'));
  return id;
}

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

  // The 5W table: HXL export, import template, bulk import
  app.get('/export', {
    ...fileRoute,
    config: { permission: Permission.ActivitiesRead },
    schema: { tags, summary: 'The activities (or period reports) the reader may see as the HXL-tagged table (CSV or XLSX; the hashtag row under the headers)', querystring: SheetFormatQuery },
    handler: async (request, reply) => {
      const { format, table } = request.query;
      return sendDownload(reply, await (table === 'reports' ? sheets.exportReports(request.ctx, format) : sheets.exportActivities(request.ctx, format)));
    },
  });
  app.get('/import/template', {
    ...fileRoute,
    config: { permission: Permission.ActivitiesEdit },
    schema: { tags, summary: 'The empty table to fill in, with its HXL row; for activities in XLSX also the places of the current gazetteer and the organisations', querystring: SheetFormatQuery },
    handler: async (request, reply) => {
      const { format, table } = request.query;
      return sendDownload(reply, await (table === 'reports' ? sheets.reportsTemplate(request.ctx, format) : sheets.importTemplate(request.ctx, format)));
    },
  });
  app.post('/import/dry-run', {
    config: { permission: Permission.ActivitiesEdit },
    schema: { tags, summary: `Check a 5W file row by row and column by column; changes nothing (${FILE_NOTE})`, consumes: ['multipart/form-data'], response: { 200: ImportReport } },
    handler: async (request) => {
      const upload = await readUpload(request, SHEET_UPLOAD_TYPES);
      const check = tableOf(upload) === 'reports' ? sheets.dryRunReports : sheets.dryRun;
      return check(request.ctx, async () => upload, importIdOf(upload));
    },
  });
  app.post('/import/dry-run/report', {
    ...fileRoute,
    config: { permission: Permission.ActivitiesEdit },
    schema: { tags, summary: `The dry run's report as a CSV file: row, column, message (${FILE_NOTE})`, consumes: ['multipart/form-data'] },
    handler: async (request, reply) => {
      const upload = await readUpload(request, SHEET_UPLOAD_TYPES);
      const check = tableOf(upload) === 'reports' ? sheets.dryRunReports : sheets.dryRun;
      const report = await check(request.ctx, async () => upload);
      return sendDownload(reply, { contentType: 'text/csv; charset=utf-8', filename: 'import-report.csv', body: sheets.reportCsv(report) });
    },
  });
  app.post('/import', {
    config: { permission: Permission.ActivitiesEdit },
    schema: {
      tags,
      summary: `Import a 5W file in one transaction: all valid rows (valid-only) or nothing unless every row is valid (all-or-nothing); rows matched by ID, unchanged ones left as they are (${FILE_NOTE})`,
      consumes: ['multipart/form-data'],
      response: { 200: ImportResult },
    },
    handler: async (request) => {
      const upload = await readUpload(request, SHEET_UPLOAD_TYPES);
      const mode = ImportMode.safeParse(upload.fields.mode);
      if (!mode.success) throw AppError.field('mode', msg('activities.import.bad-mode'));
      const run = tableOf(upload) === 'reports' ? sheets.importReports : sheets.importActivities;
      return run(request.ctx, async () => upload, mode.data, importIdOf(upload));
    },
  });
  app.get('/import/:importId/progress', {
    config: { permission: Permission.ActivitiesEdit },
    schema: { tags, summary: "How far the caller's running dry run or import is (rows checked or written of the total)", params: ImportIdParams, response: { 200: ImportProgress } },
    handler: (request) => sheets.importProgress(request.ctx, request.params.importId),
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
