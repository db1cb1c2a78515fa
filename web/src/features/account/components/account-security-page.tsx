/**
 * 账号安全: the signed-in user's own security — two-step verification, open sessions, the password.
 * Reached from the user menu; a user whose role requires TOTP is sent here until they enrol.
 */
import { Button, Card, Space, Typography } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../../lib/session';
import { SessionsCard } from './sessions-card';
import { TotpCard } from './totp-card';

export default function AccountSecurityPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  return (
    <div className="kpc-page" style={{ maxWidth: 1100 }}>
      <Typography.Title level={4} style={{ margin: '0 0 12px' }}>
        {t('account.title')}
      </Typography.Title>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <TotpCard />
        {/* sessions and the password open once a required enrolment is done (the server refuses them before) */}
        {!user.totpEnrolmentRequired && <SessionsCard />}
        <Card
          title={
            <Space>
              <KeyOutlined />
              {t('account.password.title')}
            </Space>
          }
        >
          <Typography.Paragraph type="secondary">{t('account.password.hint')}</Typography.Paragraph>
          <Button onClick={() => navigate('/change-password')} data-testid="account-change-password">
            {t('auth.password.title')}
          </Button>
        </Card>
      </Space>
    </div>
  );
}
