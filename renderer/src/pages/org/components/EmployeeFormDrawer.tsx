import { App, Button, Drawer, Form, Input, Select, Space, type FormInstance, type FormRule } from 'antd';
import type { EmployeeDetail } from '../../../../../shared/api/org';
import { parseLooseDate } from '../../../../../shared/domain/dates';
import type { EmployeeStatus, Gender } from '../../../../../shared/domain/org';
import { isMainlandPhone, phoneProblem, type PhoneKind } from '../../../../../shared/domain/phone';
import { useErrorHandler } from '../../../api/errors';
import { useApiMutation } from '../../../api/hooks';
import { useT, type Translate } from '../../../i18n';
import { requiredRule } from '../../../components/formRules';
import { DateField, dateRule, notInFutureWarning } from './DateField';
import { EmployeePicker, useGroupOptions, usePositionOptions } from './pickers';

interface FormValues {
  employeeNo: string;
  name: string;
  gender: Gender;
  positionId?: string | null;
  groupId?: string | null;
  managerId?: string | null;
  /** As typed; read with the import's date rule when saved. */
  hireDate: string;
  phoneKind: PhoneKind;
  phone?: string;
  email?: string;
  status?: EmployeeStatus;
  leftDate?: string;
}

/** The phone rule the core applies (shared/domain/phone.ts), next to the field before saving. */
const phoneRule =
  (t: Translate): FormRule =>
  ({ getFieldValue }) => ({
    validator: (_, value: unknown) => {
      const problem = typeof value === 'string' && value.trim() !== '' ? phoneProblem(value, getFieldValue('phoneKind') as PhoneKind) : null;
      return problem ? Promise.reject(new Error(t(problem))) : Promise.resolve();
    },
  });

/** Fields whose server error a change of this field answers too (the phone's kind decides its rule). */
const ALSO_CLEARS: Record<string, string[]> = { phoneKind: ['phone'], status: ['leftDate'], hireDate: ['leftDate'] };

/**
 * A changed field no longer has the error the core reported for its old value: clear it (its own
 * rules run again right after). The errors of the fields left alone stay.
 */
function clearAnsweredErrors(form: FormInstance<FormValues>, changed: Partial<FormValues>): void {
  const names = Object.keys(changed).flatMap((name) => [name, ...(ALSO_CLEARS[name] ?? [])]);
  form.setFields(names.map((name) => ({ name: name as keyof FormValues, errors: [] })));
}

function initialValues(employee: EmployeeDetail | null): Partial<FormValues> {
  if (!employee) return { gender: 'male', status: 'active', phoneKind: 'mainland' };
  return {
    ...employee,
    phone: employee.phone ?? '',
    // A number the mainland rule does not read was saved as a foreign one.
    phoneKind: employee.phone && !isMainlandPhone(employee.phone) ? 'other' : 'mainland',
    email: employee.email ?? '',
    leftDate: employee.leftDate ?? '',
  };
}

/**
 * Create or edit an employee. Field rules give quick feedback; the core checks every rule again
 * and reports all field problems of a save at once, next to the same fields. Enter in a field
 * saves: the whole drawer is the form and Save is its submit button.
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

  const submit = async (v: FormValues) => {
    const fields = {
      employeeNo: v.employeeNo,
      name: v.name,
      gender: v.gender,
      positionId: v.positionId ?? null,
      groupId: v.groupId ?? null,
      managerId: v.managerId ?? null,
      hireDate: parseLooseDate(v.hireDate) ?? v.hireDate,
      phone: v.phone ?? '',
      phoneKind: v.phoneKind,
      email: v.email ?? '',
    };
    try {
      const leftDate = v.leftDate ? (parseLooseDate(v.leftDate) ?? v.leftDate) : '';
      const saved = editing ? await update.mutateAsync({ id: employee.id, ...fields, status: v.status ?? 'active', leftDate, version: employee.version }) : await create.mutateAsync(fields);
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
      drawerRender={(drawer) => (
        // noValidate: the rules and the core check the fields; the browser's own bubbles would block the save.
        <Form
          form={form}
          layout="vertical"
          // Made anew each time the drawer opens (destroyOnHidden), from the employee's values.
          initialValues={initialValues(employee)}
          clearOnDestroy
          onFinish={submit}
          onValuesChange={(changed) => clearAnsweredErrors(form, changed)}
          noValidate
          data-testid="employee-form"
          style={{ height: '100%' }}
        >
          {drawer}
        </Form>
      )}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending} data-testid="employee-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
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
      <Form.Item name="hireDate" label={t('employee.hireDate')} rules={[...required, dateRule(t), notInFutureWarning(t, 'org.employees.hireDateInFuture')]}>
        <DateField />
      </Form.Item>
      <Form.Item label={t('employee.phone')} htmlFor="employee-phone" extra={t('org.employees.phoneHint')}>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="phoneKind" noStyle>
            <Select
              aria-label={t('org.employees.phoneKind')}
              style={{ width: 130 }}
              options={[
                { value: 'mainland', label: t('org.employees.phoneKind.mainland') },
                { value: 'other', label: t('org.employees.phoneKind.other') },
              ]}
            />
          </Form.Item>
          <Form.Item name="phone" noStyle rules={[phoneRule(t)]} dependencies={['phoneKind']}>
            <Input id="employee-phone" maxLength={30} inputMode="tel" />
          </Form.Item>
        </Space.Compact>
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
            <Form.Item name="leftDate" label={t('employee.leftDate')} rules={[...required, dateRule(t)]}>
              <DateField />
            </Form.Item>
          )}
        </>
      )}
    </Drawer>
  );
}
