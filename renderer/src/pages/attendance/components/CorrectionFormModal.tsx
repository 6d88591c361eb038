import { Form, Input, Modal, Radio, type FormRule } from 'antd';
import type { PunchDirection } from '../../../../../shared/domain/attendance/types';
import { parseLooseDate } from '../../../../../shared/domain/dates';
import { useApiMutation } from '../../../api/hooks';
import { useCan } from '../../../app/access';
import { requiredRule } from '../../../components/formRules';
import { useT, type Translate } from '../../../i18n';
import { DateField, dateRule } from '../../org/components/DateField';
import { EmployeePicker } from '../../org/components/pickers';
import { useFormSubmit } from './useFormSubmit';

interface CorrectionForm {
  employeeId?: string;
  date: string;
  time: string;
  direction: PunchDirection;
  reason?: string;
}

/** A time of day as the contract takes it (HH:MM, 24-hour); "9:05" is read as 09:05. */
export const normaliseClockTime = (v: string) => {
  const m = /^\s*(\d{1,2})[:：](\d{2})\s*$/.exec(v);
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : v.trim();
};

export const clockTimeRule = (t: Translate): FormRule => ({
  validator: (_, value: unknown) =>
    typeof value !== 'string' || value.trim() === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(normaliseClockTime(value)) ? Promise.resolve() : Promise.reject(new Error(t('validation.invalidTime'))),
});

/**
 * 补卡申请: a forgotten punch (date, time, in or out, reason), approved by the department head;
 * once approved it counts as a punch marked as a correction. HR and the manager may file it for
 * someone else.
 */
export function CorrectionFormModal({ open, onClose, date }: { open: boolean; onClose: () => void; date: string }) {
  const t = useT();
  const can = useCan();
  const [form] = Form.useForm<CorrectionForm>();
  const create = useApiMutation('attendance.corrections.create');
  const submit = useFormSubmit(
    form,
    (v) =>
      create.mutateAsync({
        ...(v.employeeId ? { employeeId: v.employeeId } : {}),
        date: parseLooseDate(v.date) ?? v.date,
        time: normaliseClockTime(v.time),
        direction: v.direction,
        reason: v.reason ?? '',
      }),
    t('attendance.correction.submitted'),
    onClose,
  );

  const required = [requiredRule(t)];
  return (
    <Modal
      open={open}
      title={t('attendance.correction.new')}
      onCancel={onClose}
      okText={t('attendance.leave.submit')}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'correction-submit' } as Record<string, string>}
      confirmLoading={create.isPending}
      destroyOnHidden
      modalRender={(dom) => (
        <Form form={form} layout="vertical" onFinish={submit} clearOnDestroy noValidate initialValues={{ date, direction: 'in' }} data-testid="correction-form">
          {dom}
        </Form>
      )}
    >
      {can('attendance.manage') && (
        <Form.Item name="employeeId" label={t('attendance.employee')} extra={t('attendance.correction.forSelfHint')}>
          <EmployeePicker />
        </Form.Item>
      )}
      <Form.Item name="date" label={t('attendance.correction.date')} rules={[...required, dateRule(t)]}>
        <DateField />
      </Form.Item>
      <Form.Item name="time" label={t('attendance.correction.time')} rules={[...required, clockTimeRule(t)]}>
        <Input placeholder="09:00" maxLength={5} autoComplete="off" autoFocus style={{ width: 120 }} />
      </Form.Item>
      <Form.Item name="direction" label={t('attendance.correction.direction')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'in', label: t('attendance.direction.in') },
            { value: 'out', label: t('attendance.direction.out') },
          ]}
        />
      </Form.Item>
      <Form.Item name="reason" label={t('attendance.leave.reason')} rules={required}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
      </Form.Item>
    </Modal>
  );
}
