import { Button, Empty, Table, Typography, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../../i18n';

/**
 * A server-paged list's page and sort, as the list methods take them and useListState keeps them
 * (a type, not an interface, so that it is a Record the list state accepts).
 */
export type Paging<F extends string> = {
  page: number;
  pageSize: number;
  sortField: F;
  sortOrder: 'asc' | 'desc';
};

/** A list's first page, newest first by `sortField`: where its list state starts. */
export const firstPage = <F extends string>(sortField: F, pageSize = 20): Paging<F> => ({ page: 1, pageSize, sortField, sortOrder: 'desc' });

/** The page and sort a list method takes, from a list state that may hold the filters too. */
export const pageInput = <F extends string>({ page, pageSize, sortField, sortOrder }: Paging<F>): Paging<F> => ({ page, pageSize, sortField, sortOrder });

/** The column's sort arrow from the list state (antd shows what it is told: the server sorts). */
export const sortOrderOf = <F extends string>(paging: Paging<F>, key: F) => (paging.sortField === key ? (paging.sortOrder === 'asc' ? 'ascend' : 'descend') : null);

/** What a page passes to a list table it embeds: filters and paging from the page's list state. */
export interface ListTableProps<Filters, F extends string> {
  filters: Filters;
  paging: Paging<F>;
  onPaging: (p: Partial<Paging<F>>) => void;
  showEmployee: boolean;
  empty: ReactNode;
  testId: string;
}

/** A page of a list method's answer, and whether it is being read. */
interface ListQuery<Row> {
  data?: { rows: Row[]; total: number };
  isFetching: boolean;
  isLoading: boolean;
}

/**
 * The attendance lists' table: rows, paging and sorting all on the server. A click on a column
 * head asks for that sort; clearing it returns to `defaultSort`, newest first.
 */
export function PagedTable<Row extends { id: string }, F extends string>({
  list,
  columns,
  paging,
  onPaging,
  defaultSort,
  empty,
  testId,
  size,
}: {
  list: ListQuery<Row>;
  columns: TableProps<Row>['columns'];
  paging: Paging<F>;
  onPaging: (p: Partial<Paging<F>>) => void;
  defaultSort: F;
  empty: ReactNode;
  testId: string;
  size?: TableProps<Row>['size'];
}) {
  const t = useT();
  const onChange: TableProps<Row>['onChange'] = (pagination, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    onPaging({
      page: pagination.current ?? 1,
      pageSize: pagination.pageSize ?? paging.pageSize,
      sortField: s?.order ? (s.columnKey as F) : defaultSort,
      sortOrder: s?.order ? (s.order === 'descend' ? 'desc' : 'asc') : 'desc',
    });
  };
  return (
    <Table<Row>
      rowKey="id"
      size={size}
      data-testid={testId}
      loading={list.isFetching}
      dataSource={list.data?.rows ?? []}
      columns={columns}
      onChange={onChange}
      locale={{ emptyText: list.isLoading ? t('common.loading') : empty }}
      pagination={{ current: paging.page, pageSize: paging.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
      scroll={{ x: 'max-content' }}
    />
  );
}

/**
 * An empty list. No match for the filters is not an empty list: say which, and offer the way
 * back. The test ids are `${testId}-no-match` and `${testId}-empty`.
 */
export function ListEmpty({ filtered, onClear, noMatch, empty, testId, hint = true }: { filtered: boolean; onClear: () => void; noMatch: string; empty: string; testId: string; hint?: boolean }) {
  const t = useT();
  return filtered ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={noMatch} data-testid={`${testId}-no-match`}>
      {hint && <Typography.Paragraph type="secondary">{t('org.employees.noMatchHint')}</Typography.Paragraph>}
      <Button onClick={onClear}>{t('org.employees.clearFilters')}</Button>
    </Empty>
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} data-testid={`${testId}-empty`} />
  );
}
