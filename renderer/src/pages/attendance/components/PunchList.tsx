import { Button, DatePicker, Empty, Select, Space, Table, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import type { PunchRow } from '../../../../../shared/api/attendance';
import { PUNCH_SOURCES, type PunchSource } from '../../../../../shared/domain/attendance/types';
import { useApiQuery } from '../../../api/hooks';
import { useCan } from '../../../app/access';
import { useT } from '../../../i18n';
import { useListState } from '../../../stores/listState';
import { EmployeePicker, useGroupOptions } from '../../org/components/pickers';
import { directionText, PunchSourceTag, timeOf, useDepartmentDay, useSeesOthers } from './shared';

type SortField = 'punchedAt' | 'employeeNo';

const DEFAULTS = {
  page: 1,
  pageSize: 20,
  sortField: 'punchedAt' as SortField,
  sortOrder: 'desc' as 'asc' | 'desc',
  from: undefined as string | undefined,
  to: undefined as string | undefined,
  employeeId: undefined as string | undefined,
  groupId: undefined as string | undefined,
  source: undefined as PunchSource | undefined,
};

/** Every punch in reach (app, imported, corrections), filtered by dates, person and source, server-paged and sorted. */
export function PunchList() {
  const t = useT();
  const can = useCan();
  const seesOthers = useSeesOthers();
  const groups = useGroupOptions();
  const { timeZone } = useDepartmentDay();
  const [state, setState] = useListState('attendance.punches', DEFAULTS);
  const list = useApiQuery('attendance.punches.list', {
    page: state.page,
    pageSize: state.pageSize,
    sortField: state.sortField,
    sortOrder: state.sortOrder,
    from: state.from,
    to: state.to,
    employeeId: state.employeeId,
    groupId: state.groupId,
    source: state.source,
  });
  const filtered = Boolean(state.from || state.to || state.employeeId || state.groupId || state.source);
  const clear = () => setState({ from: undefined, to: undefined, employeeId: undefined, groupId: undefined, source: undefined, page: 1 });
  const sortOrderOf = (key: SortField) => (state.sortField === key ? (state.sortOrder === 'asc' ? 'ascend' : 'descend') : null);

  const columns: TableProps<PunchRow>['columns'] = [
    { title: t('employee.employeeNo'), dataIndex: 'employeeNo', key: 'employeeNo', width: 100, sorter: true, sortOrder: sortOrderOf('employeeNo') },
    { title: t('employee.name'), dataIndex: 'employeeName', key: 'employeeName', width: 100 },
    { title: t('employee.group'), dataIndex: 'groupName', key: 'groupName', width: 120, render: (v: string | null) => v ?? '—' },
    { title: t('attendance.punch.workDate'), dataIndex: 'workDate', key: 'workDate', width: 120 },
    { title: t('attendance.punch.time'), dataIndex: 'punchedAt', key: 'punchedAt', width: 100, sorter: true, sortOrder: sortOrderOf('punchedAt'), render: (v: string) => timeOf(v, timeZone, true) },
    { title: t('attendance.punch.source'), dataIndex: 'source', key: 'source', width: 100, render: (v: PunchSource) => <PunchSourceTag source={v} /> },
    { title: t('attendance.punch.device'), dataIndex: 'device', key: 'device', width: 100, render: (v: string | null) => v ?? '—' },
    { title: t('attendance.correction.direction'), dataIndex: 'direction', key: 'direction', width: 90, render: (v: PunchRow['direction']) => directionText(t, v) },
  ];

  const onChange: TableProps<PunchRow>['onChange'] = (pagination, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    setState({
      page: pagination.current ?? 1,
      pageSize: pagination.pageSize ?? 20,
      sortField: s?.order ? (s.columnKey as SortField) : 'punchedAt',
      sortOrder: s?.order ? (s.order === 'descend' ? 'desc' : 'asc') : 'desc',
    });
  };

  const emptyText = list.isLoading ? (
    t('common.loading')
  ) : filtered ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.punch.noMatch')} data-testid="punches-no-match">
      <Typography.Paragraph type="secondary">{t('org.employees.noMatchHint')}</Typography.Paragraph>
      <Button onClick={clear}>{t('org.employees.clearFilters')}</Button>
    </Empty>
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(can('attendance.manage') ? 'attendance.punch.emptyManage' : 'attendance.punch.empty')} data-testid="punches-empty" />
  );

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker
          value={[state.from ? dayjs(state.from) : null, state.to ? dayjs(state.to) : null]}
          format="YYYY-MM-DD"
          allowEmpty={[true, true]}
          onChange={(range) => setState({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD'), page: 1 })}
          placeholder={[t('attendance.punch.from'), t('attendance.punch.to')]}
          data-testid="punches-dates"
        />
        {seesOthers && (
          <>
            <EmployeePicker value={state.employeeId} onChange={(employeeId) => setState({ employeeId, page: 1 })} placeholder={t('attendance.employee')} style={{ width: 180 }} aria-label={t('attendance.employee')} />
            <Select allowClear placeholder={t('employee.group')} options={groups} value={state.groupId} onChange={(groupId) => setState({ groupId, page: 1 })} style={{ width: 160 }} aria-label={t('employee.group')} />
          </>
        )}
        <Select
          allowClear
          placeholder={t('attendance.punch.source')}
          value={state.source}
          onChange={(source) => setState({ source, page: 1 })}
          options={PUNCH_SOURCES.map((s) => ({ value: s, label: t(`attendance.source.${s}`) }))}
          style={{ width: 130 }}
          aria-label={t('attendance.punch.source')}
        />
      </Space>
      <Table<PunchRow>
        rowKey="id"
        data-testid="punches-table"
        loading={list.isFetching}
        dataSource={list.data?.rows ?? []}
        columns={columns}
        onChange={onChange}
        locale={{ emptyText }}
        pagination={{ current: state.page, pageSize: state.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
        scroll={{ x: 'max-content' }}
      />
    </>
  );
}
