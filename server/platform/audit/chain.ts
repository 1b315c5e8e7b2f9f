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

/**
 * Appends one entry to the network's hash chain inside the caller's transaction. The head row is
 * locked, so concurrent writers append one after the other and the chain never forks.
 */
export async function appendAudit(trx: Executor, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_heads')
    .values({ network_id: entry.networkId, seq: 0, hash: GENESIS_HASH })
    .onConflict((oc) => oc.column('network_id').doNothing())
    .execute();
  const head = await trx
    .selectFrom('audit_heads')
    .select(['seq', 'hash'])
    .where('network_id', '=', entry.networkId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const row: HashedFields = {
    network_id: entry.networkId,
    seq: Number(head.seq) + 1,
    at: new Date(),
    actor_user_id: entry.actorUserId,
    actor_organisation_id: entry.actorOrganisationId,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId,
    fields: entry.fields ?? [],
    ip: entry.ip,
    user_agent: entry.userAgent,
    prev_hash: head.hash,
  };
  const hash = entryHash(row);
  await trx.insertInto('audit_log').values({ ...row, hash }).execute();
  await trx
    .updateTable('audit_heads')
    .set({ seq: row.seq, hash })
    .where('network_id', '=', entry.networkId)
    .execute();
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
