import { Button, Group, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Column<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
}

export interface Paging {
  limit: number;
  offset: number;
  total: number;
  onOffsetChange: (offset: number) => void;
}

interface DataTableProps<T> {
  /** Names the table for screen readers. */
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  paging?: Paging;
  loading?: boolean;
  emptyText?: string;
}

/** A captioned table with previous/next paging, for every list the server answers as a page. */
export function DataTable<T>({ caption, columns, rows, rowKey, paging, loading, emptyText }: DataTableProps<T>) {
  const { t } = useTranslation('common');
  const from = paging && paging.total > 0 ? paging.offset + 1 : 0;
  const to = paging ? Math.min(paging.offset + rows.length, paging.total) : rows.length;
  return (
    <div>
      {/* Focusable so keyboard users can scroll a table wider than the screen. */}
      <div role="region" aria-label={caption} tabIndex={0} className="table-scroll">
        <Table miw={600} striped highlightOnHover withTableBorder aria-busy={loading ? true : undefined}>
          <Table.Caption className="visually-hidden">{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) => (
                <Table.Th key={column.key} scope="col">
                  {column.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={rowKey(row)}>
                {columns.map((column) => (
                  <Table.Td key={column.key}>{column.render(row)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
            {rows.length === 0 && !loading && (
              <Table.Tr>
                <Table.Td colSpan={columns.length}>
                  <Text c="dimmed">{emptyText ?? t('table.empty')}</Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </div>
      {paging && (
        <Group justify="space-between" mt="sm" component="nav" aria-label={t('table.paging', { caption })}>
          <Text size="sm" role="status">
            {t('table.range', { from, to, total: paging.total })}
          </Text>
          <Group gap="xs">
            <Button variant="default" size="xs" disabled={paging.offset === 0} onClick={() => paging.onOffsetChange(Math.max(0, paging.offset - paging.limit))}>
              {t('table.previous')}
            </Button>
            <Button variant="default" size="xs" disabled={paging.offset + paging.limit >= paging.total} onClick={() => paging.onOffsetChange(paging.offset + paging.limit)}>
              {t('table.next')}
            </Button>
          </Group>
        </Group>
      )}
    </div>
  );
}
