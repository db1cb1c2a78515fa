/** 中文 / English switch; the choice persists (lib/i18n). */
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@kpc/contracts';
import { setLocale } from '../lib/i18n';

export function LanguageSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { i18n } = useTranslation();
  return (
    <Segmented<Locale>
      size={size}
      data-testid="language-switch"
      value={i18n.language === 'en' ? 'en' : 'zh-CN'}
      options={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en', label: 'EN' },
      ]}
      onChange={(v) => setLocale(v)}
    />
  );
}
