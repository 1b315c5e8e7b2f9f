import { createHash } from 'node:crypto';
import { sql } from 'kysely';
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
  const byNetwork = new Map<string, AuditEntry[]>();
  for (const entry of entries) {
    const chain = byNetwork.get(entry.networkId);
    if (chain) chain.push(entry);
    else byNetwork.set(entry.networkId, [entry]);
  }
  // Heads are always taken in the same order, so two transactions never deadlock.
  for (const networkId of [...byNetwork.keys()].sort()) await appendToChain(trx, networkId, byNetwork.get(networkId)!);
}

/**
 * Appends one network's entries after `knownHead` (or the stored head) and returns the new head.
 * Each attempt is one statement that moves the head only if it is still where the entries were
 * chained on; when another writer got there first, it reads the head again and rechains, so the
 * chain never forks and an append costs one round trip when the head is known.
 */
export async function appendToChain(executor: Executor, networkId: string, entries: AuditEntry[], knownHead?: ChainHead): Promise<ChainHead> {
  let head = knownHead ?? (await readHead(executor, networkId));
  for (;;) {
    const { rows, last } = chained(networkId, entries, head);
    const result = await executor
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
      .columns(AUDIT_COLUMNS)
      .expression((eb) =>
        eb
          .selectFrom(sql<HashedRow>`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)`.as<'r'>(sql.raw(`r(${AUDIT_COLUMN_TYPES})`)))
          .select(AUDIT_COLUMNS.map((column) => `r.${column}` as const))
          .where((w) => w.exists(w.selectFrom('moved').select('moved.network_id'))),
      )
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === rows.length) return last;
    head = await readHead(executor, networkId);
  }
}

type HashedRow = Row<'audit_log'>;

const AUDIT_COLUMN_DEFINITIONS = {
  network_id: 'uuid',
  seq: 'bigint',
  at: 'timestamptz',
  actor_user_id: 'uuid',
  actor_organisation_id: 'uuid',
  action: 'text',
  entity: 'text',
  entity_id: 'text',
  fields: 'text[]',
  ip: 'text',
  user_agent: 'text',
  prev_hash: 'text',
  hash: 'text',
} as const satisfies Record<keyof HashedRow, string>;
const AUDIT_COLUMNS = Object.keys(AUDIT_COLUMN_DEFINITIONS) as Array<keyof HashedRow>;
const AUDIT_COLUMN_TYPES = Object.entries(AUDIT_COLUMN_DEFINITIONS)
  .map(([column, type]) => `${column} ${type}`)
  .join(', ');

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

/** The network's head as last committed, created at the genesis hash for a network's first entry. */
async function readHead(executor: Executor, networkId: string): Promise<ChainHead> {
  for (;;) {
    const head = await executor.selectFrom('audit_heads').select(['seq', 'hash']).where('network_id', '=', networkId).executeTakeFirst();
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
