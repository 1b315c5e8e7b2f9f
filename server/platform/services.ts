import path from 'node:path';
import type { Config } from '../config';
import type { Services } from './context';
import { ReadAuditTrail } from './audit/reads';
import { SessionCache } from './auth/sessions';
import { KeyRing, loadMasterKey } from './crypto';
import type { DatabaseHandle } from './database/connection';
import { FileStore } from './files';
import { JobRunner } from './jobs';
import { Mailer } from './mail';

export function createServices(config: Config, database: DatabaseHandle, log: (error: unknown, kind: string) => void = () => {}): Services {
  const keys = new KeyRing(loadMasterKey(config));
  const mailer = new Mailer(config.smtpUrl, config.mailFrom);
  const jobs = new JobRunner(database.db, config.jobsPollMs, log);
  jobs.every('mail.deliver', 60, async (_payload, db) => {
    await mailer.deliverPending(db);
  });
  return {
    config,
    databaseMode: database.mode,
    readOnly: database.readOnly,
    keys,
    mailer,
    files: new FileStore(path.join(config.dataDir, 'files'), config.uploadMaxBytes, keys),
    jobs,
    readAudit: new ReadAuditTrail(database.db),
    sessions: new SessionCache(database.writes),
  };
}
