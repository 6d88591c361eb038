import { Form, Input } from 'antd';
import { useEffect } from 'react';
import type { PasswordContext } from '../../../shared/domain/passwords';
import { useT } from '../i18n';
import { useSession } from '../stores/session';
import { loadPasswordRules, repeatsRule, requiredRule, strongPasswordRule } from './formRules';

/**
 * A new password and its confirmation (setup, change password, encrypted backup). The strength
 * rule is the core's own (shared/domain/passwords.ts), so the reason a password is refused shows
 * under the field while the user types; the core checks it again. `context` says whose password
 * it is (default: the signed-in user and the department).
 */
export function NewPasswordFields({ name, label, extra, confirmName = 'confirm', confirmLabel, context }: { name: string; label: string; extra: string; confirmName?: string; confirmLabel?: string; context?: PasswordContext }) {
  const t = useT();
  const { user, departmentName } = useSession();
  const owner: PasswordContext = context ?? { username: user?.username, displayName: user?.displayName, departmentName };
  useEffect(() => void loadPasswordRules().catch(() => undefined), []);
  return (
    <>
      <Form.Item name={name} label={label} extra={extra} rules={[requiredRule(t), strongPasswordRule(t, () => owner)]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name={confirmName} label={confirmLabel ?? t('password.confirm')} dependencies={[name]} rules={[requiredRule(t), repeatsRule(t, name)]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
