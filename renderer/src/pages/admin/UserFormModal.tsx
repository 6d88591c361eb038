import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import type { UserRow } from '../../../../shared/api/auth';
import { ROLES, type Role } from '../../../../shared/domain/roles';
import { useErrorHandler } from '../../api/errors';
import { useApiMutation } from '../../api/hooks';
import { useT } from '../../i18n';
import { EmployeePicker } from '../org/components/pickers';
import { loadPasswordRules, requiredRule, strongPasswordRule } from '../../components/formRules';
import { useSession } from '../../stores/session';

interface Values {
  username: string;
  displayName: string;
  password?: string;
  roles: Role[];
  employeeId?: string | null;
}

/** Create or edit an account: roles (one person may hold several) and the linked employee. */
export function UserFormModal({ user, open, onClose }: { user: UserRow | null; open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const create = useApiMutation('users.create');
  const update = useApiMutation('users.update');
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const departmentName = useSession((s) => s.departmentName);
  // Whose password it is: a password built on the username or name is refused, as in the core.
  const owner = () => ({ username: form.getFieldValue('username') as string | undefined, displayName: form.getFieldValue('displayName') as string | undefined, departmentName });

  useEffect(() => {
    if (!open) return;
    if (!user) void loadPasswordRules().catch(() => undefined);
    form.resetFields();
    form.setFieldsValue(user ? { username: user.username, displayName: user.displayName, roles: user.roles, employeeId: user.employeeId } : { roles: ['staff'] });
  }, [open, user, form]);

  const submit = async (v: Values) => {
    try {
      if (user) await update.mutateAsync({ id: user.id, displayName: v.displayName, roles: v.roles, employeeId: v.employeeId ?? null });
      else await create.mutateAsync({ username: v.username, displayName: v.displayName, password: v.password ?? '', roles: v.roles, employeeId: v.employeeId ?? null });
      void message.success(t('users.saved'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  const required = [requiredRule(t)];
  return (
    // OK is the form's submit button (form="user-form"), so Enter in any field submits too.
    <Modal open={open} title={user ? t('users.edit') : t('users.new')} onCancel={onClose} okButtonProps={{ htmlType: 'submit', form: 'user-form' }} confirmLoading={create.isPending || update.isPending} destroyOnHidden>
      <Form id="user-form" form={form} layout="vertical" onFinish={submit} data-testid="user-form">
        <Form.Item name="username" label={t('users.username')} rules={required}>
          <Input maxLength={40} disabled={user !== null} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={required}>
          <Input maxLength={60} />
        </Form.Item>
        {!user && (
          <Form.Item name="password" label={t('users.password')} extra={t('users.resetHint')} dependencies={['username', 'displayName']} rules={[...required, strongPasswordRule(t, owner)]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="roles" label={t('users.roles')} rules={[{ required: true, message: t('validation.rolesRequired') }]}>
          <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        <Form.Item name="employeeId" label={t('users.employee')}>
          <EmployeePicker current={user?.employeeId ? { id: user.employeeId, name: user.employeeName ?? '' } : null} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
