import { Alert, Empty, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { Link } from 'react-router';
import type { MonthReportRow } from '../../../../shared/api/attendance';
import { LEAVE_TYPES, type MonthFigures } from '../../../../shared/domain/attendance/types';
import { useApiQuery } from '../../api/hooks';
import { PageTitle } from '../../components/PageTitle';
import { formatInstant } from '../../components/format';
import { useT, type Translate } from '../../i18n';
import { useListState } from '../../stores/listState';
import { useGroupOptions } from '../org/components/pickers';
import { MonthActions } from './components/MonthActions';
import { MonthSwitcher } from './components/MonthSwitcher';
import { formatDays, useDepartmentDay, useSeesOthers } from './components/shared';

type Row = MonthReportRow;

/** The figure columns, one row a person; the same columns give the totals row. */
function figureColumns(t: Translate): NonNullable<TableProps<Row>['columns']> {
  const n = (key: keyof MonthFigures, title: string, days = false) => ({
    title,
    dataIndex: key,
    key,
    width: 80,
    align: 'right' as const,
    render: (v: number) => (days ? formatDays(v) : v),
  });
  return [
    n('workdays', t('attendance.figures.workdays'), true),
    n('presentDays', t('attendance.figures.presentDays'), true),
    { title: t('attendance.figures.late'), key: 'late', children: [n('lateCount', t('attendance.figures.count')), n('lateMinutes', t('attendance.figures.minutes'))] },
    { title: t('attendance.figures.early'), key: 'early', children: [n('earlyCount', t('attendance.figures.count')), n('earlyMinutes', t('attendance.figures.minutes'))] },
    n('absentDays', t('attendance.figures.absentDays'), true),
    n('missingPunches', t('attendance.figures.missingPunches')),
    {
      title: t('attendance.figures.leaveDays'),
      key: 'leave',
      children: LEAVE_TYPES.map((type) => ({
        title: t(`attendance.leaveType.${type}`),
        key: `leave-${type}`,
        width: 70,
        align: 'right' as const,
        render: (_: unknown, r: Row) => formatDays(r.leaveDays[type]),
      })),
    },
  ];
}

/** The figures of the totals row, in the same order as figureColumns' leaf columns. */
function totalsCells(totals: MonthFigures): (string | number)[] {
  return [
    formatDays(totals.workdays),
    formatDays(totals.presentDays),
    totals.lateCount,
    totals.lateMinutes,
    totals.earlyCount,
    totals.earlyMinutes,
    formatDays(totals.absentDays),
    totals.missingPunches,
    ...LEAVE_TYPES.map((type) => formatDays(totals.leaveDays[type])),
  ];
}

/**
 * 月度统计: the month's figures one row a person, with the department's totals; a name opens the
 * person's month as a calendar. HR and the manager lock the month (it stops changing) or unlock
 * it with a reason, and export the office's printable .xlsx.
 */
export default function MonthReportPage() {
  const t = useT();
  const seesOthers = useSeesOthers();
  const groups = useGroupOptions();
  const { today } = useDepartmentDay();
  const [state, setState] = useListState('attendance.month', { month: '', groupId: undefined as string | undefined });
  const month = state.month || today.slice(0, 7);
  const report = useApiQuery('attendance.month.report', { month, groupId: state.groupId });
  const data = report.data;
  // The figures of the current month cover the days before today only: said so.
  const inProgress = data !== undefined && data.asOf.slice(0, 7) === month;

  const columns: TableProps<Row>['columns'] = [
    { title: t('employee.employeeNo'), dataIndex: 'employeeNo', key: 'employeeNo', width: 90, fixed: 'left' },
    {
      title: t('employee.name'),
      dataIndex: 'name',
      key: 'name',
      width: 100,
      fixed: 'left',
      render: (name: string, r) => <Link to={`/attendance/month/${month}/${r.employeeId}`}>{name}</Link>,
    },
    { title: t('employee.group'), dataIndex: 'groupName', key: 'groupName', width: 110, ellipsis: true, render: (v: string | null) => v ?? '—' },
    ...figureColumns(t),
  ];

  return (
    <>
      <PageTitle title={t('attendance.month.title')} extra={data && <MonthActions report={data} groupId={state.groupId} />} />
      <Space wrap style={{ marginBottom: 16 }}>
        <MonthSwitcher value={month} current={today.slice(0, 7)} onChange={(m) => setState({ month: m })} testId="report-month" />
        {seesOthers && (
          <Select allowClear placeholder={t('employee.group')} options={groups} value={state.groupId} onChange={(groupId) => setState({ groupId })} style={{ width: 160 }} aria-label={t('employee.group')} />
        )}
        {data &&
          (data.locked ? (
            <Tag color="gold" data-testid="month-locked">
              {t('attendance.month.lockedBy', { name: data.locked.byName, at: formatInstant(data.locked.at) })}
            </Tag>
          ) : (
            <Tag data-testid="month-open">{t('attendance.month.open')}</Tag>
          ))}
        {data && <Typography.Text type="secondary">{t('attendance.month.workdays', { count: formatDays(data.workdays) })}</Typography.Text>}
      </Space>
      {inProgress && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('attendance.month.asOf', { date: data.asOf })} />}
      <Table<Row>
        rowKey="employeeId"
        size="small"
        bordered
        data-testid="month-report"
        loading={report.isFetching}
        dataSource={data?.employees ?? []}
        columns={columns}
        locale={{ emptyText: report.isLoading ? t('common.loading') : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(state.groupId ? 'attendance.month.noMatch' : 'attendance.month.empty')} /> }}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        scroll={{ x: 'max-content' }}
        summary={() =>
          data && data.employees.length > 0 ? (
            <Table.Summary fixed>
              <Table.Summary.Row data-testid="month-totals">
                <Table.Summary.Cell index={0} colSpan={3}>
                  <Typography.Text strong>{t('attendance.month.totals')}</Typography.Text>
                </Table.Summary.Cell>
                {totalsCells(data.totals).map((v, i) => (
                  <Table.Summary.Cell key={i} index={i + 3} align="right">
                    <Typography.Text strong>{v}</Typography.Text>
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
      />
    </>
  );
}
