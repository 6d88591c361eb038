import { Empty, Table, type TableProps } from 'antd';
import { useState } from 'react';
import type { CorrectionRow } from '../../../../../shared/api/attendance';
import { useApiQuery } from '../../../api/hooks';
import { formatInstant } from '../../../components/format';
import { useT } from '../../../i18n';
import { CorrectionStatusTag, directionText } from './shared';

/** One person's punch-correction requests (补卡申请), newest first, with where each stands. */
export function CorrectionsTable({ employeeId }: { employeeId: string }) {
  const t = useT();
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const list = useApiQuery('attendance.corrections.list', { employeeId, ...page, sortField: 'createdAt', sortOrder: 'desc' });
  const columns: TableProps<CorrectionRow>['columns'] = [
    { title: t('attendance.correction.date'), dataIndex: 'date', key: 'date', width: 120 },
    { title: t('attendance.correction.time'), dataIndex: 'time', key: 'time', width: 80 },
    { title: t('attendance.correction.direction'), dataIndex: 'direction', key: 'direction', width: 90, render: (v: CorrectionRow['direction']) => directionText(t, v) },
    { title: t('attendance.leave.reason'), dataIndex: 'reason', key: 'reason', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t('attendance.status'), dataIndex: 'status', key: 'status', width: 100, render: (v: CorrectionRow['status']) => <CorrectionStatusTag status={v} /> },
    { title: t('attendance.submittedAt'), dataIndex: 'createdAt', key: 'createdAt', width: 150, render: (v: string) => formatInstant(v) },
  ];
  return (
    <Table<CorrectionRow>
      rowKey="id"
      size="middle"
      data-testid="corrections-table"
      loading={list.isFetching}
      dataSource={list.data?.rows ?? []}
      columns={columns}
      onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 10 })}
      locale={{ emptyText: list.isLoading ? t('common.loading') : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.correction.empty')} /> }}
      pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, showTotal: (total) => t('common.total', { total }) }}
      scroll={{ x: 'max-content' }}
    />
  );
}
