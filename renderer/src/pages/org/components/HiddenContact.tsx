import { LockOutlined } from '@ant-design/icons';
import { Tooltip, Typography } from 'antd';
import { useT } from '../../../i18n';

/** A colleague's contact detail the caller may not see (the core left it out): said so, not shown as empty. */
export function HiddenContact() {
  const t = useT();
  return (
    <Tooltip title={t('org.employees.contactsHidden')}>
      <Typography.Text type="secondary" data-testid="contact-hidden">
        <LockOutlined /> {t('org.employees.hiddenValue')}
      </Typography.Text>
    </Tooltip>
  );
}
