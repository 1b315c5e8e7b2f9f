import type { Executor } from '../database/tenant';
import { appendAuditEntries, type AuditEntry } from './chain';

/** Requests whose entries go into one transaction at most; keeps a batch's INSERT well under PostgreSQL's parameter limit. */
const MAX_BATCH = 500;

/**
 * Records the audit entries of reads. A read releases its data only once its entry is committed.
 * Reads that finish while one batch commits go together into the next, so concurrent readers share
 * one transaction and one disk flush instead of queueing one by one on the chain's head row.
 */
export class ReadAuditTrail {
  private readonly waiting: Array<{ entries: AuditEntry[]; settle: (error?: unknown) => void }> = [];
  private flushing = false;

  constructor(private readonly db: Executor) {}

  record(entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiting.push({ entries, settle: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      try {
        await this.db.transaction().execute((trx) => appendAuditEntries(trx, batch.flatMap((b) => b.entries)));
        for (const b of batch) b.settle();
      } catch (error) {
        for (const b of batch) b.settle(error);
      }
    }
    this.flushing = false;
  }
}
