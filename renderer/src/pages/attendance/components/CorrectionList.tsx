import { Button, Empty, Select, Space, Typography } from 'antd';
import { CORRECTION_STATUSES, type CorrectionStatus } from '../../../../../shared/domain/attendance/types';
import { useT } from '../../../i18n';
import { useListState } from '../../../stores/listState';
import { EmployeePicker, useGroupOptions } from '../../org/components/pickers';
import { CorrectionsTable, type CorrectionPaging } from './CorrectionsTable';
import { useSeesOthers } from './shared';

const DEFAULTS = {
  page: 1,
  pageSize: 20,
  sortField: 'createdAt' as CorrectionPaging['sortField'],
  sortOrder: 'desc' as CorrectionPaging['sortOrder'],
  status: undefined as CorrectionStatus | undefined,
  employeeId: undefined as string | undefined,
  groupId: undefined as string | undefined,
};

/**
 * 补卡申请 on the punches page: the correction requests in reach (own, the groups led, or the
 * department), where an approver finds what a request is about. Decisions stay in 我的审批.
 */
export function CorrectionList() {
  const t = useT();
  const seesOthers = useSeesOthers();
  const groups = useGroupOptions();
  const [state, setState] = useListState('attendance.corrections', DEFAULTS);
  const filtered = Boolean(state.status || state.employeeId || state.groupId);
  const clear = () => setState({ status: undefined, employeeId: undefined, groupId: undefined, page: 1 });

  const empty = filtered ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.correction.noMatch')} data-testid="corrections-no-match">
      <Typography.Paragraph type="secondary">{t('org.employees.noMatchHint')}</Typography.Paragraph>
      <Button onClick={clear}>{t('org.employees.clearFilters')}</Button>
    </Empty>
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.correction.empty')} data-testid="corrections-empty" />
  );

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('attendance.status')}
          value={state.status}
          onChange={(status) => setState({ status, page: 1 })}
          options={CORRECTION_STATUSES.map((s) => ({ value: s, label: t(`attendance.correctionStatus.${s}`) }))}
          style={{ width: 130 }}
          aria-label={t('attendance.status')}
        />
        {seesOthers && (
          <>
            <EmployeePicker value={state.employeeId} onChange={(employeeId) => setState({ employeeId, page: 1 })} placeholder={t('attendance.employee')} style={{ width: 180 }} aria-label={t('attendance.employee')} />
            <Select allowClear placeholder={t('employee.group')} options={groups} value={state.groupId} onChange={(groupId) => setState({ groupId, page: 1 })} style={{ width: 160 }} aria-label={t('employee.group')} />
          </>
        )}
      </Space>
      <CorrectionsTable
        filters={{ status: state.status, employeeId: state.employeeId, groupId: state.groupId }}
        paging={state}
        onPaging={setState}
        showEmployee={seesOthers}
        empty={empty}
        testId="corrections-list"
      />
    </>
  );
}
