/** The centred card that frames login and the forced password change. */
import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../../components/language-switch';

export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        background: 'linear-gradient(160deg, #e8eef9 0%, #f7f9fc 60%)',
      }}
    >
      <div style={{ position: 'fixed', top: 12, right: 12 }}>
        <LanguageSwitch />
      </div>
      <Typography.Title level={2} style={{ marginBottom: 4, textAlign: 'center', color: '#1f3b6e' }}>
        {t('app.name')}
      </Typography.Title>
      <Typography.Text type="secondary" style={{ marginBottom: 24, textAlign: 'center' }}>
        {t('app.tagline')}
      </Typography.Text>
      <Card title={title} style={{ width: '100%', maxWidth: 380 }}>
        {children}
      </Card>
    </div>
  );
}
