import { Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import type { InputOf } from '../../../../../shared/api/index';
import type { CorrectionRow } from '../../../../../shared/api/attendance';
import { useApiQuery } from '../../../api/hooks';
import { formatInstant } from '../../../components/format';
import { useT } from '../../../i18n';
import { CorrectionStatusTag, directionText } from './shared';

export interface CorrectionPaging {
  page: number;
  pageSize: number;
  sortField: 'date' | 'createdAt';
  sortOrder: 'asc' | 'desc';
}

type CorrectionFilters = Omit<InputOf<'attendance.corrections.list'>, 'page' | 'pageSize' | 'sortField' | 'sortOrder'>;

/**
 * Punch-correction requests (补卡申请) in reach, server-paged and sorted (newest first by
 * default), with where each stands: one person's on 我的考勤, everyone's the user may see on the
 * punches page. The reason shows only to those who may read it (the core sends null otherwise).
 */
export function CorrectionsTable({
  filters,
  paging,
  onPaging,
  showEmployee,
  empty,
  testId,
}: {
  filters: CorrectionFilters;
  paging: CorrectionPaging;
  onPaging: (p: Partial<CorrectionPaging>) => void;
  showEmployee: boolean;
  empty: ReactNode;
  testId: string;
}) {
  const t = useT();
  const list = useApiQuery('attendance.corrections.list', { ...filters, page: paging.page, pageSize: paging.pageSize, sortField: paging.sortField, sortOrder: paging.sortOrder });
  const sortOrderOf = (key: CorrectionPaging['sortField']) => (paging.sortField === key ? (paging.sortOrder === 'asc' ? 'ascend' : 'descend') : null);
  const columns: TableProps<CorrectionRow>['columns'] = [
    ...(showEmployee ? [{ title: t('employee.name'), dataIndex: 'employeeName', key: 'employeeName', width: 100 }] : []),
    { title: t('attendance.correction.date'), dataIndex: 'date', key: 'date', width: 120, sorter: true, sortOrder: sortOrderOf('date') },
    { title: t('attendance.correction.time'), dataIndex: 'time', key: 'time', width: 80 },
    { title: t('attendance.correction.direction'), dataIndex: 'direction', key: 'direction', width: 90, render: (v: CorrectionRow['direction']) => directionText(t, v) },
    { title: t('attendance.leave.reason'), dataIndex: 'reason', key: 'reason', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t('attendance.status'), dataIndex: 'status', key: 'status', width: 100, render: (v: CorrectionRow['status']) => <CorrectionStatusTag status={v} /> },
    { title: t('attendance.submittedAt'), dataIndex: 'createdAt', key: 'createdAt', width: 150, sorter: true, sortOrder: sortOrderOf('createdAt'), render: (v: string) => formatInstant(v) },
  ];

  const onChange: TableProps<CorrectionRow>['onChange'] = (pagination, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    onPaging({
      page: pagination.current ?? 1,
      pageSize: pagination.pageSize ?? paging.pageSize,
      sortField: s?.order ? (s.columnKey as CorrectionPaging['sortField']) : 'createdAt',
      sortOrder: s?.order ? (s.order === 'descend' ? 'desc' : 'asc') : 'desc',
    });
  };

  return (
    <Table<CorrectionRow>
      rowKey="id"
      size="middle"
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
