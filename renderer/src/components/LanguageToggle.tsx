import { Segmented } from 'antd';
import type { Locale } from '../../../shared/domain/locale';
import { usePreferences } from '../stores/preferences';

/** Language choice before sign-in (after sign-in the header's menu also saves it for the user). */
export function LanguageToggle() {
  const { locale, setLocale } = usePreferences();
  return (
    <Segmented<Locale>
      size="small"
      value={locale}
      onChange={(value) => void setLocale(value)}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'EN', value: 'en-US' },
      ]}
      data-testid="language-toggle"
    />
  );
}
