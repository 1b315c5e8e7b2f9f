import { createHash } from 'node:crypto';
import type { Executor } from '../database/tenant';
import type { Row } from '../database/schema';

export const GENESIS_HASH = '0'.repeat(64);
/** Chain for events that belong to no network yet (a failed login with an unknown e-mail). */
export const PLATFORM_NETWORK_ID = '00000000-0000-0000-0000-000000000000';

export interface AuditEntry {
  networkId: string;
  actorUserId: string | null;
  actorOrganisationId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  /** Names of the fields written or read; never their values. */
  fields?: string[];
  ip: string | null;
  userAgent: string | null;
}

type HashedFields = Omit<Row<'audit_log'>, 'hash'>;

export function entryHash(row: HashedFields): string {
  const canonical = JSON.stringify([
    row.network_id,
    Number(row.seq),
    new Date(row.at).toISOString(),
    row.actor_user_id,
    row.actor_organisation_id,
    row.action,
    row.entity,
    row.entity_id,
    row.fields,
    row.ip,
    row.user_agent,
  ]);
  return createHash('sha256').update(row.prev_hash).update('\n').update(canonical).digest('hex');
}

/** Appends one entry to its network's hash chain inside the caller's transaction. */
export function appendAudit(trx: Executor, entry: AuditEntry): Promise<void> {
  return appendAuditEntries(trx, [entry]);
}

/**
 * Appends entries, in order, to their networks' hash chains inside the caller's transaction.
 * Reserving the sequence numbers locks a network's head row, so concurrent writers append one
 * after the other and the chain never forks.
 */
export async function appendAuditEntries(trx: Executor, entries: AuditEntry[]): Promise<void> {
  const byNetwork = new Map<string, AuditEntry[]>();
  for (const entry of entries) {
    const chain = byNetwork.get(entry.networkId);
    if (chain) chain.push(entry);
    else byNetwork.set(entry.networkId, [entry]);
  }
  // Heads are always locked in the same order, so two batches never deadlock.
  for (const networkId of [...byNetwork.keys()].sort()) await appendToChain(trx, networkId, byNetwork.get(networkId)!);
}

async function appendToChain(trx: Executor, networkId: string, entries: AuditEntry[]): Promise<void> {
  const head = await reserveSeqs(trx, networkId, entries.length);
  let prevHash = head.hash;
  const at = new Date();
  const rows = entries.map((entry, i) => {
    const row: HashedFields = {
      network_id: networkId,
      seq: head.firstSeq + i,
      at,
      actor_user_id: entry.actorUserId,
      actor_organisation_id: entry.actorOrganisationId,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      fields: entry.fields ?? [],
      ip: entry.ip,
      user_agent: entry.userAgent,
      prev_hash: prevHash,
    };
    prevHash = entryHash(row);
    return { ...row, hash: prevHash };
  });
  await trx.insertInto('audit_log').values(rows).execute();
  await trx.updateTable('audit_heads').set({ hash: prevHash }).where('network_id', '=', networkId).execute();
}

/** Moves the head `count` entries on and locks it; returns the first reserved number and the hash to chain on. */
async function reserveSeqs(trx: Executor, networkId: string, count: number): Promise<{ firstSeq: number; hash: string }> {
  for (;;) {
    // RETURNING shows the new seq beside the hash as it still is: the hash of the last entry.
    const head = await trx
      .updateTable('audit_heads')
      .set((eb) => ({ seq: eb('seq', '+', count) }))
      .where('network_id', '=', networkId)
      .returning(['seq', 'hash'])
      .executeTakeFirst();
    if (head) return { firstSeq: Number(head.seq) - count + 1, hash: head.hash };
    await trx
      .insertInto('audit_heads')
      .values({ network_id: networkId, seq: 0, hash: GENESIS_HASH })
      .onConflict((oc) => oc.column('network_id').doNothing())
      .execute();
  }
}

export interface ChainReport {
  networkId: string;
  entries: number;
  firstBroken: { seq: number; reason: string } | null;
}

/** Walks every network's chain in order and reports the first entry whose link does not hold. */
export async function verifyAuditChains(db: Executor): Promise<ChainReport[]> {
  const networks = await db.selectFrom('audit_heads').select(['network_id', 'seq', 'hash']).execute();
  const reports: ChainReport[] = [];
  for (const head of networks) {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let firstBroken: ChainReport['firstBroken'] = null;
    let entries = 0;
    const pageSize = 5000;
    for (let after = 0; !firstBroken; ) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('network_id', '=', head.network_id)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(pageSize)
        .execute();
      for (const row of rows) {
        entries++;
        const seq = Number(row.seq);
        if (seq !== expectedSeq) firstBroken = { seq: expectedSeq, reason: `entry ${expectedSeq} is missing` };
        else if (row.prev_hash !== prev) firstBroken = { seq, reason: 'previous-hash link does not match' };
        else if (entryHash(row) !== row.hash) firstBroken = { seq, reason: 'entry content does not match its hash' };
        if (firstBroken) break;
        prev = row.hash;
        expectedSeq++;
        after = seq;
      }
      if (rows.length < pageSize) break;
    }
    if (!firstBroken && (expectedSeq - 1 !== Number(head.seq) || prev !== head.hash)) {
      firstBroken = { seq: expectedSeq, reason: 'chain ends before its recorded head (entries removed)' };
    }
    reports.push({ networkId: head.network_id, entries, firstBroken });
  }
  return reports;
}
