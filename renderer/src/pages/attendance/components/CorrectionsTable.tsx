import type { TableProps } from 'antd';
import type { InputOf } from '../../../../../shared/api/index';
import type { CorrectionRow } from '../../../../../shared/api/attendance';
import { useApiQuery } from '../../../api/hooks';
import { formatInstant } from '../../../components/format';
import { useT } from '../../../i18n';
import { PagedTable, pageInput, sortOrderOf, type ListTableProps, type Paging } from './PagedTable';
import { CorrectionStatusTag, directionText } from './shared';

export type CorrectionPaging = Paging<'date' | 'createdAt'>;

type CorrectionFilters = Omit<InputOf<'attendance.corrections.list'>, 'page' | 'pageSize' | 'sortField' | 'sortOrder'>;

/**
 * Punch-correction requests (补卡申请) in reach, server-paged and sorted (newest first by
 * default), with where each stands: one person's on 我的考勤, everyone's the user may see on the
 * punches page. The reason shows only to those who may read it (the core sends null otherwise).
 */
export function CorrectionsTable({ filters, paging, onPaging, showEmployee, empty, testId }: ListTableProps<CorrectionFilters, CorrectionPaging['sortField']>) {
  const t = useT();
  const list = useApiQuery('attendance.corrections.list', { ...filters, ...pageInput(paging) });
  const columns: TableProps<CorrectionRow>['columns'] = [
    ...(showEmployee ? [{ title: t('employee.name'), dataIndex: 'employeeName', key: 'employeeName', width: 100 }] : []),
    { title: t('attendance.correction.date'), dataIndex: 'date', key: 'date', width: 120, sorter: true, sortOrder: sortOrderOf(paging, 'date') },
    { title: t('attendance.correction.time'), dataIndex: 'time', key: 'time', width: 80 },
    { title: t('attendance.correction.direction'), dataIndex: 'direction', key: 'direction', width: 90, render: (v: CorrectionRow['direction']) => directionText(t, v) },
    { title: t('attendance.leave.reason'), dataIndex: 'reason', key: 'reason', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t('attendance.status'), dataIndex: 'status', key: 'status', width: 100, render: (v: CorrectionRow['status']) => <CorrectionStatusTag status={v} /> },
    { title: t('attendance.submittedAt'), dataIndex: 'createdAt', key: 'createdAt', width: 150, sorter: true, sortOrder: sortOrderOf(paging, 'createdAt'), render: (v: string) => formatInstant(v) },
  ];

  return <PagedTable list={list} columns={columns} paging={paging} onPaging={onPaging} defaultSort="createdAt" empty={empty} testId={testId} size="middle" />;
}
