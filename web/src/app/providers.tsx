/**
 * App-wide providers: query client, antd theme and locale (following the UI language).
 * antd's <App> (message/notification context) is mounted by the layout, keeping it out of the login bundle.
 */
import type { ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import enUS from 'antd/es/locale/en_US';
import { useTranslation } from 'react-i18next';
import { queryClient } from '../lib/query-client';

export function Providers({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1f5fbf' } }}>
        {children}
      </ConfigProvider>
    </QueryClientProvider>
  );
}
