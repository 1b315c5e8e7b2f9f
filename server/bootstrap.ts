import type { Config } from './config';
import { openDatabase, type DatabaseHandle } from './platform/database/connection';
import { migrateToLatest } from './platform/database/migrate';
import { createServices } from './platform/services';
import type { Services } from './platform/context';
import { buildApp, type RegisteredRoute } from './platform/http/app';
import type { HamsafarApp } from './platform/http/types';
import { registerJobs } from './modules';
import { demoSeeded, seedDemo } from './seed/demo';
import { loadMissingDefaultBoundaries } from './modules/places/defaults';

export interface System {
  app: HamsafarApp;
  routes: RegisteredRoute[];
  database: DatabaseHandle;
  services: Services;
  demoSeededNow: boolean;
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: boolean | object;
  serveWeb?: boolean;
  runJobs?: boolean;
  poolSize?: number;
}

/** Opens the database, migrates it, seeds demo data on first start, and builds the HTTP app. */
export async function startSystem(config: Config, options: StartOptions = {}): Promise<System> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: options.poolSize });
  try {
    await migrateToLatest(database.db);
    await loadMissingDefaultBoundaries(database.db);
    const services = createServices(config, database, (error, kind) => console.error(`job ${kind} failed:`, error));
    registerJobs(services);
    let demoSeededNow = false;
    if (config.demoData && !(await demoSeeded(database.db))) {
      await seedDemo(database.db, services);
      demoSeededNow = true;
    }
    const { app, routes } = await buildApp({ db: database.db, services, logger: options.logger, serveWeb: options.serveWeb });
    if (options.runJobs ?? config.jobsEnabled) services.jobs.start();
    return {
      app,
      routes,
      database,
      services,
      demoSeededNow,
      close: async () => {
        await services.jobs.stop();
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
