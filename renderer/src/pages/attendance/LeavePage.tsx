import { FileAddOutlined } from '@ant-design/icons';
import { Button, Empty, InputNumber, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { LEAVE_STATUSES, type LeaveStatus, type LeaveType } from '../../../../shared/domain/attendance/types';
import { PageTitle } from '../../components/PageTitle';
import { useT } from '../../i18n';
import { useListState } from '../../stores/listState';
import { EmployeePicker, useGroupOptions } from '../org/components/pickers';
import { LeaveFormModal } from './components/LeaveFormModal';
import { LeaveTable, type Paging } from './components/LeaveTable';
import { leaveTypeOptions, useSeesOthers } from './components/shared';

const DEFAULTS = {
  page: 1,
  pageSize: 20,
  sortField: 'createdAt' as Paging['sortField'],
  sortOrder: 'desc' as Paging['sortOrder'],
  status: undefined as LeaveStatus | undefined,
  type: undefined as LeaveType | undefined,
  employeeId: undefined as string | undefined,
  groupId: undefined as string | undefined,
  year: undefined as number | undefined,
};

/** 请假: the leave requests the user may see (own, the groups led, or the department), filtered and paged on the server. */
export default function LeavePage() {
  const t = useT();
  const seesOthers = useSeesOthers();
  const groups = useGroupOptions();
  const [state, setState] = useListState('attendance.leave', DEFAULTS);
  const [requesting, setRequesting] = useState(false);
  const filtered = Boolean(state.status || state.type || state.employeeId || state.groupId || state.year);
  const clear = () => setState({ status: undefined, type: undefined, employeeId: undefined, groupId: undefined, year: undefined, page: 1 });

  const empty = filtered ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.leave.noMatch')} data-testid="leave-no-match">
      <Typography.Paragraph type="secondary">{t('org.employees.noMatchHint')}</Typography.Paragraph>
      <Button onClick={clear}>{t('org.employees.clearFilters')}</Button>
    </Empty>
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.leave.empty')} data-testid="leave-empty" />
  );

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
        <Select
          allowClear
          placeholder={t('attendance.status')}
          value={state.status}
          onChange={(status) => setState({ status, page: 1 })}
          options={LEAVE_STATUSES.map((s) => ({ value: s, label: t(`attendance.leaveStatus.${s}`) }))}
          style={{ width: 130 }}
          aria-label={t('attendance.status')}
        />
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
        {seesOthers && (
          <>
            <EmployeePicker value={state.employeeId} onChange={(employeeId) => setState({ employeeId, page: 1 })} placeholder={t('attendance.employee')} style={{ width: 180 }} aria-label={t('attendance.employee')} />
            <Select allowClear placeholder={t('employee.group')} options={groups} value={state.groupId} onChange={(groupId) => setState({ groupId, page: 1 })} style={{ width: 160 }} aria-label={t('employee.group')} />
          </>
        )}
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
