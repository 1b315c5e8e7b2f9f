import {
  AliasNode,
  ColumnNode,
  DeleteQueryNode,
  InsertQueryNode,
  TableNode,
  UpdateQueryNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

/** A statement that wrote to a table: its name, and for an UPDATE the columns it set. */
export interface TableWrite {
  table: string;
  /** Columns an UPDATE set; null for an INSERT or a DELETE. */
  setColumns: string[] | null;
}

/**
 * Tells listeners, once a statement has run, which table it wrote, so that what this process
 * keeps in memory about a table can be dropped when the table changes through the query builder.
 * Raw SQL statements are not seen.
 */
export class WriteWatch implements KyselyPlugin {
  private readonly listeners: Array<(write: TableWrite) => void> = [];
  private readonly pending = new WeakMap<QueryId, TableWrite>();

  onWrite(listener: (write: TableWrite) => void): void {
    this.listeners.push(listener);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const write = tableWrite(args.node);
    if (write) this.pending.set(args.queryId, write);
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const write = this.pending.get(args.queryId);
    if (write) for (const listener of this.listeners) listener(write);
    return args.result;
  }
}

function tableWrite(node: RootOperationNode): TableWrite | null {
  if (InsertQueryNode.is(node) && node.into) return { table: tableName(node.into), setColumns: null };
  if (DeleteQueryNode.is(node) && node.from.froms[0]) return { table: tableName(node.from.froms[0]), setColumns: null };
  if (UpdateQueryNode.is(node) && node.table) {
    const setColumns = (node.updates ?? []).map((update) => (ColumnNode.is(update.column) ? update.column.column.name : '?'));
    return { table: tableName(node.table), setColumns };
  }
  return null;
}

function tableName(node: OperationNode): string {
  const table = AliasNode.is(node) ? node.node : node;
  return TableNode.is(table) ? table.table.identifier.name : '?';
}
