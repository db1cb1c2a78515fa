/** The centred card that frames login and the forced password change. */
import type { ReactNode } from 'react';
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
      {/* plain elements: antd Typography would add ~30 KB gzip to the login bundle */}
      <h1 style={{ margin: '0 0 4px', fontSize: 28, fontWeight: 600, textAlign: 'center', color: '#1f3b6e' }}>{t('app.name')}</h1>
      <p style={{ margin: '0 0 24px', textAlign: 'center', color: 'rgba(0,0,0,0.45)' }}>{t('app.tagline')}</p>
      {/* a plain panel, not antd Card: Card pulls in Tabs (~8 KB gzip) that the login screen never shows */}
      <section
        style={{
          width: '100%',
          maxWidth: 380,
          background: '#fff',
          borderRadius: 8,
          boxShadow: '0 1px 2px rgba(0,0,0,0.06), 0 4px 16px rgba(31,59,110,0.08)',
          padding: '20px 24px 24px',
        }}
      >
        <h2 style={{ margin: '0 0 16px', fontSize: 18, fontWeight: 600 }}>{title}</h2>
        {children}
      </section>
    </div>
  );
}
