import { Form, Input } from 'antd';
import { useT } from '../i18n';
import { repeatsRule, requiredRule } from './formRules';

/**
 * A new password and its confirmation (setup, change password, encrypted backup). The length rule
 * here is quick feedback; the core's own rules (letters and digits...) come back as field errors.
 */
export function NewPasswordFields({ name, label, extra, confirmName = 'confirm', confirmLabel }: { name: string; label: string; extra: string; confirmName?: string; confirmLabel?: string }) {
  const t = useT();
  return (
    <>
      <Form.Item name={name} label={label} extra={extra} rules={[requiredRule(t), { min: 8, message: t('validation.passwordTooShort') }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name={confirmName} label={confirmLabel ?? t('password.confirm')} dependencies={[name]} rules={[requiredRule(t), repeatsRule(t, name)]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
