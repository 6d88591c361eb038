import { FileAddOutlined } from '@ant-design/icons';
import { Button, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { LEAVE_STATUSES, type LeaveStatus, type LeaveType } from '../../../../shared/domain/attendance/types';
import { PageTitle } from '../../components/PageTitle';
import { useT } from '../../i18n';
import { useListState } from '../../stores/listState';
import { LeaveFormModal } from './components/LeaveFormModal';
import { LeaveTable, type LeavePaging } from './components/LeaveTable';
import { firstPage, ListEmpty } from './components/PagedTable';
import { noPersonFilter, personFilters, StatusFilter } from './components/ListFilters';
import { leaveTypeOptions, useSeesOthers } from './components/shared';

const DEFAULTS = {
  ...firstPage<LeavePaging['sortField']>('createdAt'),
  status: undefined as LeaveStatus | undefined,
  type: undefined as LeaveType | undefined,
  ...noPersonFilter,
  year: undefined as number | undefined,
};

/** 请假: the leave requests the user may see (own, the groups led, or the department), filtered and paged on the server. */
export default function LeavePage() {
  const t = useT();
  const seesOthers = useSeesOthers();
  const [state, setState] = useListState('attendance.leave', DEFAULTS);
  const [requesting, setRequesting] = useState(false);
  const filtered = Boolean(state.status || state.type || state.employeeId || state.groupId || state.year);
  const clear = () => setState({ ...noPersonFilter, status: undefined, type: undefined, year: undefined, page: 1 });

  const empty = <ListEmpty filtered={filtered} onClear={clear} noMatch={t('attendance.leave.noMatch')} empty={t('attendance.leave.empty')} testId="leave" />;

  return (
    <>
      <PageTitle
        title={t('attendance.leave.title')}
        extra={
          <Button type="primary" icon={<FileAddOutlined />} onClick={() => setRequesting(true)} data-testid="leave-new">
            {t('attendance.leave.new')}
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <StatusFilter value={state.status} statuses={LEAVE_STATUSES} words="leaveStatus" onChange={setState} />
        <Select
          allowClear
          placeholder={t('attendance.leave.type')}
          value={state.type}
          onChange={(type) => setState({ type, page: 1 })}
          options={leaveTypeOptions(t)}
          style={{ width: 130 }}
          aria-label={t('attendance.leave.type')}
          data-testid="leave-type-filter"
        />
        {seesOthers && personFilters(state, setState)}
        <InputNumber
          min={2000}
          max={2100}
          placeholder={t('attendance.year')}
          value={state.year}
          onChange={(year) => setState({ year: year ?? undefined, page: 1 })}
          style={{ width: 110 }}
          aria-label={t('attendance.year')}
        />
      </Space>
      <LeaveTable
        filters={{ status: state.status, type: state.type, employeeId: state.employeeId, groupId: state.groupId, year: state.year }}
        paging={state}
        onPaging={setState}
        showEmployee={seesOthers}
        empty={empty}
        testId="leave-table"
      />
      <LeaveFormModal open={requesting} onClose={() => setRequesting(false)} />
    </>
  );
}
