import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../config';
import type { Services } from '../platform/context';
import type { DatabaseHandle } from '../platform/database/connection';
import type { Executor } from '../platform/database/tenant';
import { buildApp, type RegisteredRoute } from '../platform/http/app';
import type { HamsafarApp } from '../platform/http/types';
import { createServices } from '../platform/services';
import { registerJobs } from '../modules';
import { freshDatabase } from './database';
import { Factory } from './factories';

export interface TestSystem {
  app: HamsafarApp;
  routes: RegisteredRoute[];
  db: Executor;
  database: DatabaseHandle;
  services: Services;
  config: Config;
  factory: Factory;
  close(): Promise<void>;
}

/** A whole server on a fresh database, driven through app.inject. Jobs run only when a test calls runDue(). */
export async function testSystem(overrides: Record<string, string> = {}): Promise<TestSystem> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamsafar-test-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', JOBS_ENABLED: 'false', DEMO_DATA: 'false', ...overrides });
  const database = await freshDatabase();
  const services = createServices(config, database);
  registerJobs(services);
  const { app, routes } = await buildApp({ db: database.db, services });
  const factory = new Factory(app, database.db, services);
  return {
    app,
    routes,
    db: database.db,
    database,
    services,
    config,
    factory,
    close: async () => {
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
