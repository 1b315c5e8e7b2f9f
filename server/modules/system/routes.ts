import type { HamsafarApp } from '../../platform/http/types';
import { Health, ReferenceData } from './schemas';
import * as service from './service';

export default async function systemRoutes(app: HamsafarApp) {
  app.get('/health', {
    config: { permission: 'public' },
    schema: { tags: ['system'], summary: 'Liveness, database mode and migration version', response: { 200: Health } },
    handler: (request) => service.health(request.ctx),
  });
  app.get('/reference', {
    config: { permission: 'public' },
    schema: { tags: ['system'], summary: 'Reference data: GCM, SDG targets, MMPTF areas, subdivisions', response: { 200: ReferenceData } },
    handler: (request) => service.referenceData(request.ctx),
  });
}
