import { App, Card, Descriptions, Segmented, Space, Tag } from 'antd';
import type { Locale } from '../../../../shared/domain/locale';
import { useErrorHandler } from '../../api/errors';
import { useSwitchLocale } from '../../app/MainLayout';
import { ChangePasswordForm } from '../../components/ChangePasswordForm';
import { PageTitle } from '../../components/PageTitle';
import { useT } from '../../i18n';
import { usePreferences } from '../../stores/preferences';
import { useSession } from '../../stores/session';

/** 个人设置: account details, interface language (remembered per user), password. */
export default function AccountPage() {
  const t = useT();
  const user = useSession((s) => s.user);
  const locale = usePreferences((s) => s.locale);
  const switchLocale = useSwitchLocale();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  if (!user) return null;
  return (
    <>
      <PageTitle title={t('account.title')} />
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Card title={t('account.profile')}>
          <Descriptions
            column={1}
            items={[
              { key: 'u', label: t('users.username'), children: user.username },
              { key: 'n', label: t('users.displayName'), children: user.displayName },
              { key: 'r', label: t('users.roles'), children: user.roles.map((r) => <Tag key={r}>{t(`role.${r}`)}</Tag>) },
            ]}
          />
        </Card>
        <Card title={t('account.language')}>
          <Segmented<Locale>
            value={locale}
            data-testid="account-language"
            options={[
              { label: '简体中文', value: 'zh-CN' },
              { label: 'English', value: 'en-US' },
            ]}
            onChange={(v) =>
              switchLocale(v).then(
                () => message.success(t('account.languageSaved')),
                (err: unknown) => onError(err),
              )
            }
          />
        </Card>
        <Card title={t('password.title')}>
          <ChangePasswordForm />
        </Card>
      </Space>
    </>
  );
}
