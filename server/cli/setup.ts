import { createServices } from '../platform/services';
import { currentMigration, migrateToLatest } from '../platform/database/migrate';
import { registerJobs } from '../modules';
import { DEMO_PASSWORD, DEMO_USERS, demoSeeded, seedDemo } from '../seed/demo';
import { withDatabase, type CommandContext } from './context';

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
