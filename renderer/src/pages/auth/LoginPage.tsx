import { Alert, Button, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import type { ApiError } from '../../../../shared/domain/errors';
import { api, ApiCallError } from '../../api/client';
import { CenteredCard } from '../../components/CenteredCard';
import { useT } from '../../i18n';
import { usePreferences } from '../../stores/preferences';
import { useSession } from '../../stores/session';
import { requiredRule } from '../../components/formRules';

/** After too many failed sign-ins the core names a wait; the page counts it down. */
interface LoginError {
  message: string;
  params?: ApiError['params'];
  /** Date.now() at which another attempt is allowed (error.tooManyAttempts). */
  retryAt: number | null;
}

function loginError(err: unknown): LoginError {
  if (!(err instanceof ApiCallError)) return { message: 'error.internal', retryAt: null };
  const seconds = Number(err.error.params?.retryAfterSeconds);
  return { message: err.error.message, params: err.error.params, retryAt: Number.isFinite(seconds) && seconds > 0 ? Date.now() + seconds * 1000 : null };
}

/** The error above the form; a wait is counted down (keyed per error, so each starts fresh). */
function LoginErrorAlert({ error }: { error: LoginError }) {
  const t = useT();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (error.retryAt === null) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [error.retryAt]);
  const secondsLeft = error.retryAt === null ? 0 : Math.max(0, Math.ceil((error.retryAt - now) / 1000));
  const over = error.retryAt !== null && secondsLeft === 0;
  const text = error.retryAt === null ? t(error.message, error.params) : over ? t('login.tryAgainNow') : t(error.message, { ...error.params, retryAfterSeconds: secondsLeft });
  return <Alert type={over ? 'info' : 'error'} showIcon title={text} style={{ marginBottom: 16 }} data-testid="login-error" role="alert" />;
}

/**
 * Sign-in. Errors show above the form: the core gives one message for an unknown user and a wrong
 * password, and says how long to wait after too many failures (counted down here; the button
 * stays enabled because the wait is per username: someone else may sign in meanwhile).
 */
export default function LoginPage() {
  const t = useT();
  const [error, setError] = useState<LoginError | null>(null);
  const [busy, setBusy] = useState(false);
  const { expired, departmentName, signedIn } = useSession();
  const setLocale = usePreferences((s) => s.setLocale);
  const [errorCount, setErrorCount] = useState(0);

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api('auth.login', values);
      const me = await api('auth.me', {});
      await setLocale(me.user.locale);
      signedIn(me.user, me.departmentName);
    } catch (err) {
      setError(loginError(err));
      setErrorCount((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <CenteredCard title={t('login.title')} subtitle={departmentName ? `${departmentName} · ${t('app.name')}` : t('app.name')}>
      {expired && !error && <Alert type="info" showIcon title={t('login.sessionExpired')} style={{ marginBottom: 16 }} />}
      {error && <LoginErrorAlert key={errorCount} error={error} />}
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
