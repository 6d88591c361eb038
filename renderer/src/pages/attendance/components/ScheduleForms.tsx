import { Checkbox, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, type FormInstance } from 'antd';
import type { ScheduleRow } from '../../../../../shared/api/attendance';
import { DEFAULT_SCHEDULE_RULES, type ScheduleRules } from '../../../../../shared/domain/attendance/types';
import { parseLooseDate } from '../../../../../shared/domain/dates';
import { useApiMutation } from '../../../api/hooks';
import { requiredRule } from '../../../components/formRules';
import { useT } from '../../../i18n';
import { DateField, dateRule } from '../../org/components/DateField';
import { EmployeePicker, useGroupOptions } from '../../org/components/pickers';
import { clockTimeRule, normaliseClockTime } from './CorrectionFormModal';
import { useDepartmentDay } from './shared';
import { useFormSubmit } from './useFormSubmit';

interface ScheduleForm {
  name: string;
  effectiveFrom: string;
  rules: ScheduleRules;
}

const TIME_FIELDS = ['workStart', 'workEnd', 'lunchStart', 'lunchEnd', 'dayBoundary'] as const;
const MINUTE_FIELDS = [
  ['lateGraceMinutes', 240],
  ['earlyGraceMinutes', 240],
  ['halfDayMinutes', 720],
] as const;

/** Clears the error the core gave a field once the field changes (the month-lock refusal on the date, say). */
const clearOnChange = (form: FormInstance<ScheduleForm>) => (changed: Record<string, unknown>) => {
  const names = Object.entries(changed).flatMap(([k, v]) => (k === 'rules' && v && typeof v === 'object' ? Object.keys(v).map((r) => ['rules', r]) : [[k]]));
  form.setFields(names.map((name) => ({ name: name as never, errors: [] })));
};

/**
 * 作息制度: a schedule's name and rules, in effect from a date (a new version; the days before keep
 * the old rules). A date inside a locked month is refused by the core, next to the date field.
 */
export function ScheduleFormModal({ schedule, open, onClose }: { schedule: ScheduleRow | null; open: boolean; onClose: () => void }) {
  const t = useT();
  const { today } = useDepartmentDay();
  const [form] = Form.useForm<ScheduleForm>();
  const create = useApiMutation('attendance.schedules.create');
  const update = useApiMutation('attendance.schedules.update');
  const { effectiveFrom: _from, ...current } = schedule?.current ?? { ...DEFAULT_SCHEDULE_RULES, effectiveFrom: '' };

  const save = (v: ScheduleForm) => {
    const rules: ScheduleRules = { ...v.rules, workDays: [...v.rules.workDays].sort((a, b) => a - b) };
    for (const f of TIME_FIELDS) rules[f] = normaliseClockTime(rules[f]);
    const effectiveFrom = parseLooseDate(v.effectiveFrom) ?? v.effectiveFrom;
    return schedule ? update.mutateAsync({ id: schedule.id, name: v.name, rules, effectiveFrom, version: schedule.version }) : create.mutateAsync({ name: v.name, rules, effectiveFrom });
  };
  const submit = useFormSubmit(form, save, t('attendance.schedule.saved'), onClose);

  const required = [requiredRule(t)];
  return (
    <Modal
      open={open}
      title={t(schedule ? 'attendance.schedule.edit' : 'attendance.schedule.new')}
      onCancel={onClose}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'schedule-save' } as Record<string, string>}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      width={640}
      modalRender={(dom) => (
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          onValuesChange={clearOnChange(form)}
          clearOnDestroy
          noValidate
          initialValues={{ name: schedule?.name ?? '', effectiveFrom: today, rules: current }}
          data-testid="schedule-form"
        >
          {dom}
        </Form>
      )}
    >
      <Row gutter={16}>
        <Col span={14}>
          <Form.Item name="name" label={t('attendance.schedule.name')} rules={required}>
            <Input maxLength={50} autoFocus />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="effectiveFrom" label={t('attendance.schedule.effectiveFrom')} rules={[...required, dateRule(t)]} extra={t('attendance.schedule.effectiveHint')}>
            <DateField />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={['rules', 'workDays']} label={t('attendance.schedule.workDays')} rules={[{ required: true, type: 'array', min: 1, message: t('validation.noWorkDays') }]}>
        <Checkbox.Group options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t(`attendance.weekday.${d}`) }))} />
      </Form.Item>
      <Row gutter={16}>
        {TIME_FIELDS.map((f) => (
          <Col span={8} key={f}>
            <Form.Item name={['rules', f]} label={t(`attendance.schedule.${f}`)} rules={[...required, clockTimeRule(t)]} extra={f === 'dayBoundary' ? t('attendance.schedule.dayBoundaryHint') : undefined}>
              <Input maxLength={5} placeholder="09:00" autoComplete="off" />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Row gutter={16}>
        {MINUTE_FIELDS.map(([f, max]) => (
          <Col span={8} key={f}>
            <Form.Item name={['rules', f]} label={t(`attendance.schedule.${f}`)} rules={required} extra={f === 'halfDayMinutes' ? t('attendance.schedule.halfDayHint') : undefined}>
              <InputNumber min={0} max={max} precision={0} suffix={t('attendance.schedule.minutesSuffix')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        ))}
      </Row>
    </Modal>
  );
}

interface AssignForm {
  target: 'group' | 'employee';
  targetId?: string;
  effectiveFrom: string;
}

/** Puts a group or a person on a schedule from a date (later assignments of the same target take over from their date). */
export function AssignScheduleModal({ schedule, onClose }: { schedule: ScheduleRow | null; onClose: () => void }) {
  const t = useT();
  const { today } = useDepartmentDay();
  const groups = useGroupOptions();
  const [form] = Form.useForm<AssignForm>();
  const assign = useApiMutation('attendance.schedules.assign');
  const target = Form.useWatch('target', form) ?? 'group';

  const submit = useFormSubmit(
    form,
    (v) => (schedule ? assign.mutateAsync({ scheduleId: schedule.id, target: v.target, targetId: v.targetId ?? '', effectiveFrom: parseLooseDate(v.effectiveFrom) ?? v.effectiveFrom }) : null),
    t('attendance.schedule.assigned'),
    onClose,
  );
  return (
    <Modal
      open={schedule !== null}
      title={t('attendance.schedule.assignTitle', { name: schedule?.name ?? '' })}
      onCancel={onClose}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'assign-save' } as Record<string, string>}
      confirmLoading={assign.isPending}
      destroyOnHidden
      modalRender={(dom) => (
        <Form form={form} layout="vertical" onFinish={submit} clearOnDestroy noValidate initialValues={{ target: 'group', effectiveFrom: today }} data-testid="assign-form">
          {dom}
        </Form>
      )}
    >
      <Form.Item name="target" label={t('attendance.schedule.target')}>
        <Radio.Group
          optionType="button"
          onChange={() => form.setFieldValue('targetId', undefined)}
          options={[
            { value: 'group', label: t('attendance.schedule.target.group') },
            { value: 'employee', label: t('attendance.schedule.target.employee') },
          ]}
        />
      </Form.Item>
      <Form.Item name="targetId" label={t(target === 'group' ? 'employee.group' : 'attendance.employee')} rules={[requiredRule(t)]}>
        {target === 'group' ? <Select options={groups} showSearch={{ optionFilterProp: 'label' }} /> : <EmployeePicker />}
      </Form.Item>
      <Form.Item name="effectiveFrom" label={t('attendance.schedule.effectiveFrom')} rules={[requiredRule(t), dateRule(t)]}>
        <DateField />
      </Form.Item>
    </Modal>
  );
}
