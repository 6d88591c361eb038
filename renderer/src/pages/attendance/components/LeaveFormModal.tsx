import { InfoCircleOutlined } from '@ant-design/icons';
import { Alert, Flex, Form, Input, Modal, Radio, Select, Tooltip } from 'antd';
import type { DayHalf, LeaveType } from '../../../../../shared/domain/attendance/types';
import { parseLooseDate } from '../../../../../shared/domain/dates';
import { useApiMutation, useApiQuery } from '../../../api/hooks';
import { useCan } from '../../../app/access';
import { requiredRule } from '../../../components/formRules';
import { useT } from '../../../i18n';
import { useSession } from '../../../stores/session';
import { DateField, dateRule } from '../../org/components/DateField';
import { EmployeePicker } from '../../org/components/pickers';
import { formatDays, halfOptions, leaveTypeOptions, useDepartmentDay } from './shared';
import { useFormSubmit } from './useFormSubmit';

interface LeaveForm {
  employeeId?: string;
  type?: LeaveType;
  startDate: string;
  startHalf: DayHalf;
  endDate: string;
  endHalf: DayHalf;
  reason?: string;
}

/** The annual-leave balance of the person and year the form is about (年假余额), shown while requesting. */
function BalanceNote({ employeeId, year, annual }: { employeeId: string | undefined; year: number; annual: boolean }) {
  const t = useT();
  const balance = useApiQuery('attendance.leave.balance', { employeeId: employeeId ?? '', year }, { enabled: Boolean(employeeId) });
  if (!employeeId || !balance.data) return null;
  const b = balance.data;
  return (
    <Alert
      type={annual && b.remaining <= 0 ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="leave-balance"
      title={t('attendance.balance.text', {
        year: b.year,
        entitlement: formatDays(b.entitlement),
        used: formatDays(b.used),
        pending: formatDays(b.pending),
        remaining: formatDays(b.remaining),
      })}
      // How the entitlement was set, on hover: the line itself stays one line.
      action={b.entitlementSource === 'statutory' ? <Tooltip title={t('attendance.balance.statutory')}><InfoCircleOutlined aria-label={t('attendance.balance.statutory')} /></Tooltip> : undefined}
    />
  );
}

/**
 * 申请请假: type, from a date and half to a date and half, reason; sent to the department head
 * for approval. HR and the manager may file for another employee (someone without an account).
 * Enter in a field submits; the core's field errors land next to their fields.
 */
export function LeaveFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const can = useCan();
  const own = useSession((s) => s.user?.employeeId ?? undefined);
  const { today } = useDepartmentDay();
  const [form] = Form.useForm<LeaveForm>();
  const create = useApiMutation('attendance.leave.create');
  const forOthers = can('attendance.manage');
  const employeeId = Form.useWatch('employeeId', form) ?? (forOthers ? undefined : own);
  const startDate = Form.useWatch('startDate', form);
  const type = Form.useWatch('type', form);
  const year = Number((parseLooseDate(startDate ?? '') ?? today).slice(0, 4));

  const submit = useFormSubmit(
    form,
    (v) =>
      create.mutateAsync({
        employeeId: v.employeeId ?? own ?? '',
        type: v.type as LeaveType,
        startDate: parseLooseDate(v.startDate) ?? v.startDate,
        startHalf: v.startHalf,
        endDate: parseLooseDate(v.endDate) ?? v.endDate,
        endHalf: v.endHalf,
        reason: v.reason ?? '',
      }),
    t('attendance.leave.submitted'),
    onClose,
  );

  const required = [requiredRule(t)];
  return (
    <Modal
      open={open}
      title={t('attendance.leave.new')}
      onCancel={onClose}
      okText={t('attendance.leave.submit')}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'leave-submit' } as Record<string, string>}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={560}
      modalRender={(dom) => (
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          clearOnDestroy
          noValidate
          initialValues={{ employeeId: own, startDate: today, startHalf: 'am', endDate: today, endHalf: 'pm' }}
          data-testid="leave-form"
        >
          {dom}
        </Form>
      )}
    >
      {forOthers && (
        <Form.Item name="employeeId" label={t('attendance.employee')} rules={required}>
          <EmployeePicker />
        </Form.Item>
      )}
      <Form.Item name="type" label={t('attendance.leave.type')} rules={required}>
        <Select options={leaveTypeOptions(t)} autoFocus />
      </Form.Item>
      <BalanceNote employeeId={employeeId} year={year} annual={type === 'annual'} />
      {/* The date's own id names the label: the half beside it is a second control of the same item. */}
      {(['start', 'end'] as const).map((side) => (
        <Form.Item key={side} label={t(`attendance.leave.${side}`)} required htmlFor={`${side}Date`}>
          <Flex gap={8} align="center">
            <div style={{ flex: 1 }}>
              <Form.Item name={`${side}Date`} noStyle rules={[...required, dateRule(t)]}>
                <DateField />
              </Form.Item>
            </div>
            <Form.Item name={`${side}Half`} noStyle>
              <Radio.Group options={halfOptions(t)} optionType="button" aria-label={t(`attendance.leave.${side}Half`)} />
            </Form.Item>
          </Flex>
        </Form.Item>
      ))}
      <Form.Item name="reason" label={t('attendance.leave.reason')} rules={required}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
      </Form.Item>
    </Modal>
  );
}
