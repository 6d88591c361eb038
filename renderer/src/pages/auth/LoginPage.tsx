import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { api, ApiCallError } from '../../api/client';
import { CenteredCard } from '../../components/CenteredCard';
import { useT } from '../../i18n';
import { usePreferences } from '../../stores/preferences';
import { useSession } from '../../stores/session';
import { requiredRule } from '../../components/formRules';

/** Sign-in. Errors show above the form: the core gives one message for unknown user and wrong password. */
export default function LoginPage() {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { expired, departmentName, signedIn } = useSession();
  const setLocale = usePreferences((s) => s.setLocale);

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api('auth.login', values);
      const me = await api('auth.me', {});
      await setLocale(me.user.locale);
      signedIn(me.user, me.departmentName);
    } catch (err) {
      setError(err instanceof ApiCallError ? err.error.message : 'error.internal');
    } finally {
      setBusy(false);
    }
  };

  return (
    <CenteredCard title={t('login.title')} subtitle={departmentName ? `${departmentName} · ${t('app.name')}` : t('app.name')}>
      {expired && !error && <Alert type="info" showIcon title={t('login.sessionExpired')} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={t(error)} style={{ marginBottom: 16 }} data-testid="login-error" />}
      <Form layout="vertical" onFinish={submit} data-testid="login-form">
        <Form.Item name="username" label={t('login.username')} rules={[requiredRule(t)]}>
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[requiredRule(t)]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('login.submit')}
        </Button>
      </Form>
    </CenteredCard>
  );
}
