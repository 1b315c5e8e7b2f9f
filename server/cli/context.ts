import os from 'node:os';
import type { Config } from '../config';
import { appendAudit, type AuditEntry } from '../platform/audit/chain';
import { openDatabase, type DatabaseHandle } from '../platform/database/connection';
import { DataDirLockedError } from '../platform/database/lock';
import type { Executor } from '../platform/database/tenant';

/** Where a command writes: the terminal in production, a buffer in tests. */
export interface Output {
  info(line: string): void;
  error(line: string): void;
}

export const consoleOutput: Output = {
  info: (line) => console.log(line),
  error: (line) => console.error(line),
};

/** A command failed in a way the operator can fix; its message is printed without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export interface CommandContext {
  config: Config;
  out: Output;
}

/** Opens the configured database, explaining the embedded folder lock when the server holds it. */
export async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  try {
    return await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 4 });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      throw new CliError(
        `${error.message}\nThe embedded database (PGlite) can be opened by one process at a time, so the CLI cannot ` +
          'run while the Hamsafar server runs on the same DATA_DIR. Stop the server, run the command, then start the server again.',
        2,
      );
    }
    throw error;
  }
}

export async function withDatabase<T>(config: Config, work: (db: Executor, handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openConfiguredDatabase(config);
  try {
    return await work(handle.db, handle);
  } finally {
    await handle.close();
  }
}

/** Who ran the command, recorded as the audit entry's user agent: the CLI has no signed-in user. */
export function cliAgent(): string {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry (some containers): the host name still says where it ran.
  }
  return `hamsafar-cli (${user}@${os.hostname()})`;
}

/** Audits an operator action in the caller's transaction. */
export function auditCli(trx: Executor, entry: Omit<AuditEntry, 'actorUserId' | 'actorOrganisationId' | 'ip' | 'userAgent'>): Promise<void> {
  return appendAudit(trx, { ...entry, actorUserId: null, actorOrganisationId: null, ip: null, userAgent: cliAgent() });
}
