import type { Executor } from '../database/tenant';
import { appendToChain, byNetwork, type AuditEntry, type ChainHead } from './chain';

/** Requests whose entries go into one statement at most; keeps a batch's INSERT well under PostgreSQL's parameter limit. */
const MAX_BATCH = 500;

interface WaitingRead {
  networkId: string;
  entries: AuditEntry[];
  settle: (error?: unknown) => void;
}

/**
 * Records the audit entries of reads. A read releases its data only once its entry is committed.
 * Reads that finish while one batch commits go together into the next, so concurrent readers share
 * one statement and one disk flush per network instead of queueing one by one on the chain's head
 * row. The trail remembers each network's head after its own appends, so a batch is one round
 * trip unless another writer moved the head in between.
 */
export class ReadAuditTrail {
  private readonly waiting: WaitingRead[] = [];
  private readonly heads = new Map<string, ChainHead>();
  private flushing = false;

  constructor(private readonly db: Executor) {}

  /** Entries of one read, all of the reader's network. */
  record(entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    const networkId = entries[0].networkId;
    if (entries.some((entry) => entry.networkId !== networkId)) return Promise.reject(new Error('one read records entries of one network'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ networkId, entries, settle: (error) => (error === undefined ? resolve() : reject(error)) });
      if (this.flushing) return;
      this.flushing = true;
      // After the callers' own queries have gone out: building and sending the append then overlaps
      // with the database answering them, and reads that arrive in the same turn share the batch.
      setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    while (this.waiting.length > 0) {
      // Each network's chain is its own head row, so their appends can commit side by side.
      await Promise.all([...byNetwork(this.waiting.splice(0, MAX_BATCH))].map(([networkId, reads]) => this.append(networkId, reads)));
    }
    this.flushing = false;
  }

  /** One network's share of a batch: its reads succeed or fail together, with their entries. */
  private async append(networkId: string, reads: WaitingRead[]): Promise<void> {
    try {
      this.heads.set(networkId, await appendToChain(this.db, networkId, reads.flatMap((r) => r.entries), this.heads.get(networkId)));
      for (const read of reads) read.settle();
    } catch (error) {
      this.heads.delete(networkId);
      for (const read of reads) read.settle(error);
    }
  }
}
