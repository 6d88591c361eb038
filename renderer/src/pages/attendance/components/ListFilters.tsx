import { Select } from 'antd';
import type { CorrectionStatus, LeaveStatus } from '../../../../../shared/domain/attendance/types';
import { useT } from '../../../i18n';
import { EmployeePicker, useGroupOptions } from '../../org/components/pickers';

interface PersonFilter {
  employeeId?: string | undefined;
  groupId?: string | undefined;
  page?: number;
}

/** Filters a list of requests by where they stand; `words` names the status type's i18n keys. */
export function StatusFilter<S extends LeaveStatus | CorrectionStatus>({
  value,
  statuses,
  words,
  onChange,
}: {
  value: S | undefined;
  statuses: readonly S[];
  words: 'leaveStatus' | 'correctionStatus';
  onChange: (p: { status: S | undefined; page: number }) => void;
}) {
  const t = useT();
  return (
    <Select
      allowClear
      placeholder={t('attendance.status')}
      value={value}
      onChange={(status: S | undefined) => onChange({ status, page: 1 })}
      options={statuses.map((s) => ({ value: s, label: t(`attendance.${words}.${s}`) }))}
      style={{ width: 130 }}
      aria-label={t('attendance.status')}
    />
  );
}

/** Filters a list by one employee (a changed filter starts again from page 1). */
export function EmployeeFilter({ value, onChange }: { value: string | undefined; onChange: (p: PersonFilter) => void }) {
  const t = useT();
  return <EmployeePicker value={value} onChange={(employeeId) => onChange({ employeeId, page: 1 })} placeholder={t('attendance.employee')} style={{ width: 180 }} aria-label={t('attendance.employee')} />;
}

/** Filters a list by group. */
export function GroupFilter({ value, onChange }: { value: string | undefined; onChange: (p: PersonFilter) => void }) {
  const t = useT();
  const groups = useGroupOptions();
  return <Select allowClear placeholder={t('employee.group')} options={groups} value={value} onChange={(groupId) => onChange({ groupId, page: 1 })} style={{ width: 160 }} aria-label={t('employee.group')} />;
}

/** No person filter: a list state's start, and what 清除筛选 returns to. */
export const noPersonFilter = { employeeId: undefined as string | undefined, groupId: undefined as string | undefined };

/**
 * The person filters of a list in reach of a lead, HR or the manager: employee, then group. An
 * array, not a component, so that the filter bar's Space spaces each picker as its own item.
 */
export const personFilters = (state: PersonFilter, onChange: (p: PersonFilter) => void) => [
  <EmployeeFilter key="employee" value={state.employeeId} onChange={onChange} />,
  <GroupFilter key="group" value={state.groupId} onChange={onChange} />,
];
