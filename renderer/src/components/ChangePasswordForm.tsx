import { App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { useErrorHandler } from '../api/errors';
import { useT } from '../i18n';
import { requiredRule } from './formRules';
import { NewPasswordFields } from './NewPasswordFields';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change own password (auth.changePassword); used on the account page and when a change is forced. */
export function ChangePasswordForm({ onChanged }: { onChanged?: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const onError = useErrorHandler();
  const { message } = App.useApp();

  const submit = async ({ currentPassword, newPassword }: Values) => {
    setBusy(true);
    try {
      await api('auth.changePassword', { currentPassword, newPassword });
      void message.success(t('password.changed'));
      form.resetFields();
      onChanged?.();
    } catch (err) {
      onError(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 400 }} data-testid="change-password-form">
      <Form.Item name="currentPassword" label={t('password.current')} rules={[requiredRule(t)]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <NewPasswordFields name="newPassword" label={t('password.new')} extra={t('setup.passwordHint')} confirmLabel={t('password.confirm')} />
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('common.save')}
      </Button>
    </Form>
  );
}
