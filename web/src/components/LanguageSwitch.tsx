import { Segmented } from 'antd';
import { useI18n, type Locale } from '../i18n';

// Language names are shown in their own language, so each is readable whatever is selected.
const OPTIONS: { label: string; value: Locale }[] = [
  { label: '中文', value: 'zh-CN' },
  { label: 'English', value: 'en-US' },
];

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <Segmented<Locale>
      size="small"
      aria-label={t('lang.switch')}
      options={OPTIONS}
      value={locale}
      onChange={setLocale}
      data-testid="language-switch"
    />
  );
}
