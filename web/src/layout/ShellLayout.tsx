import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { App, Avatar, Breadcrumb, Button, Dropdown, Layout, Menu, Space, Typography, type MenuProps } from 'antd';
import { DownOutlined, LockOutlined, LogoutOutlined } from '@ant-design/icons';
import { useAuth, useCurrentUser } from '../auth/AuthContext';
import { useI18n, type MessageKey } from '../i18n';
import { canOpen, moduleForPath, moduleLabelKey, MODULES } from '../modules';
import { BreadcrumbTrailProvider, useTrail } from './breadcrumbs';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { LogoMark } from '../components/Logo';
import { ContentSpin } from '../components/FullPageSpin';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { NotificationsBell } from './NotificationsBell';
import { ModuleIcon } from './moduleIcons';
import { roleLabel } from '../format';

const COLLAPSED_KEY = 'luchuang.siderCollapsed';

/** Pages outside the modules that still live in the shell, with their breadcrumb label. */
const SHELL_PAGES: Record<string, MessageKey> = {
  '/account/password': 'nav.changePassword',
  '/403': 'nav.forbidden',
};

function readCollapsed(): boolean {
  try {
    return window.localStorage.getItem(COLLAPSED_KEY) === 'true';
  } catch {
    return false;
  }
}

function Breadcrumbs() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const { pathname } = useLocation();
  const trail = useTrail();
  if (pathname === '/') return null;
  const module = moduleForPath(pathname);
  const label: MessageKey = module ? moduleLabelKey(module, user.role) : (SHELL_PAGES[pathname] ?? 'nav.notFound');
  return (
    <Breadcrumb
      style={{ marginBottom: 16 }}
      items={[
        { title: <Link to="/">{t('nav.home')}</Link> },
        { title: module && trail.length ? <Link to={module.path}>{t(label)}</Link> : t(label) },
        ...trail.map((crumb, index) => ({
          title: crumb.path && index < trail.length - 1 ? <Link to={crumb.path}>{crumb.title}</Link> : crumb.title,
        })),
      ]}
      data-testid="breadcrumbs"
    />
  );
}


function UserMenu() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const { logout } = useAuth();
  const navigate = useNavigate();

  const items: MenuProps['items'] = [
    {
      key: 'profile',
      type: 'group',
      label: (
        <div style={{ lineHeight: 1.5 }}>
          <div style={{ color: 'rgba(0,0,0,0.88)', fontWeight: 500 }}>{user.displayName}</div>
          <div>{roleLabel(t, user.role)}</div>
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'password', icon: <LockOutlined />, label: t('nav.changePassword') },
    { key: 'logout', icon: <LogoutOutlined />, label: t('shell.logout'), danger: true },
  ];

  async function onClick({ key }: { key: string }) {
    if (key === 'password') navigate('/account/password');
    if (key === 'logout') {
      await logout();
      navigate('/login', { replace: true, state: { loggedOut: true } });
    }
  }

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button type="text" data-testid="user-menu" style={{ height: 40 }}>
        <Space size={8}>
          <Avatar size={28} style={{ background: '#1558d6' }}>
            {user.displayName.slice(0, 1).toUpperCase()}
          </Avatar>
          <span data-testid="user-display-name">{user.displayName}</span>
          <DownOutlined style={{ fontSize: 10 }} />
        </Space>
      </Button>
    </Dropdown>
  );
}

export default function ShellLayout() {
  // antd's App (message, modal, notification) is provided here, not in App.tsx, to keep it
  // out of the login route's bundle.
  return (
    <App>
      <BreadcrumbTrailProvider>
        <ShellFrame />
      </BreadcrumbTrailProvider>
    </App>
  );
}

function ShellFrame() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useState(readCollapsed);

  function onCollapse(value: boolean) {
    setCollapsed(value);
    try {
      window.localStorage.setItem(COLLAPSED_KEY, String(value));
    } catch {
      // Not persisting the sidebar state is harmless.
    }
  }

  const menuItems: MenuProps['items'] = MODULES.filter((module) => canOpen(module, user.role)).map((module) => ({
    key: module.key,
    icon: <ModuleIcon moduleKey={module.key} />,
    label: <Link to={module.path}>{t(moduleLabelKey(module, user.role))}</Link>,
  }));
  const selected = moduleForPath(pathname);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={onCollapse}
        width={220}
        theme="dark"
        data-testid="sidebar"
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <Link
          to="/"
          style={{
            height: 64,
            display: 'flex',
            alignItems: 'center',
            gap: 10,
            padding: collapsed ? '0 24px' : '0 20px',
            color: '#fff',
            textDecoration: 'none',
            overflow: 'hidden',
            whiteSpace: 'nowrap',
          }}
        >
          <LogoMark size={32} />
          {!collapsed && <span style={{ fontSize: 18, fontWeight: 600, letterSpacing: 1 }}>{t('app.name')}</span>}
        </Link>
        <Menu theme="dark" mode="inline" items={menuItems} selectedKeys={selected ? [selected.key] : []} />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 10,
            display: 'flex',
            alignItems: 'center',
            gap: 16,
            padding: '0 16px 0 24px',
            background: '#fff',
            boxShadow: '0 1px 4px rgba(0, 21, 41, 0.08)',
          }}
        >
          <Typography.Text type="secondary" ellipsis style={{ flex: 1, minWidth: 0 }}>
            {t('app.subtitle')}
          </Typography.Text>
          <LanguageSwitch />
          <NotificationsBell />
          <UserMenu />
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Breadcrumbs />
          <ErrorBoundary key={pathname}>
            <Suspense fallback={<ContentSpin />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', color: 'rgba(0, 0, 0, 0.6)', fontSize: 12, padding: '12px 24px 20px' }}>
          © {new Date().getFullYear()} {t('app.bureau')} · {t('app.name')}
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
