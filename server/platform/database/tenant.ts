import type {
  DeleteQueryBuilder,
  DeleteResult,
  Insertable,
  InsertQueryBuilder,
  InsertResult,
  Kysely,
  SelectQueryBuilder,
  UpdateQueryBuilder,
  UpdateResult,
} from 'kysely';
import type { Database, TenantTable } from './schema';

export type Executor = Kysely<Database>;

type WithoutNetwork<T extends TenantTable> = Omit<Insertable<Database[T]>, 'network_id'>;

/**
 * The one way to reach tenant-owned rows: every query it builds is bound to one network, so a
 * record of another network cannot be read, changed or created by mistake.
 */
export function scoped(db: Executor, networkId: string) {
  return {
    networkId,
    selectFrom<T extends TenantTable>(table: T): SelectQueryBuilder<Database, T, {}> {
      return (db.selectFrom(table) as any).where(`${table}.network_id`, '=', networkId);
    },
    updateTable<T extends TenantTable>(table: T): UpdateQueryBuilder<Database, T, T, UpdateResult> {
      return (db.updateTable(table) as any).where(`${table}.network_id`, '=', networkId);
    },
    deleteFrom<T extends TenantTable>(table: T): DeleteQueryBuilder<Database, T, DeleteResult> {
      return (db.deleteFrom(table) as any).where(`${table}.network_id`, '=', networkId);
    },
    insertInto<T extends TenantTable>(
      table: T,
      values: WithoutNetwork<T> | WithoutNetwork<T>[],
    ): InsertQueryBuilder<Database, T, InsertResult> {
      const rows = (Array.isArray(values) ? values : [values]).map((v) => ({ ...v, network_id: networkId }));
      return db.insertInto(table).values(rows as any) as any;
    },
  };
}

export type Scoped = ReturnType<typeof scoped>;
