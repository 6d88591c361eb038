import { App, Button, DatePicker, Drawer, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import type { EmployeeDetail } from '../../../../../shared/api/org';
import type { EmployeeStatus, Gender } from '../../../../../shared/domain/org';
import { useErrorHandler } from '../../../api/errors';
import { useApiMutation } from '../../../api/hooks';
import { useT } from '../../../i18n';
import { EmployeePicker, useGroupOptions, usePositionOptions } from './pickers';
import { requiredRule } from '../../../components/formRules';

interface FormValues {
  employeeNo: string;
  name: string;
  gender: Gender;
  positionId?: string | null;
  groupId?: string | null;
  managerId?: string | null;
  hireDate: Dayjs;
  phone?: string;
  email?: string;
  status?: EmployeeStatus;
  leftDate?: Dayjs | null;
}

const DATE = 'YYYY-MM-DD';

/**
 * Create or edit an employee. Required fields are checked here for quick feedback; every rule is
 * enforced again by the core, whose field errors land next to the same fields.
 */
export function EmployeeFormDrawer({ open, employee, onClose, onSaved }: { open: boolean; employee: EmployeeDetail | null; onClose: () => void; onSaved?: (e: EmployeeDetail) => void }) {
  const t = useT();
  const [form] = Form.useForm<FormValues>();
  const create = useApiMutation('org.employees.create');
  const update = useApiMutation('org.employees.update');
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const groups = useGroupOptions();
  const positions = usePositionOptions();
  const status = Form.useWatch('status', form);
  const editing = employee !== null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (employee) {
      form.setFieldsValue({
        ...employee,
        phone: employee.phone ?? '',
        email: employee.email ?? '',
        hireDate: dayjs(employee.hireDate),
        leftDate: employee.leftDate ? dayjs(employee.leftDate) : null,
      });
    }
  }, [open, employee, form]);

  const submit = async (v: FormValues) => {
    const fields = {
      employeeNo: v.employeeNo,
      name: v.name,
      gender: v.gender,
      positionId: v.positionId ?? null,
      groupId: v.groupId ?? null,
      managerId: v.managerId ?? null,
      hireDate: v.hireDate.format(DATE),
      phone: v.phone ?? '',
      email: v.email ?? '',
    };
    try {
      const saved = editing
        ? await update.mutateAsync({ id: employee.id, ...fields, status: v.status ?? 'active', leftDate: v.leftDate ? v.leftDate.format(DATE) : '' })
        : await create.mutateAsync(fields);
      void message.success(editing ? t('common.saved') : t('org.employees.created'));
      onSaved?.(saved);
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };

  const required = [requiredRule(t)];
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={editing ? t('org.employees.edit') : t('org.employees.new')}
      size={520}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" onClick={() => form.submit()} loading={create.isPending || update.isPending} data-testid="employee-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ gender: 'male', status: 'active' }} data-testid="employee-form">
        <Form.Item name="employeeNo" label={t('employee.employeeNo')} rules={required}>
          <Input maxLength={30} autoFocus />
        </Form.Item>
        <Form.Item name="name" label={t('employee.name')} rules={required}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="gender" label={t('employee.gender')} rules={required}>
          <Select
            options={[
              { value: 'male', label: t('gender.male') },
              { value: 'female', label: t('gender.female') },
            ]}
          />
        </Form.Item>
        <Form.Item name="positionId" label={t('employee.position')}>
          <Select allowClear options={positions} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="groupId" label={t('employee.group')}>
          <Select allowClear options={groups} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="managerId" label={t('employee.manager')}>
          <EmployeePicker current={employee?.managerId ? { id: employee.managerId, name: employee.managerName ?? '' } : null} excludeId={employee?.id} />
        </Form.Item>
        <Form.Item name="hireDate" label={t('employee.hireDate')} rules={required}>
          <DatePicker style={{ width: '100%' }} format={DATE} />
        </Form.Item>
        <Form.Item name="phone" label={t('employee.phone')}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="email" label={t('employee.email')}>
          <Input maxLength={200} type="email" />
        </Form.Item>
        {editing && (
          <>
            <Form.Item name="status" label={t('employee.status')}>
              <Select
                options={[
                  { value: 'active', label: t('status.active') },
                  { value: 'left', label: t('status.left') },
                ]}
              />
            </Form.Item>
            {status === 'left' && (
              <Form.Item name="leftDate" label={t('employee.leftDate')} rules={required}>
                <DatePicker style={{ width: '100%' }} format={DATE} />
              </Form.Item>
            )}
          </>
        )}
      </Form>
    </Drawer>
  );
}
