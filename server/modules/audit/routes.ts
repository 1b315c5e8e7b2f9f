import { Permission } from '../../../common/permissions';
import { fileRoute, sendDownload } from '../../platform/http/downloads';
import type { HamsafarApp } from '../../platform/http/types';
import { AuditFilters, AuditListQuery, AuditPage, AuditVerification } from './schemas';
import * as service from './service';

const tags = ['audit'];

export default async function auditRoutes(app: HamsafarApp) {
  app.get('', {
    config: { permission: Permission.AuditRead },
    schema: { tags, summary: 'The audit trail, newest first (own-org grant: entries by its own users)', querystring: AuditListQuery, response: { 200: AuditPage } },
    handler: (request) => service.listEntries(request.ctx, request.query),
  });

  app.get('/export.csv', {
    ...fileRoute,
    config: { permission: Permission.AuditRead },
    schema: { tags, summary: 'The filtered audit trail as CSV (the export is audited)', querystring: AuditFilters },
    handler: async (request, reply) => {
      const { filename, csv } = await service.exportCsv(request.ctx, request.query);
      return sendDownload(reply, { contentType: 'text/csv; charset=utf-8', filename, body: csv });
    },
  });

  app.get('/verify', {
    config: { permission: Permission.AuditRead },
    schema: { tags, summary: "Check the network's audit hash chain for removed or altered entries", response: { 200: AuditVerification } },
    handler: (request) => service.verifyChain(request.ctx),
  });
}
