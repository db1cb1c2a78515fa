/**
 * The shell after login: the side menu of app/menu.tsx (a drawer at phone width; sticky beside long pages), header with
 * the notification bell (unread count), language switch and user menu.
 */
import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { App as AntApp, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Typography, type MenuProps } from 'antd';
import { KeyOutlined, LogoutOutlined, MenuOutlined, SafetyOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { roleLabels } from '@kpc/contracts';
import '../../lib/i18n-app';
import { labelOf } from '../../lib/i18n';
import { useCurrentUser } from '../../lib/session';
import { LanguageSwitch } from '../../components/language-switch';
import { PageSpinner } from '../../components/page-spinner';
import { useLogout } from '../../features/auth/api/logout';
import { NotificationBell } from '../../features/notifications/components/notification-bell';
import { menuItems } from '../menu';
import { OfflineQueueSync } from '../offline-queue-sync';

const HEADER_HEIGHT = 64;

export default function AppLayout() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const screens = Grid.useBreakpoint();
  const isPhone = !screens.md;
  const [drawerOpen, setDrawerOpen] = useState(false);

  // labels follow the language
  const items = useMemo(() => menuItems(user, t), [user, t, i18n.language]);
  const selected = '/' + location.pathname.split('/').filter(Boolean).slice(0, 2).join('/');
  const selectedKey = selected.startsWith('/projects') ? '/projects' : selected;

  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={[selectedKey]}
      defaultOpenKeys={['admin']}
      onClick={() => setDrawerOpen(false)}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  const userMenu: MenuProps = {
    items: [
      {
        key: 'who',
        disabled: true,
        label: (
          <div style={{ lineHeight: 1.6, color: 'rgba(0,0,0,0.75)' }}>
            <div style={{ fontWeight: 600 }}>{user.displayName}</div>
            <div>{user.roles.map((r) => labelOf(roleLabels, r)).join('、')}</div>
            {user.unitName && <div>{user.unitName}</div>}
            <div>{user.regionName ?? user.regionCode}</div>
          </div>
        ),
      },
      { type: 'divider' },
      { key: 'security', icon: <SafetyOutlined />, label: <span data-testid="account-security">{t('account.title')}</span> },
      { key: 'password', icon: <KeyOutlined />, label: t('auth.password.title') },
      { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('auth.logout')}</span> },
    ],
    onClick: ({ key }) => {
      if (key === 'security') navigate('/account/security');
      if (key === 'password') navigate('/change-password');
      if (key === 'logout') logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
    },
  };

  return (
    <AntApp>
      <OfflineQueueSync />
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            padding: isPhone ? '0 8px' : '0 20px',
            background: '#1f3b6e',
            height: HEADER_HEIGHT,
            position: 'sticky',
            top: 0,
            // above antd's sticky table cells (fixed columns use z-index 12), below popups (1000+)
            zIndex: 100,
          }}
        >
          {isPhone && (
            <Button
              type="text"
              aria-label={t('nav.menu')}
              icon={<MenuOutlined style={{ color: '#fff' }} />}
              onClick={() => setDrawerOpen(true)}
            />
          )}
          <Link
            to="/"
            style={{
              color: '#fff',
              fontSize: isPhone ? 16 : 18,
              fontWeight: 600,
              whiteSpace: 'nowrap',
              overflow: 'hidden',
              textOverflow: 'ellipsis',
            }}
          >
            {t('app.name')}
          </Link>
          <div style={{ flex: 1 }} />
          <Space size={isPhone ? 4 : 16}>
            <NotificationBell />
            <LanguageSwitch />
            <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
              <Button type="text" data-testid="user-menu" style={{ color: '#fff', paddingInline: 4 }} icon={<TeamOutlined />}>
                {!isPhone && <Typography.Text style={{ color: '#fff' }}>{user.displayName}</Typography.Text>}
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout>
          {!isPhone && (
            <Layout.Sider
              width={200}
              theme="light"
              data-testid="app-sider"
              // stays in view on long pages; a menu taller than the window scrolls by itself
              style={{
                borderInlineEnd: '1px solid #e8ecf3',
                position: 'sticky',
                top: HEADER_HEIGHT,
                height: `calc(100vh - ${HEADER_HEIGHT}px)`,
                overflowY: 'auto',
                alignSelf: 'flex-start',
              }}
            >
              {menu}
            </Layout.Sider>
          )}
          {isPhone && (
            <Drawer
              placement="left"
              open={drawerOpen}
              onClose={() => setDrawerOpen(false)}
              size={260}
              title={t('app.name')}
              styles={{ body: { padding: 0 } }}
            >
              {menu}
            </Drawer>
          )}
          <Layout.Content style={{ minWidth: 0 }}>
            <Suspense fallback={<PageSpinner />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
        </Layout>
      </Layout>
    </AntApp>
  );
}
