import { Form, Input, Modal, Select, Typography } from 'antd';
import type { DisciplineRow } from '../../../../../shared/api/attendance';
import type { DisciplineType } from '../../../../../shared/domain/attendance/types';
import { parseLooseDate } from '../../../../../shared/domain/dates';
import { useApiMutation } from '../../../api/hooks';
import { requiredRule } from '../../../components/formRules';
import { useT } from '../../../i18n';
import { DateField, dateRule } from '../../org/components/DateField';
import { EmployeePicker } from '../../org/components/pickers';
import { disciplineTypeOptions, useDepartmentDay } from './shared';
import { useFormSubmit } from './useFormSubmit';

interface CaseForm {
  employeeId?: string;
  type?: DisciplineType;
  date: string;
  description?: string;
}

/** 登记违纪: a case under the rules of 四.(一) about someone in reach; the employee sees it and may answer. */
export function DisciplineFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { today } = useDepartmentDay();
  const [form] = Form.useForm<CaseForm>();
  const create = useApiMutation('attendance.discipline.create');
  const submit = useFormSubmit(
    form,
    (v) => create.mutateAsync({ employeeId: v.employeeId ?? '', type: v.type as DisciplineType, date: parseLooseDate(v.date) ?? v.date, description: v.description ?? '' }),
    t('attendance.discipline.saved'),
    onClose,
  );
  const required = [requiredRule(t)];
  return (
    <Modal
      open={open}
      title={t('attendance.discipline.new')}
      onCancel={onClose}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'discipline-save' } as Record<string, string>}
      confirmLoading={create.isPending}
      destroyOnHidden
      modalRender={(dom) => (
        <Form form={form} layout="vertical" onFinish={submit} clearOnDestroy noValidate initialValues={{ date: today }} data-testid="discipline-form">
          {dom}
        </Form>
      )}
    >
      <Form.Item name="employeeId" label={t('attendance.employee')} rules={required}>
        <EmployeePicker autoFocus />
      </Form.Item>
      <Form.Item name="type" label={t('attendance.discipline.type')} rules={required}>
        <Select options={disciplineTypeOptions(t)} />
      </Form.Item>
      <Form.Item name="date" label={t('attendance.discipline.date')} rules={[...required, dateRule(t)]}>
        <DateField />
      </Form.Item>
      <Form.Item name="description" label={t('attendance.discipline.description')} rules={required}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 3 }} />
      </Form.Item>
    </Modal>
  );
}

/** The employee's own answer to a record about them (说明). */
export function DisciplineCommentModal({ record, onClose }: { record: DisciplineRow | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ comment: string }>();
  const comment = useApiMutation('attendance.discipline.comment');
  const submit = useFormSubmit(form, (v) => (record ? comment.mutateAsync({ id: record.id, comment: v.comment }) : null), t('attendance.discipline.commented'), onClose);
  return (
    <Modal
      open={record !== null}
      title={t('attendance.discipline.comment')}
      onCancel={onClose}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'discipline-comment-save' } as Record<string, string>}
      confirmLoading={comment.isPending}
      destroyOnHidden
      modalRender={(dom) => (
        <Form form={form} layout="vertical" onFinish={submit} clearOnDestroy initialValues={{ comment: record?.employeeComment ?? '' }}>
          {dom}
        </Form>
      )}
    >
      {record && (
        <Typography.Paragraph>
          <Typography.Text strong>{`${record.date} ${t(`attendance.disciplineType.${record.type}`)}`}</Typography.Text>
          <br />
          {record.description}
        </Typography.Paragraph>
      )}
      <Form.Item name="comment" label={t('attendance.discipline.yourComment')} rules={[requiredRule(t)]}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 3 }} autoFocus />
      </Form.Item>
    </Modal>
  );
}
