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

/** Where a network's chain ends: the last entry's number and hash. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** Appends one entry to its network's hash chain inside the caller's transaction. */
export function appendAudit(trx: Executor, entry: AuditEntry): Promise<void> {
  return appendAuditEntries(trx, [entry]);
}

/** Appends entries, in order, to their networks' hash chains inside the caller's transaction. */
export async function appendAuditEntries(trx: Executor, entries: AuditEntry[]): Promise<void> {
  const chains = byNetwork(entries);
  // Heads are always locked in the same order, so two transactions never deadlock.
  for (const networkId of [...chains.keys()].sort()) {
    await insertAfter(trx, networkId, chains.get(networkId)!, await readHead(trx, networkId, { lock: true }));
  }
}

/** Items grouped by their network, each group in the order given. */
export function byNetwork<T extends { networkId: string }>(items: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.networkId);
    if (group) group.push(item);
    else groups.set(item.networkId, [item]);
  }
  return groups;
}

/**
 * Appends one network's entries outside any transaction, in one statement per attempt, after
 * `knownHead` (or the stored head), and returns the new head. When another writer moved the head
 * first, the entries' numbers are taken and the statement fails whole on the primary key: the head
 * is read again and the entries rechained, so the chain never forks.
 */
export async function appendToChain(db: Executor, networkId: string, entries: AuditEntry[], knownHead?: ChainHead): Promise<ChainHead> {
  let head = knownHead ?? (await readHead(db, networkId, { lock: false }));
  for (;;) {
    try {
      return await insertAfter(db, networkId, entries, head);
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      head = await readHead(db, networkId, { lock: false });
    }
  }
}

const UNIQUE_VIOLATION = '23505';

/**
 * One statement: moves the head from `head` to the last entry and inserts the entries numbered on
 * from it. Head and entries always move together, so if the head is no longer at `head`, entries
 * with those numbers exist and the insert fails. Both parts touch the network's shard only, so
 * Citus runs it on one worker.
 */
async function insertAfter(executor: Executor, networkId: string, entries: AuditEntry[], head: ChainHead): Promise<ChainHead> {
  const { rows, last } = chained(networkId, entries, head);
  await executor
    .with('moved', (db) =>
      db
        .updateTable('audit_heads')
        .set({ seq: last.seq, hash: last.hash })
        .where('network_id', '=', networkId)
        .where('seq', '=', head.seq)
        .where('hash', '=', head.hash)
        .returning('network_id'),
    )
    .insertInto('audit_log')
    .values(rows)
    .execute();
  return last;
}

type HashedRow = Row<'audit_log'>;

function chained(networkId: string, entries: AuditEntry[], head: ChainHead): { rows: HashedRow[]; last: ChainHead } {
  let prevHash = head.hash;
  const at = new Date();
  const rows = entries.map((entry, i) => {
    const row: HashedFields = {
      network_id: networkId,
      seq: head.seq + i + 1,
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
  return { rows, last: { seq: head.seq + entries.length, hash: prevHash } };
}

/**
 * The network's head, created at the genesis hash for a network's first entry. With `lock`, the
 * head stays locked until the caller's transaction ends, so no other writer can move it meanwhile.
 */
async function readHead(executor: Executor, networkId: string, options: { lock: boolean }): Promise<ChainHead> {
  for (;;) {
    const head = await executor
      .selectFrom('audit_heads')
      .select(['seq', 'hash'])
      .where('network_id', '=', networkId)
      .$if(options.lock, (qb) => qb.forUpdate())
      .executeTakeFirst();
    if (head) return { seq: Number(head.seq), hash: head.hash };
    await executor
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
