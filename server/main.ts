import { loadConfig } from './config';
import { startSystem } from './bootstrap';
import { requestLogger } from './platform/http/app';
import { databaseStatus } from './platform/database/connection';
import { DataDirLockedError } from './platform/database/lock';
import { DEMO_PASSWORD, DEMO_USERS } from './seed/demo';

async function main() {
  const config = loadConfig();
  if (!config.databaseUrl) {
    console.log(
      `Embedded database (PGlite) in ${config.dataDir}.\n` +
        '  This mode is for trial and small offices: it does not fsync, and only one process may open the folder.\n' +
        '  For production, set DATABASE_URL to a PostgreSQL server.',
    );
  }
  const system = await startSystem(config, { logger: requestLogger(config.logLevel), serveWeb: true });
  await system.app.listen({ port: config.port, host: config.host });
  const database = await databaseStatus(system.database.db, system.database.mode);
  const workers = database.mode === 'citus' ? `, ${database.workers} worker${database.workers === 1 ? '' : 's'}` : '';
  console.log(`\nHamsafar is running at ${config.publicUrl}  (database: ${database.mode}${workers})`);
  if (config.demoData) {
    console.log(`\nDemo accounts of the Pakistan network${system.demoSeededNow ? ' (created now)' : ''}, password "${DEMO_PASSWORD}":`);
    for (const user of DEMO_USERS) console.log(`  ${user.role.padEnd(20)} ${user.email}`);
    console.log('  Caseworkers and case supervisors enrol an authenticator app (TOTP) at first sign-in.');
  }
  const shutdown = async (signal: string) => {
    console.log(`\n${signal}: shutting down`);
    await system.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  if (error instanceof DataDirLockedError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
