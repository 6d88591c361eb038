import { App, Button, Checkbox, Form, Input } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useErrorHandler } from '../../api/errors';
import { CenteredCard } from '../../components/CenteredCard';
import { useT } from '../../i18n';
import { requiredRule } from '../../components/formRules';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { usePreferences } from '../../stores/preferences';
import { useSession } from '../../stores/session';

interface SetupForm {
  departmentName: string;
  adminUsername: string;
  adminDisplayName?: string;
  adminPassword: string;
  confirmPassword: string;
  withDemoData: boolean;
}

/** First run: department name and administrator account (setup.initialize). */
export default function SetupPage() {
  const t = useT();
  const [form] = Form.useForm<SetupForm>();
  const [saving, setSaving] = useState(false);
  const onError = useErrorHandler();
  const locale = usePreferences((s) => s.locale);
  const { setStatus, signedIn } = useSession();
  const { message } = App.useApp();

  const submit = async ({ confirmPassword: _confirm, ...values }: SetupForm) => {
    setSaving(true);
    try {
      const result = await api('setup.initialize', { ...values, locale });
      await signInAsAdministrator(result, values.adminPassword);
    } catch (err) {
      onError(err, form);
    } finally {
      setSaving(false);
    }
  };

  /**
   * The administrator just chose this password: sign in with it rather than ask for it again.
   * Through auth.login like any sign-in, so each transport keeps the session its own way (the
   * desktop app holds the token in the main process, never in the page).
   */
  const signInAsAdministrator = async (result: { departmentName: string; adminUsername: string }, password: string) => {
    try {
      await api('auth.login', { username: result.adminUsername, password });
      const me = await api('auth.me', {});
      void message.success(t('shell.setupDone'));
      signedIn(me.user, me.departmentName);
    } catch (err) {
      // The department is set up either way: the normal sign-in is the way on.
      onError(err);
      setStatus('signedOut', result.departmentName);
    }
  };

  return (
    <CenteredCard title={t('setup.title')} subtitle={t('setup.subtitle')} documentTitle={t('shell.setupTitle')}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ departmentName: '运营部', adminUsername: 'admin', withDemoData: false }} data-testid="setup-form">
        <Form.Item name="departmentName" label={t('setup.departmentName')} rules={[requiredRule(t)]}>
          <Input maxLength={100} autoFocus />
        </Form.Item>
        <Form.Item name="adminUsername" label={t('setup.adminUsername')} rules={[requiredRule(t)]}>
          <Input maxLength={40} autoComplete="username" />
        </Form.Item>
        <Form.Item name="adminDisplayName" label={t('setup.adminDisplayName')}>
          <Input maxLength={60} />
        </Form.Item>
        <NewPasswordFields name="adminPassword" label={t('setup.adminPassword')} extra={t('setup.passwordHint')} confirmName="confirmPassword" confirmLabel={t('setup.confirmPassword')} />
        <Form.Item name="withDemoData" valuePropName="checked">
          <Checkbox>{t('setup.withDemoData')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={saving}>
          {t('setup.submit')}
        </Button>
      </Form>
    </CenteredCard>
  );
}
