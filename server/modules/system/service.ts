import type { RequestContext } from '../../platform/context';
import { databaseStatus } from '../../platform/database/connection';
import { currentMigration } from '../../platform/database/migrate';
import * as repo from './repository';

export async function health(ctx: RequestContext) {
  return {
    status: 'ok' as const,
    database: { ...(await databaseStatus(ctx.db, ctx.services.databaseMode)), migration: await currentMigration(ctx.db) },
    time: new Date().toISOString(),
  };
}

/** Public facts (GCM, SDG, MMPTF, subdivisions): the same for everyone, so no access check. */
export function referenceData(ctx: RequestContext) {
  return repo.referenceData(ctx.db);
}
