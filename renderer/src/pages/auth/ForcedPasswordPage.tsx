import { Alert } from 'antd';
import { ChangePasswordForm } from '../../components/ChangePasswordForm';
import { CenteredCard } from '../../components/CenteredCard';
import { useT } from '../../i18n';
import { useSession } from '../../stores/session';

/** Shown instead of the app while the user holds a temporary password set by the administrator. */
export default function ForcedPasswordPage() {
  const t = useT();
  const updateUser = useSession((s) => s.updateUser);
  return (
    <CenteredCard title={t('password.title')}>
      <Alert type="warning" showIcon title={t('password.mustChange')} style={{ marginBottom: 16 }} />
      <ChangePasswordForm onChanged={() => updateUser({ mustChangePassword: false })} />
    </CenteredCard>
  );
}
