import { createServices } from '../platform/services';
import { currentMigration, migrateToLatest } from '../platform/database/migrate';
import { COLOCATION_ANCHOR, distributeSchema, DistributionError } from '../platform/database/distribution';
import { registerJobs } from '../modules';
import { DEMO_PASSWORD, DEMO_USERS, demoSeeded, seedDemo } from '../seed/demo';
import { CliError, withDatabase, type CommandContext } from './context';

export async function migrateCommand(ctx: CommandContext): Promise<number> {
  return withDatabase(ctx.config, async (db) => {
    const applied = await migrateToLatest(db);
    for (const name of applied) ctx.out.info(`applied ${name}`);
    ctx.out.info(applied.length ? `Database migrated to ${await currentMigration(db)}.` : `Database is up to date (${await currentMigration(db)}).`);
    return 0;
  });
}

export async function seedDemoCommand(ctx: CommandContext): Promise<number> {
  return withDatabase(ctx.config, async (db, handle) => {
    await migrateToLatest(db);
    if (await demoSeeded(db)) {
      ctx.out.info('The demo network (PAK) exists already; nothing to do.');
      return 0;
    }
    const services = createServices(ctx.config, handle);
    registerJobs(services);
    await seedDemo(db, services);
    ctx.out.info(`Seeded the demo network of Pakistan. Demo accounts, password "${DEMO_PASSWORD}":`);
    for (const user of DEMO_USERS) ctx.out.info(`  ${user.role.padEnd(20)} ${user.email}`);
    return 0;
  });
}

export async function distributeCommand(ctx: CommandContext, options: { shardCount?: number }): Promise<number> {
  if (!ctx.config.databaseUrl) {
    throw new CliError('distribute runs on the coordinator of a Citus cluster: set DATABASE_URL to it. The embedded database (PGlite) cannot be distributed.');
  }
  return withDatabase(ctx.config, async (db) => {
    let report;
    try {
      report = await distributeSchema(db, options);
    } catch (error) {
      if (error instanceof DistributionError) throw new CliError(error.message);
      throw error;
    }
    const { referenceTables, distributedTables, coordinatorTables, liftedForeignKeys, constraints } = report;
    const kept = `${constraints.foreignKeys} foreign keys, ${constraints.unique} unique constraints and ${constraints.primaryKeys} primary keys`;
    if (referenceTables.length === 0 && distributedTables.length === 0) {
      ctx.out.info(`Every table is in place on the ${report.workers} workers already: nothing changed (${kept}).`);
      return 0;
    }
    if (referenceTables.length) ctx.out.info(`Reference tables, copied to every node (${referenceTables.length}): ${referenceTables.join(', ')}`);
    if (distributedTables.length) {
      ctx.out.info(`Distributed by network_id, co-located with ${COLOCATION_ANCHOR} (${distributedTables.length}): ${distributedTables.join(', ')}`);
    }
    ctx.out.info(`Kept on the coordinator (${coordinatorTables.length}): ${coordinatorTables.join(', ')}`);
    ctx.out.info(`Foreign keys lifted while the tables were placed, and created again: ${liftedForeignKeys}.`);
    ctx.out.info(`The schema has all its ${kept}, on ${report.workers} workers.`);
    return 0;
  });
}
