// The public portal's frame: the platform's name, the sections, the language switch and a way
// in for those with an account. Nothing here needs a session.
import { Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { Button, Layout, Menu, Space, Typography } from 'antd';
import { LoginOutlined } from '@ant-design/icons';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { PUBLIC_PAGES, publicPageForPath } from '../publicPages';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { LogoMark } from '../components/Logo';
import { ContentSpin } from '../components/FullPageSpin';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { BreadcrumbTrailProvider } from './breadcrumbs';
import { PublicSectionIcon } from './moduleIcons';

export default function PublicLayout() {
  const { t } = useI18n();
  const { user } = useAuth();
  const { pathname } = useLocation();
  const current = publicPageForPath(pathname);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, background: '#fff', borderBottom: '1px solid #e8e8e8', padding: '0 24px' }}>
        <Link to="/public" style={{ display: 'flex', alignItems: 'center', gap: 10, color: 'inherit' }} data-testid="public-home-link">
          <LogoMark size={30} />
          <span style={{ display: 'flex', flexDirection: 'column', lineHeight: 1.25 }}>
            <Typography.Text strong style={{ fontSize: 16 }}>{t('app.name')}</Typography.Text>
            {/* Capped so that every section fits in the menu at 1440 px in English too (hidden
                overflow items would otherwise be focusable yet aria-hidden). */}
            <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 300 }} ellipsis title={t('public.tagline')}>{t('public.tagline')}</Typography.Text>
          </span>
        </Link>
        <Menu
          mode="horizontal"
          style={{ flex: 1, minWidth: 0, borderBottom: 'none' }}
          selectedKeys={current ? [current.key] : []}
          items={PUBLIC_PAGES.map((p) => ({ key: p.key, icon: <PublicSectionIcon pageKey={p.key} />, label: <Link to={p.path}>{t(p.labelKey)}</Link> }))}
          data-testid="public-menu"
        />
        <Space>
          <LanguageSwitch />
          <Link to={user ? '/' : '/login'}>
            <Button type="primary" icon={<LoginOutlined />} data-testid="public-sign-in">{t(user ? 'public.workspace' : 'public.signIn')}</Button>
          </Link>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24, maxWidth: 1280, width: '100%', margin: '0 auto' }}>
        <BreadcrumbTrailProvider>
          <ErrorBoundary>
            <Suspense fallback={<ContentSpin />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </BreadcrumbTrailProvider>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: 'rgba(0, 0, 0, 0.6)' }}>
        {t('app.bureau')} · {t('app.name')} · {t('public.footer')}
      </Layout.Footer>
    </Layout>
  );
}
