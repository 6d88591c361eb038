import { DatePicker, Select, Space, type TableProps } from 'antd';
import dayjs from 'dayjs';
import type { PunchRow } from '../../../../../shared/api/attendance';
import { PUNCH_SOURCES, type PunchSource } from '../../../../../shared/domain/attendance/types';
import { useApiQuery } from '../../../api/hooks';
import { useCan } from '../../../app/access';
import { useT } from '../../../i18n';
import { useListState } from '../../../stores/listState';
import { firstPage, ListEmpty, PagedTable, pageInput, sortOrderOf } from './PagedTable';
import { noPersonFilter, personFilters } from './ListFilters';
import { directionText, PunchSourceTag, timeOf, useDepartmentDay, useSeesOthers } from './shared';

type SortField = 'punchedAt' | 'employeeNo';

const DEFAULTS = {
  ...firstPage<SortField>('punchedAt'),
  from: undefined as string | undefined,
  to: undefined as string | undefined,
  ...noPersonFilter,
  source: undefined as PunchSource | undefined,
};

/** Every punch in reach (app, imported, corrections), filtered by dates, person and source, server-paged and sorted. */
export function PunchList() {
  const t = useT();
  const can = useCan();
  const seesOthers = useSeesOthers();
  const { timeZone } = useDepartmentDay();
  const [state, setState] = useListState('attendance.punches', DEFAULTS);
  const list = useApiQuery('attendance.punches.list', {
    ...pageInput(state),
    from: state.from,
    to: state.to,
    employeeId: state.employeeId,
    groupId: state.groupId,
    source: state.source,
  });
  const filtered = Boolean(state.from || state.to || state.employeeId || state.groupId || state.source);
  const clear = () => setState({ ...noPersonFilter, from: undefined, to: undefined, source: undefined, page: 1 });

  const columns: TableProps<PunchRow>['columns'] = [
    { title: t('employee.employeeNo'), dataIndex: 'employeeNo', key: 'employeeNo', width: 100, sorter: true, sortOrder: sortOrderOf(state, 'employeeNo') },
    { title: t('employee.name'), dataIndex: 'employeeName', key: 'employeeName', width: 100 },
    { title: t('employee.group'), dataIndex: 'groupName', key: 'groupName', width: 120, render: (v: string | null) => v ?? '—' },
    { title: t('attendance.punch.workDate'), dataIndex: 'workDate', key: 'workDate', width: 120 },
    { title: t('attendance.punch.time'), dataIndex: 'punchedAt', key: 'punchedAt', width: 100, sorter: true, sortOrder: sortOrderOf(state, 'punchedAt'), render: (v: string) => timeOf(v, timeZone, true) },
    { title: t('attendance.punch.source'), dataIndex: 'source', key: 'source', width: 100, render: (v: PunchSource) => <PunchSourceTag source={v} /> },
    { title: t('attendance.punch.device'), dataIndex: 'device', key: 'device', width: 100, render: (v: string | null) => v ?? '—' },
    { title: t('attendance.correction.direction'), dataIndex: 'direction', key: 'direction', width: 90, render: (v: PunchRow['direction']) => directionText(t, v) },
  ];

  const empty = (
    <ListEmpty filtered={filtered} onClear={clear} noMatch={t('attendance.punch.noMatch')} empty={t(can('attendance.manage') ? 'attendance.punch.emptyManage' : 'attendance.punch.empty')} testId="punches" />
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
        {seesOthers && personFilters(state, setState)}
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
      <PagedTable list={list} columns={columns} paging={state} onPaging={setState} defaultSort="punchedAt" empty={empty} testId="punches-table" />
    </>
  );
}
